// The tree the next commit will hold, read from the index of a real repository: staged content (not
// the working tree's), committed files, and no symlinks, submodules or deleted files.
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { indexTreeSource, parseIndexEntries } from "../../src/sources/index-tree.js";
import { commitAll, git, GIT_ENV, tempRepo, writeFiles } from "../helpers/repo.js";

describe("index tree", () => {
  it("keeps regular files at stage 0 only", () => {
    const sha = "a".repeat(40);
    const output = [`100644 ${sha} 0\ta b.txt`, `100755 ${sha} 0\trun.sh`, `120000 ${sha} 0\tlink`, `160000 ${sha} 0\tsub`, `100644 ${sha} 2\tconflict.txt`, ""].join("\0");
    expect(parseIndexEntries(output).map((entry) => entry.path)).toEqual(["a b.txt", "run.sh"]);
  });

  it("yields what the index holds, from any subfolder", async () => {
    const root = tempRepo({ "a/committed.txt": "one\n", "gone.txt": "x\n", "b/staged.txt": "old\n" });
    commitAll(root, "first");
    writeFiles(root, { "b/staged.txt": "staged\n", "new.txt": "new\n" });
    git(root, "add", "b/staged.txt", "new.txt");
    git(root, "rm", "-q", "gone.txt");
    writeFiles(root, { "b/staged.txt": "not staged\n", "untracked.txt": "u\n" });
    symlinkSync("a/committed.txt", join(root, "link"));
    git(root, "add", "link");
    const fragments = [];
    for await (const fragment of indexTreeSource({ cwd: join(root, "a"), env: GIT_ENV, maxFileSize: 1024 })) fragments.push(fragment);
    expect(fragments.map((fragment) => [fragment.path, fragment.content])).toEqual([
      ["a/committed.txt", "one\n"],
      ["b/staged.txt", "staged\n"],
      ["new.txt", "new\n"],
    ]);
  });
});
