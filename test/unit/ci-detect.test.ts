// Which range `leakgate ci` scans, from each CI's environment and event.
import { describe, expect, it } from "vitest";
import { planCiScan } from "../../src/ci/detect.js";

const BASE = "1".repeat(40);
const HEAD = "2".repeat(40);
const NULL = "0".repeat(40);
const GITHUB = { GITHUB_ACTIONS: "true" };

describe("planCiScan on GitHub Actions", () => {
  it("pull_request: base.sha..head.sha", () => {
    const plan = planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "pull_request" }, undefined, {
      number: 7,
      pull_request: { number: 7, base: { sha: BASE }, head: { sha: HEAD } },
    });
    expect(plan).toMatchObject({ provider: "github", range: `${BASE}..${HEAD}` });
    expect(plan.reason).toContain("pull request #7");
  });

  it("push: before..after", () => {
    const plan = planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, undefined, { before: BASE, after: HEAD, ref: "refs/heads/main" });
    expect(plan.range).toBe(`${BASE}..${HEAD}`);
  });

  it("a new branch: the commits not on the default branch", () => {
    const event = { before: NULL, after: HEAD, ref: "refs/heads/feature", repository: { default_branch: "main" } };
    const plan = planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, undefined, event);
    expect(plan.range).toBe(`refs/remotes/origin/main..${HEAD}`);
    expect(plan.reason).toMatch(/new branch feature: the commits not on origin\/main/);
  });

  it("a force-push is treated like a new branch (its before is gone)", () => {
    const event = { before: BASE, after: HEAD, forced: true, ref: "refs/heads/feature", repository: { default_branch: "main" } };
    expect(planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, undefined, event).range).toBe(`refs/remotes/origin/main..${HEAD}`);
  });

  it("the first push of the default branch: all of its history", () => {
    const event = { before: NULL, after: HEAD, ref: "refs/heads/main", repository: { default_branch: "main" } };
    expect(planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, undefined, event).range).toBe(HEAD);
  });

  it("a deleted branch: nothing to scan", () => {
    const plan = planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, undefined, { before: BASE, after: NULL });
    expect(plan.range).toBeUndefined();
  });

  it("an event without a range, or an event file without the fields, is a usage error", () => {
    expect(() => planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "schedule" }, undefined, {})).toThrow(/has no commit range — .*--range/);
    expect(() => planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "pull_request" }, undefined, {})).toThrow(/pull_request.base.sha/);
  });

  it("--range wins over the event", () => {
    expect(planCiScan({ ...GITHUB, GITHUB_EVENT_NAME: "push" }, "a..b", { before: BASE, after: HEAD })).toEqual({
      provider: "github",
      range: "a..b",
      reason: "given with --range",
    });
  });
});

describe("planCiScan on GitLab CI", () => {
  const GITLAB = { GITLAB_CI: "true", CI_COMMIT_SHA: HEAD };

  it("a merge request: its diff base..head", () => {
    const plan = planCiScan({ ...GITLAB, CI_MERGE_REQUEST_DIFF_BASE_SHA: BASE, CI_MERGE_REQUEST_IID: "3", CI_COMMIT_BEFORE_SHA: NULL }, undefined);
    expect(plan).toMatchObject({ provider: "gitlab", range: `${BASE}..${HEAD}` });
    expect(plan.reason).toContain("merge request !3");
  });

  it("a push: before..sha", () => {
    expect(planCiScan({ ...GITLAB, CI_COMMIT_BEFORE_SHA: BASE }, undefined).range).toBe(`${BASE}..${HEAD}`);
  });

  it("a new branch: the commits not on the default branch", () => {
    const env = { ...GITLAB, CI_COMMIT_BEFORE_SHA: NULL, CI_COMMIT_BRANCH: "feature", CI_DEFAULT_BRANCH: "main" };
    expect(planCiScan(env, undefined).range).toBe(`refs/remotes/origin/main..${HEAD}`);
  });
});

describe("planCiScan elsewhere", () => {
  it("needs --range", () => {
    expect(() => planCiScan({}, undefined)).toThrow(/no CI system detected .* — pass the commits to scan/);
    expect(planCiScan({ CI: "true" }, "origin/main..HEAD")).toMatchObject({ provider: "generic", range: "origin/main..HEAD" });
  });
});
