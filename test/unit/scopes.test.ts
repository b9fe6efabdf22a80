// Scope rules: the generic tester runs every built-in scope's examples and counterexamples, then the
// matching itself (names, aliases, paths, documents) and the config's replace/extend/disable.
import { describe, expect, it } from "vitest";
import { createScopeChecker, assignsValue, standsAlone } from "../../src/engine/scope.js";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import type { Finding, Fragment, ScopeRule } from "../../src/model.js";
import { loadRuleFolder } from "../../src/rules/load.js";
import { loadPolicy } from "../../src/rules/policy.js";
import { compileScope, mergeScopes, readScopes, splitWords, type RawScope } from "../../src/rules/scopes.js";
import { expandExample } from "../helpers/examples.js";
import { BUILTIN_RULES, builtinRuleSet, fragmentOf } from "../helpers/engine.js";

const files = loadRuleFolder(BUILTIN_RULES);
const rawScopes = files.flatMap((file) => readScopes(file.document, file.file).scopes);
const builtinScopes = builtinRuleSet().scopes ?? [];
const fingerprints = createFingerprinter("test");

function check(scopes: readonly ScopeRule[], text: string, path: string, extra: Partial<Fragment> = {}): Finding[] {
  return createScopeChecker(scopes, fingerprints)(fragmentOf(text, path, extra));
}

function scope(fields: Partial<RawScope>): ScopeRule {
  return compileScope({ id: "test-scope", description: "test secret", file: "test.toml", ...fields } as RawScope);
}

describe("built-in scopes", () => {
  it("load without warnings, with unique ids, each with examples and counterexamples", () => {
    expect(files.flatMap((file) => readScopes(file.document, file.file).warnings)).toEqual([]);
    const ids = rawScopes.map((raw) => raw.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(builtinScopes.map((compiled) => compiled.id)).toEqual(ids);
    const lacking = rawScopes.filter((raw) => !(raw.example?.length && raw.counterexample?.length)).map((raw) => raw.id);
    expect(lacking).toEqual([]);
  });

  it("cover the policy's names", () => {
    const names = rawScopes.flatMap((raw) => raw.names ?? []);
    for (const name of ["OPENROUTER_MANAGEMENT_KEY", "TRADING_VENUE_API_KEY_LIVE", "TRADING_VENUE_API_SECRET_LIVE", "TRADING_VENUE_API_KEY_READONLY"]) {
      expect(names).toContain(name);
    }
  });
});

for (const raw of rawScopes) {
  describe(`scope ${raw.id}`, () => {
    (raw.example ?? []).forEach((example, index) => {
      it(`finds example ${index + 1}`, () => {
        const expanded = expandExample(example, `${raw.id}:example:${index}`);
        expect(expanded.path, "a scope example names its path").toBeDefined();
        const found = check(builtinScopes, expanded.text, expanded.path!).filter((finding) => finding.ruleId === raw.id);
        expect(found.map((finding) => finding.line)).toContain(example.reference);
        expect(found.every((finding) => finding.kind === "policy")).toBe(true);
      });
    });
    (raw.counterexample ?? []).forEach((example, index) => {
      it(`ignores counterexample ${index + 1}`, () => {
        const expanded = expandExample(example, `${raw.id}:counterexample:${index}`);
        const found = check(builtinScopes, expanded.text, expanded.path ?? "example.txt");
        expect(found.map((finding) => `${finding.ruleId}: ${finding.line}`)).toEqual([]);
      });
    });
  });
}

describe("names", () => {
  const management = scope({ names: ["OPENROUTER_MANAGEMENT_KEY"], allowed: ["governor/**"] });
  const found = (text: string) => check([management], text, "worker/main.ts").map((finding) => finding.line);

  it("are split into words across naming styles", () => {
    expect(splitWords("OPENROUTER_MANAGEMENT_KEY")).toEqual(["openrouter", "management", "key"]);
    expect(splitWords("openrouterManagementKey")).toEqual(["openrouter", "management", "key"]);
    expect(splitWords("openrouter-management.key")).toEqual(["openrouter", "management", "key"]);
  });

  it("match in any naming style, as an identifier or a separated part of one", () => {
    expect(found("a = env.OPENROUTER_MANAGEMENT_KEY")).toEqual(["OPENROUTER_MANAGEMENT_KEY"]);
    expect(found("settings.openrouter_management_key")).toEqual(["openrouter_management_key"]);
    expect(found("config.openrouterManagementKey")).toEqual(["openrouterManagementKey"]);
    expect(found("--openrouter-management-key")).toEqual(["openrouter-management-key"]);
    expect(found("getOpenrouterManagementKey()")).toEqual(["OpenrouterManagementKey"]);
    expect(found("VITE_OPENROUTER_MANAGEMENT_KEY")).toEqual(["OPENROUTER_MANAGEMENT_KEY"]);
    expect(found("OPENROUTER_MANAGEMENT_KEY_FILE")).toEqual(["OPENROUTER_MANAGEMENT_KEY"]);
    expect(found("${{ secrets.OPENROUTER_MANAGEMENT_KEY }}")).toEqual(["OPENROUTER_MANAGEMENT_KEY"]);
  });

  it("do not match inside a longer word", () => {
    expect(found("OPENROUTER_MANAGEMENT_KEYS = 1")).toEqual([]);
    expect(found("XOPENROUTER_MANAGEMENT_KEY = 1")).toEqual([]);
    expect(found("openrouterManagementKeys")).toEqual([]);
    expect(found("OPENROUTER_API_KEY")).toEqual([]);
    expect(found("the openrouter management key")).toEqual([]);
  });

  it("checks identifier boundaries on both sides", () => {
    expect(standsAlone("anamez", 1, 5)).toBe(false);
    expect(standsAlone("aNameB", 1, 5)).toBe(true);
    expect(standsAlone("getNameValue", 3, 7)).toBe(true);
    expect(standsAlone("x_NAME_y", 2, 6)).toBe(true);
    expect(standsAlone("NAMES", 0, 4)).toBe(false);
  });

  it("report a name once per file, at its first reference, counting the others; the name as context, never the line's value", () => {
    const text = 'first\nOPENROUTER_MANAGEMENT_KEY="kept-out-of-reports"\nuse(OPENROUTER_MANAGEMENT_KEY)\n';
    const findings = check([management], text, "worker/main.ts");
    expect(findings.map((finding) => [finding.start, finding.end])).toEqual([[{ line: 2, column: 1 }, { line: 2, column: 25 }]]);
    const [finding] = findings;
    expect(finding).toMatchObject({ ruleId: "test-scope", kind: "policy", severity: "high", secret: "", line: "OPENROUTER_MANAGEMENT_KEY" });
    expect(JSON.stringify(finding)).not.toContain("kept-out-of-reports");
    expect(finding!.description).toBe(
      "OPENROUTER_MANAGEMENT_KEY is referenced outside its scope (test secret, 2 references in this file): allowed only under governor/**",
    );
    expect(finding!.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const single = check([management], "use(OPENROUTER_MANAGEMENT_KEY)\n", "worker/main.ts");
    expect(single[0]!.description).toBe("OPENROUTER_MANAGEMENT_KEY is referenced outside its scope (test secret): allowed only under governor/**");
  });

  it("built in: installed dependencies (node_modules) are not judged", () => {
    const text = "const key = process.env.OPENROUTER_MANAGEMENT_KEY;\n";
    expect(check(builtinScopes, text, "node_modules/some-sdk/index.js")).toEqual([]);
    expect(check(builtinScopes, text, "services/worker/index.js")).toHaveLength(1);
  });

  it("are not judged in the config file, which names scopes by design", () => {
    expect(check([management], 'id = "openrouter-management-key-scope"', ".leakgate.toml")).toEqual([]);
    expect(check([management], 'id = "openrouter-management-key-scope"', "sub/.leakgate.toml")).toEqual([]);
    expect(check([management], 'id = "openrouter-management-key-scope"', "leakgate.toml")).toHaveLength(1);
  });

  it("report only the lines a diff adds, and never in commit messages", () => {
    const text = "OPENROUTER_MANAGEMENT_KEY\nOPENROUTER_MANAGEMENT_KEY\n";
    expect(check([management], text, "w.ts", { lines: [{ start: 2, end: 2 }] }).map((finding) => finding.start.line)).toEqual([2]);
    expect(check([management], text, "w.ts", { kind: "message" })).toEqual([]);
  });
});

describe("aliases", () => {
  const withAlias = scope({
    names: ["OPENROUTER_MANAGEMENT_KEY"],
    alias: [{ name: "management_key", near: ["openrouter"] }, { regex: "mgmt[-_]?key", flags: "i" }],
    allowed: ["governor/**"],
  });
  const found = (text: string, path = "worker/main.py") => check([withAlias], text, path).map((finding) => finding.line);

  it("count a name only near one of its words (3 lines, or the path)", () => {
    expect(found("client = OpenRouter(\n  management_key=cfg.x)")).toEqual(["management_key"]);
    expect(found("management_key = cfg.x", "worker/openrouter/admin.py")).toEqual(["management_key"]);
    expect(found("management_key = cfg.x")).toEqual([]);
    expect(found("# openrouter\n\n\n\n\nmanagement_key = cfg.x")).toEqual([]);
    expect(found("# openrouter\n\n\nmanagement_key = cfg.x")).toEqual(["management_key"]);
  });

  it("keep their own separator (any case, or camelCase), so English prose does not match", () => {
    expect(found("openrouter: cfg.managementKey")).toEqual(["managementKey"]);
    expect(found("openrouter: MANAGEMENT_KEY")).toEqual(["MANAGEMENT_KEY"]);
    expect(found("// the OpenRouter management-key rule")).toEqual([]);
    expect(found("openrouter: management.key")).toEqual([]);
  });

  it("report a full name once, not also the alias inside it", () => {
    expect(found("OPENROUTER_MANAGEMENT_KEY")).toEqual(["OPENROUTER_MANAGEMENT_KEY"]);
  });

  it("match regexes anywhere, with their flags", () => {
    expect(found("x = MGMT_KEY")).toEqual(["MGMT_KEY"]);
    expect(found("x = amgmtkeyz")).toEqual(["mgmtkey"]);
  });
});

describe("paths", () => {
  const live = scope({ names: ["LIVE_KEY"], allowed: ["**/gateway/**"], except: ["test/**"] });
  const readonly = scope({ id: "ro-scope", names: ["RO_KEY"], forbidden: ["**/orders/**"] });
  const both = scope({ id: "both-scope", names: ["BOTH_KEY"], allowed: ["services/**"], forbidden: ["**/orders/**"] });

  it("allowed: only there; forbidden: never there; except: not judged", () => {
    expect(live.permits("services/gateway/a.py")).toBe(true);
    expect(live.permits("services/job/a.py")).toBe(false);
    expect(live.permits("test/unit/a.ts")).toBe(true);
    expect(readonly.permits("services/job/a.py")).toBe(true);
    expect(readonly.permits("services/orders/a.py")).toBe(false);
    expect(both.permits("services/job/a.py")).toBe(true);
    expect(both.permits("services/orders/a.py")).toBe(false);
    expect(both.permits("jobs/a.py")).toBe(false);
    expect(both.where).toBe("allowed only under services/** and never under **/orders/**");
    expect(readonly.where).toBe("forbidden under **/orders/**");
  });

  it("judge paths that climb out of the current folder by their part inside it", () => {
    expect(check([live], "LIVE_KEY", "../../repo/services/gateway/a.py")).toEqual([]);
    expect(check([live], "LIVE_KEY", "../../repo/services/job/a.py")).toHaveLength(1);
  });

  it("built in: the order-placing paths the read-only key may not be used in", () => {
    const ro = builtinScopes.find((each) => each.id === "trading-readonly-key-scope")!;
    for (const path of ["execution_gateway/a.py", "svc/orders/a.py", "svc/order_router/a.go", "src/place_order.py", "src/placeOrder.ts", "src/OrderService.java", "src/oms/fill.py"]) {
      expect(ro.permits(path), path).toBe(false);
    }
    for (const path of ["jobs/reconcile/run.py", "src/recorder.py", "src/border.css", "market_data/feed.py"]) {
      expect(ro.permits(path), path).toBe(true);
    }
  });
});

describe("documents", () => {
  const management = scope({ names: ["OPENROUTER_MANAGEMENT_KEY"], allowed: ["governor/**"] });
  const found = (text: string, path = "docs/guide.md") => check([management], text, path).length;

  it("may name a secret in prose, tables and code spans", () => {
    expect(found("Never give `OPENROUTER_MANAGEMENT_KEY` to a worker.")).toBe(0);
    expect(found("| OPENROUTER_MANAGEMENT_KEY | governor only |")).toBe(0);
    expect(found("OPENROUTER_MANAGEMENT_KEY: for the governor, see below")).toBe(0);
    expect(found("- `OPENROUTER_MANAGEMENT_KEY`: the credits key")).toBe(0);
  });

  it("may not assign it a value, in any document format", () => {
    expect(found("OPENROUTER_MANAGEMENT_KEY=abc123")).toBe(1);
    expect(found('export OPENROUTER_MANAGEMENT_KEY="a value with spaces"', "docs/x.mdx")).toBe(1);
    expect(found("  OPENROUTER_MANAGEMENT_KEY: abc123", "docs/x.rst")).toBe(1);
    expect(found("OPENROUTER_MANAGEMENT_KEY := abc123 # set me")).toBe(1);
  });

  it("placeholders and references are not values", () => {
    for (const rest of ["=", "=<your key>", "=...", '="…"', "=${OTHER}", "=$OTHER", "=xxxxxxxx", '=""']) {
      expect(assignsValue(`OPENROUTER_MANAGEMENT_KEY${rest}`, "OPENROUTER_MANAGEMENT_KEY".length), rest).toBe(false);
    }
  });

  it("outside documents, every reference counts", () => {
    expect(found("Never give `OPENROUTER_MANAGEMENT_KEY` to a worker.", "worker/notes.txt")).toBe(1);
  });
});

describe("scope definitions", () => {
  const base: RawScope = { id: "acme-scope", description: "ACME admin key", names: ["ACME_ADMIN"], allowed: ["admin/**"], file: "rules/x.toml" };

  it("a user scope with a built-in id replaces it; extend = true adds to its lists", () => {
    const replaced = mergeScopes([base], [{ id: "acme-scope", description: "mine", names: ["OTHER"], allowed: ["x/**"], file: ".leakgate.toml" }]);
    expect(replaced).toEqual([{ id: "acme-scope", description: "mine", names: ["OTHER"], allowed: ["x/**"], file: ".leakgate.toml" }]);
    const [extended] = mergeScopes([base], [{ id: "acme-scope", extend: true, allowed: ["ops/**"], severity: "critical", file: ".leakgate.toml" } as RawScope]);
    expect(extended).toMatchObject({ names: ["ACME_ADMIN"], allowed: ["admin/**", "ops/**"], severity: "critical", description: "ACME admin key" });
    const compiled = compileScope(extended!);
    expect([compiled.permits("admin/a"), compiled.permits("ops/a"), compiled.permits("web/a")]).toEqual([true, true, false]);
  });

  const broken: [string, Partial<RawScope>, RegExp][] = [
    ["no names", { names: [] }, /scope "acme-scope": names no secret/],
    ["no paths", { allowed: undefined }, /says neither where the secret is allowed nor where it is forbidden/],
    ["a bad id", { id: "Bad Id" }, /scope id "Bad Id" is missing or not lower-case-with-dashes/],
    ["a pattern as a name", { names: ["ACME.*"] }, /name "ACME\.\*" is not an identifier/],
    ["a bad alias regex", { alias: [{ regex: "(a" }] }, /invalid alias regex/],
    ["an alias with both name and regex", { alias: [{ name: "a", regex: "a" }] }, /an alias needs either name or regex/],
    ["a bad severity", { severity: "urgent" }, /severity "urgent"/],
    ["allowed not a list", { allowed: "admin/**" as never }, /"allowed" must be a list of strings/],
  ];
  for (const [name, fields, message] of broken) {
    it(`refuses ${name}, naming the file and scope`, () => {
      expect(() => compileScope({ ...base, ...fields })).toThrow(message);
    });
  }

  it("refuses extending an unknown scope, a duplicate id, and a scope id that is a rule id", () => {
    expect(() => mergeScopes([base], [{ id: "nope-scope", extend: true, file: "c.toml" }])).toThrow(/extends no built-in scope/);
    expect(() => mergeScopes([base, base], [])).toThrow(/is defined twice/);
    const file = { file: "c.toml", rules: [], allow: undefined, warnings: [], document: { scope: [base] } };
    expect(() => loadPolicy([file], undefined, new Set(["acme-scope"]), new Set())).toThrow(/has the id of a rule/);
  });

  it("warns about unknown keys in a scope, its aliases and examples", () => {
    const { warnings } = readScopes({ scope: [{ id: base.id, alowed: [], alias: [{ nam: "x" }], example: [{ txt: "" }] }] }, "c.toml");
    expect(warnings).toEqual([
      'c.toml: scope "acme-scope": unknown key "alowed" (ignored)',
      'c.toml: scope "acme-scope" [alias]: unknown key "nam" (ignored)',
      'c.toml: scope "acme-scope" [example]: unknown key "txt" (ignored)',
    ]);
  });

  it("disable turns a scope, or credential reuse, off by id", () => {
    const file = { file: "r.toml", rules: [], allow: undefined, warnings: [], document: { scope: [base] } };
    const on = loadPolicy([file], undefined, new Set(), new Set());
    expect(on.scopes.map((each) => each.id)).toEqual(["acme-scope"]);
    expect(on.reuse).toBeDefined();
    expect(on.ids).toEqual(["acme-scope", "credential-reuse"]);
    const off = loadPolicy([file], undefined, new Set(), new Set(["acme-scope", "credential-reuse"]));
    expect(off.scopes).toEqual([]);
    expect(off.reuse).toBeUndefined();
  });
});

describe("the README's scope example", () => {
  it("is a config leakgate accepts, and means what it says", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseToml } = await import("../../src/rules/load.js");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Scope rules"));
    const toml = /```toml\n([\s\S]*?)```/.exec(section)![1]!;
    const user = { file: "README.md", rules: [], allow: undefined, warnings: [], document: parseToml(toml, "README.md") };
    const policy = loadPolicy(files, user, new Set(), new Set());
    expect(policy.warnings).toEqual([]);
    const acme = policy.scopes.find((each) => each.id === "acme-admin-key-scope")!;
    expect(check([acme], "key = env.ACME_ADMIN_KEY", "services/web/a.ts")).toHaveLength(1);
    expect(check([acme], "key = env.ACME_ADMIN_KEY", "services/billing/a.ts")).toEqual([]);
    expect(check([acme], "key = env.ACME_ADMIN_KEY", "services/billing/public/a.ts")).toHaveLength(1);
    expect(check([acme], "acme.admin_key", "test/a.ts")).toEqual([]);
    const management = policy.scopes.find((each) => each.id === "openrouter-management-key-scope")!;
    expect([management.permits("services/credits/a.py"), management.permits("services/budget-governor/a.py")]).toEqual([true, true]);
    expect(policy.reuse!.scopeOf("apps/web/a.ts")).toBe("apps/web");
    expect(policy.reuse!.scopeOf("jobs/x/a.ts")).toBe("jobs");
  });
});
