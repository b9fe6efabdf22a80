// The working tree as fragments: inside a git repository the files git tracks plus untracked
// files that are not ignored (a tracked file is scanned even when .gitignore matches it);
// outside one, every file under the path. Symlinks are never followed; submodules are not entered.
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import fg from "fast-glob";
import { GitError, InputError } from "../errors.js";
import { createGitRunner, findWorkTreeRoot, type GitRunner } from "../git/run.js";
import type { Fragment } from "../model.js";
import { createFileReader, unreadFragment, type ListedFile } from "./read-file.js";

export interface WorktreeOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly noIgnore: boolean;
  readonly maxFileSize: number;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Hand files on unread (fragments with `readFrom`): the scanner reads them, on whichever thread
   * scans them. Only for a scanner that reads such fragments (parallel/pool.ts).
   */
  readonly deferReads?: boolean;
  /** The scanner's, for files read here: a text it does not want is not decoded (see createFileReader). */
  readonly wantsText?: ((bytes: Buffer, path: string) => boolean) | undefined;
  /** A folder whose repository root the caller has already asked git for: not asked again. */
  readonly knownRepository?: { readonly folder: string; readonly root: string };
}

const toSlash = (path: string): string => (sep === "/" ? path : path.split(sep).join("/"));

/**
 * The repository's files, in two lists: the tracked ones (from the index: fast), then the untracked
 * ones that are not ignored (a walk of the folders: slower). Everything is asked of git at once, so
 * files are read while git still walks.
 *
 * A tracked file that git sees as deleted is left out: gone from disk, or behind a folder that was
 * replaced by a symlink. Git still lists `sub/file` after `sub` became a link to somewhere else, and
 * opening it would follow the link out of the repository (O_NOFOLLOW only refuses a link in the
 * last part of a path); `git diff-files` checks every leading folder, as `git status` does.
 */
function listInRepository(git: GitRunner, root: string, noIgnore: boolean): Array<Promise<ListedFile[]>> {
  const names = (args: string[]) =>
    git.run([...args, "--", "."]).then((result) => {
      // A conflicted file is listed once per stage.
      const listed = new Set(result.stdout.toString("utf8").split("\0"));
      listed.delete("");
      return listed;
    });
  const files = (listed: Iterable<string>, gone?: ReadonlySet<string>): ListedFile[] => {
    const out: ListedFile[] = [];
    for (const name of listed) if (!gone?.has(name)) out.push({ absolute: `${root}/${name}`, display: name });
    return out;
  };
  const others = ["ls-files", "-z", "--full-name", "--others"];
  if (!noIgnore) others.push("--exclude-standard");
  const deleted = names(["diff-files", "--name-only", "-z", "--diff-filter=D"]);
  const tracked = names(["ls-files", "-z", "--full-name", "--cached"]);
  const untracked = names(others);
  // All settle, whichever fails first: a rejection nobody awaits yet would be reported as unhandled.
  untracked.catch(() => {});
  deleted.catch(() => {});
  return [Promise.all([tracked, deleted]).then(([listed, gone]) => files(listed, gone)), untracked.then((listed) => files(listed))];
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

async function listPlain(cwd: string, target: string): Promise<ListedFile[]> {
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

/** Lists the files one PATH argument stands for, in lists to take in order. */
async function listTarget(options: WorktreeOptions, path: string): Promise<Array<Promise<ListedFile[]>>> {
  const target = isAbsolute(path) ? path : resolve(options.cwd, path);
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new InputError(`cannot read ${path}: no such file or directory`, "check the path you asked to scan");
  }
  const folder = stats.isDirectory() ? target : resolve(target, "..");
  const git = createGitRunner(folder, options.env);
  const known = options.knownRepository?.folder === folder ? options.knownRepository.root : undefined;
  const root = known ?? (await findWorkTreeRoot(git).catch((error: unknown) => {
    // Without git, a repository's tracked and ignored files cannot be told apart: scanning every
    // file would report ignored ones (node_modules, .env of others) and is not what was asked.
    if (error instanceof GitError && looksLikeRepository(folder)) {
      throw new GitError(
        `git is not installed or not on PATH, and ${path} is inside a git repository`,
        "install git (2.20 or newer) so leakgate can list the repository's files, or put it on PATH",
      );
    }
    return undefined;
  }));
  if (root === undefined && (await isBareRepository(git))) {
    throw new GitError(`${path} is a bare git repository: it has no working tree to scan`, "scan its commits with --history, or --range OLD..NEW in a server-side hook");
  }
  if (!stats.isDirectory()) {
    const display = root ? toSlash(relative(root, target)) : toSlash(relative(options.cwd, target));
    return [Promise.resolve([{ absolute: target, display }])];
  }
  return root ? listInRepository(git, root, options.noIgnore) : [listPlain(options.cwd, target)];
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
  const targets = options.paths.length > 0 ? options.paths : ["."];
  // Files named by two PATH arguments are scanned once.
  const seen = targets.length > 1 ? new Set<string>() : undefined;
  const read = createFileReader(options.wantsText);
  let turnAt = performance.now() + TURN_MS;
  for (const path of targets) {
    for (const list of await listTarget(options, path)) {
      for (const file of await list) {
        if (seen?.has(file.absolute)) continue;
        seen?.add(file.absolute);
        const fragment = options.deferReads ? unreadFragment(file, options.maxFileSize) : read(file, options.maxFileSize);
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
}

