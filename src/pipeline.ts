// Source -> engine -> filters, with the scan's figures: the stages joined, nothing more.
import type { FragmentScanner } from "./engine/scan.js";
import { filterFindings, type FilterContext } from "./filters/index.js";
import type { Finding, Fragment, ScanStats, Source } from "./model.js";

export interface ScanRun {
  /** Findings after the filters. */
  readonly findings: Finding[];
  /** Every finding the engine made, allowed or not: the redactor masks all of their values. */
  readonly raw: Finding[];
  readonly stats: ScanStats;
  /** What stopped the scan early, if anything: the findings made before it are kept. */
  readonly error?: unknown;
}

export function emptyStats(rules: number): ScanStats {
  return { files: 0, bytes: 0, commits: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0, rules, durationMs: 0 };
}

/**
 * A scanner that may finish its work elsewhere (worker threads): drain() returns the rest. One
 * that reads fragments handed on unread (`readFrom`) tells onRead's listener of each fragment it
 * read, wherever it read it: those are what the scan counts.
 */
export type PipelineScanner = FragmentScanner & {
  drain?(): Promise<Finding[]>;
  onRead?(listener: (fragment: Fragment) => void): void;
};

export async function runScan(
  source: Source,
  scanner: PipelineScanner,
  filters: FilterContext,
  stats: ScanStats,
  now: () => number,
  /** Hears each fragment read (progress, --verbose), after it is counted in `stats`. */
  onFragment?: (fragment: Fragment, stats: ScanStats) => void,
): Promise<ScanRun> {
  const started = now();
  const raw: Finding[] = [];
  const commits = new Set<string>();
  let error: unknown;
  const count = (fragment: Fragment): void => {
    if (fragment.kind !== "message" && !fragment.part) {
      stats.files++;
      stats.bytes += fragment.bytes;
    }
    if (fragment.commit) commits.add(fragment.commit.sha);
    if (fragment.skipped === "binary") stats.skippedBinary++;
    else if (fragment.skipped === "too-large") stats.skippedTooLarge++;
    else if (fragment.skipped === "unreadable") stats.skippedUnreadable++;
    onFragment?.(fragment, stats);
  };
  scanner.onRead?.(count);
  try {
    for await (const fragment of source) {
      if (fragment.readFrom === undefined) count(fragment);
      else if (!scanner.onRead) throw new Error(`${fragment.path} was handed on unread to a scanner that does not read files`);
      raw.push(...scanner.scanFragment(fragment));
    }
  } catch (caught) {
    error = caught;
  }
  try {
    if (scanner.drain) raw.push(...(await scanner.drain()));
  } catch (caught) {
    error ??= caught;
  }
  stats.commits = Math.max(stats.commits, commits.size);
  stats.durationMs = now() - started;
  return { findings: filterFindings(raw, filters), raw, stats, ...(error !== undefined ? { error } : {}) };
}
