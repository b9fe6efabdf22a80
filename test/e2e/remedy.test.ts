// Situational remedies through the built CLI: the staged gate says to unstage, a history scan
// marks what HEAD no longer holds as history-only and says that removing the file was not enough.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempRepo, writeFiles } from "../helpers/repo.js";

interface JsonFinding {
  path: string;
  ruleId: string;
  status?: string;
  remedy: string;
  commit?: { sha: string };
}

describe("remedies by where a finding was made", () => {
  it("--staged: unstage it, move the value to .env or the secret manager", () => {
    const root = tempRepo({ "README.md": "hello\n" });
    commitAll(root, "start");
    writeFiles(root, { "src/config.ts": `export const key = "${fake.openrouterKey()}";\n` });
    git(root, "add", "src/config.ts");
    const run = runCli(["scan", "--staged", "--format", "json"], { cwd: root });
    expect(run.code, run.stderr).toBe(1);
    const [finding] = JSON.parse(run.stdout).findings as JsonFinding[];
    expect(finding!.remedy).toMatch(/^Unstage it \(git restore --staged src\/config\.ts\), move the value to \.env or the secret manager/);
    expect(finding!.status).toBeUndefined();
  });

  it("--history: a secret HEAD still holds is present, one removed since is history-only with the purge commands", () => {
    const kept = fake.openrouterKey();
    const root = tempRepo({ "src/kept.ts": `export const key = "${kept}";\n`, "src/gone.ts": `export const key = "${fake.openrouterKey()}";\n` });
    const first = commitAll(root, "add keys");
    git(root, "rm", "-q", "src/gone.ts");
    commitAll(root, "remove one");
    const run = runCli(["scan", "--history", "--format", "json"], { cwd: root });
    expect(run.code, run.stderr).toBe(1);
    const findings = JSON.parse(run.stdout).findings as JsonFinding[];
    const byPath = new Map(findings.filter((finding) => finding.ruleId === "openrouter-api-key").map((finding) => [finding.path, finding]));
    expect(byPath.get("src/kept.ts")).toMatchObject({ status: "present", commit: { sha: first } });
    expect(byPath.get("src/kept.ts")!.remedy).not.toContain("Only in history");
    const gone = byPath.get("src/gone.ts")!;
    expect(gone.status).toBe("history-only");
    expect(gone.remedy).toMatch(/^Only in history: rotate it — removing the file is not enough/);
    expect(gone.remedy).toContain("git filter-repo --replace-text");
    // The pretty format says the same, under the finding.
    const pretty = runCli(["scan", "--history"], { cwd: root }).stdout;
    expect(pretty).toContain("only in history");
    expect(pretty).toContain("→ Only in history: rotate it");
  });
});
