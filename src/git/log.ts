// The commits of a walk with the blobs each one changed, streamed from ONE `git log --raw -z`:
// no patch text (blobs are read once each, elsewhere), oldest first so that a blob is attributed
// to the commit that introduced it. Merges list only what differs from every parent (-c), which
// is what a conflict resolution or an "evil merge" adds.
import { GitError } from "../errors.js";
import type { Commit } from "../model.js";
import { parseRawMeta, toChange, type RawChange, type RawMeta } from "./raw-diff.js";
import { revisionArgs, type RevisionSpec } from "./revisions.js";
import type { GitRunner } from "./run.js";

export interface LoggedCommit {
  readonly commit: Commit & { readonly message: string };
  readonly parents: readonly string[];
  readonly changes: readonly RawChange[];
}

const COMMIT_MARK = "\x1e";
/** sha, parents, author, email, author date, message: the message last, as the one free-form field. */
const FORMAT = `--format=${COMMIT_MARK}%H%x00%P%x00%an%x00%ae%x00%aI%x00%B`;
const HEADER_FIELDS = 6;

export function logArgs(spec: RevisionSpec, paths: readonly string[]): string[] {
  return [
    "log",
    ...revisionArgs(spec),
    "--date-order",
    "--reverse",
    "--full-history",
    "-c",
    "--raw",
    "-z",
    "--no-renames",
    "--no-abbrev",
    "--no-color",
    "--no-show-signature",
    "--no-ext-diff",
    FORMAT,
    "--",
    ...paths,
  ];
}

/** Tokens of `git log --raw -z` (split at NUL) -> commits, fed one token at a time. */
export function createLogParser(): { push(token: string): LoggedCommit | undefined; end(): LoggedCommit | undefined } {
  let header: string[] = [];
  let current: { commit: LoggedCommit["commit"]; parents: string[]; changes: RawChange[] } | undefined;
  let meta: RawMeta | undefined;
  let paths: string[] = [];

  const finish = (): LoggedCommit | undefined => {
    const done = current;
    current = undefined;
    return done;
  };

  return {
    push(token) {
      if (header.length > 0) {
        header.push(token);
        if (header.length === HEADER_FIELDS) {
          const [sha, parents, author, email, date, message] = header as [string, string, string, string, string, string];
          current = { commit: { sha, author, email, date, message }, parents: parents.split(" ").filter(Boolean), changes: [] };
          header = [];
        }
        return undefined;
      }
      if (meta) {
        paths.push(token);
        if (paths.length === meta.pathCount) {
          current?.changes.push(meta.pathCount === 2 ? toChange(meta, paths[1]!, paths[0]) : toChange(meta, paths[0]!));
          meta = undefined;
          paths = [];
        }
        return undefined;
      }
      const text = token.startsWith("\n") ? token.slice(1) : token;
      if (text.startsWith(COMMIT_MARK)) {
        const done = finish();
        header = [text.slice(1)];
        return done;
      }
      meta = parseRawMeta(text);
      return undefined;
    },
    end: finish,
  };
}

/** Streams the walk's commits; git's own error (a bad revision, a corrupt object) ends it as a GitError. */
export async function* streamCommits(git: GitRunner, spec: RevisionSpec, paths: readonly string[]): AsyncGenerator<LoggedCommit> {
  const child = git.spawn(logArgs(spec, paths));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString("utf8");
  });
  child.stdin!.end();
  let spawnError: NodeJS.ErrnoException | undefined;
  const exit = new Promise<number>((resolve) => {
    child.on("error", (error: NodeJS.ErrnoException) => {
      spawnError = error;
      resolve(-1);
    });
    child.on("close", (code) => resolve(code ?? -1));
  });
  const parser = createLogParser();
  let rest: Buffer = Buffer.alloc(0);
  let finished = false;
  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let at = 0;
      const done: LoggedCommit[] = [];
      for (let nul = data.indexOf(0, at); nul >= 0; nul = data.indexOf(0, at)) {
        const commit = parser.push(data.toString("utf8", at, nul));
        if (commit) done.push(commit);
        at = nul + 1;
      }
      rest = data.subarray(at);
      data = rest;
      yield* done;
    }
    if (rest.length > 0) {
      const commit = parser.push(rest.toString("utf8"));
      if (commit) yield commit;
    }
    const last = parser.end();
    const code = await exit;
    if (spawnError?.code === "ENOENT") throw new GitError("git is not installed or not on PATH", "install git (2.20 or newer) and try again");
    if (spawnError) throw spawnError;
    if (code !== 0) {
      const reason = stderr.trim().split("\n")[0] || `exited ${code}`;
      throw new GitError(`git log failed: ${reason}`, "check the repository and the revisions you named");
    }
    if (last) yield last;
    finished = true;
  } finally {
    if (!finished) child.kill();
  }
}
