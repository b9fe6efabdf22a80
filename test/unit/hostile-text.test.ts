// Hostile text through the engine and the redactor: minified megabyte lines, many secrets on one
// line, windows of context that must not cut a secret in half, overlapping secrets, encodings and
// line endings. "Bounded time" is asserted without a clock: each case here took minutes before its
// fix, so vitest's timeout fails it.
import { describe, expect, it } from "vitest";
import { secretContext, secretSpans } from "../../src/engine/context.js";
import { indexLines } from "../../src/engine/location.js";
import { createFragmentScanner } from "../../src/engine/scan.js";
import type { Finding } from "../../src/model.js";
import { createRedactor } from "../../src/reporters/redact.js";
import { decodeContent } from "../../src/sources/decode.js";
import { builtinRuleSet, fragmentOf, scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

// The real fingerprint is a deliberately slow hash; these cases are about the engine's own cost.
const cheapFingerprints = { finding: (rule: string, path: string, secret: string) => `${rule}:${path}:${secret.length}` } as never;
const scanner = () => createFragmentScanner(builtinRuleSet().rules, cheapFingerprints);
const minified = (bytes: number): string => "var a=function(b){return b+1};".repeat(Math.ceil(bytes / 31));
/** The `size`-character pieces of `secret` that `text` shows raw. */
const rawParts = (text: string, secret: string, size: number): string[] =>
  Array.from({ length: secret.length - size + 1 }, (_, at) => secret.slice(at, at + size)).filter((part) => text.includes(part));
/** Column of a UTF-16 offset, counted the slow obvious way. */
const columnAt = (text: string, offset: number): number => [...text.slice(Math.max(text.lastIndexOf("\n", offset - 1) + 1, 0), offset)].length + 1;

describe("very long lines", () => {
  it("finds a secret at the end of a 4 MB minified line, at the right column, with a bounded context", () => {
    const key = fake.openrouterKey();
    const text = `${minified(4 << 20)}k="${key}"`;
    const [finding] = scanner().scanFragment(fragmentOf(text, "bundle.min.js"));
    expect(finding).toMatchObject({ ruleId: "openrouter-api-key", secret: key });
    expect(finding!.start).toEqual({ line: 1, column: text.indexOf(key) + 1 });
    expect(finding!.line.length).toBeLessThan(key.length + 2 * 160 + 4);
    expect(finding!.line.startsWith("…")).toBe(true);
  });

  // Before: each finding sliced its whole line and counted columns from the line's start (minutes).
  it("reports 1000 secrets at the end of a 4 MB line, each at its column", () => {
    const keys = Array.from({ length: 1000 }, () => fake.openrouterKey());
    const text = `🔑${minified(4 << 20)}${keys.map((key) => `x="${key}"`).join(";")}`;
    const findings = scanner().scanFragment(fragmentOf(text, "bundle.min.js"));
    expect(findings.map((finding) => finding.secret)).toEqual(keys);
    const last = findings[findings.length - 1]!;
    expect(last.start.column).toBe(columnAt(text, text.lastIndexOf(keys[999]!)));
  });

  it("counts columns in code points when secrets are asked out of order on a line with emoji", () => {
    const text = "🔑🔑 a 🔑 b 🔑 c";
    const index = indexLines(text);
    for (const offset of [text.indexOf("c"), text.indexOf("a"), text.indexOf("b"), text.indexOf("c")]) {
      expect(index.position(offset).column).toBe(columnAt(text, offset));
    }
  });

  it("gives the bounds of a line without its line break, for \\n, \\r\\n and \\r", () => {
    const text = "ab\r\ncd\ref\ngh";
    const index = indexLines(text);
    expect(index.lineBounds(0)).toEqual({ start: 0, end: 2 });
    expect(index.lineBounds(4)).toEqual({ start: 4, end: 6 });
    expect(index.lineBounds(7)).toEqual({ start: 7, end: 9 });
    expect(index.lineBounds(10)).toEqual({ start: 10, end: 12 });
  });
});

describe("context windows never cut a secret in half", () => {
  it("widens the window to the whole neighbouring secret, so the redactor can mask all of it", () => {
    const near = fake.openrouterKey();
    const key = fake.openrouterKey();
    // `near` ends 100 characters before `key`: a plain 160-character window starts inside it.
    const text = `${"x ".repeat(400)}a="${near}"${" ".repeat(100)}b="${key}"${" y".repeat(400)}`;
    const findings = scanText(text);
    expect(findings.map((finding) => finding.secret).sort()).toEqual([near, key].sort());
    const redactor = createRedactor(findings.map((finding) => finding.secret));
    for (const finding of findings) {
      const shown = redactor.finding(finding).line;
      for (const secret of [near, key]) expect(rawParts(shown, secret.slice(9), 12)).toEqual([]);
    }
  });

  it("widens across a line break to a multi-line secret that ends on the finding's line", () => {
    const text = "line one\nBEGIN-aaaa\nbbbb-END then more";
    const index = indexLines(text);
    const block = { start: text.indexOf("BEGIN"), end: text.indexOf("-END") + 4 };
    const other = { start: text.indexOf("more"), end: text.length };
    expect(secretContext(text, index, other, secretSpans([block, other]))).toBe("BEGIN-aaaa\nbbbb-END then more");
  });
});

describe("the redactor", () => {
  it("masks two secrets that overlap as one, leaving no part of either raw", () => {
    const left = `LEFT${fake.alnum(20)}`;
    const right = `${left.slice(-8)}RIGHT${fake.alnum(20)}`;
    const text = `value=${left}${right.slice(8)};`;
    const shown = createRedactor([left, right]).text(text);
    // Masking one after the other left the head of `left` raw once `right` had been replaced.
    for (const secret of [left, right]) expect(rawParts(shown, secret, 8)).toEqual([]);
    expect(shown).toMatch(/^value=.*…\(\d+ chars\);$/);
  });

  it("masks every occurrence, with many secrets, in text many times longer than them", () => {
    const secrets = Array.from({ length: 2000 }, () => fake.alnum(30));
    const text = secrets.map((secret, index) => `${index}:${secret}`).join(" ");
    const shown = createRedactor(secrets).text(text);
    for (const secret of secrets) expect(shown).not.toContain(secret.slice(4));
  });
});

describe("encodings and line endings", () => {
  const found = (bytes: Buffer, path = "a.txt"): Finding[] => {
    const decoded = decodeContent(bytes, 10 << 20);
    expect(decoded.skipped).toBeUndefined();
    return scanText(decoded.text, path);
  };

  it("counts columns of line 1 after a UTF-8 byte order mark", () => {
    const key = fake.openrouterKey();
    const [finding] = found(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`k=${key}\n`)]));
    expect(finding!.start).toEqual({ line: 1, column: 3 });
  });

  it("finds a secret between invalid UTF-8 bytes, at its column in the decoded text", () => {
    const key = fake.openrouterKey();
    const bytes = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x20]), Buffer.from(`k=${key}`), Buffer.from([0x80, 0xed, 0xa0, 0x80, 0x0a])]);
    const [finding] = found(bytes);
    expect(finding).toMatchObject({ secret: key });
    expect(finding!.start.line).toBe(1);
  });

  for (const [name, encode] of [
    ["UTF-16 LE", (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
    ["UTF-16 BE", (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
  ] as const) {
    it(`decodes ${name} with a byte order mark (columns after the mark, CRLF line numbers)`, () => {
      const key = fake.openrouterKey();
      const [finding] = found(encode(`first\r\nsecond\r\n  k=${key}\r\n`));
      expect(finding).toMatchObject({ secret: key, start: { line: 3, column: 5 } });
    });
  }

  it("numbers lines across mixed \\r\\n, lone \\r and \\n in one file", () => {
    const key = fake.openrouterKey();
    const [finding] = scanText(`a\r\nb\rc\n\r\nd\r${key}`);
    expect(finding!.start).toEqual({ line: 6, column: 1 });
  });
});
