// The baseline: findings a team has accepted for now (old leaks being rotated, fixtures), kept as
// fingerprints (keyed hashes: never the secret) so a scan reports only what is new. Pure: the file
// is read and written by src/baseline-file.ts, today's date is passed in.
import type { Finding } from "../model.js";

export interface BaselineEntry {
  readonly ruleId: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly reason?: string;
  readonly owner?: string;
  /** YYYY-MM-DD: the entry suppresses its finding up to and including this day (UTC). */
  readonly expires?: string;
}

export interface Baseline {
  /** Per-repository salt of the fingerprints (see src/baseline-file.ts for why it lives here). */
  readonly salt: string;
  readonly entries: readonly BaselineEntry[];
}

export interface BaselineOutcome {
  /** The findings still reported: not in the baseline, or only under an expired entry. */
  readonly findings: Finding[];
  /** How many findings the baseline suppressed. */
  readonly suppressed: number;
  /** Expired entries and (when the scan covered everything) stale ones, one line each. */
  readonly warnings: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (2025-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The UTC day of a moment, YYYY-MM-DD: the unit `expires` is written in. */
export function dayOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

export function isExpired(entry: BaselineEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

const describeEntry = (entry: BaselineEntry): string => `${entry.ruleId} in ${entry.path} (${entry.fingerprint})`;

/**
 * Drops the findings the baseline accepts. An entry matches by fingerprint alone: rule, path and
 * value, no line number, so moving lines keeps it and a new secret in the same file does not match.
 * `complete` says the scan saw everything the baseline describes (a whole-tree scan), so an entry
 * that matched nothing is stale; a staged or partial scan cannot tell.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline, today: string, complete: boolean): BaselineOutcome {
  const byFingerprint = new Map(baseline.entries.map((entry) => [entry.fingerprint, entry]));
  const matched = new Set<string>();
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const finding of findings) {
    const entry = byFingerprint.get(finding.fingerprint);
    if (entry) matched.add(entry.fingerprint);
    if (entry && !isExpired(entry, today)) suppressed++;
    else kept.push(finding);
  }
  const warnings: string[] = [];
  for (const entry of baseline.entries) {
    if (matched.has(entry.fingerprint) && isExpired(entry, today)) {
      warnings.push(`baseline entry for ${describeEntry(entry)} expired on ${entry.expires}: its finding is reported again — fix it, or renew it with leakgate allow ${entry.fingerprint} --reason … --expires DATE`);
    } else if (!matched.has(entry.fingerprint) && complete) {
      warnings.push(`stale baseline entry: ${describeEntry(entry)} matches no finding any more — run leakgate baseline to drop it`);
    }
  }
  return { findings: kept, suppressed, warnings };
}

/** Canonical order, so the file is stable and merges cleanly: by path, rule, fingerprint. */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) => compare(a.path, b.path) || compare(a.ruleId, b.ruleId) || compare(a.fingerprint, b.fingerprint),
  );
}

// Code-unit order, not locale order: the same bytes on every machine.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface RebuiltBaseline {
  readonly baseline: Baseline;
  readonly added: number;
  readonly kept: number;
  readonly dropped: number;
}

/**
 * A baseline of the current findings: one entry per fingerprint. Entries that still match keep
 * their reason, owner and expiry (so regenerating never renews an expired exception); entries that
 * match nothing are dropped.
 */
export function rebuildBaseline(findings: readonly Finding[], previous: Baseline): RebuiltBaseline {
  const old = new Map(previous.entries.map((entry) => [entry.fingerprint, entry]));
  const entries = new Map<string, BaselineEntry>();
  let kept = 0;
  for (const finding of findings) {
    if (entries.has(finding.fingerprint)) continue;
    const before = old.get(finding.fingerprint);
    if (before) kept++;
    entries.set(finding.fingerprint, before ?? { ruleId: finding.ruleId, path: finding.path, fingerprint: finding.fingerprint });
  }
  return {
    baseline: { salt: previous.salt, entries: sortEntries([...entries.values()]) },
    added: entries.size - kept,
    kept,
    dropped: previous.entries.length - kept,
  };
}

/** The baseline with `entry` added, or replacing the entry of the same fingerprint; others untouched. */
export function withEntry(baseline: Baseline, entry: BaselineEntry): Baseline {
  const others = baseline.entries.filter((each) => each.fingerprint !== entry.fingerprint);
  return { salt: baseline.salt, entries: sortEntries([...others, entry]) };
}
