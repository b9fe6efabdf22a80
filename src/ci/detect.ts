// Which commits a CI job should scan, from the CI's own environment: GitHub Actions (the event
// file), GitLab CI (its predefined variables), or --range anywhere else. Pure: the environment and
// the parsed event come in, a range and the reason for it go out.
import { UsageError } from "../errors.js";

export type CiProvider = "github" | "gitlab" | "generic";

export interface CiPlan {
  readonly provider: CiProvider;
  /** The range to scan (as `scan --range` takes it); undefined when there is nothing to scan. */
  readonly range: string | undefined;
  /** Why this range, for the log. */
  readonly reason: string;
}

const isNull = (sha: unknown): boolean => typeof sha !== "string" || sha === "" || /^0+$/.test(sha);
const short = (sha: string): string => (/^[0-9a-f]{40,64}$/.test(sha) ? sha.slice(0, 12) : sha);

export function detectProvider(env: NodeJS.ProcessEnv): CiProvider {
  if (env["GITHUB_ACTIONS"] === "true") return "github";
  if (env["GITLAB_CI"] === "true") return "gitlab";
  return "generic";
}

/** The plan for this job; `event` is the parsed GITHUB_EVENT_PATH file on GitHub Actions. */
export function planCiScan(env: NodeJS.ProcessEnv, explicitRange: string | undefined, event?: unknown): CiPlan {
  const provider = detectProvider(env);
  if (explicitRange !== undefined) return { provider, range: explicitRange, reason: "given with --range" };
  if (provider === "github") return planGithub(env["GITHUB_EVENT_NAME"] ?? "", event);
  if (provider === "gitlab") return planGitlab(env);
  throw new UsageError("no CI system detected (GitHub Actions, GitLab CI) and no --range given", "pass the commits to scan, e.g. leakgate ci --range origin/main..HEAD");
}

type Json = Record<string, unknown>;
const field = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Json)[key] : undefined), value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

function planGithub(eventName: string, event: unknown): CiPlan {
  const provider = "github" as const;
  if (eventName === "pull_request" || eventName === "pull_request_target") {
    const base = text(field(event, "pull_request", "base", "sha"));
    const head = text(field(event, "pull_request", "head", "sha"));
    if (!base || !head) throw eventError(eventName, "pull_request.base.sha and pull_request.head.sha");
    const number = field(event, "pull_request", "number") ?? field(event, "number");
    return { provider, range: `${base}..${head}`, reason: `pull request${number ? ` #${String(number)}` : ""}: its commits, base ${short(base)} to head ${short(head)}` };
  }
  if (eventName === "merge_group") {
    const base = text(field(event, "merge_group", "base_sha"));
    const head = text(field(event, "merge_group", "head_sha"));
    if (!base || !head) throw eventError(eventName, "merge_group.base_sha and merge_group.head_sha");
    return { provider, range: `${base}..${head}`, reason: `merge queue: base ${short(base)} to head ${short(head)}` };
  }
  if (eventName === "push") {
    const before = field(event, "before");
    const after = text(field(event, "after"));
    if (!after) throw eventError(eventName, "after");
    if (isNull(after)) return { provider, range: undefined, reason: "push deleted a branch: nothing to scan" };
    const branch = text(field(event, "ref"))?.replace(/^refs\/heads\//, "");
    const defaultBranch = text(field(event, "repository", "default_branch"));
    // A new branch (or a force-push, whose `before` is gone): what is not on the default branch yet.
    if (isNull(before) || field(event, "forced") === true) {
      const why = isNull(before) ? "new branch" : "force-push";
      if (!defaultBranch || branch === defaultBranch) {
        return { provider, range: after, reason: `${why} of ${branch ?? "the default branch"}: all history of ${short(after)}` };
      }
      return {
        provider,
        range: `refs/remotes/origin/${defaultBranch}..${after}`,
        reason: `${why} ${branch ?? ""}: the commits not on origin/${defaultBranch}, up to ${short(after)}`.replace("  ", " "),
      };
    }
    return { provider, range: `${String(before)}..${after}`, reason: `push: the commits from ${short(String(before))} to ${short(after)}` };
  }
  throw new UsageError(`the GitHub event "${eventName || "(none)"}" has no commit range`, "run leakgate ci on push or pull_request, or pass --range (or use leakgate scan --history)");
}

function eventError(eventName: string, fields: string): UsageError {
  return new UsageError(`the GitHub ${eventName} event has no ${fields}`, "check GITHUB_EVENT_PATH, or pass --range");
}

function planGitlab(env: NodeJS.ProcessEnv): CiPlan {
  const provider = "gitlab" as const;
  const head = text(env["CI_COMMIT_SHA"]);
  if (!head) throw new UsageError("CI_COMMIT_SHA is not set", "run leakgate ci in a GitLab CI job, or pass --range");
  const mergeBase = text(env["CI_MERGE_REQUEST_DIFF_BASE_SHA"]);
  if (mergeBase) {
    const iid = text(env["CI_MERGE_REQUEST_IID"]);
    return { provider, range: `${mergeBase}..${head}`, reason: `merge request${iid ? ` !${iid}` : ""}: base ${short(mergeBase)} to head ${short(head)}` };
  }
  const before = env["CI_COMMIT_BEFORE_SHA"];
  if (!isNull(before)) return { provider, range: `${before}..${head}`, reason: `push: the commits from ${short(before!)} to ${short(head)}` };
  const branch = text(env["CI_COMMIT_BRANCH"]);
  const defaultBranch = text(env["CI_DEFAULT_BRANCH"]);
  if (branch && defaultBranch && branch !== defaultBranch) {
    return { provider, range: `refs/remotes/origin/${defaultBranch}..${head}`, reason: `new branch ${branch}: the commits not on origin/${defaultBranch}, up to ${short(head)}` };
  }
  return { provider, range: head, reason: `no previous commit known: all history of ${short(head)}` };
}
