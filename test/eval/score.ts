// Scores leakgate's findings against the generator's labels, and formats the figures.
//
// A content finding matches a label when it is in the label's file, its lines overlap the label's
// lines, and its secret equals the labelled text (or the value that text encodes: base64 in a
// Secret manifest, a JSON-escaped key), contains it (a rule that reports a whole connection URL
// for a labelled password), or is contained in it and at least 8 characters long (a rule that
// reports a key block's header line, or a webhook's token part). A path finding matches a path
// label of its file. Findings of kind "policy" (a name used outside its allowed paths) judge
// where a name appears, not a value, so they are counted apart and left out of precision.
//
// recall per kind = labelled secrets found by at least one finding / labelled secrets
// precision       = findings that match a labelled secret / all content and path findings
// Two rules reporting the same secret are both true positives: neither is a false alarm.
import type { Finding } from "../../src/model.js";
import { redactSecret } from "../../src/reporters/redact.js";
import type { Label } from "./model.js";

export const TARGETS = { recall: 0.98, precision: 0.98 } as const;

/** What the scorer reads of a finding. */
export type ScoredFinding = Pick<Finding, "ruleId" | "kind" | "path" | "start" | "end" | "secret">;

export interface KindScore {
  readonly kind: string;
  readonly secrets: number;
  readonly found: number;
  readonly decoys: number;
}

export interface FalsePositive {
  readonly finding: ScoredFinding;
  /** The decoy it landed on, when it landed on one. */
  readonly decoy?: Label;
}

export interface Score {
  readonly kinds: readonly KindScore[];
  readonly truePositives: readonly ScoredFinding[];
  readonly falsePositives: readonly FalsePositive[];
  readonly falseNegatives: readonly Label[];
  readonly policyFindings: number;
  readonly recall: number;
  readonly precision: number;
}

const MIN_PART = 8;

/** Whether a reported secret names the labelled text (see the header comment). */
export function secretMatches(reported: string, label: Pick<Label, "text" | "decoded">): boolean {
  for (const text of [label.text, label.decoded]) {
    if (!text) continue;
    if (reported === text || reported.includes(text)) return true;
    if (reported.length >= Math.min(MIN_PART, text.length) && text.includes(reported)) return true;
  }
  return false;
}

function matches(finding: ScoredFinding, label: Label): boolean {
  if (finding.path !== label.file) return false;
  if (finding.kind === "path") return label.scope === "path";
  if (label.scope !== "content") return false;
  if (finding.end.line < label.line || finding.start.line > label.endLine) return false;
  return secretMatches(finding.secret, label);
}

export function scoreFindings(labels: readonly Label[], findings: readonly ScoredFinding[]): Score {
  const byFile = new Map<string, Label[]>();
  for (const label of labels) byFile.set(label.file, [...(byFile.get(label.file) ?? []), label]);
  const found = new Set<Label>();
  const truePositives: ScoredFinding[] = [];
  const falsePositives: FalsePositive[] = [];
  let policyFindings = 0;
  for (const finding of findings) {
    if (finding.kind === "policy") {
      policyFindings++;
      continue;
    }
    const near = (byFile.get(finding.path) ?? []).filter((label) => matches(finding, label));
    const secrets = near.filter((label) => label.role === "secret");
    if (secrets.length > 0) {
      truePositives.push(finding);
      for (const label of secrets) found.add(label);
    } else {
      const decoy = near.find((label) => label.role === "decoy");
      falsePositives.push(decoy ? { finding, decoy } : { finding });
    }
  }
  const secretLabels = labels.filter((label) => label.role === "secret");
  const kinds = [...new Set(labels.map((label) => label.kind))].map((kind) => ({
    kind,
    secrets: secretLabels.filter((label) => label.kind === kind).length,
    found: secretLabels.filter((label) => label.kind === kind && found.has(label)).length,
    decoys: labels.filter((label) => label.kind === kind && label.role === "decoy").length,
  }));
  const counted = truePositives.length + falsePositives.length;
  return {
    kinds,
    truePositives,
    falsePositives,
    falseNegatives: secretLabels.filter((label) => !found.has(label)),
    policyFindings,
    recall: secretLabels.length === 0 ? 1 : found.size / secretLabels.length,
    precision: counted === 0 ? 1 : truePositives.length / counted,
  };
}

export function meetsTargets(score: Score): boolean {
  return score.recall >= TARGETS.recall && score.precision >= TARGETS.precision;
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const where = (path: string, line: number, column: number): string => `${path}:${line}:${column}`;

export interface ReportHeader {
  readonly seed: string;
  readonly files: number;
  readonly durationMs: number;
  /** Show every false positive and negative instead of the first few of each group. */
  readonly verbose?: boolean;
}

/** The figures as text. Secrets are shown redacted only, like every leakgate report. */
export function formatScore(score: Score, labels: readonly Label[], header: ReportHeader): string {
  const secrets = labels.filter((label) => label.role === "secret").length;
  const decoys = labels.length - secrets;
  const shown = header.verbose ? Infinity : 3;
  const out: string[] = [];
  out.push(`leakgate eval: seed ${header.seed}, ${header.files} files, ${secrets} planted secrets, ${decoys} decoys, scanned in ${(header.durationMs / 1000).toFixed(1)} s`);
  out.push("");
  const width = Math.max(...score.kinds.map((k) => k.kind.length), 4);
  out.push(`${"kind".padEnd(width)}  secrets  found  recall  decoys`);
  for (const k of [...score.kinds].sort((a, b) => a.kind.localeCompare(b.kind))) {
    const recall = k.secrets === 0 ? "-" : pct(k.found / k.secrets);
    out.push(`${k.kind.padEnd(width)}  ${String(k.secrets).padStart(7)}  ${String(k.found).padStart(5)}  ${recall.padStart(6)}  ${String(k.decoys).padStart(6)}`);
  }
  out.push("");
  const tp = score.truePositives.length;
  const fp = score.falsePositives.length;
  out.push(`recall     ${pct(score.recall).padStart(6)}  (${secrets - score.falseNegatives.length}/${secrets} secrets found)      target >= ${pct(TARGETS.recall)}`);
  out.push(`precision  ${pct(score.precision).padStart(6)}  (${tp}/${tp + fp} findings are secrets)   target >= ${pct(TARGETS.precision)}`);
  if (score.policyFindings > 0) out.push(`(${score.policyFindings} policy findings not counted: they judge where a name appears, not a value)`);

  if (fp > 0) {
    out.push("", `false positives by rule (${fp}):`);
    const byRule = groupBy(score.falsePositives, (entry) => entry.finding.ruleId);
    for (const [rule, entries] of byRule) {
      out.push(`  ${rule}: ${entries.length}`);
      for (const { finding, decoy } of entries.slice(0, shown)) {
        const on = decoy ? `decoy ${decoy.kind}/${decoy.category} (${decoy.form})` : "unlabelled text";
        out.push(`    ${where(finding.path, finding.start.line, finding.start.column)}  ${redactSecret(finding.secret)}  on ${on}`);
      }
    }
  }
  if (score.falseNegatives.length > 0) {
    out.push("", `false negatives by kind (${score.falseNegatives.length}):`);
    for (const [kind, missed] of groupBy(score.falseNegatives, (label) => label.kind)) {
      const forms = [...new Set(missed.map((label) => label.form))].join(", ");
      out.push(`  ${kind}: ${missed.length}  (${forms})`);
      for (const label of missed.slice(0, shown)) {
        out.push(`    ${where(label.file, label.line, label.column)}  ${label.scope === "path" ? "(path)" : redactSecret(label.text)}  ${label.form}`);
      }
    }
  }
  return `${out.join("\n")}\n`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}
