// What the git sources must know about the repository before they start: that it is one, where
// HEAD points (nothing yet, in a new repository), and whether history was cut by a shallow clone.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { GitError } from "../errors.js";
import type { GitRunner } from "./run.js";

export const NOT_A_REPOSITORY_TODO = "run leakgate inside a git repository (or scan a folder without --staged, --history, --range or --since)";

function notARepository(git: GitRunner): GitError {
  return new GitError(`${git.cwd} is not in a git repository`, NOT_A_REPOSITORY_TODO);
}

/** The commit HEAD points to, or undefined on an unborn branch; throws outside a repository. */
export async function resolveHead(git: GitRunner): Promise<string | undefined> {
  const result = await git.run(["rev-parse", "--verify", "-q", "HEAD^{commit}"], { allowFailure: true });
  if (result.code === 0) return result.stdout.toString("utf8").trim();
  // rev-parse exits 1 for a name that does not resolve, 128 when there is no repository at all.
  if (result.code === 1) return undefined;
  throw notARepository(git);
}

export interface StagingInfo {
  readonly bare: boolean;
  /** The commit HEAD points to, or undefined on an unborn branch. */
  readonly head: string | undefined;
}

/** What the pre-commit gate asks before it starts, in one git call; throws outside a repository. */
export async function readStagingInfo(git: GitRunner): Promise<StagingInfo> {
  const result = await git.run(["rev-parse", "--is-bare-repository", "--verify", "-q", "HEAD^{commit}"], { allowFailure: true });
  // rev-parse prints the answers in order, then exits as resolveHead() describes.
  const [bare, head] = result.stdout.toString("utf8").split("\n");
  if (result.code === 0 && head) return { bare: bare === "true", head };
  if (result.code === 1) return { bare: bare === "true", head: undefined };
  throw notARepository(git);
}

export interface HistoryInfo {
  /** The commits a shallow clone was cut at (their parents are missing); empty when complete. */
  readonly shallowCommits: ReadonlySet<string>;
}

/** Whether `cwd` is in a repository (a bare one will do for history) and where its history was cut. */
export async function readHistoryInfo(git: GitRunner): Promise<HistoryInfo> {
  const result = await git.run(["rev-parse", "--git-path", "shallow"], { allowFailure: true });
  if (result.code !== 0) throw notARepository(git);
  const shallowFile = resolve(git.cwd, result.stdout.toString("utf8").trim());
  let text = "";
  try {
    text = readFileSync(shallowFile, "utf8");
  } catch {
    // no such file: a complete clone
  }
  return { shallowCommits: new Set(text.split("\n").filter(Boolean)) };
}

/** The one line that says history is cut short, and how to get all of it. */
export const UNSHALLOW_TODO = "fetch the whole history (actions/checkout: fetch-depth: 0; GitLab: GIT_DEPTH: 0; locally: git fetch --unshallow) and scan again";
