// Capture groups read from a regex's text agree with what V8 reports, on tricky sources and on
// every built-in rule.
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/config.js";
import { captureGroupsOf } from "../../src/rules/capture-groups.js";

const BUILTIN_RULES = new URL("../../rules/", import.meta.url).pathname;

/** What V8 says: exec an always-matching probe. */
function fromV8(source: string, flags: string) {
  const match = new RegExp(`${source}|`, flags).exec("")!;
  return { count: match.length - 1, names: Object.keys(match.groups ?? {}) };
}

describe("captureGroupsOf", () => {
  const cases: [string, string][] = [
    [String.raw`(a)(b)`, ""],
    [String.raw`(?:a)(?=b)(?!c)(?<=d)(?<!e)`, ""],
    [String.raw`\((a)\)`, ""],
    [String.raw`[(](x)[\]()]`, ""],
    [String.raw`[]()`, ""],
    [String.raw`(?<secret>[a-z]+)(?<other>\d)\k<secret>`, ""],
    [String.raw`[[a-z]--[\(]](b)`, "v"],
    [String.raw`\\(c)`, ""],
  ];
  it.each(cases)("counts the groups of %s (flags %s) as V8 does", (source, flags) => {
    expect(captureGroupsOf(source)).toEqual(fromV8(source, flags));
  });

  it("agrees with V8 on every built-in rule", () => {
    const { rules } = loadRuleSet(BUILTIN_RULES, undefined);
    const regexes = rules.flatMap((rule) => (rule.kind === "content" ? [rule.regex] : []));
    expect(regexes.length).toBeGreaterThan(0);
    for (const regex of regexes) {
      const flags = regex.flags.replace(/[gyd]/g, "");
      expect(captureGroupsOf(regex.source), regex.source).toEqual(fromV8(regex.source, flags));
    }
  });
});
