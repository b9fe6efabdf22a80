import { describe, expect, it } from "vitest";
import { compileRules } from "../../src/rules/compile.js";
import { buildPrefilter, MAX_HITS } from "../../src/engine/prefilter.js";
import { reachesFar, WINDOW_CHARS, WINDOW_LINES, windowMaker } from "../../src/engine/windows.js";
import type { RuleSet } from "../../src/config.js";
import type { ContentRule } from "../../src/model.js";
import { BUILTIN_RULES, builtinRuleSet, scanText } from "../helpers/engine.js";
import { loadRuleFolder } from "../../src/rules/load.js";
import { expandExample } from "../helpers/examples.js";

const rule = (regex: string, flags?: string) =>
  (compileRules([{ file: "t", id: "r", description: "r", regex, keywords: ["k"], ...(flags ? { flags } : {}) }] as never) as ContentRule[])[0]!;

const windowsFor = (text: string, places: number[], far: boolean) => windowMaker(text)(places, far);
const rawRules = loadRuleFolder(BUILTIN_RULES).flatMap((file) => file.rules);

const filler = (lines: number) => "plain\n".repeat(lines);

describe("rule windows", () => {
  it("a regex that stays near its keyword runs only around the keyword's places", () => {
    const rules = compileRules([{ file: "t", id: "x", description: "x", regex: "(x{5})", keywords: ["kw"] }] as never);
    const set = { rules, scopes: [], allowlists: [] } as unknown as RuleSet;
    const near = `${filler(50)}kw\n${filler(WINDOW_LINES - 1)}xxxxx\n${filler(400)}`;
    const far = `${filler(50)}kw\n${filler(200)}xxxxx\n${filler(400)}`;
    expect(scanText(near, "a.txt", set).map((finding) => finding.start.line)).toEqual([50 + WINDOW_LINES + 1]);
    // Far from every keyword the regex never runs, although it would match there.
    expect(scanText(far, "a.txt", set)).toEqual([]);
  });

  it("windows are whole lines around each place, merged, and the whole text once they cover most of it", () => {
    const text = `${filler(1000)}k here\n${filler(800)}k there\n${filler(1000)}`;
    const first = text.indexOf("k here");
    const second = text.indexOf("k there");
    const windows = windowsFor(text, [first, second], false);
    expect(windows).toHaveLength(2);
    for (const [start, end] of windows) {
      expect(start === 0 || text[start - 1] === "\n").toBe(true);
      expect(end === text.length || text[end - 1] === "\n").toBe(true);
    }
    expect(windows[0]![0]).toBeLessThanOrEqual(first - WINDOW_CHARS);
    expect(windows[0]![1]).toBeGreaterThanOrEqual(first + WINDOW_CHARS);
    expect(windowsFor(text, [first, first + 2], false)).toHaveLength(1);
    expect(windowsFor("k\nshort\n", [0], false)).toEqual([[0, 8]]);
    // A rule that reaches far runs from its first window to the end.
    expect(windowsFor(text, [first, second], true)).toEqual([[windows[0]![0], text.length]]);
  });

  it("knows which regexes can reach beyond a window", () => {
    expect(reachesFar(rule("k(x{5})"))).toBe(false);
    expect(reachesFar(rule("k(?:\\r?\\n[ \\t]*)?(x{5})"))).toBe(false);
    expect(reachesFar(rule("k(?:(?!\\n\\[)[\\s\\S]){0,300}?(x{5})"))).toBe(false);
    expect(reachesFar(rule("k[^\\s\"]{1,4000}(x{5})"))).toBe(false);
    expect(reachesFar(rule("k[\\s\\S]{0,20000}?(x{5})"))).toBe(true);
    expect(reachesFar(rule("k[\\s\\S]*?(x{5})"))).toBe(true);
    expect(reachesFar(rule('k[^"]{32,8000}(x{5})'))).toBe(true);
    expect(reachesFar(rule("k(?:[^\\r\\n]*\\r?\\n){0,6}(x{5})"))).toBe(true);
    expect(reachesFar(rule("k.{0,9000}(x{5})", "s"))).toBe(true);
    expect(reachesFar(rule("^k(x{5})"))).toBe(true);
    expect(reachesFar(rule("^k(x{5})", "m"))).toBe(false);
    expect(reachesFar(rule("k(x{5})[$^]"))).toBe(false);
  });

  it("the prefilter gives each rule its keywords' places, and none past MAX_HITS", () => {
    const [only] = compileRules([{ file: "t", id: "r", description: "r", regex: "(x)", keywords: ["ab", "b"] }] as never) as ContentRule[];
    const prefilter = buildPrefilter([only!]);
    expect(prefilter.candidates("zzAB b")[0]!.hits).toEqual([2, 3, 5]);
    expect(prefilter.candidates("ab ".repeat(MAX_HITS))[0]!.hits).toBeUndefined();
    expect(prefilter.candidates("nothing")).toEqual([]);
  });

  it("a rule whose matches start at its keywords is tried only at their places", () => {
    const rules = compileRules([
      { file: "t", id: "s", description: "s", regex: "(?:k|j)(x{3})", keywords: ["k"], startsAtKeyword: true },
    ] as never);
    const set = { rules, scopes: [], allowlists: [] } as unknown as RuleSet;
    const found = scanText("jxxx and kxxx, kxxxkxxx", "a.txt", set);
    expect(found.map((finding) => finding.start.column)).toEqual([11, 17, 21]);
    expect(() => compileRules([{ file: "t", id: "s", description: "s", regex: "(x)", startsAtKeyword: true }] as never)).toThrow(/needs keywords/);
  });

  it("built-in rules marked startsAtKeyword have a keyword where each example's match starts", () => {
    const marked = builtinRuleSet().rules.filter((each): each is ContentRule => each.kind === "content" && each.sticky !== undefined);
    expect(marked.map((each) => each.id).sort()).toEqual(["aws-secret-access-key", "evm-private-key", "generic-secret", "url-password"]);
    for (const each of marked) {
      const raw = rawRules.find((candidate) => candidate.id === each.id)!;
      (raw.example ?? []).forEach((example, index) => {
        const { text } = expandExample(example, `${each.id}:example:${index}`);
        const lower = text.toLowerCase();
        each.regex.lastIndex = 0;
        for (const match of text.matchAll(each.regex)) {
          const starts = each.keywords.some((keyword) => lower.startsWith(keyword, match.index));
          expect(starts, `${each.id} example ${index + 1}: match at ${match.index} starts with no keyword`).toBe(true);
        }
      });
    }
  });
});
