// The scanner's wantsText: asked of a file's bytes before they are decoded, it may say no only when
// the text could give no content or scope finding. The rule examples check the same through
// scanText (test/helpers/engine.ts); these are the cases that no rule example covers.
import { describe, expect, it } from "vitest";
import { createFragmentScanner } from "../../src/engine/scan.js";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import type { ContentRule } from "../../src/model.js";
import { compileRules } from "../../src/rules/compile.js";
import { compileScope, type RawScope } from "../../src/rules/scopes.js";
import { builtinRuleSet, fragmentOf } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

const fingerprints = createFingerprinter("test");
const bytes = (text: string) => Buffer.from(text, "utf8");
const rulesOf = (toml: Record<string, unknown>[]) => compileRules(toml.map((rule) => ({ file: "test.toml", description: "test rule", ...rule }) as never));
const PLAIN = "const value = compute(1, 'plain text');\nreturn value * 2;\n";

describe("wantsText", () => {
  const builtin = builtinRuleSet();
  const scanner = createFragmentScanner(builtin.rules, fingerprints, builtin.scopes);

  it("says no to text without any keyword, yes to each rule's keyword in either case, amid multi-byte characters", () => {
    expect(scanner.wantsText!(bytes(PLAIN), "src/a.ts")).toBe(false);
    const keywords = [...new Set(builtin.rules.flatMap((rule) => (rule.kind === "content" ? (rule as ContentRule).keywords : [])))];
    expect(keywords.length).toBeGreaterThan(20);
    const missed = keywords.filter((keyword) => !scanner.wantsText!(bytes(`${PLAIN}é ${keyword.toUpperCase()}ü\n`), "src/a.ts"));
    expect(missed).toEqual([]);
  });

  it("wants a Kubernetes Secret manifest, whose values hold keywords only once decoded", () => {
    const rules = rulesOf([{ id: "bot-token", regex: "(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,32})", keywords: ["xoxb"] }]);
    const own = createFragmentScanner(rules, fingerprints);
    const token = fake.slackBotToken();
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: bot\ndata:\n  token: ${Buffer.from(token).toString("base64")}\n`;
    expect(own.wantsText!(bytes(manifest), "deploy/bot.yaml")).toBe(true);
    expect(own.scanFragment(fragmentOf(manifest, "deploy/bot.yaml")).map((finding) => finding.secret)).toEqual([token]);
    expect(own.wantsText!(bytes(manifest.replace("kind: Secret", "kind: ConfigMap")), "deploy/bot.yaml")).toBe(false);
  });

  it("always wants text when a rule has no keyword, or a keyword that is not ASCII", () => {
    const keywordless = createFragmentScanner(rulesOf([{ id: "any", regex: "(secret-[0-9]{8})" }]), fingerprints);
    expect(keywordless.wantsText!(bytes(PLAIN), "a.txt")).toBe(true);
    const accented = createFragmentScanner(rulesOf([{ id: "accented", regex: "clé=([0-9]{8})", keywords: ["clé"] }]), fingerprints);
    expect(accented.wantsText!(bytes(PLAIN), "a.txt")).toBe(true);
  });

  it("wants text at a path that holds a scope's near word, where a reference needs no keyword in the text", () => {
    const raw = { id: "test-scope", description: "test secret", file: "test.toml", names: ["ADMIN_TOKEN"], alias: [{ name: "mgmt", near: ["openrouter"] }], allowed: ["gateway/**"] };
    const scoped = createFragmentScanner([], fingerprints, [compileScope(raw as RawScope)]);
    expect(scoped.wantsText!(bytes(PLAIN), "worker/main.py")).toBe(false);
    expect(scoped.wantsText!(bytes(PLAIN), "worker/openrouter/main.py")).toBe(true);
    expect(scoped.wantsText!(bytes(`${PLAIN}token = ADMIN_TOKEN\n`), "worker/main.py")).toBe(true);
  });
});
