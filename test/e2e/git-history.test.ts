// scan --history / --range / --since: every commit's blobs and message, each finding attributed to
// the commit that introduced it; shallow clones never pass as a clean full history.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

interface JsonFinding {
  ruleId: string;
  path: string;
  kind: string;
  startLine: number;
  origin: string;
  commit?: { sha: string; author: string; email: string; date: string };
}

function commitAs(root: string, message: string, author: string, date: string): string {
  git(root, "add", "-A");
  git(root, "commit", "-q", "--no-verify", `--author=${author}`, `--date=${date}`, "-m", message);
  return git(root, "rev-parse", "HEAD").trim();
}

function scanJson(root: string, ...args: string[]): { code: number; findings: JsonFinding[]; stderr: string } {
  const run = runCli(["scan", ...args, "--format", "json"], { cwd: root });
  return { code: run.code, findings: run.stdout ? JSON.parse(run.stdout).findings : [], stderr: run.stderr };
}

/** A history with a secret added then deleted, a forced .env, a token in a message, a secret kept
 * across later edits, an evil merge and an unmerged branch. */
function leakyHistory() {
  const secrets = {
    deleted: fake.openrouterKey(),
    message: fake.slackBotToken(),
    kept: fake.openrouterKey(),
    merge: fake.openrouterKey(),
    branch: fake.slackBotToken(),
    oddName: fake.openrouterKey(),
  };
  const root = tempRepo({ ".gitignore": ".env\n", "src/app.ts": "export const a = 1;\n", "README.md": "# app\n" });
  const c = {} as Record<"start" | "added" | "deleted" | "env" | "message" | "kept" | "edited" | "merge" | "odd" | "branch", string>;
  c.start = commitAll(root, "start");
  writeFiles(root, { "src/config.ts": `export const key = "${secrets.deleted}";\n` });
  c.added = commitAs(root, "add config", "Bob Builder <bob@example.com>", "2023-03-04T05:06:07Z");
  git(root, "rm", "-q", "src/config.ts");
  c.deleted = commitAll(root, "remove config");
  writeFiles(root, { ".env": "DB_PASSWORD=hunter2\n" });
  git(root, "add", "-f", ".env");
  c.env = commitAs(root, "add env", "Eve <eve@example.com>", "2023-05-06T07:08:09Z");
  git(root, "rm", "-q", "--cached", ".env");
  c.message = commitAll(root, `untrack env\n\nthe bot token was ${secrets.message}`);
  writeFiles(root, { "src/app.ts": `export const a = 1;\nexport const k = "${secrets.kept}";\n` });
  c.kept = commitAll(root, "add a key to app");
  writeFiles(root, { "src/app.ts": `export const a = 2;\nexport const k = "${secrets.kept}";\n` });
  c.edited = commitAll(root, "edit app");
  // An evil merge: the resolution adds a line neither parent had.
  git(root, "checkout", "-q", "-b", "side");
  writeFiles(root, { "side.txt": "side\n" });
  commitAll(root, "side work");
  git(root, "checkout", "-q", "main");
  writeFiles(root, { "main.txt": "main\n" });
  commitAll(root, "main work");
  git(root, "merge", "-q", "--no-commit", "--no-ff", "side");
  writeFiles(root, { "main.txt": `main\nmerged = "${secrets.merge}"\n` });
  c.merge = commitAll(root, "merge side");
  writeFiles(root, { "docs/ünï cödé\nname.txt": `token ${secrets.oddName}\n` });
  c.odd = commitAll(root, "odd name");
  git(root, "checkout", "-q", "-b", "unmerged");
  writeFiles(root, { "wip.txt": `${secrets.branch}\n` });
  c.branch = commitAll(root, "wip");
  git(root, "checkout", "-q", "main");
  return { root, secrets, c };
}

describe("scan --history", () => {
  let repo: ReturnType<typeof leakyHistory>;
  let scan: ReturnType<typeof scanJson>;
  beforeAll(() => {
    repo = leakyHistory();
    scan = scanJson(repo.root, "--history");
  });
  const at = (path: string, ruleId?: string) => scan.findings.filter((finding) => finding.path === path && (!ruleId || finding.ruleId === ruleId));

  it("exits 1 and names every commit that introduced a finding, once", () => {
    expect(scan.code).toBe(1);
    const summary = scan.findings.map((finding) => [finding.path, finding.ruleId, finding.commit?.sha]);
    expect(summary.sort()).toEqual(
      [
        [".env", "dotenv-file", repo.c.env],
        ["(commit message)", "slack-bot-token", repo.c.message],
        ["docs/ünï cödé\nname.txt", "openrouter-api-key", repo.c.odd],
        ["main.txt", "openrouter-api-key", repo.c.merge],
        ["src/app.ts", "openrouter-api-key", repo.c.kept],
        ["src/config.ts", "openrouter-api-key", repo.c.added],
        ["wip.txt", "slack-bot-token", repo.c.branch],
      ].sort(),
    );
    expect(scan.stderr).toMatch(/\d+ files, 12 commits, \d+ B scanned .*7 findings/);
  });

  it("a secret added and deleted in the next commit: the commit that added it, with author, email and date", () => {
    expect(at("src/config.ts")[0]).toMatchObject({
      origin: "history",
      startLine: 1,
      commit: { sha: repo.c.added, author: "Bob Builder", email: "bob@example.com", date: "2023-03-04T05:06:07+00:00" },
    });
  });

  it("a .env committed once and untracked since is a path finding", () => {
    expect(at(".env")[0]).toMatchObject({ kind: "path", commit: { author: "Eve", date: "2023-05-06T07:08:09+00:00" } });
  });

  it("a token in a commit message, at its line in the message", () => {
    expect(at("(commit message)")[0]).toMatchObject({ startLine: 3, commit: { sha: repo.c.message } });
  });

  it("never prints a raw secret", () => {
    const run = runCli(["scan", "--history"], { cwd: repo.root });
    for (const secret of Object.values(repo.secrets)) expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout).toContain(`commit ${repo.c.added.slice(0, 12)} by Bob Builder <bob@example.com> on 2023-03-04`);
  });
});

describe("scan --range and --since", () => {
  let repo: ReturnType<typeof leakyHistory>;
  beforeAll(() => {
    repo = leakyHistory();
  });

  it("a long file edited in many places: each secret at its line, in the commit that added it, once", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `  "package-${i % 97}": "^${i}.0.0",`);
    const early = fake.openrouterKey();
    const late = fake.slackBotToken();
    const withEarly = [...lines];
    withEarly[100] = `  "registry_token": "${early}",`;
    const root = tempRepo({ "deps.json": `${withEarly.join("\n")}\n` });
    const first = commitAll(root, "deps");
    // Later commits edit lines all over the file; one of them adds a second secret in the middle.
    const edited = [...withEarly];
    for (const at of [5, 900, 2990]) edited[at] = `  "package-edited-${at}": "^9.9.9",`;
    writeFiles(root, { "deps.json": `${edited.join("\n")}\n` });
    commitAll(root, "bump three");
    edited.splice(1700, 0, `  "slack": "${late}",`);
    edited[2500] = `  "package-edited-2500": "^8.8.8",`;
    writeFiles(root, { "deps.json": `${edited.join("\n")}\n` });
    const second = commitAll(root, "add slack");
    const found = scanJson(root, "--history").findings.filter((finding) => finding.kind === "content");
    expect(found.map((finding) => [finding.ruleId, finding.startLine, finding.commit?.sha])).toEqual(
      expect.arrayContaining([
        ["openrouter-api-key", 101, first],
        ["slack-bot-token", 1701, second],
      ]),
    );
    expect(found).toHaveLength(2);
  });

  it("a merge that joins two edits of one file: a secret from the side branch stays that branch's commit", () => {
    const base = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    const root = tempRepo({ "notes.txt": `${base.join("\n")}\n` });
    commitAll(root, "base");
    const secret = fake.slackBotToken();
    git(root, "checkout", "-q", "-b", "side");
    const side = [...base];
    side[150] = `slack = "${secret}"`;
    writeFiles(root, { "notes.txt": `${side.join("\n")}\n` });
    const sideCommit = commitAll(root, "side adds a token");
    git(root, "checkout", "-q", "main");
    const main = [...base];
    main[10] = "line ten, edited on main";
    writeFiles(root, { "notes.txt": `${main.join("\n")}\n` });
    commitAll(root, "main edits");
    git(root, "merge", "-q", "--no-edit", "side");
    const found = scanJson(root, "--history").findings.filter((finding) => finding.kind === "content");
    expect(found.map((finding) => [finding.ruleId, finding.startLine, finding.commit?.sha])).toEqual([["slack-bot-token", 151, sideCommit]]);
  });

  it("--range A..B scans only the commits in it", () => {
    const { code, findings } = scanJson(repo.root, "--range", `${repo.c.deleted}..${repo.c.kept}`);
    expect(code).toBe(1);
    expect(findings.map((finding) => [finding.path, finding.commit?.sha]).sort()).toEqual(
      [
        [".env", repo.c.env],
        ["(commit message)", repo.c.message],
        ["src/app.ts", repo.c.kept],
      ].sort(),
    );
  });

  it("does not blame a range for a secret its commits merely keep in a file they edit", () => {
    const run = scanJson(repo.root, "--range", `${repo.c.kept}..${repo.c.edited}`);
    expect([run.code, run.findings]).toEqual([0, []]);
    expect(run.stderr).toMatch(/1 file, 1 commit, \d+ B scanned .*no secrets found/);
  });

  it("--since REF is REF..HEAD", () => {
    const { findings } = scanJson(repo.root, "--since", repo.c.edited);
    expect(findings.map((finding) => finding.commit?.sha).sort()).toEqual([repo.c.merge, repo.c.odd].sort());
  });

  it("a bad revision exits 2 in one line", () => {
    const run = runCli(["scan", "--range", `${repo.c.start}..no-such-branch`], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('leakgate: --range: revision "no-such-branch" does not exist in this repository — check the name (git log --oneline --all), or fetch it first (git fetch origin)\n');
  });
});

describe("scan --history: blobs git cannot give as text", () => {
  it("skips a blob over --max-file-size and a binary one, and reads the next blob in step", () => {
    const small = fake.openrouterKey();
    const root = tempRepo({
      // Larger than a pipe's chunk: read across chunks when within the limit, skipped in stream when not.
      "a-big.txt": `${"x".repeat(200_000)}\n${fake.openrouterKey()}\n`,
      "b-binary.dat": Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(fake.openrouterKey())]),
      "c-small.ts": `export const k = "${small}";\n`,
    });
    commitAll(root, "mixed");
    const run = scanJson(root, "--history", "--max-file-size", "2k");
    expect(run.findings.map((finding) => finding.path)).toEqual(["c-small.ts"]);
    expect(run.stderr).toMatch(/3 files, 1 commit, .*\(skipped: 1 binary, 1 over the size limit\); 1 finding/);
    const whole = scanJson(root, "--history");
    expect(whole.findings.map((finding) => [finding.path, finding.startLine])).toEqual([["a-big.txt", 2], ["c-small.ts", 1]]);
  });
});

describe("history errors exit 2 in one line", () => {
  it("an unborn branch for --since / --range, and --history with no commits at all", () => {
    const root = tempRepo({ "a.txt": "a\n" });
    const since = runCli(["scan", "--since", "HEAD"], { cwd: root });
    expect([since.code, since.stderr]).toEqual([2, "leakgate: --since: the current branch has no commits yet — commit first, or name a revision that exists\n"]);
    const range = runCli(["scan", "--range", "main.."], { cwd: root });
    expect([range.code, range.stderr]).toEqual([2, "leakgate: --range: the current branch has no commits yet — commit first, or name a revision that exists\n"]);
    const history = runCli(["scan", "--history"], { cwd: root });
    expect([history.code, history.stderr]).toEqual([2, "leakgate: --history: this repository has no commits yet — commit first (to scan what you are about to commit: leakgate scan --staged)\n"]);
  });

  it("outside a repository, and without git", () => {
    const outside = runCli(["scan", "--history"], { cwd: tempDir() });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^leakgate: .* is not in a git repository — run leakgate inside a git repository[^\n]*\n$/);
    const root = tempRepo({ "a.txt": "a\n" });
    commitAll(root, "start");
    const noGit = runCli(["scan", "--range", "HEAD"], { cwd: root, env: { PATH: tempDir() } });
    expect([noGit.code, noGit.stderr]).toEqual([2, "leakgate: git is not installed or not on PATH — install git (2.20 or newer) and try again\n"]);
  });
});

describe("a shallow clone", () => {
  let clone: string;
  let commits: string[];
  beforeAll(() => {
    const origin = tempRepo({ "a.txt": "1\n" });
    commitAll(origin, "one");
    writeFiles(origin, { "old.ts": `export const k = "${fake.openrouterKey()}";\n` });
    commitAll(origin, "old leak, outside the clone");
    writeFiles(origin, { "a.txt": "3\n" });
    commitAll(origin, "three");
    writeFiles(origin, { "new.ts": `export const k = "${fake.openrouterKey()}";\n` });
    commitAll(origin, "new leak");
    clone = join(tempDir(), "clone");
    git(tempDir(), "-c", "protocol.file.allow=always", "clone", "-q", "--depth", "2", `file://${origin}`, clone);
    commits = git(clone, "rev-list", "HEAD").trim().split("\n");
  });

  it("--history: warns how to fix it, reports what is there, and exits 2 (never a clean full history)", () => {
    const run = runCli(["scan", "--history"], { cwd: clone });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("new.ts");
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^leakgate: warning: this is a shallow clone: .*fetch-depth: 0.*git fetch --unshallow/);
    expect(run.stderr).toMatch(/scan INCOMPLETE/);
    expect(lines.at(-1)).toMatch(/^leakgate: history is incomplete: this is a shallow clone, cut at commit [0-9a-f]{12} \(2 commits scanned\) — .*git fetch --unshallow/);
  });

  it("a range that is in the clone is scanned as usual", () => {
    const run = runCli(["scan", "--range", `${commits[1]}..${commits[0]}`], { cwd: clone });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("new.ts");
    expect(run.stderr).not.toMatch(/shallow|INCOMPLETE/);
  });

  it("a range that reaches past the cut exits 2; a revision outside it says to fetch", () => {
    const past = runCli(["scan", "--range", commits[0]!], { cwd: clone });
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/history is incomplete: this is a shallow clone/);
    const missing = runCli(["scan", "--range", "HEAD~3..HEAD"], { cwd: clone });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^leakgate: --range: revision "HEAD~3" does not exist in this repository — it may be outside this shallow clone: .*fetch-depth: 0/);
  });
});
