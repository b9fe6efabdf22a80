// Hostile working trees: odd file names, deep folders, symlinks out of the repository (also through
// a parent folder), submodules, Git LFS pointers, git missing from PATH. The worktree source runs
// in-process on real folders and repositories; the CLI is spawned only where its output is the point.
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Fragment } from "../../src/model.js";
import { pretty } from "../../src/reporters/pretty.js";
import { worktreeSource } from "../../src/sources/worktree.js";
import { runCli } from "../helpers/cli.js";
import { scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, GIT_ENV, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

async function fragments(cwd: string, env: NodeJS.ProcessEnv = GIT_ENV, paths: string[] = []): Promise<Fragment[]> {
  const out: Fragment[] = [];
  for await (const fragment of worktreeSource({ cwd, paths, noIgnore: false, maxFileSize: 10 << 20, env })) out.push(fragment);
  return out;
}
const pathsOf = async (cwd: string): Promise<string[]> => (await fragments(cwd)).map((fragment) => fragment.path).sort();

const ODD_NAMES = ["with space.txt", "ünïcødé-日本.txt", `quote's "double".txt`, "new\nline.txt", "tab\there.txt", "-dash.txt", "back\\slash.txt"];

describe("file names", () => {
  for (const inRepo of [true, false]) {
    it(`reads names with spaces, unicode, quotes, newlines, tabs and backslashes exactly (${inRepo ? "in a repository" : "plain folder"})`, async () => {
      const root = inRepo ? tempRepo() : tempDir();
      writeFiles(root, Object.fromEntries(ODD_NAMES.map((name) => [name, `k=${fake.openrouterKey()}\n`])));
      if (inRepo) commitAll(root, "odd names");
      const found = await fragments(root);
      expect(found.map((fragment) => fragment.path).sort()).toEqual([...ODD_NAMES].sort());
      for (const fragment of found) expect(scanText(fragment.content, fragment.path)).toHaveLength(1);
    });
  }

  it("shows a newline or an escape sequence in a file name as an escape in the pretty report", () => {
    const findings = scanText(`k=${fake.openrouterKey()}`, "evil\n\u001b[2Jname\u202e.txt");
    const report = pretty({ findings, stats: {} as never, errors: [], warnings: [] }, { version: "0", color: false, rules: [] });
    expect(report.split("\n")[0]).toBe("evil\\n\\x1b[2Jname\\u202e.txt");
    expect(report).not.toContain("\u001b");
  });
});

describe("folders", () => {
  it("reads a file 120 folders deep", async () => {
    const root = tempRepo();
    const deep = `${Array.from({ length: 120 }, (_, index) => `d${index}`).join("/")}/leak.txt`;
    writeFiles(root, { [deep]: `k=${fake.openrouterKey()}\n` });
    expect(await pathsOf(root)).toEqual([deep]);
  });

  it("never follows a symlink out of the repository: to a file, to a folder, or through a replaced parent folder", async () => {
    const outside = tempDir();
    writeFiles(outside, { "secret.txt": `k=${fake.openrouterKey()}\n` });
    const root = tempRepo({ "sub/secret.txt": "tracked here\n", "ok.txt": "ok\n" });
    commitAll(root, "start");
    symlinkSync(join(outside, "secret.txt"), join(root, "link.txt"));
    symlinkSync(outside, join(root, "linkdir"));
    // git still lists sub/secret.txt; lstat of it would follow the symlink that replaced sub/.
    rmSync(join(root, "sub"), { recursive: true });
    symlinkSync(outside, join(root, "sub"));
    const found = await fragments(root);
    expect(found.map((fragment) => fragment.path).sort()).toEqual(["ok.txt"]);
    expect(found.some((fragment) => fragment.content.includes("sk-or"))).toBe(false);
  });

  it("does not descend into a submodule or a nested repository", async () => {
    const root = tempRepo({ "app.txt": "ok\n" });
    commitAll(root, "start");
    for (const folder of ["vendor/lib", "nested"]) {
      mkdirSync(join(root, folder), { recursive: true });
      git(join(root, folder), "init", "-q", "-b", "main");
      writeFiles(join(root, folder), { "leak.txt": `k=${fake.openrouterKey()}\n` });
      commitAll(join(root, folder), "inner");
    }
    const inner = git(join(root, "vendor/lib"), "rev-parse", "HEAD").trim();
    git(root, "update-index", "--add", "--cacheinfo", `160000,${inner},vendor/lib`);
    expect(await pathsOf(root)).toEqual(["app.txt"]);
  });

  it("scans a Git LFS pointer as the text it is: its oid is no finding, its name still is", async () => {
    const pointer = (size: number) => `version https://git-lfs.github.com/spec/v1\noid sha256:${fake.hex(64)}\nsize ${size}\n`;
    const root = tempRepo({ ".gitattributes": "*.bin filter=lfs diff=lfs merge=lfs -text\n*.pem filter=lfs\n", "model.bin": pointer(1234), "deploy.pem": pointer(1704) });
    const found = await fragments(root);
    expect(found.map((fragment) => fragment.path).sort()).toEqual([".gitattributes", "deploy.pem", "model.bin"]);
    const findings = found.flatMap((fragment) => scanText(fragment.content, fragment.path));
    expect(findings.map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual(["key-file deploy.pem"]);
  });
});

describe("git missing from PATH", () => {
  const noGit = { ...GIT_ENV, PATH: "/nonexistent" };

  it("inside a repository: exit 2 in one line (tracked and ignored files cannot be told apart)", () => {
    const root = tempRepo({ ".gitignore": "secret.txt\n", "secret.txt": `k=${fake.openrouterKey()}\n` });
    const run = runCli(["scan"], { cwd: root, env: noGit });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^leakgate: git is not installed or not on PATH, and \. is inside a git repository — install git/)]);
  });

  it("outside a repository: the folder is scanned without git", async () => {
    const root = tempDir();
    writeFiles(root, { "a.txt": "ok\n", "sub/b.txt": "ok\n" });
    expect((await fragments(root, noGit)).map((fragment) => fragment.path).sort()).toEqual(["a.txt", "sub/b.txt"]);
  });

  it("in an empty repository (no commits), git lists the untracked files", async () => {
    const root = tempRepo({ "a.txt": "ok\n", "ignored.txt": "x\n", ".gitignore": "ignored.txt\n" });
    expect(await pathsOf(root)).toEqual([".gitignore", "a.txt"]);
  });
});
