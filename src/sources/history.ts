// History as fragments: the blobs a walk of commits introduced, each read once through one
// `git cat-file --batch`, plus every commit message. Two git processes for the whole scan, both
// streamed: memory holds a window of blobs and the set of (blob, path) pairs already scanned.
//
// Attribution: commits come oldest first, and a (blob, path) pair is scanned only in the first
// commit that brought it, so a finding names the commit that introduced it (a secret added and
// deleted again is found, in the commit that added it). With `addedLinesOnly`, a modified file
// reports only what its lines add compared with the parent version(s); without it the whole blob
// is reported and the filters keep the oldest finding of each (rule, path, value), by commit.ordinal.
import { openBlobReader, type BlobRead, type BlobReader } from "../git/catfile.js";
import { streamCommits, type LoggedCommit } from "../git/log.js";
import { isNullSha, SUBMODULE_MODE, type RawChange } from "../git/raw-diff.js";
import { UNSHALLOW_TODO } from "../git/repository.js";
import type { RevisionSpec } from "../git/revisions.js";
import type { GitRunner } from "../git/run.js";
import { GitError } from "../errors.js";
import type { Commit, Fragment } from "../model.js";
import { addedLineRanges } from "./added-lines.js";
import { decodeContent } from "./decode.js";

/** The path a commit message is reported under. */
export const COMMIT_MESSAGE_PATH = "(commit message)";

/** How many fragments are requested from git ahead of the one being scanned. */
const WINDOW = 64;

export interface HistoryOptions {
  readonly git: GitRunner;
  readonly revisions: RevisionSpec;
  /** The commits a shallow clone was cut at: walking one means the history is incomplete. */
  readonly shallowCommits: ReadonlySet<string>;
  /** Pathspecs limiting the walk; empty for the whole tree. */
  readonly paths: readonly string[];
  readonly maxFileSize: number;
  /** Measure a modified file's added lines against its parent version (reads that version too). */
  readonly addedLinesOnly: boolean;
}

/** One fragment to be: what to read from git for it, in order. */
interface Job {
  readonly commit: Commit;
  readonly change?: RawChange;
  readonly message?: string;
  /** How many previous versions were requested after the blob itself. */
  readonly previous: number;
}

/** The blobs a change adds to history, or nothing (deletions, submodules, conflicts). */
function bringsContent(change: RawChange): boolean {
  return change.newMode !== SUBMODULE_MODE && !isNullSha(change.newSha) && !/^[DU]+$/.test(change.status);
}

/** Versions of the path in the parents that the added lines are measured against. */
function parentVersions(change: RawChange): string[] {
  return change.oldShas.filter((sha, i) => !isNullSha(sha) && change.oldModes[i] !== SUBMODULE_MODE);
}

export async function* historySource(options: HistoryOptions): AsyncGenerator<Fragment> {
  const blobs = openBlobReader(options.git, options.maxFileSize);
  const seen = new Set<string>();
  const queue: Job[] = [];
  let cutAt: string | undefined;
  let walked = 0;
  try {
    for await (const logged of streamCommits(options.git, options.revisions, options.paths)) {
      walked++;
      if (options.shallowCommits.has(logged.commit.sha)) cutAt ??= logged.commit.sha;
      queue.push(...jobsOf(logged, walked, seen, blobs, options.addedLinesOnly));
      while (queue.length > WINDOW) yield await fragmentOf(queue.shift()!, blobs, options.maxFileSize);
    }
    while (queue.length > 0) yield await fragmentOf(queue.shift()!, blobs, options.maxFileSize);
  } finally {
    await blobs.close();
  }
  if (cutAt !== undefined) {
    // Every finding above stays reported; what is missing is what came before the cut.
    throw new GitError(
      `history is incomplete: this is a shallow clone, cut at commit ${cutAt.slice(0, 12)} (${walked} ${walked === 1 ? "commit" : "commits"} scanned)`,
      UNSHALLOW_TODO,
    );
  }
}

function jobsOf(logged: LoggedCommit, ordinal: number, seen: Set<string>, blobs: BlobReader, addedLinesOnly: boolean): Job[] {
  const { message, ...fields } = logged.commit;
  const commit: Commit = { ...fields, ordinal };
  const jobs: Job[] = [{ commit, message, previous: 0 }];
  for (const change of logged.changes) {
    if (!bringsContent(change)) continue;
    const key = `${change.newSha}\0${change.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    blobs.request(change.newSha);
    const previous = addedLinesOnly ? parentVersions(change) : [];
    for (const sha of previous) blobs.request(sha);
    jobs.push({ commit, change, previous: previous.length });
  }
  return jobs;
}

async function fragmentOf(job: Job, blobs: BlobReader, maxFileSize: number): Promise<Fragment> {
  const base = { startLine: 1, origin: "history" as const, commit: job.commit };
  if (!job.change) {
    const content = job.message ?? "";
    return { ...base, path: COMMIT_MESSAGE_PATH, kind: "message", content, bytes: Buffer.byteLength(content) };
  }
  const read = await blobs.next();
  const before: BlobRead[] = [];
  for (let i = 0; i < job.previous; i++) before.push(await blobs.next());
  // Path rules judge a path where it enters history: added compared with every parent.
  const file = { ...base, path: job.change.path, kind: "file" as const, checkPath: /^A+$/.test(job.change.status) };
  if (read.kind === "missing") return { ...file, content: "", skipped: "unreadable", bytes: 0 };
  if (read.kind === "too-large") return { ...file, content: "", skipped: "too-large", bytes: read.size };
  const decoded = decodeContent(read.bytes, maxFileSize);
  if (decoded.skipped) return { ...file, content: "", skipped: decoded.skipped, bytes: read.bytes.length };
  const lines = job.previous > 0 ? previousLines(decoded.text, before, maxFileSize) : undefined;
  return { ...file, content: decoded.text, bytes: read.bytes.length, ...(lines ? { lines } : {}) };
}

/** The added lines compared with the previous versions, or undefined (all lines) when one is not text. */
function previousLines(text: string, before: readonly BlobRead[], maxFileSize: number) {
  const texts: string[] = [];
  for (const read of before) {
    if (read.kind !== "blob") return undefined;
    const decoded = decodeContent(read.bytes, maxFileSize);
    if (decoded.skipped) return undefined;
    texts.push(decoded.text);
  }
  return addedLineRanges(text, texts);
}
