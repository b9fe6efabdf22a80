// The built-in policy through the built CLI: least-privilege scopes (a worker may not read the
// management key, the Budget Governor may) and credential reuse (one live key in the gateway and a
// job), in the json and SARIF reports, with the user's config extending a scope.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectValidSarif } from "../helpers/sarif.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempRepo, writeFiles } from "../helpers/repo.js";


interface JsonFinding {
  ruleId: string;
  kind: string;
  path: string;
  startLine: number;
  description: string;
  related?: { path: string; label: string }[];
}

const findingsOf = (stdout: string): JsonFinding[] => JSON.parse(stdout).findings;

describe("scope rules", () => {
  it("refuse a worker reading the management key and let the Budget Governor read it", () => {
    const read = 'import os\nkey = os.environ["OPENROUTER_MANAGEMENT_KEY"]\n';
    const root = tempRepo({
      "workers/agent/credits.py": read,
      "services/budget-governor/credits.py": read,
      "docs/secrets.md": "Only the governor holds `OPENROUTER_MANAGEMENT_KEY`.\n",
    });
    commitAll(root, "initial");
    const run = runCli(["scan", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const findings = findingsOf(run.stdout);
    expect(findings.map((finding) => [finding.ruleId, finding.kind, finding.path, finding.startLine])).toEqual([
      ["openrouter-management-key-scope", "policy", "workers/agent/credits.py", 2],
    ]);
    expect(findings[0]!.description).toMatch(/^OPENROUTER_MANAGEMENT_KEY is referenced outside its scope .*allowed only under \*\*\/budget-governor\/\*\*/);

    const governor = runCli(["scan", "services/budget-governor"], { cwd: root });
    expect(governor.code).toBe(0);
  });

  it("take the user's scopes from .leakgate.toml: extend a built-in one, or refuse a broken one with exit 2", () => {
    const root = tempRepo({
      "workers/agent/credits.py": 'key = os.environ["OPENROUTER_MANAGEMENT_KEY"]\n',
      ".leakgate.toml": '[[scope]]\nid = "openrouter-management-key-scope"\nextend = true\nallowed = ["workers/agent/**"]\n',
    });
    expect(runCli(["scan"], { cwd: root }).code).toBe(0);
    const listed = runCli(["rules"], { cwd: root }).stdout;
    expect(listed).toMatch(/openrouter-management-key-scope\s+policy\s+high\s+OpenRouter management key: Budget Governor only \(allowed only under /);
    expect(listed).toMatch(/credential-reuse\s+policy/);
    writeFiles(root, { ".leakgate.toml": '[[scope]]\nid = "acme-scope"\ndescription = "ACME"\nnames = ["ACME_KEY"]\n' });
    const broken = runCli(["scan"], { cwd: root });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^leakgate: .*\.leakgate\.toml: scope "acme-scope": says neither where the secret is allowed nor where it is forbidden — /);
    expect(broken.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("credential reuse", () => {
  it("reports a live key shared by the execution gateway and a job, naming both places, redacted, in json and valid SARIF", () => {
    const key = fake.privateKey("EC");
    const root = tempRepo({
      "services/execution_gateway/venue.py": `VENUE_KEY = """\n${key}\n"""\n`,
      "jobs/reconcile/venue.py": `# same account as the gateway\nVENUE_KEY = """\n${key}\n"""\n`,
    });
    const run = runCli(["scan", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const findings = findingsOf(run.stdout);
    const reuse = findings.filter((finding) => finding.ruleId === "credential-reuse");
    expect(reuse).toHaveLength(1);
    expect(reuse[0]).toMatchObject({ kind: "policy", path: "jobs/reconcile/venue.py", startLine: 3 });
    expect(reuse[0]!.description).toContain("jobs/reconcile (jobs/reconcile/venue.py:3), services/execution_gateway (services/execution_gateway/venue.py:2)");
    expect(reuse[0]!.related).toEqual([
      expect.objectContaining({ path: "services/execution_gateway/venue.py", label: "the same value in services/execution_gateway" }),
    ]);
    expect(findings.filter((finding) => finding.ruleId === "private-key")).toHaveLength(2);

    const sarif = runCli(["scan", "--format", "sarif"], { cwd: root });
    const log = JSON.parse(sarif.stdout);
    expectValidSarif(log);
    const result = log.runs[0].results.find((each: { ruleId: string }) => each.ruleId === "credential-reuse");
    expect(result.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe("services/execution_gateway/venue.py");

    for (const text of [run.stdout, run.stderr, sarif.stdout, sarif.stderr]) {
      for (const line of key.split("\n").slice(1, -1)) expect(text).not.toContain(line);
    }
  });

  it("--history: finds a value copied into a job in a later commit, naming the commits", () => {
    const key = fake.openrouterKey();
    const root = tempRepo({ "services/execution_gateway/venue.py": `KEY = "${key}"\n` });
    const first = commitAll(root, "the gateway");
    writeFiles(root, { "jobs/reconcile/run.py": `KEY = "${key}"\n` });
    const second = commitAll(root, "a job");
    const run = runCli(["scan", "--history", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const reuse = findingsOf(run.stdout).filter((finding) => finding.ruleId === "credential-reuse");
    expect(reuse).toHaveLength(1);
    expect(reuse[0]!.description).toContain(`jobs/reconcile (jobs/reconcile/run.py:1 in commit ${second.slice(0, 12)})`);
    expect(reuse[0]!.description).toContain(`services/execution_gateway (services/execution_gateway/venue.py:1 in commit ${first.slice(0, 12)})`);
  });

  it("--staged: compares a staged secret with the rest of the tree the commit will hold", () => {
    const key = fake.openrouterKey();
    const root = tempRepo({ "services/execution_gateway/venue.py": `KEY = "${key}"\n`, "jobs/reconcile/run.py": "print('ok')\n" });
    commitAll(root, "the gateway");
    writeFiles(root, { "jobs/reconcile/run.py": `print('ok')\nKEY = "${key}"\n` });
    git(root, "add", "jobs/reconcile/run.py");
    const run = runCli(["scan", "--staged", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const findings = findingsOf(run.stdout);
    // The committed gateway file is a place, not a finding: only the staged line is reported.
    expect(findings.map((finding) => [finding.ruleId, finding.path, finding.startLine])).toEqual([
      ["credential-reuse", "jobs/reconcile/run.py", 2],
      ["openrouter-api-key", "jobs/reconcile/run.py", 2],
    ]);
    expect(findings[0]!.related).toEqual([expect.objectContaining({ path: "services/execution_gateway/venue.py" })]);
    expect(run.stdout).not.toContain(key.slice(12));
  });
});
