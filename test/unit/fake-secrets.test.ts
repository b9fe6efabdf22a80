// The test helpers' fake tokens must be found like real ones: none may look like a placeholder to
// the built-in allowlist (a run of one character, a typed sequence), or a test that counts findings
// fails now and then. Before the helper refused such values, one OpenRouter key in about 20,000 did.
import { describe, expect, it } from "vitest";
import { builtinRuleSet } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

describe("fake secrets", () => {
  it("never look like a placeholder to the built-in allowlist", () => {
    const allowlists = builtinRuleSet().allowlists;
    const allowed = (value: string): boolean =>
      allowlists.some(
        (allow) =>
          allow.regexes.some((regex) => {
            regex.lastIndex = 0;
            return regex.test(value);
          }) || allow.stopwords.some((word) => value.toLowerCase().includes(word)),
      );
    const makers = [fake.openrouterKey, fake.slackBotToken, () => fake.hex(64), () => fake.alnum(43), () => fake.digits(12)];
    const placeholders: string[] = [];
    for (const make of makers) {
      for (let i = 0; i < 20_000; i++) {
        const value = make();
        if (allowed(value)) placeholders.push(value.slice(0, 12));
      }
    }
    expect(placeholders).toEqual([]);
  });
});
