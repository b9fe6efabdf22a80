import { describe, expect, it } from "vitest";
import { shannonEntropy } from "../../src/engine/entropy.js";
import { indexLines } from "../../src/engine/location.js";
import { buildPrefilter } from "../../src/engine/prefilter.js";
import { compileRules } from "../../src/rules/compile.js";
import type { ContentRule } from "../../src/model.js";
import type { RuleSet } from "../../src/config.js";
import { builtinRuleSet, scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

function ruleSetOf(toml: Record<string, unknown>[], allow: RuleSet["allowlists"] = []): RuleSet {
  const rules = compileRules(toml.map((rule) => ({ file: "test.toml", description: "test rule", ...rule }) as never));
  return { rules, allowlists: allow, warnings: [], configFile: undefined, config: {} };
}

describe("spans", () => {
  it("gives 1-based line and column of the secret, not of the whole match", () => {
    const key = fake.openrouterKey();
    const [finding] = scanText(`first line\n  OPENROUTER_API_KEY="${key}"\n`);
    expect(finding).toMatchObject({ ruleId: "openrouter-api-key", secret: key });
    expect(finding!.start).toEqual({ line: 2, column: 23 });
    expect(finding!.end).toEqual({ line: 2, column: 23 + key.length - 1 });
  });

  it("counts lines the same across \\n, \\r\\n and lone \\r", () => {
    const key = fake.openrouterKey();
    for (const eol of ["\n", "\r\n", "\r"]) {
      const [finding] = scanText(["a", "b", `x=${key}`, "c"].join(eol));
      expect(finding!.start, JSON.stringify(eol)).toEqual({ line: 3, column: 3 });
    }
  });

  it("spans a multi-line secret from its first to its last line", () => {
    const block = fake.privateKey();
    const [finding] = scanText(`# key\n${block}\nmore\n`, "deploy/key.txt");
    expect(finding!.secret).toBe(block);
    expect(finding!.start).toEqual({ line: 2, column: 1 });
    expect(finding!.end.line).toBe(7);
    expect(finding!.end.column).toBe("-----END RSA PRIVATE KEY-----".length);
  });

  it("counts columns in code points (emoji and accents before the secret)", () => {
    const key = fake.openrouterKey();
    const [finding] = scanText(`🔑 é=${key}`);
    expect(finding!.start).toEqual({ line: 1, column: 5 });
  });

  it("offsets lines by the fragment's start line", () => {
    const index = indexLines("a\nbb\nccc", 10);
    expect(index.position(5)).toEqual({ line: 12, column: 1 });
    expect(index.lines(11, 12)).toBe("bb\nccc");
  });
});

describe("entropy", () => {
  it("is 0 for one repeated character and log2(n) for n distinct ones", () => {
    expect(shannonEntropy("aaaaaaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBeCloseTo(2);
    expect(shannonEntropy("")).toBe(0);
  });

  it("drops a match whose secret is below the rule's minimum", () => {
    const rules = ruleSetOf([{ id: "t", regex: "token=([a-z0-9]{16})", entropy: 3 }]);
    expect(scanText("token=aaaaaaaabbbbbbbb", "a.txt", rules)).toEqual([]);
    expect(scanText("token=q8w7e6r5t4y3u2i1", "a.txt", rules)).toHaveLength(1);
  });
});

describe("allowlists", () => {
  const rule = { id: "t", regex: "token=([A-Za-z0-9]{12,})" };

  it("rule allow: stopwords, regexes against the secret or the line, and paths", () => {
    const rules = ruleSetOf([
      { ...rule, allow: { stopwords: ["example"], regexes: ["^TEST"], paths: ["fixtures/**"] } },
    ]);
    expect(scanText("token=myEXAMPLEvalue123", "a.txt", rules)).toEqual([]);
    expect(scanText("token=TESTq8w7e6r5t4", "a.txt", rules)).toEqual([]);
    expect(scanText("token=q8w7e6r5t4y3", "fixtures/a.txt", rules)).toEqual([]);
    expect(scanText("token=q8w7e6r5t4y3", "src/a.txt", rules)).toHaveLength(1);
    const byLine = ruleSetOf([{ ...rule, allow: { regexes: ["^#"], regexTarget: "line" } }]);
    expect(scanText("# token=q8w7e6r5t4y3", "a.txt", byLine)).toEqual([]);
    expect(scanText("token=q8w7e6r5t4y3 #", "a.txt", byLine)).toHaveLength(1);
  });

  it("global allow from the built-in files and the user config drops findings of every rule", () => {
    const base = ruleSetOf([rule]);
    const withAllow: RuleSet = {
      ...base,
      allowlists: [{ regexes: [/^q8w7/], regexTarget: "secret", stopwords: ["dummy"], paths: (path) => path.startsWith("vendor/") }],
    };
    expect(scanText("token=q8w7e6r5t4y3", "a.txt", withAllow)).toEqual([]);
    expect(scanText("token=xdummyx12345", "a.txt", withAllow)).toEqual([]);
    expect(scanText("token=z8w7e6r5t4y3", "vendor/x.txt", withAllow)).toEqual([]);
    expect(scanText("token=z8w7e6r5t4y3", "a.txt", withAllow)).toHaveLength(1);
  });

  it("restricts a rule to its paths", () => {
    const rules = ruleSetOf([{ ...rule, paths: ["*.md"] }]);
    expect(scanText("token=q8w7e6r5t4y3", "docs/a.md", rules)).toHaveLength(1);
    expect(scanText("token=q8w7e6r5t4y3", "src/a.ts", rules)).toEqual([]);
  });
});

describe("inline allow", () => {
  for (const marker of ["leakgate:allow", "gitleaks:allow", "pragma: allowlist secret"]) {
    it(`honours ${marker} on the secret's line only`, () => {
      const key = fake.openrouterKey();
      expect(scanText(`x = "${key}" # ${marker}`)).toEqual([]);
      expect(scanText(`# ${marker}\nx = "${key}"`)).toHaveLength(1);
    });
  }
});

describe("prefilter", () => {
  const rules = compileRules([
    { file: "t", id: "a", description: "a", regex: "(abc)", keywords: ["abc"] },
    { file: "t", id: "b", description: "b", regex: "(bcd)", keywords: ["bcd"] },
    { file: "t", id: "c", description: "c", regex: "(ab)", keywords: ["ab"] },
    { file: "t", id: "d", description: "d", regex: "(zz)" },
  ] as never) as ContentRule[];
  const prefilter = buildPrefilter(rules);

  it("finds overlapping and contained keywords in one pass, case-insensitively", () => {
    expect(prefilter.candidates("xxABCDxx").map(({ rule }) => rule.id)).toEqual(["a", "b", "c", "d"]);
    expect(prefilter.candidates("bcd").map(({ rule }) => rule.id)).toEqual(["b", "d"]);
  });

  it("runs only rules without keywords when none occurs", () => {
    expect(prefilter.candidates("nothing here").map(({ rule }) => rule.id)).toEqual(["d"]);
  });

  it("reports the watched words it meets in the same pass, and only those", () => {
    const watching = buildPrefilter(rules, ["vendor", "bc"]);
    const words = new Set<string>();
    // "bc" is a watched word and part of two keywords; "vendor" comes in another case.
    expect(watching.candidates("VENDOR_abc", words).map(({ rule }) => rule.id)).toEqual(["a", "c", "d"]);
    expect([...words].sort()).toEqual(["bc", "vendor"]);
    const none = new Set<string>();
    watching.candidates("abd", none);
    expect(none.size).toBe(0);
  });
});

describe("fragments", () => {
  it("reports only findings that touch the fragment's added lines", () => {
    const key = fake.openrouterKey();
    const text = `a=${key}\nb\nc=${fake.openrouterKey()}\n`;
    const found = scanText(text, "a.txt", builtinRuleSet(), { lines: [{ start: 3, end: 3 }] });
    expect(found.map((finding) => finding.start.line)).toEqual([3]);
  });

  it("keeps a key block that is only partly in the added lines", () => {
    const block = fake.privateKey();
    const found = scanText(`${block}\n`, "a.txt", builtinRuleSet(), { lines: [{ start: 3, end: 3 }] });
    expect(found.map((finding) => finding.ruleId)).toEqual(["private-key"]);
  });

  it("raises path findings whatever the content, unless the path is not judged", () => {
    expect(scanText("", "app/.env").map((finding) => finding.ruleId)).toEqual(["dotenv-file"]);
    expect(scanText("", "app/.env", builtinRuleSet(), { checkPath: false })).toEqual([]);
  });

  it("gives the same fingerprint when the secret moves lines, and never contains it", () => {
    const key = fake.openrouterKey();
    const [a] = scanText(`x=${key}`);
    const [b] = scanText(`\n\n\n   x=${key}`);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(a!.fingerprint).not.toContain(key.slice(9, 20));
    const [other] = scanText(`x=${key}`, "other.txt");
    expect(other!.fingerprint).not.toBe(a!.fingerprint);
  });
});
