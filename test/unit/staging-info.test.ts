// The pre-commit gate's git questions, on real repositories: one rev-parse answers "bare?" and
// "HEAD?", and a first commit in a SHA-256 repository is still compared with its empty tree.
import { describe, expect, it } from "vitest";
import { readStagingInfo } from "../../src/git/repository.js";
import { createGitRunner } from "../../src/git/run.js";
import { stagedSource } from "../../src/sources/staged.js";
import { commitAll, git, GIT_ENV, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

async function paths(cwd: string): Promise<string[]> {
  const found: string[] = [];
  for await (const fragment of stagedSource({ cwd, env: GIT_ENV, paths: [], maxFileSize: 1 << 20 })) found.push(fragment.path);
  return found;
}

describe("readStagingInfo", () => {
  it("gives HEAD's commit, none before the first commit, and says when the repository is bare", async () => {
    const root = tempRepo({ "a.txt": "one\n" });
    expect(await readStagingInfo(createGitRunner(root, GIT_ENV))).toEqual({ bare: false, head: undefined });
    const head = commitAll(root, "first");
    expect(await readStagingInfo(createGitRunner(root, GIT_ENV))).toEqual({ bare: false, head });
    const bare = tempDir();
    git(bare, "init", "-q", "--bare");
    expect(await readStagingInfo(createGitRunner(bare, GIT_ENV))).toEqual({ bare: true, head: undefined });
  });

  it("throws outside a repository", async () => {
    await expect(readStagingInfo(createGitRunner(tempDir(), GIT_ENV))).rejects.toThrow(/not in a git repository/);
  });
});

describe("stagedSource before the first commit", () => {
  it("reads what is staged in a SHA-1 and in a SHA-256 repository", async () => {
    for (const format of ["sha1", "sha256"]) {
      const root = tempDir();
      git(root, "init", "-q", `--object-format=${format}`);
      writeFiles(root, { "a.txt": "one\n", "b.txt": "two\n" });
      git(root, "add", "a.txt", "b.txt");
      expect(await paths(root)).toEqual(["a.txt", "b.txt"]);
    }
  });
});
