// The pre-commit gate's input: exactly what the commit will contain, read from the index (never
// the working tree). Each staged file is scanned whole, so a PEM block only partly touched is
// still found, but only findings on the lines the commit adds are reported.
import { openBlobReader, type BlobRead } from "../git/catfile.js";
import { isNullSha, parseRawDiff, SUBMODULE_MODE, type RawChange } from "../git/raw-diff.js";
import { resolveHead } from "../git/repository.js";
import { createGitRunner, type GitRunner } from "../git/run.js";
import type { Fragment } from "../model.js";
import { addedLineRanges } from "./added-lines.js";
import { decodeContent } from "./decode.js";

export interface StagedOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Pathspecs that limit the scan (relative to cwd); empty for everything staged. */
  readonly paths: readonly string[];
  readonly maxFileSize: number;
  /** The commit HEAD points to (undefined before the first commit), when the caller knows it already. */
  readonly head?: string | undefined;
}

// The empty tree of a SHA-1 repository: git knows it without storing it. A first commit is compared
// with it; a SHA-256 repository rejects the name, and then asks git for its own.
const SHA1_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** The tree a first commit is compared with (its name depends on the repository's hash). */
async function emptyTree(git: GitRunner): Promise<string> {
  const result = await git.run(["hash-object", "-t", "tree", "--stdin"], { input: "" });
  return result.stdout.toString("utf8").trim();
}

/** The staged changes, raw: against HEAD, or against the empty tree before the first commit. */
async function stagedChanges(git: GitRunner, head: string | undefined, paths: readonly string[]): Promise<Buffer> {
  const diff = (base: string, allowFailure: boolean) =>
    git.run(["diff-index", "--cached", "-z", "--raw", "-M", "--no-abbrev", base, "--", ...paths], { allowFailure });
  if (head !== undefined) return (await diff(head, false)).stdout;
  const first = await diff(SHA1_EMPTY_TREE, true);
  return first.code === 0 ? first.stdout : (await diff(await emptyTree(git), false)).stdout;
}

/** Staged changes that put content into the commit: not deletions, not submodules, not conflicts. */
export function changesToScan(changes: readonly RawChange[]): RawChange[] {
  return changes.filter((change) => change.status !== "D" && change.status !== "U" && change.newMode !== SUBMODULE_MODE && !isNullSha(change.newSha));
}

/** Whether the change brings a path into the commit (path rules judge it) rather than editing one. */
export function bringsPath(change: RawChange): boolean {
  return change.status === "A" || change.status === "C" || change.status === "R";
}

/** The blob a change's added lines are measured against, if it has one worth reading. */
export function previousBlob(change: RawChange): string | undefined {
  if (change.status !== "M" && change.status !== "T" && change.status !== "R") return undefined;
  const sha = change.oldShas[0];
  return sha && !isNullSha(sha) && change.oldModes[0] !== SUBMODULE_MODE ? sha : undefined;
}

export async function* stagedSource(options: StagedOptions): AsyncGenerator<Fragment> {
  const git = createGitRunner(options.cwd, options.env);
  const head = "head" in options ? options.head : await resolveHead(git);
  // Started before the diff: git's start-up overlaps it (a hook's time is mostly process starts).
  const blobs = openBlobReader(git, options.maxFileSize);
  try {
    const changes = changesToScan(parseRawDiff((await stagedChanges(git, head, options.paths)).toString("utf8")));
    for (const change of changes) {
      blobs.request(change.newSha);
      const old = previousBlob(change);
      if (old) blobs.request(old);
    }
    for (const change of changes) {
      const read = await blobs.next();
      const old = previousBlob(change) ? await blobs.next() : undefined;
      yield stagedFragment(change, read, old, options.maxFileSize);
    }
  } finally {
    await blobs.close();
  }
}

function stagedFragment(change: RawChange, read: BlobRead, old: BlobRead | undefined, maxFileSize: number): Fragment {
  const base = { path: change.path, startLine: 1, origin: "staged" as const, kind: "file" as const, checkPath: bringsPath(change) };
  if (read.kind === "missing") return { ...base, content: "", skipped: "unreadable", bytes: 0 };
  if (read.kind === "too-large") return { ...base, content: "", skipped: "too-large", bytes: read.size };
  const decoded = decodeContent(read.bytes, maxFileSize);
  if (decoded.skipped) return { ...base, content: "", skipped: decoded.skipped, bytes: read.bytes.length };
  const before = old?.kind === "blob" ? decodeContent(old.bytes, maxFileSize) : undefined;
  // Without a readable previous version every line counts as added.
  const lines = before && !before.skipped ? addedLineRanges(decoded.text, [before.text]) : undefined;
  return { ...base, content: decoded.text, bytes: read.bytes.length, ...(lines ? { lines } : {}) };
}
