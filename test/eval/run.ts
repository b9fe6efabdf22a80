// `npm run eval`: generate the labelled repository, scan it with leakgate's own engine (the same
// source, rules, engine and filters as `leakgate scan`), score the findings against the labels and
// print the figures. Exit 0 whatever the figures, unless --strict asks for the targets; 2 for a
// bad flag.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadRuleSet } from "../../src/config.js";
import { createFragmentScanner } from "../../src/engine/scan.js";
import type { Fingerprinter } from "../../src/filters/fingerprint.js";
import { emptyStats, runScan } from "../../src/pipeline.js";
import { DEFAULT_MAX_FILE_SIZE } from "../../src/sources/decode.js";
import { worktreeSource } from "../../src/sources/worktree.js";
import { generateRepository, writeRepository } from "./generate.js";
import { formatScore, meetsTargets, scoreFindings, type Score } from "./score.js";

export interface EvalOptions {
  readonly seed: string;
  readonly scale: number;
  readonly out: string | undefined;
  readonly strict: boolean;
  readonly verbose: boolean;
}

export interface EvalIo {
  readonly cwd: string;
  readonly rulesFolder: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = "usage: npm run eval -- [--seed N] [--scale X] [--out DIR] [--strict] [--verbose]";

export function parseEvalArgs(argv: readonly string[]): EvalOptions {
  const options = { seed: "1", scale: 1, out: undefined as string | undefined, strict: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new Error(`${flag} needs a value — ${USAGE}`);
      return next;
    };
    if (flag === "--seed") options.seed = value();
    else if (flag === "--scale") {
      options.scale = Number(value());
      if (!(options.scale > 0 && options.scale <= 20)) throw new Error(`--scale must be a number in (0, 20] — ${USAGE}`);
    } else if (flag === "--out") options.out = value();
    else if (flag === "--strict") options.strict = true;
    else if (flag === "--verbose") options.verbose = true;
    else throw new Error(`unknown option ${arg} — ${USAGE}`);
  }
  return options;
}

/** Fingerprints are not scored; a plain hash spares the scan the deliberately slow one. */
const cheapFingerprints: Fingerprinter = {
  finding: (ruleId, path, secret) => createHash("sha256").update(`${ruleId}\0${path}\0${secret}`).digest("hex").slice(0, 16),
  value: (secret) => createHash("sha256").update(secret).digest("hex").slice(0, 16),
};

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };

/** Generates, scans and scores; returns the score and the process exit code. */
export async function runEval(options: EvalOptions, io: EvalIo): Promise<{ score: Score; exitCode: number }> {
  const started = Date.now();
  const repository = generateRepository({ seed: options.seed, scale: options.scale });
  const base = options.out ? resolve(io.cwd, options.out) : mkdtempSync(join(tmpdir(), "leakgate-eval-"));
  const folder = join(base, "repo");
  try {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeRepository(repository, folder, join(base, "labels.json"));
    // A repository of its own, so the scan lists exactly these files wherever --out points.
    execFileSync("git", ["init", "-q", folder], { env: GIT_ENV, stdio: "ignore" });
    const ruleSet = loadRuleSet(io.rulesFolder, undefined);
    const scanner = createFragmentScanner(ruleSet.rules, cheapFingerprints);
    // As `leakgate scan` reads files: a text whose bytes hold no keyword is not decoded.
    const source = worktreeSource({ cwd: folder, paths: ["."], noIgnore: false, maxFileSize: DEFAULT_MAX_FILE_SIZE, env: GIT_ENV, wantsText: scanner.wantsText });
    const run = await runScan(source, scanner, { allowlists: ruleSet.allowlists }, emptyStats(ruleSet.rules.length), Date.now);
    if (run.error) throw run.error;
    const score = scoreFindings(repository.labels, run.findings);
    io.stdout(formatScore(score, repository.labels, { seed: options.seed, files: repository.files.length, durationMs: Date.now() - started, verbose: options.verbose }));
    if (options.out) io.stdout(`\nrepository: ${folder}\nlabels:     ${join(base, "labels.json")}\n`);
    const below = !meetsTargets(score);
    if (below && options.strict) io.stderr("leakgate eval: below target (--strict)\n");
    return { score, exitCode: below && options.strict ? 1 : 0 };
  } finally {
    if (!options.out) rmSync(base, { recursive: true, force: true });
  }
}
