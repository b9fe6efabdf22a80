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
    (rule.counterexample ?? []).forEach((raw, index) => {
      it(`ignores counterexample ${index + 1}`, () => {
        const example = expandExample(raw, `${rule.id}:counterexample:${index}`);
        const found = scanText(example.text, example.path ?? "example.txt");
        expect(found.map((finding) => `${finding.ruleId}: ${finding.secret}`)).toEqual([]);
      });
    });
  });
}
