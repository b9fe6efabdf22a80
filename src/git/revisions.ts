// Which commits a history scan walks: every ref (--history), a range (`A..B`, `A...B`, one REV),
// or `REF..HEAD` (--since). Names are resolved to commits before git log sees them, so a typo is one
// clear line instead of a stream error, and nothing the user typed reaches git as an option.
import { GitError, UsageError } from "../errors.js";
import { UNSHALLOW_TODO } from "./repository.js";
import type { GitRunner } from "./run.js";

export interface RevisionSpec {
  /** Every ref (`git log --all`). */
  readonly all: boolean;
  /** Commits to walk from, and commits (with their ancestors) to leave out; resolved shas. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** How the user would write it, for messages. */
  readonly label: string;
}

export const ALL_REFS: RevisionSpec = { all: true, include: [], exclude: [], label: "all refs" };

/** The revision arguments for git log. */
export function revisionArgs(spec: RevisionSpec): string[] {
  return spec.all ? ["--all"] : [...spec.include, ...spec.exclude.map((sha) => `^${sha}`)];
}

export interface RangeText {
  readonly from?: string;
  readonly to: string;
  readonly symmetric: boolean;
}

/** "A..B" / "A...B" / "A.." / "..B" / "REV" -> its ends (an empty end is HEAD, as in git). */
export function parseRange(text: string): RangeText {
  const trimmed = text.trim();
  if (trimmed === "") throw new UsageError("--range is empty", "give a range such as origin/main..HEAD");
  const symmetric = trimmed.indexOf("...");
  const split = symmetric >= 0 ? symmetric : trimmed.indexOf("..");
  if (split < 0) return { to: checkName(trimmed), symmetric: false };
  const width = symmetric >= 0 ? 3 : 2;
  const from = trimmed.slice(0, split) || "HEAD";
  const to = trimmed.slice(split + width) || "HEAD";
  return { from: checkName(from), to: checkName(to), symmetric: symmetric >= 0 };
}

function checkName(name: string): string {
  if (name.startsWith("-") || /[\s\0]/.test(name) || name.includes("..")) {
    throw new UsageError(`"${name}" is not a revision`, "give a range such as origin/main..HEAD, a branch, a tag or a commit");
  }
  return name;
}

export interface ResolveContext {
  readonly git: GitRunner;
  /** Whether the clone is shallow: a missing revision may be outside it. */
  readonly shallow: boolean;
  /** Which flag named it, for the message. */
  readonly flag: string;
}

/** A revision name -> the commit it names, or one line saying why not. */
export async function resolveCommit(name: string, context: ResolveContext): Promise<string> {
  const result = await context.git.run(["rev-parse", "--verify", "-q", `${name}^{commit}`], { allowFailure: true });
  if (result.code === 0) return result.stdout.toString("utf8").trim();
  if (name === "HEAD" || name === "@") {
    throw new GitError(`${context.flag}: the current branch has no commits yet`, "commit first, or name a revision that exists");
  }
  const todo = context.shallow
    ? `it may be outside this shallow clone: ${UNSHALLOW_TODO}`
    : "check the name (git log --oneline --all), or fetch it first (git fetch origin)";
  throw new GitError(`${context.flag}: revision "${name}" does not exist in this repository`, todo);
}

/** A parsed range -> the commits to walk. */
export async function resolveRange(range: RangeText, context: ResolveContext, label: string): Promise<RevisionSpec> {
  const to = await resolveCommit(range.to, context);
  if (range.from === undefined) return { all: false, include: [to], exclude: [], label };
  const from = await resolveCommit(range.from, context);
  if (!range.symmetric) return { all: false, include: [to], exclude: [from], label };
  // A...B: what either side has that the other lacks, i.e. both, minus their merge bases.
  const bases = await context.git.run(["merge-base", "--all", from, to], { allowFailure: true });
  const exclude = bases.code === 0 ? bases.stdout.toString("utf8").split("\n").filter(Boolean) : [];
  return { all: false, include: [from, to], exclude, label };
}
