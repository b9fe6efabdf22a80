// The build's startup patches (scripts/startup-patches.mjs) change when work is done, never what it
// gives: a module-level regex is built on first use, and behaves as before.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lazyRegexSource, lazySegmenterSource } from "../../scripts/startup-patches.mjs";

describe("lazyRegexSource", () => {
  it("builds each top-level regex on first use, and the code using it gives the same answers", () => {
    const source = "const digits = /^\\d+$/u;\nconst word = /\\bcat\\b/g;\nfunction check(s) { word.lastIndex = 0; return [digits.test(s), word.test(s)]; }\nreturn check;";
    const patched = lazyRegexSource(source);
    expect(patched).not.toMatch(/^const (digits|word) = \//m);
    expect(patched).toContain("let digits__lazy;");
    const before = new Function(source)() as (s: string) => boolean[];
    const after = new Function(patched)() as (s: string) => boolean[];
    for (const input of ["123", "a cat", "12 cat", "concatenate"]) expect(after(input)).toEqual(before(input));
  });

  it("leaves string-width with no Unicode-property regex built at load", () => {
    const file = "node_modules/string-width/index.js";
    const patched = lazySegmenterSource(readFileSync(file, "utf8"), file);
    expect(patched).not.toMatch(/^const \w+ = \/.*\\p\{/m);
    expect(patched).toContain("rgiEmojiRegex__make");
  });
});
