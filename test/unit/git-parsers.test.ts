// The text formats the git sources read (raw diff records, the log stream, ranges) and the
// added-lines measure, on text: no git needed.
import { describe, expect, it } from "vitest";
import { createLogParser, type LoggedCommit } from "../../src/git/log.js";
import { isNullSha, parseRawDiff, parseRawMeta } from "../../src/git/raw-diff.js";
import { parseRange } from "../../src/git/revisions.js";
import { addedLineRanges } from "../../src/sources/added-lines.js";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const Z = "0".repeat(40);

describe("parseRawMeta", () => {
  it("reads a one-parent record, dropping the rename score", () => {
    expect(parseRawMeta(`:100644 100644 ${A} ${B} R087`)).toEqual({
      status: "R",
      oldModes: ["100644"],
      newMode: "100644",
      oldShas: [A],
      newSha: B,
      pathCount: 2,
    });
  });

  it("reads a merge's combined record, one old blob per parent", () => {
    expect(parseRawMeta(`::100644 100644 100644 ${A} ${B} ${C} MM`)).toMatchObject({
      status: "MM",
      oldShas: [A, B],
      newSha: C,
      pathCount: 1,
    });
  });

  it("refuses what is not a record", () => {
    expect(parseRawMeta("src/a.ts")).toBeUndefined();
    expect(parseRawMeta(`:100644 ${A} M`)).toBeUndefined();
  });
});

describe("parseRawDiff", () => {
  it("keeps names with spaces, newlines and colons exact, and both paths of a rename", () => {
    const output = [
      `:000000 100644 ${Z} ${A} A`,
      "dir/with space.txt",
      `:100644 100644 ${B} ${B} R100`,
      "old:name",
      "new\nline.txt",
      `:100644 000000 ${C} ${Z} D`,
      ":gone",
      "",
    ].join("\0");
    const changes = parseRawDiff(output);
    expect(changes.map((change) => [change.status, change.path, change.fromPath])).toEqual([
      ["A", "dir/with space.txt", undefined],
      ["R", "new\nline.txt", "old:name"],
      ["D", ":gone", undefined],
    ]);
    expect(isNullSha(changes[2]!.newSha)).toBe(true);
  });
});

function parseLog(tokens: string[]): LoggedCommit[] {
  const parser = createLogParser();
  const commits = tokens.map((token) => parser.push(token)).filter((commit): commit is LoggedCommit => commit !== undefined);
  const last = parser.end();
  return last ? [...commits, last] : commits;
}

describe("createLogParser", () => {
  it("splits commits and their raw records, with the message as one field", () => {
    const commits = parseLog([
      `\x1e${A}`, "", "Ann", "ann@example.com", "2024-01-15T10:00:00+00:00", "first\n\nbody: \x1e not a commit\n",
      `\n:000000 100644 ${Z} ${B} A`, "a.txt",
      `:000000 100644 ${Z} ${C} A`, `\x1ename`,
      `\x1e${B}`, A, "Bob", "bob@example.com", "2024-01-16T10:00:00+00:00", "empty commit\n",
      "",
      `\x1e${C}`, `${A} ${B}`, "Ann", "ann@example.com", "2024-01-17T10:00:00+00:00", "Merge\n",
      "", `::100644 100644 100644 ${A} ${B} ${C} MM`, "a.txt", "",
    ]);
    expect(commits.map((each) => each.commit.sha)).toEqual([A, B, C]);
    expect(commits[0]!.commit).toMatchObject({ author: "Ann", email: "ann@example.com", date: "2024-01-15T10:00:00+00:00" });
    expect(commits[0]!.commit.message).toBe("first\n\nbody: \x1e not a commit\n");
    expect(commits[0]!.changes.map((change) => change.path)).toEqual(["a.txt", "\x1ename"]);
    expect(commits[1]!.parents).toEqual([A]);
    expect(commits[1]!.changes).toEqual([]);
    expect(commits[2]!.parents).toEqual([A, B]);
    expect(commits[2]!.changes[0]).toMatchObject({ status: "MM", oldShas: [A, B], newSha: C });
  });
});

describe("parseRange", () => {
  it("reads the forms git log takes, an empty end being HEAD", () => {
    expect(parseRange("main..feature")).toEqual({ from: "main", to: "feature", symmetric: false });
    expect(parseRange("main...feature")).toEqual({ from: "main", to: "feature", symmetric: true });
    expect(parseRange("origin/main..")).toEqual({ from: "origin/main", to: "HEAD", symmetric: false });
    expect(parseRange("v1.0")).toEqual({ to: "v1.0", symmetric: false });
  });

  it("refuses option-like and empty names, so nothing typed reaches git as an option", () => {
    expect(() => parseRange("--output=/tmp/x..HEAD")).toThrow(/is not a revision/);
    expect(() => parseRange("")).toThrow(/--range is empty/);
    expect(() => parseRange("a..b..c")).toThrow(/is not a revision/);
  });
});

describe("addedLineRanges", () => {
  it("marks the lines the old version did not have, as ranges", () => {
    const before = "one\ntwo\nthree\n";
    const after = "one\nNEW\ntwo\nthree\nNEW2\nNEW3\n";
    expect(addedLineRanges(after, [before])).toEqual([
      { start: 2, end: 2 },
      { start: 5, end: 6 },
    ]);
  });

  it("does not count a moved line, or a line another parent had, as added", () => {
    expect(addedLineRanges("b\na\n", ["a\nb\n"])).toEqual([]);
    expect(addedLineRanges("x\ny\n", ["x\n", "y\n"])).toEqual([]);
  });

  it("treats CRLF like LF and a last line without a newline as a line", () => {
    expect(addedLineRanges("a\r\nb", ["a\n"])).toEqual([{ start: 2, end: 2 }]);
    expect(addedLineRanges("", ["a\n"])).toEqual([]);
  });
});
