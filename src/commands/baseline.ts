// leakgate baseline: accept every current finding of the working tree, so scans report only new
// ones; and what a scan needs from the baseline (its fingerprint key and its filter).
import { resolve } from "node:path";
import { BASELINE_FILE, emptyBaseline, fingerprintKey, newSalt, readBaseline, writeBaseline } from "../baseline-file.js";
import { createBudgetedRunner, DEFAULT_BUDGET_MS, DEFAULT_MAX_CUTS, guardUntrusted } from "../engine/budget.js";
import { createFragmentScanner } from "../engine/scan.js";
import { applyBaseline, dayOf, isExpired, rebuildBaseline, type BaselineOutcome } from "../filters/baseline.js";
import { createFingerprinter, type Fingerprinter } from "../filters/fingerprint.js";
import { reportFailure } from "../failure.js";
import { EXIT, type Io } from "../io.js";
import type { Finding } from "../model.js";
import type { Options } from "../options.js";
import { emptyStats, runScan, type ScanRun } from "../pipeline.js";
import { worktreeSource } from "../sources/worktree.js";
import { configRoot, loadRules } from "./load-rules.js";

/** Every finding of the repository's working tree, before the baseline (what baseline and allow work on). */
export async function scanWholeTree(options: Options, io: Io, root: string, fingerprints: Fingerprinter): Promise<ScanRun> {
  const ruleSet = await loadRules(options, io, root);
  const warn = (message: string) => io.stderr.write(`leakgate: warning: ${message}\n`);
  const runner = createBudgetedRunner({ budgetMs: DEFAULT_BUDGET_MS, maxCuts: DEFAULT_MAX_CUTS, warn, guarded: guardUntrusted });
  const scanner = createFragmentScanner(ruleSet.rules, fingerprints, [], runner);
  const source = worktreeSource({ cwd: root, paths: [], noIgnore: options.noIgnore, maxFileSize: options.maxFileSize, env: io.env, wantsText: scanner.wantsText });
  return runScan(source, scanner, { allowlists: ruleSet.allowlists }, emptyStats(ruleSet.rules.length), io.now);
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export async function baselineCommand(options: Options, io: Io): Promise<number> {
  const root = await configRoot(options, io);
  const previous = readBaseline(root) ?? emptyBaseline(newSalt());
  const run = await scanWholeTree(options, io, root, createFingerprinter(previous.salt));
  // A partial scan would drop the entries of every file it did not reach.
  if (run.error !== undefined) return reportFailure(run.error, io);
  const rebuilt = rebuildBaseline(run.findings, previous);
  writeBaseline(root, rebuilt.baseline);
  const today = dayOf(new Date());
  const expired = rebuilt.baseline.entries.filter((entry) => isExpired(entry, today)).length;
  io.stderr.write(
    `leakgate: wrote ${BASELINE_FILE}: ${plural(rebuilt.baseline.entries.length, "entry", "entries")} (${rebuilt.added} new, ${rebuilt.kept} kept, ${rebuilt.dropped} stale dropped)\n`,
  );
  if (expired > 0) io.stderr.write(`leakgate: warning: ${plural(expired, "entry has", "entries have")} expired: still reported — see leakgate scan\n`);
  return EXIT.clean;
}

export interface ScanBaseline {
  /** The key the scan's fingerprints are made with: the baseline's salt, even under --no-baseline. */
  readonly fingerprintKey: string;
  /** The findings the baseline does not accept, and what to say about its entries. */
  apply(findings: readonly Finding[], complete: boolean): BaselineOutcome;
}

/** The baseline a scan of `root` reads automatically (nothing is filtered with --no-baseline). */
export function loadScanBaseline(root: string, options: Options, today: string): ScanBaseline {
  const baseline = readBaseline(root);
  return {
    fingerprintKey: fingerprintKey(baseline),
    apply(findings, complete) {
      if (baseline === undefined || options.noBaseline) return { findings: [...findings], suppressed: 0, warnings: [] };
      return applyBaseline(findings, baseline, today, complete);
    },
  };
}

/** Whether a worktree scan covered the whole repository (no path, or the root), so an unmatched entry is stale. */
export function scansWholeTree(options: Options, cwd: string, root: string): boolean {
  // With no path the scan covers the current folder, which may be a subfolder.
  return (options.paths.length > 0 ? options.paths : ["."]).every((path) => resolve(cwd, path) === root);
}
