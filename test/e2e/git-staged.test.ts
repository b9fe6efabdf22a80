// scan --staged, the pre-commit gate: it judges what the commit will hold (the index), never the
// disk, only what the commit adds, and it is never silently empty.
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

interface JsonFinding {
  ruleId: string;
  path: string;
  startLine: number;
  kind: string;
  origin: string;
}

function stagedJson(root: string): { code: number; findings: JsonFinding[]; stderr: string } {
  const run = runCli(["scan", "--staged", "--format", "json"], { cwd: root });
  return { code: run.code, findings: run.stdout ? JSON.parse(run.stdout).findings : [], stderr: run.stderr };
}

describe("scan --staged: the index, not the disk", () => {
  it("a secret only on disk is not a finding; one staged and then edited away on disk is", () => {
    const key = fake.openrouterKey();
    const root = tempRepo({ "app.ts": "export const a = 1;\n" });
    commitAll(root, "start");

    writeFiles(root, { "app.ts": "export const a = 2;\n" });
    git(root, "add", "app.ts");
    writeFiles(root, { "app.ts": `export const a = "${key}";\n` }); // on disk only
    const diskOnly = runCli(["scan", "--staged"], { cwd: root });
    expect(diskOnly.code).toBe(0);
    expect(diskOnly.stderr).toMatch(/1 file, 20 B scanned .*no secrets found/);

    git(root, "add", "app.ts");
    writeFiles(root, { "app.ts": "export const a = 3;\n" }); // edited away on disk, still staged
    const run = runCli(["scan", "--staged"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("app.ts");
    expect(run.stdout).toContain("openrouter-api-key");
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.stderr).toMatch(/1 file, \d+ B scanned/);
  });

  it("says so when nothing is staged: 0 files, 0 B", () => {
    const root = tempRepo({ "a.txt": "a\n" });
    commitAll(root, "start");
    writeFiles(root, { "a.txt": `token ${fake.slackBotToken()}\n` }); // modified, not staged
    const run = runCli(["scan", "--staged"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/0 files, 0 B scanned .*no secrets found/);
  });

  it("blocks a real `git commit FILE` through a pre-commit hook (git's temporary index)", () => {
    const key = fake.openrouterKey();
    const root = tempRepo({ "app.ts": "export const a = 1;\n" });
    commitAll(root, "start");
    const hook = join(root, ".git", "hooks", "pre-commit");
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" scan --staged --no-color\n`);
    chmodSync(hook, 0o755);
    // `git commit app.ts` commits the disk version through a temporary index (GIT_INDEX_FILE):
    // the staged index still holds the clean version, the commit would not.
    writeFiles(root, { "app.ts": `export const a = "${key}";\n` });
    expect(() => git(root, "commit", "-q", "-m", "leak", "app.ts")).toThrow(/openrouter-api-key/);
    expect(git(root, "log", "--oneline").trim().split("\n")).toHaveLength(1);
  });
});

describe("scan --staged: what the commit adds", () => {
  it("does not blame a commit for a secret already in a file it touches, but reports one it adds", () => {
    const old = fake.openrouterKey();
    const root = tempRepo({ "config.ts": `export const old = "${old}";\nexport const n = 1;\n` });
    commitAll(root, "old secret, accepted by a baseline");
    writeFiles(root, { "config.ts": `export const old = "${old}";\nexport const n = 2;\n` });
    git(root, "add", "config.ts");
    expect(stagedJson(root).code).toBe(0);

    writeFiles(root, { "config.ts": `export const old = "${old}";\nexport const n = 2;\nexport const bot = "${fake.slackBotToken()}";\n` });
    git(root, "add", "config.ts");
    const { code, findings } = stagedJson(root);
    expect(code).toBe(1);
    expect(findings.map((finding) => [finding.ruleId, finding.startLine, finding.origin])).toEqual([["slack-bot-token", 3, "staged"]]);
  });

  it("finds a PEM block when only its second half is in the added lines", () => {
    const lines = fake.privateKey().split("\n");
    const root = tempRepo({ "deploy/id.txt": `${lines.slice(0, 3).join("\n")}\n` });
    commitAll(root, "first half");
    writeFiles(root, { "deploy/id.txt": `${lines.join("\n")}\n` });
    git(root, "add", "deploy/id.txt");
    const { code, findings } = stagedJson(root);
    expect(code).toBe(1);
    expect(findings.map((finding) => [finding.ruleId, finding.startLine])).toEqual([["private-key", 1]]);
  });

  it("renames: path rules judge the new name; the moved content is not new", () => {
    const key = fake.openrouterKey();
    const root = tempRepo({ "notes.txt": "DB_HOST=localhost\n", "src/config.ts": `export const k = "${key}";\n// a long enough file to be seen as renamed\n` });
    commitAll(root, "start");
    git(root, "mv", "notes.txt", ".env");
    git(root, "mv", "src/config.ts", "src/settings.ts");
    const { code, findings } = stagedJson(root);
    expect(code).toBe(1);
    expect(findings.map((finding) => [finding.ruleId, finding.path, finding.kind])).toEqual([["dotenv-file", ".env", "path"]]);
  });

  it("deleted files are not findings", () => {
    const root = tempRepo({ "leak.ts": `export const k = "${fake.openrouterKey()}";\n`, "keep.txt": "x\n" });
    commitAll(root, "leak");
    git(root, "rm", "-q", "leak.ts");
    const { code, findings, stderr } = stagedJson(root);
    expect([code, findings]).toEqual([0, []]);
    expect(stderr).toMatch(/0 files, 0 B scanned/);
  });

  it("refuses an empty .env staged with git add -f", () => {
    const root = tempRepo({ ".gitignore": ".env\n", "a.txt": "a\n" });
    commitAll(root, "start");
    writeFiles(root, { ".env": "" });
    git(root, "add", "-f", ".env");
    const { code, findings, stderr } = stagedJson(root);
    expect(code).toBe(1);
    expect(findings.map((finding) => [finding.ruleId, finding.path, finding.kind])).toEqual([["dotenv-file", ".env", "path"]]);
    expect(stderr).toMatch(/1 file, 0 B scanned/);
  });
});

describe("scan --staged: any repository, any file name", () => {
  it("works in a repository with no commits yet", () => {
    const root = tempRepo({ "a.txt": "hello\n" });
    git(root, "add", "a.txt");
    const clean = runCli(["scan", "--staged"], { cwd: root });
    expect(clean.code).toBe(0);
    expect(clean.stderr).toMatch(/1 file, 6 B scanned/);
    writeFiles(root, { "b.txt": `${fake.slackBotToken()}\n` });
    git(root, "add", "b.txt");
    expect(stagedJson(root).findings.map((finding) => finding.path)).toEqual(["b.txt"]);
  });

  it("keeps names with spaces, unicode and newlines exact, and skips submodules", () => {
    const root = tempRepo({ "a.txt": "a\n" });
    const first = commitAll(root, "start");
    const names = ["with space.txt", "ünïcödé/ключ.txt", "new\nline.txt"];
    for (const name of names) writeFiles(root, { [name]: `token = "${fake.openrouterKey()}"\n` });
    git(root, "add", "-A");
    git(root, "update-index", "--add", "--cacheinfo", `160000,${first},vendor/lib`); // a submodule entry
    const { code, findings, stderr } = stagedJson(root);
    expect(code).toBe(1);
    expect(findings.map((finding) => finding.path).sort()).toEqual([...names].sort());
    expect(stderr).toMatch(/3 files, \d+ B scanned/);
  });

  it("limits the scan to pathspecs when given", () => {
    const root = tempRepo({ "a/x.txt": `${fake.openrouterKey()}\n`, "b/y.txt": "clean\n" });
    git(root, "add", "-A");
    const run = runCli(["scan", "--staged", "b"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/1 file, 6 B scanned/);
  });
});

describe("scan --staged: errors exit 2 in one line, never 0", () => {
  it("outside a repository, saying how to bypass the hook knowingly", () => {
    const run = runCli(["scan", "--staged"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^leakgate: .* is not in a git repository — .*git commit --no-verify/);
  });

  it("when git is missing from PATH", () => {
    const root = tempRepo({ "a.txt": "a\n" });
    const run = runCli(["scan", "--staged"], { cwd: root, env: { PATH: tempDir() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^leakgate: git is not installed or not on PATH — install git.*git commit --no-verify\n$/);
  });

  it("refuses --staged with --history", () => {
    const run = runCli(["scan", "--staged", "--history"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/mutually exclusive/);
  });
});
