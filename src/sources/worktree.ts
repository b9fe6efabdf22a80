// The working tree as fragments: inside a git repository the files git tracks plus untracked
// files that are not ignored (a tracked file is scanned even when .gitignore matches it);
// outside one, every file under the path. Symlinks are never followed; submodules are not entered.
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import fg from "fast-glob";
import { GitError, InputError } from "../errors.js";
import { createGitRunner, findWorkTreeRoot, type GitRunner } from "../git/run.js";
import type { Fragment, SkipReason } from "../model.js";
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

/** How long files are read without a turn of the event loop. */
const TURN_MS = 20;

export async function* worktreeSource(options: WorktreeOptions): AsyncGenerator<Fragment> {
  const seen = new Set<string>();
  let turnAt = performance.now() + TURN_MS;
  for (const path of options.paths.length > 0 ? options.paths : ["."]) {
    for (const file of await listTarget(options, path)) {
      if (seen.has(file.absolute)) continue;
      seen.add(file.absolute);
      const fragment = readFragment(file, options.maxFileSize);
      if (fragment) yield fragment;
      // Files are read synchronously and a for-await loop only runs microtasks: without a turn of
      // the event loop now and then, Ctrl-C (a SIGINT listener in cli.ts) waits for the whole scan.
      // One turn per file cost more than reading a small file.
      if (performance.now() >= turnAt) {
        await new Promise((resolve) => setImmediate(resolve));
        turnAt = performance.now() + TURN_MS;
      }
    }
  }
}

/** Opening with O_NOFOLLOW refuses a symlink (ELOOP) in the same call: no lstat per file. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function readFragment(file: Listed, maxFileSize: number): Fragment | undefined {
  let fd: number;
  try {
    fd = openSync(file.absolute, OPEN_FLAGS);
  } catch (error) {
    // Gone from disk though tracked, a symlink (never followed: it may point out of the
    // repository), or unreadable.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR" || code === "EMLINK") return undefined;
    return { path: file.display, content: "", startLine: 1, origin: "worktree", kind: "file", skipped: "unreadable", bytes: 0 };
  }
  try {
    const stats = fstatSync(fd);
    // Submodules are folders; sockets and FIFOs are not files to scan (O_NONBLOCK kept a FIFO from hanging the open).
    if (!stats.isFile()) return undefined;
    if (stats.size > maxFileSize) return fileFragment(file, "", stats.size, "too-large");
    const bytes = readWhole(fd, stats.size, maxFileSize);
    const decoded = decodeContent(bytes, maxFileSize);
    return decoded.skipped ? fileFragment(file, "", bytes.length, decoded.skipped) : fileFragment(file, decoded.text, bytes.length);
  } catch {
    return fileFragment(file, "", 0, "unreadable");
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's bytes: `size` as fstat saw it, or what is there if it changed meanwhile, but never more
 * than `limit` + 1 bytes (a file growing as it is read is then too large, as decodeContent says).
 */
function readWhole(fd: number, size: number, limit: number): Buffer {
  let bytes = Buffer.allocUnsafe(Math.max(size, 1));
  let filled = 0;
  for (;;) {
    if (filled > limit) return bytes.subarray(0, filled);
    if (filled === bytes.length) {
      const grown = Buffer.allocUnsafe(bytes.length * 2);
      bytes.copy(grown, 0, 0, filled);
      bytes = grown;
    }
    const read = readSync(fd, bytes, filled, bytes.length - filled, null);
    if (read === 0) return bytes.subarray(0, filled);
    filled += read;
    if (filled === size && size > 0) {
      // The size fstat gave: one more read of 0 bytes would only confirm it.
      return bytes;
    }
  }
}

function fileFragment(file: Listed, content: string, bytes: number, skipped?: SkipReason): Fragment {
  const fragment: Fragment = { path: file.display, content, startLine: 1, origin: "worktree", kind: "file", bytes };
  return skipped ? { ...fragment, skipped } : fragment;
}
