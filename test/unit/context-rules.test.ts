// The engine features context rules rely on: the shared regex pieces ({{assign}}, {{near:…}},
// {{end}}), the check and priority keys, overlapping findings, and Kubernetes Secret decoding.
import { describe, expect, it } from "vitest";
import type { RuleSet } from "../../src/config.js";
import { kubernetesSecretValues } from "../../src/engine/kubernetes-secret.js";
import { compileRules } from "../../src/rules/compile.js";
import { expandMacros } from "../../src/rules/macros.js";
import { RuleError } from "../../src/errors.js";
import { scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

function ruleSetOf(toml: Record<string, unknown>[]): RuleSet {
  const rules = compileRules(toml.map((rule) => ({ file: "test.toml", description: "test rule", ...rule }) as never));
  return { rules, allowlists: [], warnings: [], configFile: undefined, config: {} };
}

describe("{{assign}} and {{end}}", () => {
  const rule = { id: "acme", regex: "ACME_SECRET{{assign}}([A-Za-z0-9]{24}){{end}}", flags: "i" };
  const found = (text: string, path = "a.txt") => scanText(text, path, ruleSetOf([rule])).map((finding) => finding.secret);
  const value = fake.alnum(24);

  it.each([
    ["env", `ACME_SECRET=${value}`],
    ["export", `export ACME_SECRET="${value}"`],
    ["yaml", `acme_secret: '${value}'`],
    ["json", `{"acme_secret": "${value}"}`],
    ["json, value on the next line", `{"acme_secret":\n    "${value}"}`],
    ["go", `acme_secret := "${value}"`],
    ["php", `'acme_secret' => '${value}',`],
    ["index", `env["ACME_SECRET"] = "${value}"`],
    ["k8s env list", `- name: ACME_SECRET\n  value: "${value}"`],
    ["ECS env list", `{ "name": "ACME_SECRET", "value": "${value}" }`],
    ["call arguments", `os.Setenv("ACME_SECRET", "${value}")`],
    ["fallback", `const s = process.env.ACME_SECRET ?? '${value}';`],
    ["shell default", `: "\${ACME_SECRET:-${value}}"`],
    ["prose", `Set \`ACME_SECRET\` to \`${value}\` and restart.`],
    ["table", `| \`ACME_SECRET\` | \`${value}\` |`],
    ["Dockerfile", `ENV ACME_SECRET ${value}`],
    ["notebook", `"ACME_SECRET = \\"${value}\\"\\n",`],
    ["yaml block scalar", `acme_secret: >-\n  ${value}`],
  ])("finds the value in the %s form", (_, text) => {
    expect(found(text)).toEqual([value]);
  });

  it.each([
    ["a longer value", `ACME_SECRET=${value}xyz`],
    ["a member access", `ACME_SECRET=${value}.trim()`],
    ["a call", `ACME_SECRET=${value}(x)`],
    ["a placeholder tail", `ACME_SECRET=${value}<id>`],
    ["a redaction", `ACME_SECRET=${value}…`],
    ["an escaped character after it", `"ACME_SECRET=${value}\\u0041"`],
    ["a list of strings", `["acme_secret", "${value}"]`],
    ["another name's tail", `ACME_SECRET_HASH=${value}`],
  ])("does not take %s", (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it("{{near:KW}} finds a key under a section, a parent key or in the same identifier, not another identifier's tail", () => {
    const near = ruleSetOf([{ id: "near", regex: "{{near:acme}}(?:api[_-]?)?key{{assign}}([a-f0-9]{32}){{end}}", flags: "i" }]);
    const key = fake.hex(32);
    const secrets = (text: string) => scanText(text, "a.txt", near).map((finding) => finding.secret);
    expect(secrets(`[acme]\nregion = eu\napi_key = ${key}`)).toEqual([key]);
    expect(secrets(`acme:\n  timeout: 3\n  key: "${key}"`)).toEqual([key]);
    expect(secrets(`ACME_TESTNET_API_KEY=${key}`)).toEqual([key]);
    expect(secrets(`acme:\n  cache_key: "${key}"`)).toEqual([]);
    expect(secrets(`[acme]\nx = 1\n[other]\napi_key = ${key}`)).toEqual([]);
  });

  it("leaves unknown and escaped macros alone", () => {
    expect(expandMacros("a{{nope}}b\\{{end}}")).toBe("a{{nope}}b\\{{end}}");
    expect(expandMacros("{{near}}")).toBe("{{near}}");
  });
});

describe("check and priority keys", () => {
  it("drops a match that fails the rule's check", () => {
    const rules = ruleSetOf([{ id: "t", regex: "k=([a-f0-9]{64})", check: "evm-private-key" }]);
    expect(scanText(`k=${"0".repeat(64)}`, "a.txt", rules)).toEqual([]);
    expect(scanText(`k=1${fake.hex(63)}`, "a.txt", rules)).toHaveLength(1);
  });

  it("refuses an unknown check or a priority that is not a whole number", () => {
    expect(() => ruleSetOf([{ id: "t", regex: "(x)", check: "crc64" }])).toThrow(RuleError);
    expect(() => ruleSetOf([{ id: "t", regex: "(x)", priority: 1.5 }])).toThrow(RuleError);
  });

  it("keeps only the higher-priority finding where two rules report overlapping spans", () => {
    const key = fake.hex(32);
    const both = [
      { id: "specific", regex: "ACME=([a-f0-9]{32})", priority: 5 },
      { id: "generic", regex: "=([a-f0-9]{32})", priority: -10 },
    ];
    expect(scanText(`ACME=${key}`, "a.txt", ruleSetOf(both)).map((finding) => finding.ruleId)).toEqual(["specific"]);
    expect(scanText(`OTHER=${key}`, "a.txt", ruleSetOf(both)).map((finding) => finding.ruleId)).toEqual(["generic"]);
  });

  it("keeps one of two equal-priority findings with the same span, and both when the spans differ", () => {
    const key = fake.hex(32);
    const same = [
      { id: "first", regex: "=([a-f0-9]{32})" },
      { id: "second", regex: "([a-f0-9]{32})" },
    ];
    expect(scanText(`x=${key}`, "a.txt", ruleSetOf(same)).map((finding) => finding.ruleId)).toEqual(["first"]);
    const apart = [
      { id: "left", regex: "a=([a-f0-9]{32})" },
      { id: "right", regex: "b=([a-f0-9]{32})" },
    ];
    expect(scanText(`a=${key} b=${fake.hex(32)}`, "a.txt", ruleSetOf(apart))).toHaveLength(2);
  });

  it("reports an OpenRouter management key once, as a management key (built-in rules)", () => {
    const key = fake.openrouterKey();
    expect(scanText(`OPENROUTER_MANAGEMENT_KEY=${key}`, "a.env").map((finding) => finding.ruleId)).toEqual(["openrouter-management-key"]);
    expect(scanText(`OPENROUTER_API_KEY=${key}`, "a.env").map((finding) => finding.ruleId)).toEqual(["openrouter-api-key"]);
  });
});

describe("Kubernetes Secret manifests", () => {
  const b64 = (text: string) => Buffer.from(text).toString("base64");

  it("decodes data values of Secret documents only, with the data key as context", () => {
    const value = fake.alnum(20);
    const manifest = [
      "apiVersion: v1",
      "kind: ConfigMap",
      "data:",
      `  PLAIN: ${b64("not-a-secret")}`,
      "---",
      "apiVersion: v1",
      "kind: Secret",
      "metadata:",
      "  name: app",
      "data:",
      `  API_TOKEN: ${b64(value)}`,
      `  binary: ${Buffer.from([0, 1, 2, 255]).toString("base64")}`,
      "type: Opaque",
    ].join("\n");
    const decoded = kubernetesSecretValues(manifest);
    expect(decoded.map((each) => each.text)).toEqual([`API_TOKEN: ${value}`]);
    expect(manifest.slice(decoded[0]!.start, decoded[0]!.end)).toBe(b64(value));
  });

  it("reads JSON manifests", () => {
    const manifest = JSON.stringify({ kind: "Secret", data: { "db-password": b64("p") } }, null, 2);
    expect(kubernetesSecretValues(manifest).map((each) => each.text)).toEqual(["db-password: p"]);
  });

  it("reports a secret hidden in base64 at the encoded value, as the decoded secret, once", () => {
    const key = fake.hex(32);
    const encoded = b64(key);
    const manifest = `apiVersion: v1\nkind: Secret\ndata:\n  SLACK_SIGNING_SECRET: ${encoded}\n`;
    const [finding, ...rest] = scanText(manifest, "deploy/secret.yaml");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "slack-signing-secret", secret: key, start: { line: 4, column: 25 } });
    expect(finding!.end.column).toBe(25 + encoded.length - 1);
    // The context line shows the secret it decodes to (which redaction masks), not its encoding.
    expect(finding!.line).not.toContain(encoded);
    expect(finding!.line).toContain(key);
  });

  it("drops a base64 value that decodes to a placeholder, which the encoded form would not show", () => {
    const manifest = `kind: Secret\ndata:\n  API_KEY: ${b64("changeme-please-set-me")}\n  TOKEN: ${b64("${TOKEN}")}\n`;
    expect(scanText(manifest, "deploy/secret.yaml")).toEqual([]);
  });
});
