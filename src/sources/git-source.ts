// Which git source a scan reads (--staged, --history, --range, --since), set up before the scan
// starts so that "not a repository", "no such revision" or "no commits yet" are one line, not an
// interrupted scan.
import { GitError, isLeakgateError, LeakgateError } from "../errors.js";
import { readHistoryInfo, readStagingInfo, resolveHead, UNSHALLOW_TODO } from "../git/repository.js";
import { ALL_REFS, parseRange, resolveRange, type RevisionSpec } from "../git/revisions.js";
import { createGitRunner, type GitRunner } from "../git/run.js";
import type { Source } from "../model.js";
import { historySource } from "./history.js";
import { stagedSource } from "./staged.js";

export interface GitSourceRequest {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly paths: readonly string[];
  readonly maxFileSize: number;
  readonly staged: boolean;
  readonly history: boolean;
  readonly range?: string | undefined;
  readonly since?: string | undefined;
  /** Prints one warning line (the caller adds "leakgate: warning: "). */
  readonly warn: (text: string) => void;
  /** The scanner's: history's texts whose bytes it does not want are not decoded (see FragmentScanner). */
  readonly wantsText?: ((bytes: Buffer, path: string) => boolean) | undefined;
}

/** Whether the options ask for a git source rather than the working tree. */
export function wantsGitSource(request: Pick<GitSourceRequest, "staged" | "history" | "range" | "since">): boolean {
  return request.staged || request.history || request.range !== undefined || request.since !== undefined;
}

/** The git source the options ask for, or undefined for the working tree. */
export async function gitSource(request: GitSourceRequest): Promise<Source | undefined> {
  if (!wantsGitSource(request)) return undefined;
  const git = createGitRunner(request.cwd, request.env);
  if (request.staged) {
    const { bare, head } = await readStagingInfo(git); // fails here, in one line, outside a repository
    // A bare repository has no index: "nothing staged" would pass every push a server-side hook sees.
    if (bare) {
      throw new GitError("--staged: this is a bare repository, which has no index", "in a server-side hook scan what is pushed with --range OLD..NEW");
    }
    return stagedSource({ cwd: request.cwd, env: request.env, paths: request.paths, maxFileSize: request.maxFileSize, head });
  }
  const info = await readHistoryInfo(git);
  const shallow = info.shallowCommits.size > 0;
  const revisions = await revisionsToWalk(git, request, shallow);
  if (shallow && revisions.all) {
    request.warn(`this is a shallow clone: its history is cut short, so this scan cannot be complete — ${UNSHALLOW_TODO}`);
  }
  return historySource({
    git,
    revisions,
    shallowCommits: info.shallowCommits,
    paths: request.paths,
    maxFileSize: request.maxFileSize,
    // A range has a boundary: a file it modifies may hold secrets from before it, not its own.
    addedLinesOnly: !revisions.all,
    ...(request.wantsText ? { wantsText: request.wantsText } : {}),
  });
}

async function revisionsToWalk(git: GitRunner, request: GitSourceRequest, shallow: boolean): Promise<RevisionSpec> {
  if (request.since !== undefined) {
    const flag = "--since";
    return resolveRange({ from: request.since, to: "HEAD", symmetric: false }, { git, shallow, flag }, `${request.since}..HEAD`);
  }
  if (request.range !== undefined) return resolveRange(parseRange(request.range), { git, shallow, flag: "--range" }, request.range);
  const refs = await git.run(["for-each-ref", "--count=1", "--format=%(objectname)"]);
  if (refs.stdout.length === 0 && (await resolveHead(git)) === undefined) {
    throw new GitError("--history: this repository has no commits yet", "commit first (to scan what you are about to commit: leakgate scan --staged)");
  }
  return ALL_REFS;
}

const BYPASS = "to commit anyway, knowingly: git commit --no-verify";

/** The same failure, saying how to get past the pre-commit gate on purpose. */
export function withCommitBypass(error: unknown): unknown {
  if (isLeakgateError(error) && error.todo.includes(BYPASS)) return error;
  if (error instanceof Error && !isLeakgateError(error) && error.stack?.includes(BYPASS)) return error;
  if (isLeakgateError(error)) {
    const Kind = error.constructor as new (what: string, todo: string) => LeakgateError;
    return new Kind(error.what, `${error.todo}; ${BYPASS}`);
  }
  if (error instanceof Error) error.stack = `${error.stack ?? error.message}\n(${BYPASS})`;
  return error;
}
