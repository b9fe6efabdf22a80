// Property-based tests (fast-check) over the engine, the filters, the redactor and every reporter,
// in-process. The secrets come from the rules' own examples (test/helpers/examples.ts expands their
// templates with a fresh seed per case), so a rule added to rules/*.toml is covered without an edit here.
//
//   never leak     wherever a secret sits (line start, line end, CRLF lines, inside a JSON string,
//                  twice on one line, next to another secret, on a long line), no format and no summary line
//                  holds it raw, nor JSON-, XML- or workflow-command-escaped.
//   recall         a secret that is found alone is still found among random neighbouring lines.
//   robustness     random bytes never make decoding, scanning or reporting throw.
//
// Runs: LEAKGATE_FUZZ_RUNS (default 60 per property); `npm run fuzz` runs thousands.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFragmentScanner } from "../../src/engine/scan.js";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import { filterFindings } from "../../src/filters/index.js";
import { rulePriorities } from "../../src/filters/overlap.js";
import type { Finding, ScanResult } from "../../src/model.js";
import { REPORTERS } from "../../src/reporters/index.js";
import { createRedactor, redactResult, redactSecret } from "../../src/reporters/redact.js";
import { summaryLine } from "../../src/reporters/summary.js";
import { decodeContent } from "../../src/sources/decode.js";
import { loadRuleFolder } from "../../src/rules/load.js";
import { BUILTIN_RULES, builtinRuleSet, fragmentOf } from "../helpers/engine.js";
import { expandExample } from "../helpers/examples.js";

const RUNS = Number(process.env["LEAKGATE_FUZZ_RUNS"] ?? 60);
const ruleSet = builtinRuleSet();
const scanner = createFragmentScanner(ruleSet.rules, createFingerprinter("property"));
const filters = { allowlists: ruleSet.allowlists, priorities: rulePriorities(ruleSet.rules) };

interface Template {
  readonly rule: string;
  readonly index: number;
  readonly example: { text?: string; secret?: string; path?: string };
}
/** Every example of a content rule that names the exact secret it must produce. */
const templates: Template[] = loadRuleFolder(BUILTIN_RULES)
  .flatMap((file) => file.rules)
  .filter((rule) => rule.kind !== "path" && rule.globs === undefined)
  .flatMap((rule) => (rule.example ?? []).map((example, index) => ({ rule: rule.id, index, example })))
  .filter((template) => template.example.secret !== undefined && template.example.text !== undefined);

interface Planted {
  readonly rule: string;
  readonly text: string;
  readonly secret: string;
  readonly path: string;
}
/** One example, expanded with a fresh seed: new random secret, same shape. */
const plantedArb: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...templates), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
  .map(([template, seed]) => {
    const expanded = expandExample(template.example, `${template.rule}:${template.index}:${seed}`);
    return { rule: template.rule, text: expanded.text, secret: expanded.secret!, path: expanded.path ?? "example.txt" };
  });

/** Scans one text and reports it in every format, as `leakgate scan` does; returns every output. */
function outputs(content: string, path: string): { texts: string[]; raw: Finding[]; findings: Finding[] } {
  const raw = scanner.scanFragment(fragmentOf(content, path));
  const findings = filterFindings(raw, filters);
  const stats = { files: 1, bytes: content.length, commits: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0, rules: ruleSet.rules.length, durationMs: 1 };
  const result: ScanResult = { findings, stats, errors: [], warnings: [] };
  const shown = redactResult(result, createRedactor(raw.map((finding) => finding.secret)));
  const context = { version: "0.0.0", color: false, rules: ruleSet.rules };
  const texts = Object.values(REPORTERS).map((reporter) => reporter(shown, context));
  texts.push(summaryLine(shown.stats, shown.findings.length));
  return { texts, raw, findings };
}

/** The forms a secret takes in the formats: raw, JSON-escaped, XML-escaped, workflow-command-escaped. */
function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const xml = secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  const workflow = secret.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const html = secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  return [...new Set([secret, json, xml, workflow, html])];
}

/**
 * Whether `text` shows `secret` or a 12-character piece of it beyond what its redacted form shows
 * on purpose (a prefix that names its kind, and two characters); each line of a multi-line secret
 * on its own.
 */
function leaks(text: string, secret: string): string | undefined {
  for (const form of forms(secret)) if (text.includes(form)) return form;
  const shown = redactSecret(secret).split("…")[0]!;
  const hidden = secret.startsWith(shown) ? secret.slice(shown.length) : secret;
  for (const line of hidden.split(/\r?\n|\r/)) {
    if (line.length < 12) continue;
    for (let at = 0; at + 12 <= line.length; at += 4) {
      const piece = line.slice(at, at + 12);
      if (/^[A-Za-z0-9+/=_-]{12}$/.test(piece) && new Set(piece).size > 4 && text.includes(piece)) return piece;
    }
  }
  return undefined;
}

// Neighbours: words of letters, digits and blanks, with some punctuation. No quotes, brackets, = or \
// (they would make the neighbour part of the secret's syntax), and never glued to the secret: a
// blank or a line break always separates them (a secret glued to alphanumerics rightly breaks \b).
const wordChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789.,;:()!?".split(""));
const word = fc.string({ unit: wordChar, minLength: 1, maxLength: 12 });
const line = fc.array(word, { maxLength: 8 }).map((words) => words.join(" "));
const lines = fc.array(line, { maxLength: 6 });
const eol = fc.constantFrom("\n", "\r\n");

/** Where the planted example text goes in its surroundings. */
const placement = fc.constantFrom("own-line", "line-start", "line-end", "json-string", "twice", "crlf-file", "after-another", "long-line");

function place(kind: string, planted: Planted, other: Planted, before: string[], after: string[], newline: string): string {
  const head = before.join(newline);
  const tail = after.join(newline);
  const around = (middle: string) => [head, middle, tail].join(newline);
  switch (kind) {
    case "line-start":
      return around(`${planted.text} ${after[0] ?? "tail"}`);
    case "line-end":
      return around(`${before[0] ?? "head"} ${planted.text}`);
    case "json-string":
      return around(`{"config": ${JSON.stringify(planted.text)}, "n": 1}`);
    case "twice":
      return around(`${planted.text} ${planted.text}`);
    case "crlf-file":
      return [head, planted.text, tail].join("\r\n").replace(/\r?\n/g, "\r\n");
    case "after-another":
      return around(`${other.text}${newline}${planted.text}`);
    case "long-line":
      // Another secret 120 characters before this one: a context window of 160 starts inside it.
      return around(`${other.text} ${"x ".repeat(60)}${planted.text} ${"y ".repeat(200)}`);
    default:
      return around(planted.text);
  }
}

describe("never leak", () => {
  it("no format and no summary shows a found secret, wherever it sits", () => {
    fc.assert(
      fc.property(plantedArb, plantedArb, placement, lines, lines, eol, (planted, other, kind, before, after, newline) => {
        const content = place(kind, planted, other, before, after, newline);
        const { texts, raw } = outputs(content, planted.path);
        const secrets = new Set(raw.map((finding) => finding.secret).filter((secret) => secret.length >= 8));
        for (const secret of secrets) {
          for (const text of texts) {
            const shown = leaks(text, secret);
            if (shown !== undefined) throw new Error(`a ${planted.rule} case (${kind}) shows ${JSON.stringify(shown.slice(0, 6))}… of a found secret`);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("recall does not depend on the neighbours", () => {
  // Only examples found when alone: that they are found at all is test/unit/rules.test.ts's job.
  const foundAlone = (planted: Planted) =>
    filterFindings(scanner.scanFragment(fragmentOf(planted.text, planted.path)), filters).some((finding) => finding.secret === planted.secret);

  it("a secret planted on its own line(s) among random lines is still found", () => {
    fc.assert(
      fc.property(plantedArb, lines, lines, eol, (planted, before, after, newline) => {
        fc.pre(foundAlone(planted));
        const content = [...before, planted.text, ...after].join(newline);
        const { findings } = outputs(content, planted.path);
        expect(findings.map((finding) => finding.secret)).toContain(planted.secret);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("robustness", () => {
  it("random bytes never make decoding, scanning or reporting throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom("a.txt", ".env", "x/y.pem", "n\u00e9w\nline.js"), (bytes, path) => {
        const decoded = decodeContent(bytes, 1 << 20);
        outputs(decoded.text, path);
      }),
      { numRuns: RUNS },
    );
  });

  it("random text around keywords never makes scanning or reporting throw", () => {
    const keywords = [...new Set(ruleSet.rules.flatMap((rule) => (rule.kind === "content" ? rule.keywords : [])))];
    const noisy = fc.array(fc.oneof(fc.constantFrom(...keywords), fc.string({ maxLength: 20 }), fc.constantFrom("=", ": ", '"', "'", "\n", "\r\n", "\r", "\\", "\u2028", "\ud83d", "\ufeff")), { maxLength: 60 });
    fc.assert(
      fc.property(noisy, (parts) => {
        outputs(parts.join(""), "noise.txt");
      }),
      { numRuns: RUNS },
    );
  });
});
