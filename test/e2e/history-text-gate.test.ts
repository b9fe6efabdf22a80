// History asks the scanner's wantsText of each text before decoding it: a whole file it does not
// want comes as content "" (counted, its path judged), a changed part it does not want is left
// out, and a modified file with no part left is still counted once. A modified file whose new
// version it does not want is not compared with the old one at all.
import { describe, expect, it } from "vitest";
import { ALL_REFS } from "../../src/git/revisions.js";
import { createGitRunner } from "../../src/git/run.js";
import type { Fragment } from "../../src/model.js";
import { historySource } from "../../src/sources/history.js";
import { commitAll, GIT_ENV, tempRepo, writeFiles } from "../helpers/repo.js";

const lines = (count: number, text: (i: number) => string) => Array.from({ length: count }, (_, i) => `${text(i)}\n`).join("");

async function fragmentsOf(root: string, wantsText?: (bytes: Buffer, path: string) => boolean): Promise<Fragment[]> {
  const out: Fragment[] = [];
  const options = { git: createGitRunner(root, GIT_ENV), revisions: ALL_REFS, shallowCommits: new Set<string>(), paths: [], maxFileSize: 1 << 20, addedLinesOnly: false };
  for await (const fragment of historySource(wantsText ? { ...options, wantsText } : options)) if (fragment.kind === "file") out.push(fragment);
  return out;
}

describe("history's texts, asked before they are decoded", () => {
  it("leaves out what the scanner does not want, and counts every file all the same", async () => {
    const root = tempRepo({ "plain.txt": lines(60, (i) => `plain line ${i}`), "config.txt": lines(60, (i) => `setting${i} = ${i}`) });
    commitAll(root, "add");
    writeFiles(root, {
      "plain.txt": lines(60, (i) => (i === 30 ? "a changed plain line" : `plain line ${i}`)),
      "config.txt": lines(60, (i) => (i === 5 ? "token = changed" : i === 50 ? "setting50 = other" : `setting${i} = ${i}`)),
    });
    commitAll(root, "edit");
    const asked: string[] = [];
    const askedOf = new Map<string, number[]>();
    const gated = await fragmentsOf(root, (bytes, path) => {
      asked.push(path);
      askedOf.set(path, [...(askedOf.get(path) ?? []), bytes.length]);
      return bytes.includes("token");
    });
    const whole = await fragmentsOf(root);
    const summary = (fragments: Fragment[]) => fragments.map((each) => `${each.path}:${each.part ?? 0}:${each.content === "" ? "empty" : "text"}:${each.bytes}`);
    // Added: plain.txt unwanted (no "token" in it), config.txt wanted only from its edit on.
    expect(summary(gated)).toEqual([
      `config.txt:0:empty:${lines(60, (i) => `setting${i} = ${i}`).length}`,
      `plain.txt:0:empty:${lines(60, (i) => `plain line ${i}`).length}`,
      // Edited: config.txt's part with the token stays; its other part and plain.txt's are left out.
      expect.stringMatching(/^config\.txt:0:text:\d+$/),
      expect.stringMatching(/^plain\.txt:0:empty:\d+$/),
    ]);
    expect(gated.find((each) => each.path === "config.txt" && each.content !== "")!.content).toContain("token = changed");
    expect(gated.find((each) => each.path === "config.txt" && each.content !== "")!.content).not.toContain("setting50 = other");
    // Without the question: every part is there, as text.
    expect(summary(whole).filter((each) => each.includes(":empty:"))).toEqual([]);
    expect(whole.filter((each) => each.path === "config.txt")).toHaveLength(3);
    expect([...new Set(asked)].sort()).toEqual(["config.txt", "plain.txt"]);
    // plain.txt: asked of each whole version, and its edit never cut into parts.
    expect(askedOf.get("plain.txt")).toEqual([lines(60, (i) => `plain line ${i}`).length, lines(60, (i) => (i === 30 ? "a changed plain line" : `plain line ${i}`)).length]);
    // config.txt: its whole versions, then each of the edit's two parts (one without the token).
    expect(askedOf.get("config.txt")).toHaveLength(4);
  });
});
