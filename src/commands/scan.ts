// leakgate scan: rules -> source -> engine -> filters -> redaction -> report -> exit code.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isLeakgateError, UsageError } from "../errors.js";
import { createFingerprinter, type Fingerprinter } from "../filters/fingerprint.js";
import type { FilterContext } from "../filters/index.js";
import type { RuleSet } from "../config.js";
import { EXIT, type Io } from "../io.js";
import { reportFailure } from "../failure.js";
import type { Fragment, ScanResult, ScanStats, Source } from "../model.js";
import type { Options } from "../options.js";
import { emptyStats, runScan } from "../pipeline.js";
import { parallelScanner } from "../parallel/threads.js";
import { scannerFor } from "../parallel/spec.js";
import type { FragmentScanner } from "../engine/scan.js";
import { createProgressLine } from "../progress.js";
import { rulePriorities } from "../filters/overlap.js";
import { REPORTERS } from "../reporters/index.js";
import { createRedactor, redactResult } from "../reporters/redact.js";
import { printable } from "../reporters/printable.js";
import { summaryLine } from "../reporters/summary.js";
import { gitSource, wantsGitSource, withCommitBypass } from "../sources/git-source.js";
import { createGitRunner } from "../git/run.js";
import { markHeadPresence } from "../sources/head-presence.js";
import { assertPathsExist, openWorktree } from "../sources/worktree.js";
import { dayOf } from "../filters/baseline.js";
import { loadScanBaseline, scansWholeTree } from "./baseline.js";
import { firstPath, loadRules, type FirstPath } from "./load-rules.js";
import { narrateSkip, rulesLine } from "./verbose.js";
import { withStagedReuse } from "./staged-reuse.js";
import { indexTreeSource } from "../sources/index-tree.js";

function useColor(options: Options, io: Io, toFile: boolean): boolean {
  if (toFile) return false;
  if (options.color !== undefined) return options.color;
  if (io.env["NO_COLOR"] !== undefined && io.env["NO_COLOR"] !== "") return false;
  if (io.env["FORCE_COLOR"] !== undefined) return io.env["FORCE_COLOR"] !== "0" && io.env["FORCE_COLOR"] !== "false";
  return io.stdout.isTTY === true;
}

/** The fragments this scan reads, chosen from the options: a git source, or the working tree. */
async function selectSource(options: Options, io: Io, wantsText: FragmentScanner["wantsText"], first?: FirstPath): Promise<Source> {
  const warn = (text: string) => io.stderr.write(`leakgate: warning: ${text}\n`);
  const fromGit = await gitSource({ ...options, cwd: io.cwd, env: io.env, warn, wantsText }).catch((error: unknown) => {
    throw options.staged ? withCommitBypass(error) : error;
  });
  if (fromGit) return fromGit;
  assertPathsExist(io.cwd, options.paths);
  return openWorktree({
    cwd: io.cwd,
    paths: options.paths,
    noIgnore: options.noIgnore,
    maxFileSize: options.maxFileSize,
    env: io.env,
    // The scanner (parallel/pool.ts) reads each file, on this thread or a worker's.
    deferReads: true,
    ...(first?.repository !== undefined ? { knownRepository: { folder: first.path, root: first.repository } } : {}),
  });
}

export async function scanCommand(options: Options, io: Io): Promise<number> {
  if (options.reveal && io.env["CI"]) {
    throw new UsageError("--reveal is refused when CI is set", "CI logs are public: run --reveal only on your own machine");
  }
  // A hook's time is mostly git's start-ups: the staged source's first git call (is there a HEAD)
  // runs beside the search for the config's root. Its failure is awaited after the rules, so a
  // broken config is said first.
  const stagedAhead = options.staged ? selectSource(options, io, undefined) : undefined;
  stagedAhead?.catch(() => {});
  const first = await firstPath(options, io);
  const root = first.repository ?? first.path;
  const ruleSet = await loadRules(options, io, root);
  // The baseline's salt keys every fingerprint, so `leakgate allow` accepts what this report prints.
  const baseline = loadScanBaseline(root, options, dayOf(new Date()));
  const fingerprints = createFingerprinter(baseline.fingerprintKey);
  const spec = { builtinRules: io.builtinRules, configFile: ruleSet.configFile, fingerprintKey: baseline.fingerprintKey };
  // A rule cut short by its time budget is said at once (the scan goes on) and again in the report.
  const engineWarnings: string[] = [];
  const warn = (message: string): void => {
    engineWarnings.push(message);
    sayWarning(io, message);
  };
  const feed = wantsGitSource(options) ? "git" : "files";
  const scanner = parallelScanner(scannerFor(ruleSet, fingerprints, warn), spec, io.scanWorker, io.env, feed, warn);
  const progress = createProgressLine(options.quiet ? { write: () => true } : io.stderr, io.now, wantsGitSource(options) && !options.staged ? "blobs" : "files");
  const stats = emptyStats(ruleSet.rules.length);
  if (options.verbose) io.stderr.write(rulesLine(ruleSet.rules.length, ruleSet.configFile));
  const source = await (stagedAhead ?? selectSource(options, io, scanner.wantsText, first));
  const narrate = options.verbose ? narrateSkip((line) => io.stderr.write(line)) : undefined;
  const heard = (fragment: Fragment, counted: ScanStats): void => {
    narrate?.(fragment);
    progress.update(counted);
  };
  const run = await runScan(source, scanner, filtersFor(ruleSet, options, fingerprints), stats, io.now, heard);
  progress.done();
  const failure = run.error;
  // --staged: a staged value is checked for reuse against the whole tree the commit will hold.
  const found =
    options.staged && ruleSet.reuse && failure === undefined
      ? await withStagedReuse(run.findings, {
          scanner: scannerFor(ruleSet, fingerprints, warn),
          allowlists: ruleSet.allowlists,
          reuse: ruleSet.reuse,
          fingerprints,
          tree: () => indexTreeSource({ cwd: io.cwd, env: io.env, maxFileSize: options.maxFileSize }),
        })
      : run.findings;
  const baselined = baseline.apply(found, failure === undefined && !wantsGitSource(options) && scansWholeTree(options, io.cwd, root));
  for (const warning of baselined.warnings) sayWarning(io, warning);
  // History findings: still at HEAD, or only in history (then deleting the file did not help). Needs raw secrets.
  const presence = await markHeadPresence(baselined.findings, createGitRunner(io.cwd, io.env), options.maxFileSize);
  if (presence.warning) sayWarning(io, presence.warning);
  const result: ScanResult = {
    findings: presence.findings,
    stats: run.stats,
    errors: failure ? [isLeakgateError(failure) ? failure.message : "internal error (see stderr)"] : [],
    warnings: [...ruleSet.warnings, ...engineWarnings, ...baselined.warnings, ...(presence.warning ? [presence.warning] : [])],
  };
  const redactor = createRedactor(options.reveal ? [] : run.raw.map((finding) => finding.secret));
  const shown = options.reveal ? result : redactResult(result, redactor);
  writeReports(shown, ruleSet, options, io);
  if (!options.quiet) io.stderr.write(`${summaryLine(shown.stats, shown.findings.length, failure !== undefined)}\n`);
  if (!options.quiet && baselined.suppressed > 0) {
    const one = baselined.suppressed === 1;
    io.stderr.write(`leakgate: ${baselined.suppressed} ${one ? "finding" : "findings"} accepted by .leakgate-baseline.json not shown (--no-baseline shows ${one ? "it" : "them"})\n`);
  }
  if (failure) return reportFailure(options.staged ? withCommitBypass(failure) : failure, io);
  return shown.findings.length > 0 ? EXIT.findings : EXIT.clean;
}

/** The filters between the engine and the report: allowlists, rule overlaps, credential reuse. */
function filtersFor(ruleSet: RuleSet, options: Options, fingerprints: Fingerprinter): FilterContext {
  return {
    allowlists: ruleSet.allowlists,
    priorities: rulePriorities(ruleSet.rules),
    // --staged checks reuse afterwards, against the whole tree the commit will hold.
    ...(ruleSet.reuse && !options.staged ? { reuse: { scopeOf: ruleSet.reuse.scopeOf, fingerprints } } : {}),
  };
}

/** File names and rule names may hold control characters: the terminal gets them escaped. */
function sayWarning(io: Io, message: string): void {
  io.stderr.write(`leakgate: warning: ${printable(message)}\n`);
}

/** The report in the chosen format (stdout or --output), and SARIF too when --sarif asks for it. */
function writeReports(shown: ScanResult, ruleSet: RuleSet, options: Options, io: Io): void {
  const report = REPORTERS[options.format](shown, {
    version: io.version,
    color: useColor(options, io, options.output !== undefined),
    rules: ruleSet.rules,
  });
  if (options.output !== undefined) writeReport(resolve(io.cwd, options.output), report);
  else io.stdout.write(report);
  if (options.sarif !== undefined) {
    writeReport(resolve(io.cwd, options.sarif), REPORTERS.sarif(shown, { version: io.version, color: false, rules: ruleSet.rules }));
  }
}

function writeReport(file: string, report: string): void {
  try {
    writeFileSync(file, report);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`cannot write the report to ${file} (${reason})`, "check that its folder exists and is writable");
  }
}
