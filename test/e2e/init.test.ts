// `leakgate init` in real temporary repositories: a plain one and npm projects, run twice, and
// real `git commit`s through the hook it installs.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, GIT_ENV, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const HUSKY = fileURLToPath(new URL("../../node_modules/husky/", import.meta.url));
const CREATED = [".gitignore", ".leakgate.toml", ".github/workflows/leakgate.yml", ".leakgate-baseline.json"];

/** A commit as a developer makes it: hooks run. */
function commit(root: string, message: string) {
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, NO_COLOR: "1" };
  delete env["CI"];
  const run = spawnSync("git", ["commit", "-m", message], { cwd: root, env, encoding: "utf8" });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const head = (root: string): string => git(root, "rev-parse", "--verify", "-q", "HEAD").trim();
const snapshot = (root: string, files: string[]) => files.map((file) => readFileSync(join(root, file), "utf8"));

describe("leakgate init in a plain repository", () => {
  it("installs the gate and the files, --dry-run first changes nothing, and a second run changes nothing", () => {
    const root = tempRepo({ "README.md": "hello\n" });
    const dry = runCli(["init", "--dry-run"], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would create .git/hooks/pre-commit");
    expect(dry.stdout).toContain("5 changes planned; nothing was written");
    for (const file of [...CREATED, ".git/hooks/pre-commit"]) expect(existsSync(join(root, file)), file).toBe(false);

    const first = runCli(["init"], { cwd: root });
    expect(first.code).toBe(0);
    for (const file of [".git/hooks/pre-commit", ...CREATED]) expect(first.stdout).toMatch(new RegExp(`created +${file.replace(/\./g, "\\.")} `));
    expect(statSync(join(root, ".git/hooks/pre-commit")).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toContain("\n.env\n.env.*\n!.env.example\n*.pem\n*.key\n.nanobot/\n");

    const files = [".git/hooks/pre-commit", ...CREATED];
    const before = snapshot(root, files);
    const second = runCli(["init"], { cwd: root });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("nothing to change: the gates are already in place");
    expect(second.stdout).not.toMatch(/created|updated/);
    expect(snapshot(root, files)).toEqual(before);
  });

  it("refuses a real commit that stages a secret, without printing it, and accepts a clean one", () => {
    const root = tempRepo({ "README.md": "hello\n" });
    expect(runCli(["init"], { cwd: root }).code).toBe(0);
    git(root, "add", "-A");
    expect(commit(root, "leakgate init").code).toBe(0);
    const clean = head(root);

    const key = fake.openrouterKey();
    writeFiles(root, { "src/config.ts": `export const key = "${key}";\n` });
    git(root, "add", "src/config.ts");
    const refused = commit(root, "add config");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("openrouter-api-key");
    expect(refused.output).toContain("src/config.ts");
    expect(refused.output).not.toContain(key);
    expect(refused.output).not.toContain(key.slice(12));
    expect(head(root)).toBe(clean);

    writeFiles(root, { "src/config.ts": "export const key = process.env.OPENROUTER_API_KEY;\n" });
    git(root, "add", "src/config.ts");
    const accepted = commit(root, "read the key from the environment");
    expect(accepted.output).toMatch(/no secrets found/);
    expect(accepted.code).toBe(0);
    expect(head(root)).not.toBe(clean);
  });

  it("keeps someone else's hook (in core.hooksPath) and runs it first; --force replaces it", () => {
    const root = tempRepo({ "README.md": "hello\n", ".leakgate.toml": "# ours\n", ".github/workflows/leakgate.yml": "name: ours\n" });
    git(root, "config", "core.hooksPath", "githooks");
    writeFiles(root, { "githooks/pre-commit": "#!/bin/sh\necho ran > \"$(git rev-parse --show-toplevel)/previous-hook-ran\"\nexit 0\n" });
    chmodSync(join(root, "githooks/pre-commit"), 0o755);
    const run = runCli(["init"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("githooks/pre-commit");
    expect(run.stdout).toContain("kept as pre-commit.before-leakgate and runs first");
    expect(run.stdout).toMatch(/unchanged +\.leakgate\.toml +exists: left as it is\n/);
    expect(run.stdout).toMatch(/unchanged +\.github\/workflows\/leakgate\.yml +exists and differs: left as it is \(--force replaces it\)/);
    expect(existsSync(join(root, ".git/hooks/pre-commit"))).toBe(false);
    expect(readFileSync(join(root, "githooks/pre-commit.before-leakgate"), "utf8")).toContain("previous-hook-ran");

    writeFiles(root, { "notes.txt": "nothing secret\n" });
    git(root, "add", "notes.txt");
    expect(commit(root, "notes").code).toBe(0);
    expect(existsSync(join(root, "previous-hook-ran"))).toBe(true);
    expect(runCli(["init"], { cwd: root }).stdout).toContain("nothing to change");

    // A foreign hook where a chained one already exists cannot be kept: say so, unless --force.
    writeFiles(root, { "githooks/pre-commit": "#!/bin/sh\nexit 0\n" });
    const blocked = runCli(["init"], { cwd: root });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr.trim().split("\n")).toHaveLength(1);
    expect(blocked.stderr).toMatch(/^leakgate: githooks\/pre-commit is not leakgate's .* — .*--force/);
    const forced = runCli(["init", "--force"], { cwd: root });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("replacing the hook that was there (--force)");
    expect(readFileSync(join(root, "githooks/pre-commit"), "utf8")).toContain("scan --staged");
    expect(readFileSync(join(root, ".github/workflows/leakgate.yml"), "utf8")).toMatch(/leakgate@[0-9.]+ ci --sarif/);
    expect(readFileSync(join(root, ".leakgate.toml"), "utf8")).toBe("# ours\n");
  });

  it("exits 2 with one line outside a git repository", () => {
    const run = runCli(["init"], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^leakgate: .* is not in a git repository — run git init first/);
  });
});

describe("leakgate init in an npm project", () => {
  it("without husky: writes .husky/pre-commit, guards commits with a plain hook for now, and names the one command", () => {
    const root = tempRepo({ "package.json": '{\n  "name": "app",\n  "version": "1.0.0"\n}\n' });
    const first = runCli(["init"], { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created +\.husky\/pre-commit /);
    expect(first.stdout).toMatch(/created +\.git\/hooks\/pre-commit /);
    expect(first.stdout).toContain("next: to share the hook through husky and pin leakgate for the team: npm install --save-dev leakgate husky && npx leakgate init");
    // Until the project has its own copy, the leakgate that ran init is the hook's fallback.
    expect(readFileSync(join(root, ".husky/pre-commit"), "utf8")).toContain(`'${CLI}' scan --staged`);
    expect(readFileSync(join(root, "package.json"), "utf8")).not.toContain("husky");
    const second = runCli(["init"], { cwd: root });
    expect(second.stdout).toContain("nothing to change");
  });

  it("with husky installed: sets prepare, activates husky, and husky's hook runs the project's own leakgate", () => {
    const root = tempRepo({
      "package.json": JSON.stringify({ name: "app", scripts: { prepare: "npm run build" }, devDependencies: { husky: "^9.1.7", leakgate: "^0.1.0" } }, null, 2),
      ".husky/pre-commit": "echo husky-ran > husky-ran.txt\n",
    });
    cpSync(HUSKY, join(root, "node_modules/husky"), { recursive: true });
    // The project's own copy of leakgate, which leaves a mark so the test knows the hook chose it.
    writeFiles(root, { "node_modules/.bin/leakgate": `#!/bin/sh\ntouch own-copy-ran\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n` });
    chmodSync(join(root, "node_modules/.bin/leakgate"), 0o755);
    writeFileSync(join(root, ".gitignore"), "node_modules/\nhusky-ran.txt\nown-copy-ran\n");

    const first = runCli(["init"], { cwd: root });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/updated +\.husky\/pre-commit /);
    expect(first.stdout).toMatch(/updated +package\.json +scripts\.prepare = "npm run build && husky"/);
    expect(first.stdout).toMatch(/ran +husky /);
    expect(first.stdout).not.toContain(".git/hooks/pre-commit");
    expect(git(root, "config", "core.hooksPath").trim()).toBe(".husky/_");
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.prepare).toBe("npm run build && husky");
    const hook = readFileSync(join(root, ".husky/pre-commit"), "utf8");
    expect(hook.indexOf("scan --staged")).toBeLessThan(hook.indexOf("husky-ran"));
    // Committed for the whole team, and the project declares leakgate: no path of this machine in it.
    expect(hook).not.toContain(CLI);

    const second = runCli(["init"], { cwd: root });
    expect(second.stdout).toContain("nothing to change");

    commitAll(root, "setup");
    const key = fake.slackBotToken();
    writeFiles(root, { "notify.js": `const token = "${key}";\n` });
    git(root, "add", "notify.js");
    const refused = commit(root, "notify");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("slack-bot-token");
    expect(refused.output).not.toContain(key);
    expect(existsSync(join(root, "own-copy-ran"))).toBe(true);
    expect(existsSync(join(root, "husky-ran.txt"))).toBe(false);
  });
});
