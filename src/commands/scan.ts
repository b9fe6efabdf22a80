// leakgate scan: rules -> source -> engine -> filters -> redaction -> report -> exit code.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createFragmentScanner } from "../engine/scan.js";
import { isLeakgateError, UsageError } from "../errors.js";
import { createFingerprinter } from "../filters/fingerprint.js";
import { EXIT, type Io } from "../io.js";
import { reportFailure } from "../failure.js";
import type { ScanResult, Source } from "../model.js";
import type { Options } from "../options.js";
import { emptyStats, runScan } from "../pipeline.js";
import { REPORTERS } from "../reporters/index.js";
import { createRedactor, redactResult } from "../reporters/redact.js";
import { summaryLine } from "../reporters/summary.js";
import { assertPathsExist, worktreeSource } from "../sources/worktree.js";
import { loadRules } from "./load-rules.js";

function useColor(options: Options, io: Io, toFile: boolean): boolean {
  if (toFile) return false;
  if (options.color !== undefined) return options.color;
  if (io.env["NO_COLOR"] !== undefined && io.env["NO_COLOR"] !== "") return false;
  if (io.env["FORCE_COLOR"] !== undefined) return io.env["FORCE_COLOR"] !== "0" && io.env["FORCE_COLOR"] !== "false";
  return io.stdout.isTTY === true;
}

/** The fragments this scan reads, chosen from the options. */
function selectSource(options: Options, io: Io): Source {
  assertPathsExist(io.cwd, options.paths);
  return worktreeSource({
    cwd: io.cwd,
    paths: options.paths,
    noIgnore: options.noIgnore,
    maxFileSize: options.maxFileSize,
    env: io.env,
  });
}

export async function scanCommand(options: Options, io: Io): Promise<number> {
  if (options.reveal && io.env["CI"]) {
    throw new UsageError("--reveal is refused when CI is set", "CI logs are public: run --reveal only on your own machine");
  }
  const ruleSet = await loadRules(options, io);
  const fingerprints = createFingerprinter("leakgate");
  const scanner = createFragmentScanner(ruleSet.rules, fingerprints);
  const stats = emptyStats(ruleSet.rules.length);
  const run = await runScan(selectSource(options, io), scanner, { allowlists: ruleSet.allowlists }, stats, io.now);
  const failure = run.error;
  const result: ScanResult = {
    findings: run.findings,
    stats: run.stats,
    errors: failure ? [isLeakgateError(failure) ? failure.message : "internal error (see stderr)"] : [],
    warnings: ruleSet.warnings,
  };
  const redactor = createRedactor(options.reveal ? [] : run.raw.map((finding) => finding.secret));
  const shown = options.reveal ? result : redactResult(result, redactor);
  const report = REPORTERS[options.format](shown, {
    version: io.version,
    color: useColor(options, io, options.output !== undefined),
    rules: ruleSet.rules,
  });
  if (options.output !== undefined) writeReport(resolve(io.cwd, options.output), report);
  else io.stdout.write(report);
  if (!options.quiet) io.stderr.write(`${summaryLine(shown.stats, shown.findings.length, failure !== undefined)}\n`);
  if (failure) return reportFailure(failure, io);
  return shown.findings.length > 0 ? EXIT.findings : EXIT.clean;
}

function writeReport(file: string, report: string): void {
  try {
    writeFileSync(file, report);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`cannot write the report to ${file} (${reason})`, "check that its folder exists and is writable");
  }
}
