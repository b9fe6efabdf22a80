// Repository states the git sources' own tests do not cover: a detached HEAD, a linked worktree,
// and a bare repository (a server-side hook). Each mode either scans what it says or exits 2 in one
// line: none may report "no secrets found" for input it could not read.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const rulesOf = (stdout: string): string[] => JSON.parse(stdout).findings.map((finding: { ruleId: string; path: string }) => `${finding.ruleId} ${finding.path}`);

/** main: clean, then leak.txt with a key, then clean again. */
function history(): string {
  const root = tempRepo({ "a.txt": "ok\n" });
  commitAll(root, "one");
  writeFiles(root, { "leak.txt": `k=${fake.openrouterKey()}\n` });
  commitAll(root, "two");
  writeFiles(root, { "b.txt": "ok\n" });
  commitAll(root, "three");
  return root;
}

describe("a detached HEAD", () => {
  let root: string;
  beforeAll(() => {
    root = history();
    git(root, "checkout", "-q", "--detach", "HEAD~1");
  });

  it("the working tree, --staged and --since scan as on a branch", () => {
    expect(rulesOf(runCli(["scan", "--format", "json"], { cwd: root }).stdout)).toEqual(["openrouter-api-key leak.txt"]);
    writeFiles(root, { "staged.txt": `k=${fake.openrouterKey()}\n` });
    git(root, "add", "staged.txt");
    expect(rulesOf(runCli(["scan", "--staged", "--format", "json"], { cwd: root }).stdout)).toEqual(["openrouter-api-key staged.txt"]);
    git(root, "rm", "-q", "--cached", "staged.txt");
    expect(rulesOf(runCli(["scan", "--since", "HEAD~1", "--format", "json"], { cwd: root }).stdout)).toEqual(["openrouter-api-key leak.txt"]);
  });
});

describe("a linked worktree (git worktree add)", () => {
  it("scans its own files and its own index", () => {
    const root = history();
    const linked = join(tempDir(), "linked");
    git(root, "worktree", "add", "-q", linked, "HEAD~2");
    expect(runCli(["scan"], { cwd: linked }).code).toBe(0);
    writeFiles(linked, { "new.txt": `k=${fake.openrouterKey()}\n` });
    git(linked, "add", "new.txt");
    const staged = runCli(["scan", "--staged", "--format", "json"], { cwd: linked });
    expect(rulesOf(staged.stdout)).toEqual(["openrouter-api-key new.txt"]);
    expect(runCli(["scan", "--staged"], { cwd: root }).code).toBe(0);
  });
});

describe("a bare repository (server side)", () => {
  let bare: string;
  beforeAll(() => {
    bare = join(tempDir(), "bare.git");
    git(tempDir(), "clone", "-q", "--bare", history(), bare);
  });

  it("--history and --range scan its commits", () => {
    expect(rulesOf(runCli(["scan", "--history", "--format", "json"], { cwd: bare }).stdout)).toEqual(["openrouter-api-key leak.txt"]);
    const range = runCli(["scan", "--range", "main~2..main", "--format", "json"], { cwd: bare });
    expect([range.code, rulesOf(range.stdout)]).toEqual([1, ["openrouter-api-key leak.txt"]]);
  });

  it("a working-tree scan and --staged exit 2 in one line instead of a clean scan of nothing", () => {
    const tree = runCli(["scan"], { cwd: bare });
    expect([tree.code, tree.stderr]).toEqual([2, "leakgate: . is a bare git repository: it has no working tree to scan — scan its commits with --history, or --range OLD..NEW in a server-side hook\n"]);
    const staged = runCli(["scan", "--staged"], { cwd: bare });
    expect(staged.code).toBe(2);
    expect(staged.stderr).toMatch(/^leakgate: --staged: this is a bare repository, which has no index — [^\n]*--range[^\n]*\n$/);
  });
});
