// History as fragments: the blobs a walk of commits introduced, each read once through one
// `git cat-file --batch`, plus every commit message. Two git processes for the whole scan, both
// streamed: memory holds a window of blobs, a bounded cache of recent ones, and the set of
// (blob, path) pairs already scanned.
//
// Attribution: commits come oldest first, and a (blob, path) pair is scanned only in the first
// commit that brought it, so a finding names the commit that introduced it (a secret added and
// deleted again is found, in the commit that added it). A modified file is cut down to the lines
// that changed, with a few lines of context (changed-region.ts), and reports only what those lines
// add compared with the parent version(s): what it already held was found where it was added.
import { openStreamingBlobReader, type BlobRead } from "../git/catfile.js";
import { streamCommits, type LoggedCommit } from "../git/log.js";
import { isNullSha, SUBMODULE_MODE, type RawChange } from "../git/raw-diff.js";
import { UNSHALLOW_TODO } from "../git/repository.js";
import type { RevisionSpec } from "../git/revisions.js";
import type { GitRunner } from "../git/run.js";
import { GitError } from "../errors.js";
import type { Commit, Fragment, LineRange, SkipReason } from "../model.js";
import { addedLineRangesOfBytes } from "./added-lines.js";
import { changedRegions, countNewlines, linesAfter, linesBefore, type Region } from "./changed-region.js";
import { decodeContent, isUtf16, looksBinary } from "./decode.js";
import { recentBlobs, type BlobTicket, type RecentBlobs } from "./recent-blobs.js";
import { seenPairs, type SeenPairs } from "./seen-pairs.js";

/** The path a commit message is reported under. */
export const COMMIT_MESSAGE_PATH = "(commit message)";

/** How many fragments are requested from git ahead of the one being scanned. */
const WINDOW = 64;
/** Bytes of recently read blobs kept for the next version of the same file. */
const RECENT_BYTES = 32 * 1024 * 1024;
/** Lines around a change that are scanned with it: rules that read a name a few lines above a value need them. */
const CONTEXT_LINES = 8;

export interface HistoryOptions {
  readonly git: GitRunner;
  readonly revisions: RevisionSpec;
  /** The commits a shallow clone was cut at: walking one means the history is incomplete. */
  readonly shallowCommits: ReadonlySet<string>;
  /** Pathspecs limiting the walk; empty for the whole tree. */
  readonly paths: readonly string[];
  readonly maxFileSize: number;
  /**
   * Judge a modified file's lines against every line of its previous version(s), so that a line
   * that merely moved is not new: a range's boundary needs this. Without it only the changed
   * region is compared, and a moved line may be scanned again (the filters keep its oldest finding).
   */
  readonly addedLinesOnly: boolean;
  /**
   * The scanner's: asked of a text's bytes before they are decoded. A whole file it does not want
   * is given with content "" (its path is still judged); a changed part it does not want is left
   * out, since a modified file's parts are judged on their text alone.
   */
  readonly wantsText?: (bytes: Buffer, path: string) => boolean;
}

/** One fragment to be: the blobs it needs, in the order they were asked for. */
interface Job {
  readonly commit: Commit;
  readonly change?: RawChange;
  readonly message?: string;
  readonly blob?: BlobTicket;
  readonly previous: readonly BlobTicket[];
}

/** The blobs a change adds to history, or nothing (deletions, submodules, conflicts). */
function bringsContent(change: RawChange): boolean {
  return change.newMode !== SUBMODULE_MODE && !isNullSha(change.newSha) && !onlyLetters(change.status, "D", "U");
}

/** Whether every letter of a status (one per parent) is `a` or `b`. */
function onlyLetters(status: string, a: string, b = a): boolean {
  for (const letter of status) if (letter !== a && letter !== b) return false;
  return status.length > 0;
}

/** Versions of the path in the parents that the added lines are measured against. */
function parentVersions(change: RawChange, exact: boolean): string[] {
  const versions: string[] = [];
  for (let i = 0; i < change.oldShas.length; i++) {
    const sha = change.oldShas[i]!;
    if (isNullSha(sha) || change.oldModes[i] === SUBMODULE_MODE) continue;
    versions.push(sha);
    // A walk of the whole history compares a merge with one parent only, the first that had the
    // path (see changedParts).
    if (!exact) break;
  }
  return versions;
}

export async function* historySource(options: HistoryOptions): AsyncGenerator<Fragment> {
  const reader = await openStreamingBlobReader(options.git, options.maxFileSize);
  const blobs = recentBlobs(reader, RECENT_BYTES);
  const seen = seenPairs();
  const queue: Job[] = [];
  // A job whose blobs have all arrived is done without waiting: most are, and a wait costs more
  // than the rest of a small file's work.
  const next = (): Fragment[] | Promise<Fragment[]> => {
    const job = queue.shift()!;
    return fragmentsNow(job, blobs, options) ?? fragmentsOf(job, blobs, options);
  };
  let cutAt: string | undefined;
  let walked = 0;
  try {
    for await (const logged of streamCommits(options.git, options.revisions, options.paths)) {
      walked++;
      if (options.shallowCommits.has(logged.commit.sha)) cutAt ??= logged.commit.sha;
      queue.push(...jobsOf(logged, walked, seen, blobs, options.addedLinesOnly));
      while (queue.length > WINDOW) {
        const fragments = next();
        yield* Array.isArray(fragments) ? fragments : await fragments;
      }
    }
    while (queue.length > 0) yield* await next();
  } finally {
    await reader.close();
  }
  if (cutAt !== undefined) {
    // Every finding above stays reported; what is missing is what came before the cut.
    throw new GitError(
      `history is incomplete: this is a shallow clone, cut at commit ${cutAt.slice(0, 12)} (${walked} ${walked === 1 ? "commit" : "commits"} scanned)`,
      UNSHALLOW_TODO,
    );
  }
}

function jobsOf(logged: LoggedCommit, ordinal: number, seen: SeenPairs, blobs: RecentBlobs, exact: boolean): Job[] {
  const { sha, author, email, date, message } = logged.commit;
  const commit: Commit = { sha, author, email, date, ordinal };
  const jobs: Job[] = [{ commit, message, previous: [] }];
  for (const change of logged.changes) {
    if (!bringsContent(change)) continue;
    if (!seen.add(change.newSha, change.path)) continue;
    const blob = blobs.want(change.newSha);
    const previous = parentVersions(change, exact).map((sha) => blobs.want(sha));
    jobs.push({ commit, change, blob, previous });
  }
  return jobs;
}

/** A job's fragments if all of its blobs have arrived, else undefined (having taken none). */
function fragmentsNow(job: Job, blobs: RecentBlobs, options: HistoryOptions): Fragment[] | undefined {
  if (!job.change || !job.blob) return messageFragments(job);
  const reads = blobs.takeNow([job.blob, ...job.previous]);
  return reads && fileFragments(job.commit, job.change, reads[0]!, reads.slice(1), options);
}

async function fragmentsOf(job: Job, blobs: RecentBlobs, options: HistoryOptions): Promise<Fragment[]> {
  if (!job.change || !job.blob) return messageFragments(job);
  const read = await blobs.take(job.blob);
  const before: BlobRead[] = [];
  for (const ticket of job.previous) before.push(await blobs.take(ticket));
  return fileFragments(job.commit, job.change, read, before, options);
}

function messageFragments({ commit, message }: Job): Fragment[] {
  const content = message ?? "";
  return [{ path: COMMIT_MESSAGE_PATH, content, startLine: 1, origin: "history", commit, kind: "message", bytes: Buffer.byteLength(content) }];
}

/** A changed file's blob, and its parents' versions, as fragments. */
function fileFragments(commit: Commit, change: RawChange, read: BlobRead, before: readonly BlobRead[], options: HistoryOptions): Fragment[] {
  // Path rules judge a path where it enters history: added compared with every parent.
  const checkPath = onlyLetters(change.status, "A");
  const file = (content: string, bytes: number, skipped?: SkipReason): Fragment =>
    skipped
      ? { path: change.path, content, startLine: 1, origin: "history", commit, kind: "file", checkPath, bytes, skipped }
      : { path: change.path, content, startLine: 1, origin: "history", commit, kind: "file", checkPath, bytes };
  if (read.kind === "missing") return [file("", 0, "unreadable")];
  if (read.kind === "too-large") return [file("", read.size, "too-large")];
  const bytes = read.bytes.length;
  const parts = before.length > 0 ? changedParts(read.bytes, before, options, change.path) : undefined;
  if (parts?.length === 0) return [file("", bytes)];
  if (parts) {
    return parts.map(({ content, startLine, lines }, index) => {
      const fragment: Fragment = { path: change.path, content, startLine, origin: "history", commit, kind: "file", checkPath, lines, bytes };
      return index > 0 ? { ...fragment, part: index } : fragment;
    });
  }
  const decoded = decodeContent(read.bytes, options.maxFileSize, wanted(options, change.path));
  return [decoded.skipped ? file("", bytes, decoded.skipped) : file(decoded.text, bytes)];
}

/** The scanner's wantsText for texts of `path`, as decodeContent asks it. */
function wanted(options: HistoryOptions, path: string): ((bytes: Buffer) => boolean) | undefined {
  const { wantsText } = options;
  return wantsText && ((bytes) => wantsText(bytes, path));
}

type Part = { content: string; startLine: number; lines: LineRange[] };

/**
 * A modified file as the lines it adds, each stretch with a few lines of context around it (one
 * fragment each); undefined when the whole file has to be scanned (a previous version that is not
 * text, a UTF-16 file).
 */
function changedParts(after: Buffer, before: readonly BlobRead[], options: HistoryOptions, path: string): Part[] | undefined {
  const previous: Buffer[] = [];
  for (const read of before) {
    if (read.kind !== "blob" || !isPlainText(read.bytes)) return undefined;
    previous.push(read.bytes);
  }
  if (!isPlainText(after)) return undefined;
  // Every part is a stretch of the new version: if the scanner wants none of it, it wants no part,
  // and the versions need not be compared at all (most files hold no rule's keyword).
  const wants = wanted(options, path);
  if (wants && !wants(after)) return [];
  // A merge in a walk of the whole history is compared with its first parent: lines that another
  // parent brought are scanned again, and the filters keep their oldest findings.
  if (options.addedLinesOnly || mayBeKubernetesSecret(after)) {
    // Exact: every line of every parent counts, so a line that moved is not new.
    const whole = decodeContent(after, options.maxFileSize); // wanted: asked above
    if (whole.skipped) return undefined;
    return [{ content: whole.text, startLine: 1, lines: addedLineRangesOfBytes(after, previous) }];
  }
  const parts: Part[] = [];
  let counted = 0; // offset up to which newlines have been counted...
  let line = 1; // ...and the line number there
  const lineAt = (offset: number): number => {
    line += countNewlines(after, counted, offset);
    counted = offset;
    return line;
  };
  for (const window of contextWindows(after, changedRegions(after, previous[0]!))) {
    const bytes = after.subarray(window.start, window.end);
    if (wants && !wants(bytes)) continue;
    const decoded = decodeContent(bytes, options.maxFileSize);
    if (decoded.skipped) return undefined;
    const startLine = lineAt(window.start);
    const lines = window.changed.map(([start, end]) => ({ start: lineAt(start), end: lineAt(Math.max(start, end - 1)) }));
    parts.push({ content: decoded.text, startLine, lines });
  }
  return parts;
}

/** Changed regions widened by CONTEXT_LINES on each side; regions whose context overlaps share a window. */
function contextWindows(bytes: Buffer, regions: readonly Region[]): Array<{ start: number; end: number; changed: Region[] }> {
  const windows: Array<{ start: number; end: number; changed: Region[] }> = [];
  for (const region of regions) {
    const start = linesBefore(bytes, region[0], CONTEXT_LINES);
    const end = linesAfter(bytes, region[1], CONTEXT_LINES);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.changed.push(region);
    } else {
      windows.push({ start, end, changed: [region] });
    }
  }
  return windows;
}

/** Bytes that can be cut at newlines and compared as lines: not binary, not UTF-16. */
function isPlainText(bytes: Buffer): boolean {
  return !isUtf16(bytes) && !looksBinary(bytes);
}

const KIND_SECRET = /^[ \t]*["']?kind["']?[ \t]*:[ \t]*["']?$/;

/**
 * A Kubernetes Secret manifest ("kind: Secret"): the engine decodes its values only when it sees
 * the whole document, so such a file is not cut into parts. Looked for on the bytes.
 */
function mayBeKubernetesSecret(bytes: Buffer): boolean {
  let looked = 0;
  for (let at = bytes.indexOf("Secret"); at >= 0; at = bytes.indexOf("Secret", at + 1)) {
    if (++looked > 64) return true; // a file full of the word: cheaper to take it whole than to look on
    const lineStart = bytes.lastIndexOf(10, at) + 1;
    if (at - lineStart < 40 && KIND_SECRET.test(bytes.toString("latin1", lineStart, at))) return true;
  }
  return false;
}
