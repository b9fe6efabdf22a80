// The baseline through the built CLI: leakgate baseline, automatic reading, --no-baseline,
// leakgate allow, stale and expired entries, and that the file never holds a secret.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, tempRepo, writeFiles } from "../helpers/repo.js";

const BASELINE = ".leakgate-baseline.json";

interface Report {
  findings: Array<{ ruleId: string; path: string; fingerprint: string; startLine: number }>;
  warnings: string[];
}

const jsonScan = (root: string, ...args: string[]) => {
  const run = runCli(["scan", "--format", "json", ...args], { cwd: root });
  return { ...run, report: JSON.parse(run.stdout) as Report };
};

const readBaselineFile = (root: string) => JSON.parse(readFileSync(join(root, BASELINE), "utf8")) as {
  salt: string;
  entries: Array<{ ruleId: string; path: string; fingerprint: string; reason?: string; owner?: string; expires?: string }>;
};

describe("leakgate baseline", () => {
  it("round trip: suppresses what it accepted, still catches a new secret in the same file, lists stale and expired entries", () => {
    const old = fake.openrouterKey();
    const root = tempRepo({ "src/legacy.ts": `export const key = "${old}";\n`, "README.md": "hello\n" });
    commitAll(root, "legacy");

    const written = runCli(["baseline"], { cwd: root });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`wrote ${BASELINE}: 1 entry (1 new, 0 kept, 0 stale dropped)`);
    const text = readFileSync(join(root, BASELINE), "utf8");
    expect(text).not.toContain(old);
    expect(text).not.toContain(old.slice(12, 40));
    expect(readBaselineFile(root).entries).toEqual([{ ruleId: "openrouter-api-key", path: "src/legacy.ts", fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(runCli(["baseline"], { cwd: root }).stderr).toContain("1 entry (0 new, 1 kept, 0 stale dropped)");
    expect(readFileSync(join(root, BASELINE), "utf8")).toBe(text);

    const quiet = runCli(["scan"], { cwd: root });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain(`1 finding accepted by ${BASELINE} not shown (--no-baseline shows it)`);
    const all = jsonScan(root, "--no-baseline");
    expect(all.code).toBe(1);
    expect(all.report.findings).toHaveLength(1);

    // Lines moved above it, and a new secret in the same file.
    const fresh = fake.openrouterKey();
    writeFiles(root, { "src/legacy.ts": `// moved down\n\nexport const key = "${old}";\nexport const other = "${fresh}";\n` });
    const moved = jsonScan(root);
    expect(moved.code).toBe(1);
    expect(moved.report.findings.map((finding) => finding.startLine)).toEqual([4]);

    // The old secret removed: its entry is stale.
    writeFiles(root, { "src/legacy.ts": "export const key = process.env.KEY;\n" });
    const stale = jsonScan(root);
    expect(stale.code).toBe(0);
    expect(stale.report.warnings).toEqual([expect.stringMatching(/^stale baseline entry: openrouter-api-key in src\/legacy\.ts \([0-9a-f]{32}\) matches no finding/)]);
    expect(stale.stderr).toContain("leakgate: warning: stale baseline entry: openrouter-api-key in src/legacy.ts");
    expect(runCli(["baseline"], { cwd: root }).stderr).toContain("0 entries (0 new, 0 kept, 1 stale dropped)");
  });

  it("an expired entry stops suppressing its finding and says so", () => {
    const key = fake.slackBotToken();
    const root = tempRepo({ "notify.js": `const token = "${key}";\n` });
    expect(runCli(["baseline"], { cwd: root }).code).toBe(0);
    const file = join(root, BASELINE);
    const baseline = readBaselineFile(root);
    writeFileSync(file, readFileSync(file, "utf8").replace(`"fingerprint":"${baseline.entries[0]!.fingerprint}"`, `$&,"expires":"2020-01-31"`));
    const run = jsonScan(root);
    expect(run.code).toBe(1);
    expect(run.report.findings.map((finding) => finding.ruleId)).toEqual(["slack-bot-token"]);
    expect(run.report.warnings).toEqual([expect.stringContaining("expired on 2020-01-31: its finding is reported again")]);
    expect(run.stdout + run.stderr).not.toContain(key);
  });

  it("a malformed baseline stops the scan with one line (exit 2)", () => {
    const root = tempRepo({ "a.txt": "hello\n", [BASELINE]: '{"version": 1, "entries": []}\n' });
    const run = runCli(["scan"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^leakgate: \.leakgate-baseline\.json: "salt" must be .* — fix the file/)]);
  });
});

describe("leakgate allow", () => {
  it("accepts the fingerprint a report printed, with reason, owner and expiry, leaving other entries as they were", () => {
    const root = tempRepo({ "a.ts": `const a = "${fake.openrouterKey()}";\n`, "z.ts": `const z = "${fake.openrouterKey()}";\n` });
    expect(runCli(["baseline"], { cwd: root }).code).toBe(0);
    const file = join(root, BASELINE);
    // A reason given by hand to one entry must survive allow.
    writeFileSync(file, readFileSync(file, "utf8").replace(/("path":"z\.ts","fingerprint":"[0-9a-f]+")/, '$1,"reason":"fixture"'));
    const before = readFileSync(file, "utf8").split("\n");

    const key = fake.slackBotToken();
    writeFiles(root, { "m.js": `const token = "${key}";\n` });
    const reported = jsonScan(root);
    expect(reported.code).toBe(1);
    const fingerprint = reported.report.findings[0]!.fingerprint;
    const pretty = runCli(["scan"], { cwd: root });
    expect(pretty.stdout).toContain(`fingerprint ${fingerprint}`);

    const allowed = runCli(["allow", fingerprint, "--reason", "rotated on Monday", "--owner", "sec-team", "--expires", "2999-12-31"], { cwd: root });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain(`added slack-bot-token in m.js (${fingerprint})`);
    const after = readFileSync(file, "utf8").split("\n");
    expect(after).toHaveLength(before.length + 1);
    expect(after).toContain(`    {"ruleId":"slack-bot-token","path":"m.js","fingerprint":"${fingerprint}","reason":"rotated on Monday","owner":"sec-team","expires":"2999-12-31"},`);
    for (const line of before.filter((each) => each.includes("ruleId"))) expect(after).toContain(line);
    expect(after.join("\n")).not.toContain(key);
    expect(runCli(["scan"], { cwd: root }).code).toBe(0);
  });

  it("in a repository without a baseline: creates it with the repository's own salt and says the fingerprint changed", () => {
    const root = tempRepo({ "a.ts": `const a = "${fake.openrouterKey()}";\n` });
    const printed = jsonScan(root).report.findings[0]!.fingerprint;
    const allowed = runCli(["allow", printed, "--reason", "test fixture"], { cwd: root });
    expect(allowed.code).toBe(0);
    const baseline = readBaselineFile(root);
    expect(baseline.salt).toMatch(/^[0-9a-f]{32}$/);
    const stored = baseline.entries[0]!.fingerprint;
    expect(stored).not.toBe(printed);
    expect(allowed.stderr).toContain(`this one is now ${stored}`);
    const after = jsonScan(root, "--no-baseline");
    expect(after.report.findings[0]!.fingerprint).toBe(stored);
    expect(runCli(["scan"], { cwd: root }).code).toBe(0);
  });

  for (const [name, args, message] of [
    ["an unknown fingerprint", ["allow", "0123456789abcdef0123456789abcdef", "--reason", "x"], /^leakgate: no current finding in the working tree has fingerprint 0123456789abcdef0123456789abcdef — copy it from/],
    ["no --reason", ["allow", "0123456789abcdef0123456789abcdef"], /^leakgate: Missing required argument: reason/],
    ["an empty --reason", ["allow", "0123456789abcdef0123456789abcdef", "--reason", " "], /^leakgate: --reason is empty — say why/],
    ["a date that does not exist", ["allow", "0123456789abcdef0123456789abcdef", "--reason", "x", "--expires", "2030-02-30"], /^leakgate: --expires "2030-02-30" is not a date — write it as YYYY-MM-DD/],
    ["a past date", ["allow", "0123456789abcdef0123456789abcdef", "--reason", "x", "--expires", "2001-01-01"], /^leakgate: --expires 2001-01-01 is in the past/],
  ] as const) {
    it(`exits 2 with one line for ${name}, and writes nothing`, () => {
      const root = tempRepo({ "a.txt": "hello\n" });
      const run = runCli([...args], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(() => readFileSync(join(root, BASELINE))).toThrow();
    });
  }
});
