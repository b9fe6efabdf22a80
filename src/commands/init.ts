// leakgate init: puts the gates in place in the current repository. It first plans every change
// (reading the disk and git), then prints the plan and, unless --dry-run, carries it out; a second
// run plans nothing and says so. The file contents come from pure functions in src/init/.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { BASELINE_FILE, emptyBaseline, formatBaseline, newSalt } from "../baseline-file.js";
import { CONFIG_FILE } from "../config.js";
import { ConfigError, GitError, UsageError } from "../errors.js";
import { createGitRunner, findWorkTreeRoot, type GitRunner } from "../git/run.js";
import { gitignoreWithSecretPatterns } from "../init/gitignore.js";
import { CHAINED_HOOK, gateBlock, hasGate, hookWithGate, type Launcher } from "../init/hook.js";
import { STARTER_CONFIG, workflowFile } from "../init/templates.js";
import { EXIT, type Io } from "../io.js";
import type { Options } from "../options.js";

type Verb = "create" | "update" | "keep" | "run";
const DONE: Record<Verb, string> = { create: "created", update: "updated", keep: "unchanged", run: "ran" };

interface Step {
  readonly verb: Verb;
  readonly path: string; // as shown: repository-relative, or absolute outside the repository
  readonly detail: string;
  readonly apply?: () => void;
}

export const WORKFLOW_FILE = ".github/workflows/leakgate.yml";
const HUSKY_HOOK = ".husky/pre-commit";
const INSTALL_COMMAND = "npm install --save-dev leakgate husky && npx leakgate init";

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function writeText(file: string, text: string, executable = false): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (executable) chmodSync(file, 0o755);
}

/**
 * A file init writes whole: created when missing, else kept; `replace` says whether --force may
 * replace it (the workflow, yes; the user's own config, never).
 */
function wholeFileStep(root: string, path: string, text: string, detail: string, replace: { force: boolean } | undefined): Step {
  const file = join(root, path);
  const existing = readText(file);
  if (existing === text) return { verb: "keep", path, detail: "already in place" };
  if (existing !== undefined && !replace) return { verb: "keep", path, detail: "exists: left as it is" };
  if (existing !== undefined && !replace?.force) return { verb: "keep", path, detail: "exists and differs: left as it is (--force replaces it)" };
  return { verb: existing === undefined ? "create" : "update", path, detail, apply: () => writeText(file, text) };
}

/** A hook script with the gate in it (a husky hook, or ours in the hooks folder). */
function gateStep(file: string, path: string, block: string, detail: string): Step {
  const existing = readText(file);
  const text = hookWithGate(existing, block);
  if (text === existing) return { verb: "keep", path, detail: "the gate is already in place" };
  return { verb: existing === undefined ? "create" : "update", path, detail, apply: () => writeText(file, text, true) };
}

/** The plain git hook: never overwrites a hook of someone else's without --force; keeps it and runs it first. */
function plainHookStep(hooksDir: string, path: string, launcher: Launcher | undefined, force: boolean): Step {
  const file = join(hooksDir, "pre-commit");
  const chainedFile = join(hooksDir, CHAINED_HOOK);
  const existing = readText(file);
  const detail = "the pre-commit gate (leakgate scan --staged)";
  if (existing === undefined || existing.trim() === "" || hasGate(existing)) {
    return gateStep(file, path, gateBlock({ launcher, chained: existsSync(chainedFile) }), detail);
  }
  if (force) {
    return { verb: "update", path, detail: `${detail}, replacing the hook that was there (--force)`, apply: () => writeText(file, hookWithGate(undefined, gateBlock({ launcher })), true) };
  }
  if (existsSync(chainedFile)) {
    throw new UsageError(
      `${path} is not leakgate's and ${CHAINED_HOOK} already exists beside it`,
      "merge the two hooks by hand, or run leakgate init --force to replace the hook",
    );
  }
  return {
    verb: "update",
    path,
    detail: `${detail}; the hook that was there is kept as ${CHAINED_HOOK} and runs first`,
    apply: () => {
      renameSync(file, chainedFile);
      writeText(file, hookWithGate(undefined, gateBlock({ launcher, chained: true })), true);
    },
  };
}

interface NpmProject {
  readonly manifest: Record<string, unknown>;
  readonly text: string;
}

function readNpmProject(root: string): NpmProject | undefined {
  const text = readText(join(root, "package.json"));
  if (text === undefined) return undefined;
  try {
    const manifest: unknown = JSON.parse(text);
    if (typeof manifest === "object" && manifest !== null && !Array.isArray(manifest)) return { manifest: manifest as Record<string, unknown>, text };
  } catch {
    // reported below
  }
  throw new ConfigError("package.json is not a valid JSON object", "fix it, then run leakgate init again");
}

function declares(project: NpmProject, name: string): boolean {
  return ["dependencies", "devDependencies"].some((field) => {
    const deps = project.manifest[field];
    return typeof deps === "object" && deps !== null && name in deps;
  });
}

/** package.json with `husky` in its prepare script, so every clone installs the hooks on npm install. */
function prepareStep(root: string, project: NpmProject): Step | undefined {
  const scripts = (project.manifest["scripts"] ?? {}) as Record<string, unknown>;
  const prepare = typeof scripts["prepare"] === "string" ? scripts["prepare"] : undefined;
  if (prepare !== undefined && /\bhusky\b/.test(prepare)) return undefined;
  const next = prepare === undefined || prepare.trim() === "" ? "husky" : `${prepare} && husky`;
  const indent = /^[ \t]+/m.exec(project.text)?.[0] ?? "  ";
  const text = `${JSON.stringify({ ...project.manifest, scripts: { ...scripts, prepare: next } }, null, indent)}\n`;
  return { verb: "update", path: "package.json", detail: `scripts.prepare = "${next}" (installs the hooks on npm install)`, apply: () => writeText(join(root, "package.json"), text) };
}

async function gitValue(git: GitRunner, args: readonly string[]): Promise<string | undefined> {
  const result = await git.run(args, { allowFailure: true });
  return result.code === 0 ? result.stdout.toString("utf8").trim() : undefined;
}

const isHuskyPath = (hooksPath: string | undefined): boolean => hooksPath === ".husky/_" || hooksPath === ".husky";

function huskyActivation(root: string, node: string): Step {
  return {
    verb: "run",
    path: "husky",
    detail: "activates the husky hooks in this clone (git config core.hooksPath .husky/_)",
    apply: () => {
      const run = spawnSync(node, [join(root, "node_modules", "husky", "bin.js")], { cwd: root, encoding: "utf8" });
      if (run.status !== 0 || (run.stdout ?? "").trim() !== "") {
        throw new GitError(`husky could not install the hooks: ${(run.stdout || run.stderr || "no output").trim()}`, "run npx husky yourself and see what it says");
      }
    },
  };
}

export async function initCommand(options: Options, io: Io): Promise<number> {
  const git = createGitRunner(io.cwd, io.env);
  const root = await findWorkTreeRoot(git);
  if (root === undefined) throw new GitError(`${io.cwd} is not in a git repository`, "run git init first: leakgate init installs a git hook");
  const atRoot = createGitRunner(root, io.env);
  const hooksDir = resolve(root, (await gitValue(atRoot, ["rev-parse", "--git-path", "hooks"])) ?? ".git/hooks");
  const shown = (file: string): string => {
    const path = relative(root, file);
    return path.startsWith("..") || isAbsolute(path) ? file : path.split("\\").join("/");
  };
  const launcher = io.program;
  const force = options.force;
  const steps: Step[] = [];
  const next: string[] = [];

  const project = readNpmProject(root);
  let huskyWillRun = false;
  if (project) {
    // .husky/ is committed: a project that declares leakgate gets no path of this machine in it.
    const huskyLauncher = declares(project, "leakgate") ? undefined : launcher;
    steps.push(gateStep(join(root, HUSKY_HOOK), HUSKY_HOOK, gateBlock({ launcher: huskyLauncher }), "the pre-commit gate, run by husky"));
    if (declares(project, "husky")) {
      const prepare = prepareStep(root, project);
      if (prepare) steps.push(prepare);
      const active = isHuskyPath(await gitValue(atRoot, ["config", "--get", "core.hooksPath"]));
      const installed = existsSync(join(root, "node_modules", "husky", "bin.js"));
      if (!active && installed) steps.push(huskyActivation(root, launcher?.node ?? "node"));
      huskyWillRun = active || installed;
      if (!huskyWillRun) next.push("husky is declared but not installed: run npm install, then leakgate init again");
    } else {
      next.push(`to share the hook through husky and pin leakgate for the team: ${INSTALL_COMMAND}`);
    }
  }
  // Without husky running the hooks, a plain git hook guards commits from now on.
  if (!huskyWillRun) steps.push(plainHookStep(hooksDir, shown(join(hooksDir, "pre-commit")), launcher, force));

  const gitignore = join(root, ".gitignore");
  const ignored = gitignoreWithSecretPatterns(readText(gitignore) ?? "");
  steps.push(
    ignored.added.length === 0
      ? { verb: "keep", path: ".gitignore", detail: "already ignores .env, .env.*, *.pem, *.key, .nanobot/" }
      : { verb: existsSync(gitignore) ? "update" : "create", path: ".gitignore", detail: `adds ${ignored.added.join(" ")}`, apply: () => writeText(gitignore, ignored.text) },
  );
  steps.push(wholeFileStep(root, CONFIG_FILE, STARTER_CONFIG, "a starter config, every line commented", undefined));
  steps.push(wholeFileStep(root, WORKFLOW_FILE, workflowFile(io.version), "the CI gate: leakgate ci, SARIF uploaded to code scanning", { force }));
  steps.push(
    existsSync(join(root, BASELINE_FILE))
      ? { verb: "keep", path: BASELINE_FILE, detail: "already in place" }
      : { verb: "create", path: BASELINE_FILE, detail: "no entries yet; holds this repository's fingerprint salt", apply: () => writeText(join(root, BASELINE_FILE), formatBaseline(emptyBaseline(newSalt()))) },
  );

  const changes = steps.filter((step) => step.verb !== "keep");
  const width = Math.max(...steps.map((step) => step.path.length));
  const tense = (verb: Verb): string => (verb === "keep" ? "unchanged" : options.dryRun ? `would ${verb}` : DONE[verb]);
  io.stdout.write(`leakgate init${options.dryRun ? " --dry-run" : ""} in ${root}\n`);
  for (const step of steps) {
    if (!options.dryRun) step.apply?.();
    io.stdout.write(`  ${tense(step.verb).padEnd(12)} ${step.path.padEnd(width)}  ${step.detail}\n`);
  }
  if (changes.length === 0) io.stdout.write("nothing to change: the gates are already in place\n");
  else if (options.dryRun) io.stdout.write(`${changes.length} changes planned; nothing was written (run without --dry-run to make them)\n`);
  for (const line of next) io.stdout.write(`next: ${line}\n`);
  return EXIT.clean;
}
