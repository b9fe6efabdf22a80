// The working tree as fragments: inside a git repository the files git tracks plus untracked
// files that are not ignored (a tracked file is scanned even when .gitignore matches it);
// outside one, every file under the path. Symlinks are never followed; submodules are not entered.
import { existsSync, lstatSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import fg from "fast-glob";
import { GitError, InputError } from "../errors.js";
import { createGitRunner, findWorkTreeRoot, type GitRunner } from "../git/run.js";
import type { Fragment } from "../model.js";
import { decodeContent } from "./decode.js";

export interface WorktreeOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly noIgnore: boolean;
  readonly maxFileSize: number;
  readonly env?: NodeJS.ProcessEnv;
}

interface Listed {
  readonly absolute: string;
  readonly display: string; // repo-relative inside git, cwd-relative outside
}

const toSlash = (path: string): string => (sep === "/" ? path : path.split(sep).join("/"));

async function listInRepository(git: GitRunner, root: string, noIgnore: boolean): Promise<Listed[]> {
  const args = ["ls-files", "-z", "--full-name", "--cached", "--others"];
  if (!noIgnore) args.push("--exclude-standard");
  const result = await git.run([...args, "--", "."]);
  const names = new Set(result.stdout.toString("utf8").split("\0").filter(Boolean));
  const realFolder = realFolderCheck(root);
  return [...names].filter((name) => realFolder(dirname(name))).map((name) => ({ absolute: join(root, name), display: name }));
}

/**
 * Whether a repo-relative folder is a real folder all the way down from the root. Git may list
 * `sub/file` after `sub` was replaced by a symlink to somewhere else: reading it would follow the
 * link out of the repository (lstat only refuses a link in the last part of a path).
 */
function realFolderCheck(root: string): (folder: string) => boolean {
  const known = new Map<string, boolean>([[".", true]]);
  const check = (folder: string): boolean => {
    const cached = known.get(folder);
    if (cached !== undefined) return cached;
    let real = check(dirname(folder));
    if (real) {
      try {
        const stats = lstatSync(join(root, folder));
        real = stats.isDirectory() && !stats.isSymbolicLink();
      } catch {
        real = false;
      }
    }
    known.set(folder, real);
    return real;
  };
  return check;
}

async function isBareRepository(git: GitRunner): Promise<boolean> {
  const result = await git.run(["rev-parse", "--is-bare-repository"], { allowFailure: true }).catch(() => undefined);
  return result?.code === 0 && result.stdout.toString("utf8").trim() === "true";
}

/** Whether `folder` is inside a git work tree, judged without git: a .git entry in it or above it. */
function looksLikeRepository(folder: string): boolean {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, ".git"))) return true;
    if (dirname(at) === at) return false;
  }
}

async function listPlain(cwd: string, target: string): Promise<Listed[]> {
  const names = await fg("**/*", {
    cwd: target,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ["**/.git/**"],
  });
  return names.sort().map((name) => {
    const absolute = join(target, name);
    return { absolute, display: toSlash(relative(cwd, absolute)) || name };
  });
}

/** Fails before the scan starts when a path to scan does not exist. */
export function assertPathsExist(cwd: string, paths: readonly string[]): void {
  for (const path of paths) {
    if (!existsSync(resolve(cwd, path))) {
      throw new InputError(`cannot scan ${path}: no such file or directory`, "check the path you asked to scan");
    }
  }
}

/** Lists the files one PATH argument stands for. */
async function listTarget(options: WorktreeOptions, path: string): Promise<Listed[]> {
  const target = isAbsolute(path) ? path : resolve(options.cwd, path);
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new InputError(`cannot read ${path}: no such file or directory`, "check the path you asked to scan");
  }
  const folder = stats.isDirectory() ? target : resolve(target, "..");
  const git = createGitRunner(folder, options.env);
  const root = await findWorkTreeRoot(git).catch((error: unknown) => {
    // Without git, a repository's tracked and ignored files cannot be told apart: scanning every
    // file would report ignored ones (node_modules, .env of others) and is not what was asked.
    if (error instanceof GitError && looksLikeRepository(folder)) {
      throw new GitError(
        `git is not installed or not on PATH, and ${path} is inside a git repository`,
        "install git (2.20 or newer) so leakgate can list the repository's files, or put it on PATH",
      );
    }
    return undefined;
  });
  if (root === undefined && (await isBareRepository(git))) {
    throw new GitError(`${path} is a bare git repository: it has no working tree to scan`, "scan its commits with --history, or --range OLD..NEW in a server-side hook");
  }
  if (!stats.isDirectory()) {
    const display = root ? toSlash(relative(root, target)) : toSlash(relative(options.cwd, target));
    return [{ absolute: target, display }];
  }
  return root ? listInRepository(git, root, options.noIgnore) : listPlain(options.cwd, target);
}

/**
 * The working tree as a source that has already listed its first target, so that what stops a
 * scan before it starts (git missing inside a repository) fails as one line, not as a scan cut short.
 */
export async function openWorktree(options: WorktreeOptions): Promise<AsyncIterable<Fragment>> {
  const fragments = worktreeSource(options);
  const first = await fragments.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* fragments;
  })();
}

export async function* worktreeSource(options: WorktreeOptions): AsyncGenerator<Fragment> {
  const seen = new Set<string>();
  for (const path of options.paths.length > 0 ? options.paths : ["."]) {
    for (const file of await listTarget(options, path)) {
      if (seen.has(file.absolute)) continue;
      seen.add(file.absolute);
      const fragment = readFragment(file, options.maxFileSize);
      if (fragment) yield fragment;
      // Files are read synchronously and a for-await loop only runs microtasks: without a turn of
      // the event loop after each file, Ctrl-C (a SIGINT listener in cli.ts) waits for the whole scan.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function readFragment(file: Listed, maxFileSize: number): Fragment | undefined {
  let stats;
  try {
    stats = lstatSync(file.absolute);
  } catch {
    return undefined; // tracked but deleted from disk: nothing to scan
  }
  // Symlinks are not followed (they may point out of the repository); submodules are folders.
  if (!stats.isFile()) return undefined;
  const base = { path: file.display, startLine: 1, origin: "worktree" as const, kind: "file" as const };
  if (stats.size > maxFileSize) return { ...base, content: "", skipped: "too-large", bytes: stats.size };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch {
    return { ...base, content: "", skipped: "unreadable", bytes: 0 };
  }
  const decoded = decodeContent(bytes, maxFileSize);
  return decoded.skipped
    ? { ...base, content: "", skipped: decoded.skipped, bytes: bytes.length }
    : { ...base, content: decoded.text, bytes: bytes.length };
}
