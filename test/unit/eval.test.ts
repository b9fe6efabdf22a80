// The evaluation's own machinery: a deterministic generator whose labels point at the exact text,
// with at least two decoys per secret of every kind, and a scorer that counts correctly. The
// rules' figures on it are the eval's business (`npm run eval`), not this suite's.
import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateRepository } from "../eval/generate.js";
import { KINDS } from "../eval/kinds.js";
import type { Label } from "../eval/model.js";
import { parseEvalArgs, runEval } from "../eval/run.js";
import { formatScore, scoreFindings, secretMatches, type ScoredFinding } from "../eval/score.js";
import { createRng } from "../eval/random.js";
import { base62, checksummedToken, crc32, ecPrivateKey, privateKey } from "../eval/tokens.js";
import { BUILTIN_RULES } from "../helpers/engine.js";

const repository = generateRepository({ seed: "unit", scale: 1 });
const contentOf = new Map(repository.files.map((file) => [file.path, file.content]));

/** The text at a 1-based line and code-point column, `length` code points long (across lines). */
function textAt(content: string, line: number, column: number, length: number): string {
  const lines = content.split("\n");
  const from = lines.slice(0, line - 1).reduce((sum, text) => sum + [...text].length + 1, 0) + column - 1;
  return [...content].slice(from, from + length).join("");
}

describe("the evaluation generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateRepository({ seed: "unit", scale: 1 });
    expect(again.files).toEqual(repository.files);
    expect(again.labels).toEqual(repository.labels);
    const other = generateRepository({ seed: "other", scale: 1 });
    expect(other.files.map((file) => file.content)).not.toEqual(repository.files.map((file) => file.content));
  });

  it("writes a few hundred files of many kinds", () => {
    expect(repository.files.length).toBeGreaterThanOrEqual(200);
    const extensions = new Set(repository.files.map((file) => file.path.slice(file.path.lastIndexOf("."))));
    for (const ext of [".ts", ".py", ".go", ".php", ".yaml", ".toml", ".ini", ".md", ".log", ".ipynb", ".json", ".tf", ".sum", ".js", ".example", ".npmrc"]) {
      expect(extensions, ext).toContain(ext);
    }
    expect(repository.files.map((file) => file.path)).toContain(".github/workflows/ci.yml");
  });

  it("labels point at the exact text, line and column included", () => {
    const content = repository.labels.filter((label) => label.scope === "content");
    expect(content.length).toBeGreaterThan(1000);
    for (const label of content) {
      const file = contentOf.get(label.file);
      expect(file, label.file).toBeDefined();
      const at = textAt(file!, label.line, label.column, [...label.text].length);
      expect(at, `${label.file}:${label.line}:${label.column} ${label.kind}`).toBe(label.text);
      expect(label.endLine - label.line).toBe(label.text.split("\n").length - 1);
    }
    for (const label of repository.labels.filter((label) => label.scope === "path")) {
      expect(contentOf.has(label.file), label.file).toBe(true);
    }
  });

  it("labels what an encoded value stands for", () => {
    const base64 = repository.labels.filter((label) => label.form === "k8s:secret-data-base64");
    expect(base64.length).toBeGreaterThan(10);
    for (const label of base64) expect(Buffer.from(label.text, "base64").toString()).toBe(label.decoded);
    const escaped = repository.labels.filter((label) => label.form === "sa-json:private_key" && label.role === "secret");
    for (const label of escaped) expect(JSON.parse(`"${label.text}"`)).toBe(label.decoded);
  });

  it("plants every kind of the catalogue, with at least two decoys per secret of each kind", () => {
    const kinds = new Set(repository.labels.map((label) => label.kind));
    for (const spec of KINDS) expect(kinds, spec.kind).toContain(spec.kind);
    for (const kind of kinds) {
      const secrets = repository.labels.filter((label) => label.kind === kind && label.role === "secret").length;
      const decoys = repository.labels.filter((label) => label.kind === kind && label.role === "decoy").length;
      expect(secrets, kind).toBeGreaterThan(0);
      expect(decoys, kind).toBeGreaterThanOrEqual(2 * secrets);
    }
  });

  it("plants each secret kind in several syntaxes", () => {
    for (const spec of KINDS.filter((spec) => spec.kind !== "gcp-service-account")) {
      const syntaxes = new Set(repository.labels.filter((label) => label.kind === spec.kind && label.role === "secret").map((label) => label.form.split(":")[0]));
      expect(syntaxes.size, spec.kind).toBeGreaterThanOrEqual(Math.min(3, spec.count));
    }
  });

  it("covers the syntactic forms and decoy categories the issue names", () => {
    const forms = new Set(repository.labels.map((label) => label.form));
    for (const form of ["env:assign", "yaml:section", "json:nested", "go:short-assign", "php:arrow", "shell:export", "k8s:env-list", "ecs:name-then-value", "ini:section", "toml:section", "log:http-header", "k8s:secret-data-base64", "sa-json:private_key"]) {
      expect(forms, form).toContain(form);
    }
    const categories = new Set(repository.labels.filter((label) => label.role === "decoy").map((label) => label.category));
    for (const category of ["placeholder", "template", "reference", "vendor-example", "redacted", "git-sha", "sha256", "integrity", "go.sum", "image-digest", "uuid", "eth-address", "tx-hash", "slack-id", "slack-ts", "public-key", "hex-colour", "base64-image", "base64-font", "regex", "sequential", "repeated", "wrong-checksum"]) {
      expect(categories, category).toContain(category);
    }
  });
});

describe("evaluation token values", () => {
  it("carry a valid CRC32 checksum where the format has one, and a wrong one in decoys", () => {
    const rng = createRng("crc");
    const valid = checksummedToken(rng, "ghp_");
    expect(base62(crc32(valid.slice(4, 34)), 6)).toBe(valid.slice(34));
    const wrong = checksummedToken(rng, "npm_", false);
    expect(base62(crc32(wrong.slice(4, 34)), 6)).not.toBe(wrong.slice(34));
    expect(crc32("The quick brown fox jumps over the lazy dog")).toBe(0x414fa339);
  });

  it("makes EC and PKCS#8 Ed25519 keys that parse", () => {
    const rng = createRng("keys");
    expect(createPrivateKey(ecPrivateKey(rng)).asymmetricKeyType).toBe("ec");
    const pkcs8 = Array.from({ length: 6 }, () => privateKey(rng, "pkcs8")).find((key) => key.length < 300)!;
    expect(createPrivateKey(pkcs8).asymmetricKeyType).toBe("ed25519");
  });
});

describe("the evaluation scorer", () => {
  const label = (over: Partial<Label>): Label => ({
    kind: "k",
    role: "secret",
    category: "planted",
    scope: "content",
    file: "a.env",
    line: 3,
    column: 5,
    endLine: 3,
    text: "s3cr3tVALUEabcdef",
    form: "env:assign",
    ...over,
  });
  const finding = (over: Partial<ScoredFinding>): ScoredFinding => ({
    ruleId: "r",
    kind: "content",
    path: "a.env",
    start: { line: 3, column: 5 },
    end: { line: 3, column: 21 },
    secret: "s3cr3tVALUEabcdef",
    ...over,
  });

  it("counts a finding on a label as a true positive, one elsewhere as a false positive, a missed label as a false negative", () => {
    const found = label({});
    const missed = label({ kind: "other", file: "b.yaml", line: 1, column: 1, endLine: 1, text: "anotherSecretValue1" });
    const decoy = label({ role: "decoy", category: "placeholder", line: 7, endLine: 7, text: "changeme-placeholder" });
    const findings = [
      finding({}),
      finding({ ruleId: "url", secret: "postgres://u:s3cr3tVALUEabcdef@db/x" }),
      finding({ ruleId: "r2", start: { line: 7, column: 1 }, end: { line: 7, column: 20 }, secret: "changeme-placeholder" }),
      finding({ ruleId: "r3", start: { line: 10, column: 1 }, end: { line: 10, column: 9 }, secret: "elsewhere" }),
      finding({ ruleId: "scope", kind: "policy", secret: "" }),
    ];
    const score = scoreFindings([found, missed, decoy], findings);
    expect(score.truePositives.map((f) => f.ruleId)).toEqual(["r", "url"]);
    expect(score.falsePositives.map((fp) => [fp.finding.ruleId, fp.decoy?.category])).toEqual([
      ["r2", "placeholder"],
      ["r3", undefined],
    ]);
    expect(score.falseNegatives).toEqual([missed]);
    expect(score.policyFindings).toBe(1);
    expect(score.recall).toBe(0.5);
    expect(score.precision).toBe(0.5);
    expect(score.kinds.find((k) => k.kind === "k")).toEqual({ kind: "k", secrets: 1, found: 1, decoys: 1 });
  });

  it("requires the same file and overlapping lines", () => {
    const score = scoreFindings([label({})], [finding({ path: "other.env" }), finding({ start: { line: 4, column: 1 }, end: { line: 4, column: 17 } })]);
    expect(score.truePositives).toEqual([]);
    expect(score.falsePositives).toHaveLength(2);
  });

  it("matches path findings to path labels only", () => {
    const path = label({ scope: "path", file: ".env", line: 1, column: 1, text: "", form: "path" });
    const score = scoreFindings([path], [finding({ kind: "path", path: ".env", secret: "", start: { line: 1, column: 1 }, end: { line: 1, column: 1 } })]);
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
  });

  it("accepts equal, containing, long-enough contained and decoded secrets, nothing shorter", () => {
    const l = { text: "QUJDREVGR0hJSktMTU5PUA==", decoded: "ABCDEFGHIJKLMNOP" };
    expect(secretMatches("QUJDREVGR0hJSktMTU5PUA==", l)).toBe(true);
    expect(secretMatches("ABCDEFGHIJKLMNOP", l)).toBe(true);
    expect(secretMatches("ABCDEFGH", l)).toBe(true);
    expect(secretMatches("ABCDEFG", l)).toBe(false);
    expect(secretMatches("zzzzzzzzzz", l)).toBe(false);
  });

  it("never prints a raw secret", () => {
    const secret = label({});
    const decoy = label({ role: "decoy", line: 9, endLine: 9, text: "decoyValue12345678" });
    const score = scoreFindings([secret, label({ kind: "x", line: 5, endLine: 5, text: "missedValue987654321" }), decoy], [finding({ start: { line: 9, column: 1 }, end: { line: 9, column: 18 }, secret: "decoyValue12345678" })]);
    const text = formatScore(score, [secret, decoy], { seed: "1", files: 1, durationMs: 1, verbose: true });
    expect(text).toContain("recall");
    expect(text).not.toContain("decoyValue12345678");
    expect(text).not.toContain("missedValue987654321");
  });
});

describe("npm run eval", () => {
  it("rejects unknown options and bad values", () => {
    expect(() => parseEvalArgs(["--bogus"])).toThrow(/unknown option --bogus/);
    expect(() => parseEvalArgs(["--scale", "0"])).toThrow(/--scale/);
    expect(parseEvalArgs(["--seed=9", "--strict"])).toMatchObject({ seed: "9", strict: true });
  });

  it("generates, scans with the built-in rules and prints the figures; --strict fails below target", async () => {
    let printed = "";
    const io = { cwd: process.cwd(), rulesFolder: BUILTIN_RULES, stdout: (text: string) => (printed += text), stderr: () => {} };
    const { score, exitCode } = await runEval({ seed: "wiring", scale: 0.2, out: undefined, strict: true, verbose: false }, io);
    expect(printed).toMatch(/^leakgate eval: seed wiring, \d+ files/);
    expect(printed).toMatch(/\nrecall +\d+\.\d%/);
    expect(printed).toMatch(/\nprecision +\d+\.\d%/);
    expect(exitCode).toBe(score.recall >= 0.98 && score.precision >= 0.98 ? 0 : 1);
  });
});
