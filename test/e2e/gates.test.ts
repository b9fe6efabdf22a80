// The project's own gates: the workflow, action and pre-commit framework files parse and call
// commands our CLI has; the action's scan step runs for real; `prepare` installs the project's
// husky hook except where it cannot (CI, no .git), and that hook refuses a staged secret.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { workflowFile } from "../../src/init/templates.js";
import { parseOptions } from "../../src/options.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, GIT_ENV, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
const readYaml = (path: string): unknown => parseYaml(readFileSync(join(PROJECT, path), "utf8"));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  name?: string;
}

/** The arguments after `leakgate` (or `leakgate@VERSION`, or `…/dist/cli.js`) in a shell command. */
function leakgateArgs(command: string): string[] | undefined {
  const match = /(?:\bleakgate(?:@[\w.-]+)?|dist\/cli\.js"?)\s+([a-z][^\n|&;]*)/.exec(command);
  return match ? match[1]!.trim().split(/\s+/) : undefined;
}

/** Parsed exactly as the CLI would parse it: an unknown command or flag throws. */
async function expectCommandExists(args: string[] | undefined) {
  expect(args, "a leakgate command").toBeDefined();
  const options = await parseOptions(args!, "0.0.0");
  expect("help" in options).toBe(false);
  return options;
}

const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, NO_COLOR: "1", ...extra };
  for (const name of ["CI", "GITHUB_ACTIONS", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITLAB_CI", "HUSKY"]) if (!(name in extra)) delete env[name];
  return env;
};

describe("workflow, action and hook definitions", () => {
  it("the workflow leakgate init writes calls an existing command", async () => {
    const workflow = parseYaml(workflowFile("0.1.0")) as { jobs: Record<string, { steps: Step[] }> };
    const run = Object.values(workflow.jobs)[0]!.steps.find((step) => step.run?.includes("leakgate"));
    const options = await expectCommandExists(leakgateArgs(run!.run!));
    expect(options).toMatchObject({ command: "ci", sarif: "leakgate.sarif" });
  });

  it("ci.yml runs the tests and the repository's own action, then uploads its SARIF", () => {
    const ci = readYaml(".github/workflows/ci.yml") as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    const steps = Object.values(ci.jobs).flatMap((job) => job.steps);
    const scripts = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8")).scripts as Record<string, string>;
    for (const step of steps.filter((each) => each.run?.startsWith("npm run") || each.run === "npm test")) {
      expect(scripts).toHaveProperty(step.run === "npm test" ? "test" : step.run!.split(" ")[2]!);
    }
    expect(steps.some((step) => step.run === "npm test")).toBe(true);
    const gate = steps.find((step) => step.uses === "./");
    expect(gate?.with?.["sarif"]).toBe("leakgate.sarif");
    expect(existsSync(join(PROJECT, "action.yml"))).toBe(true);
    const checkout = Object.values(ci.jobs).find((job) => job.steps.includes(gate!))!.steps[0]!;
    expect(checkout.with?.["fetch-depth"]).toBe(0);
    const upload = steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.["sarif_file"]).toBe("leakgate.sarif");
  });

  it(".pre-commit-hooks.yaml runs leakgate scan --staged once per commit", async () => {
    const hooks = readYaml(".pre-commit-hooks.yaml") as Array<Record<string, unknown>>;
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: "leakgate", language: "node", pass_filenames: false, always_run: true });
    const options = await expectCommandExists(leakgateArgs(String(hooks[0]!["entry"])));
    expect(options).toMatchObject({ command: "scan", staged: true });
  });

  it("action.yml: a composite action with range, format and sarif inputs, whose scan step really runs", () => {
    const action = readYaml("action.yml") as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    expect(Object.keys(action.inputs).sort()).toEqual(["format", "range", "sarif"]);
    expect(action.runs.using).toBe("composite");
    for (const step of action.runs.steps) expect(spawnSync("bash", ["-n", "-c", step.run!]).status, step.name).toBe(0);
    const scan = action.runs.steps.find((step) => step.env?.["LEAKGATE_RANGE"] !== undefined)!;

    const root = tempRepo({ "README.md": "hello\n" });
    const base = commitAll(root, "base");
    const key = fake.openrouterKey();
    writeFiles(root, { "src/config.ts": `export const key = "${key}";\n` });
    commitAll(root, "leak");
    const run = spawnSync("bash", ["-c", scan.run!], {
      cwd: root,
      encoding: "utf8",
      env: cleanEnv({ GITHUB_ACTION_PATH: PROJECT, LEAKGATE_RANGE: `${base}..HEAD`, LEAKGATE_FORMAT: "json", LEAKGATE_SARIF: "out.sarif" }),
    });
    expect(run.status, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(["openrouter-api-key"]);
    const sarif = JSON.parse(readFileSync(join(root, "out.sarif"), "utf8"));
    expect(sarif.runs[0].results).toHaveLength(1);
    for (const text of [run.stdout, run.stderr, readFileSync(join(root, "out.sarif"), "utf8")]) expect(text).not.toContain(key);
  });
});

describe("the project's own hook", () => {
  const installHooks = (cwd: string, env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(PROJECT, "scripts/install-hooks.mjs")], { cwd, env: cleanEnv(env), encoding: "utf8" });

  it("prepare skips the hooks, without failing, under CI and outside a git checkout", () => {
    const repo = tempRepo();
    const underCi = installHooks(repo, { CI: "true" });
    expect(underCi.status).toBe(0);
    expect(underCi.stdout).toContain("git hooks not installed (CI is set)");
    expect(spawnSync("git", ["config", "core.hooksPath"], { cwd: repo, env: GIT_ENV }).status).toBe(1);
    const tarball = installHooks(tempDir(), {});
    expect(tarball.status).toBe(0);
    expect(tarball.stdout).toContain("git hooks not installed (not a git checkout)");
    const packageJson = JSON.parse(readFileSync(join(PROJECT, "package.json"), "utf8"));
    expect(packageJson.scripts.prepare).toBe("node scripts/prepare.mjs");
    expect(packageJson.devDependencies).toHaveProperty("husky");
  });

  it("installed by prepare, .husky/pre-commit refuses a staged secret with the built CLI and accepts a clean commit", () => {
    const root = tempRepo({ ".gitignore": "dist\n", "README.md": "hello\n" });
    cpSync(join(PROJECT, ".husky/pre-commit"), join(root, ".husky/pre-commit"));
    symlinkSync(join(PROJECT, "dist"), join(root, "dist"));
    const installed = installHooks(root, {});
    expect(installed.status).toBe(0);
    expect(installed.stdout).toBe("");
    expect(git(root, "config", "core.hooksPath").trim()).toBe(".husky/_");
    const commit = (message: string) => spawnSync("git", ["commit", "-m", message], { cwd: root, env: cleanEnv(), encoding: "utf8" });

    git(root, "add", "-A");
    const clean = commit("clean");
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stderr).toMatch(/no secrets found/);

    const key = fake.privateKey();
    writeFiles(root, { "deploy/id_rsa.txt": `${key}\n` });
    git(root, "add", "-A");
    const refused = commit("deploy key");
    expect(refused.status).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toContain("deploy/id_rsa.txt");
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(key.split("\n")[1]);
  });
});
