// The baseline as a pure filter and as text: matching by fingerprint, expiry, stale entries,
// rebuilding, and a file format that is stable and never holds the secret.
import { describe, expect, it } from "vitest";
import { formatBaseline, parseBaseline } from "../../src/baseline-file.js";
import { checkedExpiry } from "../../src/commands/allow.js";
import { scansWholeTree } from "../../src/commands/baseline.js";
import { parseOptions, type Options } from "../../src/options.js";
import { applyBaseline, isCalendarDate, rebuildBaseline, withEntry, type Baseline } from "../../src/filters/baseline.js";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import type { Finding } from "../../src/model.js";
import { scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

const SALT = "0123456789abcdef0123456789abcdef";
const TODAY = "2025-06-15";

function findingsOf(text: string, path = "config/app.ts"): Finding[] {
  const findings = scanText(text, path);
  expect(findings.length).toBeGreaterThan(0);
  return findings;
}

const entryOf = (finding: Finding, extra: { expires?: string; reason?: string } = {}) => ({
  ruleId: finding.ruleId,
  path: finding.path,
  fingerprint: finding.fingerprint,
  ...extra,
});

describe("applyBaseline", () => {
  it("drops baselined findings and keeps a new secret in the same file", () => {
    const old = fake.openrouterKey();
    const [accepted] = findingsOf(`key = "${old}"\n`);
    const baseline: Baseline = { salt: SALT, entries: [entryOf(accepted!)] };
    const fresh = fake.openrouterKey();
    const now = findingsOf(`key = "${old}"\nother = "${fresh}"\n`);
    const outcome = applyBaseline(now, baseline, TODAY, true);
    expect(outcome.suppressed).toBe(1);
    expect(outcome.findings.map((finding) => finding.secret)).toEqual([fresh]);
    expect(outcome.warnings).toEqual([]);
  });

  it("still matches when the secret moves to another line (no line number in the fingerprint)", () => {
    const key = fake.openrouterKey();
    const [before] = findingsOf(`key = "${key}"\n`);
    const [after] = findingsOf(`// a comment\n\n\nconst key = "${key}";\n`);
    expect(after!.start.line).not.toBe(before!.start.line);
    const outcome = applyBaseline([after!], { salt: SALT, entries: [entryOf(before!)] }, TODAY, true);
    expect(outcome.findings).toEqual([]);
  });

  it("does not match the same secret in another file", () => {
    const key = fake.openrouterKey();
    const [here] = findingsOf(`key = "${key}"\n`, "a.ts");
    const [there] = findingsOf(`key = "${key}"\n`, "b.ts");
    const outcome = applyBaseline([there!], { salt: SALT, entries: [entryOf(here!)] }, TODAY, false);
    expect(outcome.findings).toEqual([there]);
  });

  it("reports an expired entry's finding again and says so; an entry expiring today still holds", () => {
    const [finding] = findingsOf(`key = "${fake.openrouterKey()}"\n`);
    const expired = applyBaseline([finding!], { salt: SALT, entries: [entryOf(finding!, { expires: "2025-06-14" })] }, TODAY, true);
    expect(expired.findings).toEqual([finding]);
    expect(expired.suppressed).toBe(0);
    expect(expired.warnings).toHaveLength(1);
    expect(expired.warnings[0]).toContain("expired on 2025-06-14");
    expect(expired.warnings[0]).toContain(finding!.fingerprint);
    const lastDay = applyBaseline([finding!], { salt: SALT, entries: [entryOf(finding!, { expires: TODAY })] }, TODAY, true);
    expect(lastDay.findings).toEqual([]);
    expect(lastDay.warnings).toEqual([]);
  });

  it("lists stale entries only when the scan covered the whole tree", () => {
    const [gone] = findingsOf(`key = "${fake.openrouterKey()}"\n`);
    const baseline: Baseline = { salt: SALT, entries: [entryOf(gone!)] };
    const whole = applyBaseline([], baseline, TODAY, true);
    expect(whole.warnings).toHaveLength(1);
    expect(whole.warnings[0]).toMatch(/^stale baseline entry: openrouter-api-key in config\/app\.ts \([0-9a-f]{32}\)/);
    expect(applyBaseline([], baseline, TODAY, false).warnings).toEqual([]);
  });
});

describe("rebuildBaseline and withEntry", () => {
  it("keeps the metadata of entries that still match, adds new findings once, drops stale ones", () => {
    const key = fake.openrouterKey();
    const [kept] = findingsOf(`key = "${key}"\n`, "b.ts");
    const [stale] = findingsOf(`key = "${fake.openrouterKey()}"\n`, "c.ts");
    const [added] = findingsOf(`key = "${fake.openrouterKey()}"\n`, "a.ts");
    const twice = findingsOf(`key = "${key}"\nagain = "${key}"\n`, "b.ts");
    const previous: Baseline = {
      salt: SALT,
      entries: [entryOf(kept!, { reason: "rotating", expires: "2020-01-01" }), entryOf(stale!)],
    };
    const rebuilt = rebuildBaseline([added!, ...twice], previous);
    expect(rebuilt).toMatchObject({ added: 1, kept: 1, dropped: 1 });
    expect(rebuilt.baseline.salt).toBe(SALT);
    expect(rebuilt.baseline.entries).toEqual([entryOf(added!), entryOf(kept!, { reason: "rotating", expires: "2020-01-01" })]);
  });

  it("adds one entry in sorted place, or replaces the entry of the same fingerprint", () => {
    const [a] = findingsOf(`key = "${fake.openrouterKey()}"\n`, "a.ts");
    const [b] = findingsOf(`key = "${fake.openrouterKey()}"\n`, "b.ts");
    const base: Baseline = { salt: SALT, entries: [entryOf(b!)] };
    expect(withEntry(base, entryOf(a!, { reason: "x" })).entries).toEqual([entryOf(a!, { reason: "x" }), entryOf(b!)]);
    expect(withEntry(base, entryOf(b!, { reason: "y" })).entries).toEqual([entryOf(b!, { reason: "y" })]);
  });
});

describe("the baseline file", () => {
  const entries = [
    { ruleId: "slack-bot-token", path: "z.md", fingerprint: "f".repeat(32), reason: "old", owner: "ops", expires: "2030-01-31" },
    { ruleId: "openrouter-api-key", path: "a.ts", fingerprint: "a".repeat(32) },
  ];

  it("is stable: sorted entries, one per line, fixed key order, no timestamp", () => {
    const text = formatBaseline({ salt: SALT, entries });
    expect(text).toBe(
      [
        "{",
        '  "version": 1,',
        `  "salt": "${SALT}",`,
        '  "entries": [',
        `    {"ruleId":"openrouter-api-key","path":"a.ts","fingerprint":"${"a".repeat(32)}"},`,
        `    {"ruleId":"slack-bot-token","path":"z.md","fingerprint":"${"f".repeat(32)}","reason":"old","owner":"ops","expires":"2030-01-31"}`,
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
    expect(formatBaseline({ salt: SALT, entries: [...entries].reverse() })).toBe(text);
    expect(formatBaseline(parseBaseline(text, "b.json"))).toBe(text);
  });

  it("adding an entry changes one line and leaves the others byte for byte", () => {
    const before = formatBaseline({ salt: SALT, entries }).split("\n");
    const after = formatBaseline(withEntry({ salt: SALT, entries }, { ruleId: "r", path: "m.ts", fingerprint: "c".repeat(32), reason: "why" })).split("\n");
    expect(after.length).toBe(before.length + 1);
    for (const line of before.filter((each) => each.includes('"ruleId"'))) expect(after.some((each) => each.replace(/,$/, "") === line.replace(/,$/, ""))).toBe(true);
  });

  it("holds fingerprints, never the secret", () => {
    const key = fake.openrouterKey();
    const findings = findingsOf(`key = "${key}"\n`);
    const text = formatBaseline(rebuildBaseline(findings, { salt: SALT, entries: [] }).baseline);
    expect(text).not.toContain(key);
    expect(text).not.toContain(key.slice(9, 29));
  });

  for (const [name, text, message] of [
    ["not JSON", "{", /not valid JSON/],
    ["a wrong version", `{"version":2,"salt":"${SALT}","entries":[]}`, /"version" must be 1/],
    ["a short salt", `{"version":1,"salt":"abc","entries":[]}`, /"salt"/],
    ["an entry without a fingerprint", `{"version":1,"salt":"${SALT}","entries":[{"ruleId":"r","path":"p"}]}`, /entry 1 needs a "fingerprint"/],
    ["a bad expiry", `{"version":1,"salt":"${SALT}","entries":[{"ruleId":"r","path":"p","fingerprint":"f","expires":"2025-02-30"}]}`, /"expires" must be a date/],
  ] as const) {
    it(`rejects ${name} with one line naming the file and what to do`, () => {
      expect(() => parseBaseline(text, ".leakgate-baseline.json")).toThrow(message);
      expect(() => parseBaseline(text, ".leakgate-baseline.json")).toThrow(/^\.leakgate-baseline\.json: .* — fix the file/);
    });
  }
});

describe("fingerprints", () => {
  it("depend on the salt, so one repository's fingerprints say nothing about another's", () => {
    const key = fake.openrouterKey();
    const one = createFingerprinter(SALT).finding("openrouter-api-key", "a.ts", key);
    expect(createFingerprinter(SALT).finding("openrouter-api-key", "a.ts", key)).toBe(one);
    expect(createFingerprinter("fedcba9876543210fedcba9876543210").finding("openrouter-api-key", "a.ts", key)).not.toBe(one);
  });
});

describe("dates", () => {
  it("accepts real calendar days only", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-1-01")).toBe(false);
    expect(isCalendarDate("tomorrow")).toBe(false);
  });

  it("--expires must be a date, today or later", () => {
    expect(checkedExpiry(undefined, TODAY)).toBeUndefined();
    expect(checkedExpiry(TODAY, TODAY)).toBe(TODAY);
    expect(() => checkedExpiry("2025-06-14", TODAY)).toThrow(/is in the past — give today or a later date/);
    expect(() => checkedExpiry("15/06/2030", TODAY)).toThrow(/is not a date — write it as YYYY-MM-DD/);
  });
});

describe("which scans can call an entry stale", () => {
  const options = async (...args: string[]) => (await parseOptions(["scan", ...args], "0.0.0")) as Options;
  it("a scan of the repository root, with no path or with the root, but not from a subfolder or of one file", async () => {
    expect(scansWholeTree(await options(), "/repo", "/repo")).toBe(true);
    expect(scansWholeTree(await options("."), "/repo", "/repo")).toBe(true);
    expect(scansWholeTree(await options(".."), "/repo/src", "/repo")).toBe(true);
    expect(scansWholeTree(await options(), "/repo/src", "/repo")).toBe(false);
    expect(scansWholeTree(await options("a.ts"), "/repo", "/repo")).toBe(false);
  });
});
