// `npm run bench`: leakgate's speed as ratios to what peers cannot beat, with medians over several
// runs. Public tools only: node and git, plus ripgrep when installed. Not part of the test suite.
//   BENCH_REPO=path   a repository to measure instead of the generated one
//   BENCH_RUNS=n      timed runs of each command (default 5), after one warm-up
//   BENCH_ONLY=a,b    only these of staged, worktree, history (default: all three)
//   BENCH_PATHS='…'   pathspecs (space-separated) for both history commands, e.g. to leave out the
//                     blobs a partial snapshot lacks: ':(exclude)big/file.map'
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedRepository } from "./bench-repo.mjs";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/cli.js");
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const SCRATCH = mkdtempSync(join(tmpdir(), "leakgate-bench-run-"));
const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
const PATHS = (process.env.BENCH_PATHS ?? "").split(" ").filter(Boolean);

/** ~20 secret regexes, as a typical scanner's core set: the reference work for ripgrep. */
const REFERENCE_REGEXES = [
  String.raw`AKIA[0-9A-Z]{16}`,
  String.raw`(?i)aws.{0,20}secret.{0,20}[0-9a-zA-Z/+]{40}`,
  String.raw`gh[pousr]_[0-9A-Za-z]{36}`,
  String.raw`github_pat_[0-9A-Za-z_]{82}`,
  String.raw`glpat-[0-9A-Za-z_-]{20}`,
  String.raw`xox[baprs]-[0-9A-Za-z-]{10,48}`,
  String.raw`https://hooks\.slack\.com/services/[A-Za-z0-9/]{40,}`,
  String.raw`-----BEGIN[ A-Z0-9]{0,40} PRIVATE KEY`,
  String.raw`AIza[0-9A-Za-z_-]{35}`,
  String.raw`sk_live_[0-9a-zA-Z]{24,}`,
  String.raw`rk_live_[0-9a-zA-Z]{24,}`,
  String.raw`SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}`,
  String.raw`SK[0-9a-fA-F]{32}`,
  String.raw`npm_[0-9A-Za-z]{36}`,
  String.raw`sk-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}`,
  String.raw`sk-or-v1-[0-9a-f]{64}`,
  String.raw`eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`,
  String.raw`(?i)(password|passwd|secret|token|api_?key)\s*[:=]\s*["']?[A-Za-z0-9/+_-]{16,}`,
  String.raw`(?i)heroku.{0,20}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
  String.raw`dop_v1_[a-f0-9]{64}`,
];

const log = (line) => process.stderr.write(`${line}\n`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const hasTool = (name) => spawnSync(name, ["--version"], { stdio: "ignore" }).status === 0;

/** Runs a command once with stdout to a file (or /dev/null); returns wall ms and its exit code. */
function runOnce({ command, args, cwd, stdoutFile = "/dev/null" }) {
  const out = openSync(stdoutFile, "w");
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: GIT_ENV, stdio: ["ignore", out, "pipe"], maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  closeSync(out);
  return { ms, code: result.status, stderr: result.stderr?.toString() ?? "" };
}

/** Peak resident memory (MB) of one run, from /usr/bin/time when it is there. */
function peakMemoryMb({ command, args, cwd }) {
  if (!existsSync("/usr/bin/time")) return undefined;
  const report = join(SCRATCH, "time.txt");
  spawnSync("/usr/bin/time", ["-f", "%M", "-o", report, command, ...args], { cwd, env: GIT_ENV, stdio: "ignore" });
  const kb = Number(readFileSync(report, "utf8").trim().split("\n").pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

/** A and B in turn (one warm-up each), RUNS times: median times and the median of the pair ratios. */
function compare(a, b) {
  runOnce(a);
  runOnce(b);
  const ratios = [];
  const aTimes = [];
  const bTimes = [];
  let last;
  for (let run = 0; run < RUNS; run++) {
    last = runOnce(a);
    const other = runOnce(b);
    aTimes.push(last.ms);
    bTimes.push(other.ms);
    ratios.push(last.ms / other.ms);
  }
  return { a: median(aTimes), b: median(bTimes), ratio: median(ratios), last };
}

/** leakgate's JSON report of one run: findings and bytes scanned. */
function leakgateReport(spec) {
  const file = join(SCRATCH, "report.json");
  const result = runOnce({ ...spec, stdoutFile: file });
  if (result.code === 2) return { error: result.stderr.trim().split("\n")[0] };
  const report = JSON.parse(readFileSync(file, "utf8"));
  return { findings: report.findings.length, bytes: report.stats.bytes, files: report.stats.files };
}

const leakgate = (cwd, args, paths = []) => ({
  command: process.execPath,
  args: [CLI, "scan", ...args, "--format", "json", "--quiet", ...(paths.length > 0 ? ["--", ...paths] : [])],
  cwd,
});
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const row = (name, what, result, against, target, extra = "") =>
  log(`${name.padEnd(9)} ${what.padEnd(30)} ${seconds(result.a).padStart(9)}   vs ${against.padEnd(28)} ${seconds(result.b).padStart(9)}   ratio ${result.ratio.toFixed(2)} (target ${target})${extra}`);

function figures(report, ms, memory) {
  const mbps = report.bytes / 1e6 / (ms / 1000);
  const peak = memory === undefined ? "" : `, peak ${memory.toFixed(0)} MB`;
  return `\n${"".padEnd(40)}${report.files} files/blobs, ${(report.bytes / 1e6).toFixed(1)} MB, ${mbps.toFixed(1)} MB/s${peak}, ${report.findings} findings`;
}

function benchHistory(repo) {
  const scan = leakgate(repo, ["--history"], PATHS);
  const probe = leakgateReport(scan);
  if (probe.error) return log(`history   skipped: ${probe.error}`);
  const gitLog = { command: "git", args: ["log", "-p", "-U0", "--all", ...(PATHS.length > 0 ? ["--", ...PATHS] : [])], cwd: repo };
  const result = compare(scan, gitLog);
  row("history", "leakgate scan --history", result, "git log -p -U0 --all", "≤ 0.75", figures(probe, result.a, peakMemoryMb(scan)));
}

function benchWorktree(repo) {
  const bare = spawnSync("git", ["rev-parse", "--is-bare-repository"], { cwd: repo, encoding: "utf8", env: GIT_ENV }).stdout.trim();
  if (bare === "true") return log("worktree  skipped: a bare repository has no work tree");
  const scan = leakgate(repo, ["."]);
  const probe = leakgateReport(scan);
  if (probe.error) return log(`worktree  skipped: ${probe.error}`);
  if (!hasTool("rg")) return log("worktree  skipped: ripgrep (rg) is not installed");
  const rg = { command: "rg", args: ["--hidden", "--no-messages", "-g", "!.git", ...REFERENCE_REGEXES.flatMap((regex) => ["-e", regex]), "."], cwd: repo };
  const result = compare(scan, rg);
  row("worktree", "leakgate scan .", result, `rg (${REFERENCE_REGEXES.length} regexes)`, "≤ 3", figures(probe, result.a, peakMemoryMb(scan)));
}

/** A small repository with one commit's worth of 5 small staged files, as a pre-commit hook sees. */
function stagedRepository() {
  const repo = join(SCRATCH, "staged");
  mkdirSync(join(repo, "src"), { recursive: true });
  spawnSync("git", ["init", "--quiet"], { cwd: repo, env: GIT_ENV });
  for (let i = 0; i < 5; i++) {
    writeFileSync(join(repo, "src", `module-${i}.ts`), `export function value${i}(input: number): number {\n  return input * ${i};\n}\n`);
  }
  spawnSync("git", ["add", "."], { cwd: repo, env: GIT_ENV });
  return repo;
}

function benchStaged() {
  const repo = stagedRepository();
  let scan = leakgate(repo, ["--staged"]);
  let what = "leakgate scan --staged (5 files)";
  if (leakgateReport(scan).error) {
    scan = leakgate(repo, ["."]);
    what = "leakgate scan . (5 files)";
  }
  const result = compare(scan, { command: process.execPath, args: ["-e", "0"], cwd: repo });
  row("startup", what, result, "node -e 0", "≤ 2");
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const repo = process.env.BENCH_REPO ? resolve(process.env.BENCH_REPO) : await generatedRepository(log);
  const commits = spawnSync("git", ["rev-list", "--all", "--count"], { cwd: repo, encoding: "utf8", env: GIT_ENV }).stdout.trim();
  log(`leakgate bench: ${repo} (${commits} commits), ${RUNS} timed runs each, medians; node ${process.version}`);
  const only = (process.env.BENCH_ONLY ?? "staged,worktree,history").split(",").map((name) => name.trim());
  if (only.includes("staged")) benchStaged();
  if (only.includes("worktree")) benchWorktree(repo);
  if (only.includes("history")) benchHistory(repo);
}

try {
  await main();
} finally {
  rmSync(SCRATCH, { recursive: true, force: true });
}
