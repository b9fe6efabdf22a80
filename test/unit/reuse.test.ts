// Credential reuse: the same value in two scopes is one extra finding naming both places, redacted
// in every report; scopes are service folders by default, or the config's globs.
import { describe, expect, it } from "vitest";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import { filterFindings } from "../../src/filters/index.js";
import { credentialReuseFindings, type ReuseContext } from "../../src/filters/reuse.js";
import type { Finding, ScanResult } from "../../src/model.js";
import { compileReuse, readReuse } from "../../src/rules/reuse.js";
import { json } from "../../src/reporters/json.js";
import { createRedactor, redactResult } from "../../src/reporters/redact.js";
import { sarif } from "../../src/reporters/sarif.js";
import { withStagedReuse } from "../../src/commands/staged-reuse.js";
import { createFragmentScanner } from "../../src/engine/scan.js";
import { createScopeChecker } from "../../src/engine/scope.js";
import { builtinRuleSet, fragmentOf, scanText } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";

const fingerprints = createFingerprinter("test");
const defaults = builtinRuleSet().reuse!;
const context: ReuseContext = { scopeOf: defaults.scopeOf, fingerprints };

/** The content findings of each file, as one scan would make them. */
function findingsIn(files: Record<string, string>): Finding[] {
  return Object.entries(files).flatMap(([path, text]) => scanText(text, path));
}

describe("default scopes", () => {
  it("are service folders under the usual roots at any depth, else the top-level folder, else the root", () => {
    const cases: [string, string][] = [
      ["services/execution_gateway/venue.py", "services/execution_gateway"],
      ["services/execution_gateway/deep/er/a.py", "services/execution_gateway"],
      ["jobs/reconcile/run.py", "jobs/reconcile"],
      ["backend/apps/web/x.ts", "backend/apps/web"],
      ["packages/sdk/src/jobs/nightly/a.ts", "packages/sdk"],
      ["cmd/gateway/main.go", "cmd/gateway"],
      ["execution_gateway/venue.py", "execution_gateway"],
      ["services/loose.py", "services"],
      [".env.example", "."],
    ];
    expect(cases.map(([path]) => defaults.scopeOf(path))).toEqual(cases.map(([, scope]) => scope));
  });

  it("come from [reuse] scopes when the config sets them", () => {
    const { globs, warnings } = readReuse({ reuse: { scopes: ["runtime", "aux/*"], scope: [] } }, "c.toml");
    expect(warnings).toEqual(['c.toml [reuse]: unknown key "scope" (ignored)']);
    const mine = compileReuse(globs!);
    expect(mine.scopeOf("runtime/gateway/a.py")).toBe("runtime");
    expect(mine.scopeOf("aux/reports/a.py")).toBe("aux/reports");
    expect(mine.scopeOf("services/a/b.py")).toBe("services");
    expect(() => readReuse({ reuse: { scopes: "services/*" } }, "c.toml")).toThrow(/c\.toml: \[reuse\] scopes must be a list of folder globs/);
  });
});

describe("credential reuse", () => {
  it("reports a value found in two scopes once, at its first place, naming both places", () => {
    const key = fake.privateKey("EC");
    const findings = findingsIn({
      "services/execution_gateway/venue.py": `KEY = """\n${key}\n"""\n`,
      "jobs/reconcile/run.py": `# copied\nKEY = """\n${key}\n"""\n`,
    });
    const [reuse, ...more] = credentialReuseFindings(findings, context);
    expect(more).toEqual([]);
    expect(reuse).toMatchObject({
      ruleId: "credential-reuse",
      kind: "policy",
      severity: "critical",
      path: "services/execution_gateway/venue.py",
      start: { line: 2, column: 1 },
      description:
        "The same secret (Private key block) is used in 2 scopes: services/execution_gateway (services/execution_gateway/venue.py:2), jobs/reconcile (jobs/reconcile/run.py:3)",
      related: [{ path: "jobs/reconcile/run.py", start: { line: 3, column: 1 }, label: "the same value in jobs/reconcile" }],
    });
    expect(reuse!.description).not.toContain(key.split("\n")[1]);
    expect(reuse!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("has a fingerprint that follows the value and scopes, not the lines", () => {
    const key = fake.openrouterKey();
    const first = credentialReuseFindings(findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/b/y.ts": `k="${key}"` }), context);
    const moved = credentialReuseFindings(findingsIn({ "apps/a/x.ts": `\n\nk="${key}"`, "apps/b/y.ts": `k="${key}"` }), context);
    const other = credentialReuseFindings(findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/c/y.ts": `k="${key}"` }), context);
    expect(first[0]!.fingerprint).toBe(moved[0]!.fingerprint);
    expect(first[0]!.fingerprint).not.toBe(other[0]!.fingerprint);
  });

  it("is silent for one value in one scope, and for different values in two scopes", () => {
    const key = fake.openrouterKey();
    expect(credentialReuseFindings(findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/a/sub/y.ts": `k="${key}"` }), context)).toEqual([]);
    expect(credentialReuseFindings(findingsIn({ "apps/a/x.ts": `k="${fake.openrouterKey()}"`, "apps/b/y.ts": `k="${fake.openrouterKey()}"` }), context)).toEqual([]);
  });

  it("names every scope once when a value is in three", () => {
    const key = fake.openrouterKey();
    const [reuse] = credentialReuseFindings(
      findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/b/y.ts": `k="${key}"`, "apps/b/z.ts": `k="${key}"`, "jobs/c/w.ts": `k="${key}"` }),
      context,
    );
    expect(reuse!.description).toMatch(/is used in 3 scopes: apps\/a .*, apps\/b \(apps\/b\/y\.ts:1\), jobs\/c /);
    expect(reuse!.related!.map((place) => place.path)).toEqual(["apps/b/y.ts", "jobs/c/w.ts"]);
  });

  it("counts places elsewhere (the committed tree of a staged scan) only as the other place", () => {
    const key = fake.openrouterKey();
    const staged = findingsIn({ "jobs/nightly/run.py": `k="${key}"` }).map((finding) => ({ ...finding, origin: "staged" as const }));
    const committed = findingsIn({ "services/gateway/venue.py": `k="${key}"` });
    const [reuse, ...more] = credentialReuseFindings(staged, { ...context, elsewhere: committed });
    expect(more).toEqual([]);
    expect(reuse).toMatchObject({ path: "jobs/nightly/run.py", origin: "staged", related: [{ path: "services/gateway/venue.py" }] });
    expect(credentialReuseFindings([], { ...context, elsewhere: [...committed, ...findingsIn({ "apps/x/a.py": `k="${key}"` })] })).toEqual([]);
  });

  it("is added by the filters after allowlists, so an allowed place does not count", () => {
    const key = fake.openrouterKey();
    const findings = findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/b/y.ts": `k="${key}" // leakgate:allow` });
    expect(filterFindings(findings, { allowlists: [], reuse: context }).map((finding) => finding.ruleId)).toEqual(["openrouter-api-key"]);
    const both = findingsIn({ "apps/a/x.ts": `k="${key}"`, "apps/b/y.ts": `k="${key}"` });
    expect(filterFindings(both, { allowlists: [], reuse: context }).map((finding) => finding.ruleId)).toEqual([
      "credential-reuse",
      "openrouter-api-key",
      "openrouter-api-key",
    ]);
  });
});

describe("reports of a reuse", () => {
  const key = fake.openrouterKey();
  const findings = filterFindings(findingsIn({ "services/gw/a.ts": `k="${key}"`, "jobs/j/b.ts": `\nk="${key}"` }), { allowlists: [], reuse: context });
  const result: ScanResult = {
    findings,
    stats: { files: 2, bytes: 0, commits: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0, rules: 1, durationMs: 0 },
    errors: [],
    warnings: [],
  };
  const shown = redactResult(result, createRedactor([key]));
  const report = { version: "0.0.0", color: false, rules: builtinRuleSet().rules };

  it("json carries the related places and no raw value", () => {
    const text = json(shown, report);
    expect(text).not.toContain(key.slice(12));
    const reuse = JSON.parse(text).findings.find((finding: { ruleId: string }) => finding.ruleId === "credential-reuse");
    // Sorted by path, jobs/ comes first: the reuse sits there and points at the gateway.
    expect(reuse).toMatchObject({ path: "jobs/j/b.ts", startLine: 2 });
    expect(reuse.related).toEqual([{ path: "services/gw/a.ts", startLine: 1, startColumn: 4, endLine: 1, endColumn: 76, label: "the same value in services/gw" }]);
    expect(reuse.secret).toMatch(/^sk-or-v1-[0-9a-f]{2}…\(73 chars\)$/);
  });

  it("sarif puts them in relatedLocations", () => {
    const text = sarif(shown, report);
    expect(text).not.toContain(key.slice(12));
    const result = JSON.parse(text).runs[0].results.find((each: { ruleId: string }) => each.ruleId === "credential-reuse");
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: "services/gw/a.ts" }, region: { startLine: 1, startColumn: 4, endLine: 1, endColumn: 77 } },
        message: { text: "the same value in services/gw" },
      },
    ]);
  });
});

describe("staged reuse", () => {
  const ruleSet = builtinRuleSet();
  const scanner = createFragmentScanner(ruleSet.rules, fingerprints, ruleSet.scopes);
  const base = { scanner, allowlists: ruleSet.allowlists, reuse: defaults, fingerprints };
  async function* treeOf(files: Record<string, string>) {
    for (const [path, content] of Object.entries(files)) yield fragmentOf(content, path);
  }

  it("does not read the tree when no staged finding carries a value", async () => {
    const policyOnly = createScopeChecker(ruleSet.scopes ?? [], fingerprints)(fragmentOf("k = env.OPENROUTER_MANAGEMENT_KEY", "workers/a/x.py"));
    expect(policyOnly).toHaveLength(1);
    const untouched = await withStagedReuse(policyOnly, { ...base, tree: () => { throw new Error("the tree was read"); } });
    expect(untouched).toEqual(policyOnly);
  });

  it("finds the other place in the tree, and ignores places the allowlists drop", async () => {
    const key = fake.openrouterKey();
    const staged = findingsIn({ "jobs/j/run.py": `k="${key}"` });
    const reused = await withStagedReuse(staged, { ...base, tree: () => treeOf({ "jobs/j/run.py": `k="${key}"`, "services/gw/a.py": `k="${key}"` }) });
    expect(reused.map((finding) => finding.ruleId)).toEqual(["credential-reuse", "openrouter-api-key"]);
    const allowed = await withStagedReuse(staged, { ...base, tree: () => treeOf({ "services/gw/a.py": `k="${key}" # leakgate:allow` }) });
    expect(allowed.map((finding) => finding.ruleId)).toEqual(["openrouter-api-key"]);
  });
});
