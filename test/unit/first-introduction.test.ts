// A leak in history is reported once, in the commit that introduced it, whatever order the
// findings arrive in (worker threads return them out of order).
import { describe, expect, it } from "vitest";
import { firstIntroductions } from "../../src/filters/first-introduction.js";
import { commitOf, findingOf } from "../helpers/findings.js";

const inCommit = (ordinal: number, line: number, fingerprint = "f1") =>
  findingOf({ origin: "history", fingerprint, start: { line, column: 1 }, commit: { ...commitOf(String(ordinal), "2024-01-01T00:00:00Z"), ordinal } });

describe("firstIntroductions", () => {
  it("keeps the earliest commit's findings of each fingerprint, in any arrival order", () => {
    const later = inCommit(5, 9);
    const first = inCommit(2, 3);
    const sameCommit = inCommit(2, 7);
    const other = inCommit(9, 1, "f2");
    expect(firstIntroductions([later, first, other, sameCommit])).toEqual([first, other, sameCommit]);
    expect(firstIntroductions([sameCommit, other, first, later])).toEqual([sameCommit, other, first]);
  });

  it("leaves findings that are not from history alone", () => {
    const staged = [findingOf({ origin: "staged" }), findingOf({ origin: "staged", start: { line: 9, column: 1 } })];
    expect(firstIntroductions(staged)).toEqual(staged);
  });
});
