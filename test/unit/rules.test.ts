// The generic rule tester: every rule's examples must be found with the exact secret, and no
// rule may catch any rule's counterexample.
import { describe, expect, it } from "vitest";
import { loadRuleFolder } from "../../src/rules/load.js";
import { expandExample } from "../helpers/examples.js";
import { BUILTIN_RULES, builtinRuleSet, scanText } from "../helpers/engine.js";

const files = loadRuleFolder(BUILTIN_RULES);
const rawRules = files.flatMap((file) => file.rules);

describe("built-in rules", () => {
  it("load without warnings and compile", () => {
    expect(files.flatMap((file) => file.warnings)).toEqual([]);
    expect(builtinRuleSet().rules.length).toBe(rawRules.length);
  });

  it("have unique ids", () => {
    const ids = rawRules.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("each carry at least one example and one counterexample", () => {
    const lacking = rawRules.filter((rule) => !(rule.example?.length && rule.counterexample?.length)).map((rule) => rule.id);
    expect(lacking).toEqual([]);
  });
});

/** Lines with no keyword of any rule, around an example: enough for the engine to use windows. */
const PADDING_LINES = 300;
const PADDING = Array.from({ length: PADDING_LINES }, (_, i) => `const value${i} = compute(${i}, "plain text");\n`).join("");

for (const rule of rawRules) {
  describe(`rule ${rule.id}`, () => {
    (rule.example ?? []).forEach((raw, index) => {
      it(`finds example ${index + 1}`, () => {
        const example = expandExample(raw, `${rule.id}:example:${index}`);
        if (rule.kind === "path" || rule.globs) {
          const found = scanText(example.text, example.path).filter((finding) => finding.kind === "path");
          expect(found.map((finding) => finding.ruleId)).toContain(rule.id);
          return;
        }
        expect(example.secret, "a content example names its secret").toBeDefined();
        const found = scanText(example.text, example.path ?? "example.txt");
        const mine = found.filter((finding) => finding.ruleId === rule.id);
        expect(mine.map((finding) => finding.secret)).toContain(example.secret);
      });
    });
    (rule.example ?? []).forEach((raw, index) => {
      if (rule.kind === "path" || rule.globs) return;
      // The engine runs a rule only in windows around its keywords: far from the file's ends, in a
      // file large enough for windows, an example must be found all the same, on its own line.
      it(`finds example ${index + 1} in the middle of a large file`, () => {
        const example = expandExample(raw, `${rule.id}:example:${index}`);
        const text = `${PADDING}${example.text}\n${PADDING}`;
        const found = scanText(text, example.path ?? "example.txt").filter((finding) => finding.ruleId === rule.id);
        const mine = found.find((finding) => finding.secret === example.secret);
        expect(mine, `${rule.id} example ${index + 1} in a large file`).toBeDefined();
        const line = PADDING_LINES + 1 + example.text.slice(0, example.text.indexOf(example.secret!)).split("\n").length - 1;
        expect(mine!.start.line).toBe(line);
      });
    });
    (rule.counterexample ?? []).forEach((raw, index) => {
      it(`ignores counterexample ${index + 1}`, () => {
        const example = expandExample(raw, `${rule.id}:counterexample:${index}`);
        const found = scanText(example.text, example.path ?? "example.txt");
        expect(found.map((finding) => `${finding.ruleId}: ${finding.secret}`)).toEqual([]);
      });
    });
  });
}
