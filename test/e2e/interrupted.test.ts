// The built CLI when a scan cannot run its course: a user rule that backtracks forever, Ctrl-C,
// a reader that closes the pipe early. Each must end promptly, without a stack trace, and never
// look like a complete clean scan. No clock here: without the handling these runs never end, and
// vitest's timeout fails them.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createGitRunner, stopGitProcesses } from "../../src/git/run.js";
import { CLI, runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { GIT_ENV, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const hostileRules = (count: number): string =>
  Array.from({ length: count }, (_, index) => `[[rule]]\nid = "backtracks-${index}"\ndescription = "nested quantifiers"\nregex = '''(a+)+$'''\n`).join("\n");
const hostileLine = `${"a".repeat(40)}!\n`;

function start(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, NO_COLOR: "1" };
  delete env["CI"];
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, exit, out: () => stdout, err: () => stderr };
}

describe("a rule with catastrophic backtracking", () => {
  it("is cut short and named in a warning on stderr and in the JSON report; the scan goes on and finds the rest", () => {
    const root = tempDir();
    const key = fake.openrouterKey();
    writeFiles(root, { ".leakgate.toml": hostileRules(1), "minified.js": hostileLine, "app.txt": `k=${key}\n` });
    const run = runCli(["scan", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(["openrouter-api-key"]);
    expect(report.warnings).toEqual([expect.stringMatching(/^rule "backtracks-0" \(.*\.leakgate\.toml\) took over 2\.0 s on minified\.js and was cut short/)]);
    expect(run.stderr).toMatch(/^leakgate: warning: rule "backtracks-0" .* on minified\.js and was cut short/m);
    expect(run.stderr).not.toContain("aaaaaaaaaa");
  });
});

describe("interrupted scans", () => {
  it("Ctrl-C (SIGINT): one line saying the scan is incomplete, exit 130, no report, no stack trace", async () => {
    const root = tempDir();
    // Two rules that take a full budget (2 s) on each of three files before they are dropped: 12 s of
    // work unless interrupted. The signal comes during a rule's budget or between files.
    writeFiles(root, { ".leakgate.toml": hostileRules(2), ...Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`f${index}.txt`, hostileLine])) });
    const scan = start(["scan", "--format", "json"], root);
    // The first warning says the scan is under way; the signal is handled once the rules of that file are done.
    await new Promise<void>((resolve) => scan.child.stderr.on("data", () => scan.err().includes("cut short") && resolve()));
    scan.child.kill("SIGINT");
    const { code } = await scan.exit;
    expect(code).toBe(130);
    expect(scan.out()).toBe("");
    expect(scan.err().trim().split("\n").at(-1)).toBe("leakgate: interrupted — the scan is incomplete");
    expect(scan.err()).not.toMatch(/\n\s+at /);
    expect(scan.err()).not.toContain("no secrets found");
  });

  it("a reader that closes the pipe early (| head): exit 1 for the findings, no EPIPE stack trace", async () => {
    const root = tempDir();
    writeFiles(root, Object.fromEntries(Array.from({ length: 150 }, (_, index) => [`f${index}.txt`, `k=${fake.openrouterKey()}\n`])));
    const scan = start(["scan", "--format", "json"], root);
    // Read one chunk, then close the pipe as `head -c` would.
    await new Promise<void>((resolve) => scan.child.stdout.once("data", () => resolve()));
    scan.child.stdout.destroy();
    const { code } = await scan.exit;
    expect(code).toBe(1);
    expect(scan.err()).not.toMatch(/EPIPE|\n\s+at /);
    expect(scan.err()).toMatch(/150 findings/);
  });
});

describe("git processes of an interrupted scan", () => {
  it("are all stopped by stopGitProcesses (what cli.ts calls on SIGINT)", async () => {
    // cat-file --batch waits for its input: it would outlive an exit that did not stop it.
    const waiting = createGitRunner(tempRepo(), GIT_ENV).spawn(["cat-file", "--batch"]);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => waiting.on("exit", (_code, signal) => resolve(signal)));
    stopGitProcesses();
    expect(await ended).toBe("SIGTERM");
  });
});
