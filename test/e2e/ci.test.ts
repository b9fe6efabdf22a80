// leakgate ci on real repositories with a faked CI environment: it says which range it chose and
// why, scans only that, and writes the CI's own format (and SARIF when asked).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectValidSarif } from "../helpers/sarif.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const NULL_SHA = "0".repeat(40);
/** Outside any CI, whatever runs these tests. */
const NO_CI = { GITHUB_ACTIONS: "", GITLAB_CI: "" };

/** main with an old leak, and a feature branch that adds one more. */
function pullRequestRepo() {
  const old = fake.openrouterKey();
  const added = fake.slackBotToken();
  const root = tempRepo({ "old.ts": `export const k = "${old}";\n` });
  const base = commitAll(root, "old leak on main");
  git(root, "update-ref", "refs/remotes/origin/main", base);
  git(root, "checkout", "-q", "-b", "feature");
  writeFiles(root, { "src/bot.ts": `export const token = "${added}";\n` });
  commitAll(root, "feature work");
  writeFiles(root, { "src/other.ts": "export const x = 1;\n" });
  const head = commitAll(root, "more feature work");
  return { root, base, head, old, added };
}

function githubEnv(root: string, name: string, event: unknown): NodeJS.ProcessEnv {
  const file = join(tempDir(), "event.json");
  writeFileSync(file, JSON.stringify(event));
  return { ...NO_CI, GITHUB_ACTIONS: "true", CI: "true", GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_WORKSPACE: root };
}

describe("leakgate ci on GitHub Actions", () => {
  let repo: ReturnType<typeof pullRequestRepo>;
  beforeAll(() => {
    repo = pullRequestRepo();
  });

  it("pull_request: scans base..head, says so, and writes annotations and a SARIF file", () => {
    const event = { number: 12, pull_request: { number: 12, base: { sha: repo.base }, head: { sha: repo.head } } };
    const run = runCli(["ci", "--sarif", "leakgate.sarif"], { cwd: repo.root, env: githubEnv(repo.root, "pull_request", event) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`leakgate: ci (GitHub Actions): scanning ${repo.base}..${repo.head} — pull request #12`);
    expect(run.stdout).toMatch(/^::error file=src\/bot.ts,line=1,.*title=leakgate%3A slack-bot-token::/m);
    expect(run.stdout).not.toContain("old.ts"); // on main already: not this pull request's
    const sarif = JSON.parse(readFileSync(join(repo.root, "leakgate.sarif"), "utf8"));
    expectValidSarif(sarif);
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual(["slack-bot-token"]);
    for (const text of [run.stdout, run.stderr, readFileSync(join(repo.root, "leakgate.sarif"), "utf8")]) {
      expect(text).not.toContain(repo.added);
    }
  });

  it("push of a new branch: the commits not on the default branch", () => {
    const event = { before: NULL_SHA, after: repo.head, ref: "refs/heads/feature", repository: { default_branch: "main" } };
    const run = runCli(["ci", "--format", "json"], { cwd: repo.root, env: githubEnv(repo.root, "push", event) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/scanning refs\/remotes\/origin\/main\.\.[0-9a-f]{40} — new branch feature: the commits not on origin\/main/);
    expect(JSON.parse(run.stdout).findings.map((finding: { path: string }) => finding.path)).toEqual(["src/bot.ts"]);
    expect(run.stderr).toMatch(/2 files, 2 commits/);
  });

  it("push: before..after; a clean push exits 0", () => {
    const before = git(repo.root, "rev-parse", "HEAD~1").trim();
    const event = { before, after: repo.head, ref: "refs/heads/feature" };
    const run = runCli(["ci"], { cwd: repo.root, env: githubEnv(repo.root, "push", event) });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`scanning ${before}..${repo.head} — push`);
    expect(run.stderr).toMatch(/1 file, 1 commit, 20 B scanned .*no secrets found/);
  });

  it("a pull request in a shallow checkout without its base: exit 2, saying to fetch the history", () => {
    const clone = join(tempDir(), "clone");
    git(tempDir(), "-c", "protocol.file.allow=always", "clone", "-q", "--depth", "1", "--branch", "feature", `file://${repo.root}`, clone);
    const event = { pull_request: { base: { sha: repo.base }, head: { sha: repo.head } } };
    const run = runCli(["ci"], { cwd: clone, env: githubEnv(clone, "pull_request", event) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^leakgate: --range: revision "[0-9a-f]{40}" does not exist in this repository — it may be outside this shallow clone: .*fetch-depth: 0/m);
  });

  it("a branch deletion has nothing to scan", () => {
    const run = runCli(["ci"], { cwd: repo.root, env: githubEnv(repo.root, "push", { before: repo.head, after: NULL_SHA }) });
    expect([run.code, run.stderr]).toEqual([0, "leakgate: ci (GitHub Actions): push deleted a branch: nothing to scan\n"]);
  });
});

describe("leakgate ci on GitLab CI and elsewhere", () => {
  it("GitLab merge request: diff base..head, in the pretty format", () => {
    const repo = pullRequestRepo();
    const env = { ...NO_CI, GITLAB_CI: "true", CI: "true", CI_COMMIT_SHA: repo.head, CI_MERGE_REQUEST_DIFF_BASE_SHA: repo.base, CI_MERGE_REQUEST_IID: "4" };
    const run = runCli(["ci"], { cwd: repo.root, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`leakgate: ci (GitLab CI): scanning ${repo.base}..${repo.head} — merge request !4`);
    expect(run.stdout).toMatch(/^src\/bot.ts\n {2}1:\d+ +critical +slack-bot-token/m);
  });

  it("no CI detected: --range is required", () => {
    const repo = pullRequestRepo();
    const bare = runCli(["ci"], { cwd: repo.root, env: NO_CI });
    expect([bare.code, bare.stderr]).toEqual([
      2,
      "leakgate: no CI system detected (GitHub Actions, GitLab CI) and no --range given — pass the commits to scan, e.g. leakgate ci --range origin/main..HEAD\n",
    ]);
    const ranged = runCli(["ci", "--range", "origin/main..HEAD"], { cwd: repo.root, env: NO_CI });
    expect(ranged.code).toBe(1);
    expect(ranged.stderr).toContain("leakgate: ci (no CI detected): scanning origin/main..HEAD — given with --range");
  });

  it("outside a repository: exit 2 in one line", () => {
    const run = runCli(["ci", "--range", "a..b"], { cwd: tempDir(), env: NO_CI });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\nleakgate: .* is not in a git repository — [^\n]*\n$/);
  });
});
