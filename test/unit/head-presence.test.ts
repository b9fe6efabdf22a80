// withHeadPresence on real temporary repositories: a history finding whose secret HEAD's file still
// holds is "present"; one whose file or value is gone from HEAD is "history-only".
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createGitRunner } from "../../src/git/run.js";
import type { Finding } from "../../src/model.js";
import { withHeadPresence } from "../../src/sources/head-presence.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitOf, findingOf } from "../helpers/findings.js";
import { commitAll, git, GIT_ENV, tempRepo, writeFiles } from "../helpers/repo.js";

const MAX = 10 * 1024 * 1024;

function historical(sha: string, path: string, secret: string, extra: Partial<Finding> = {}): Finding {
  return findingOf({ origin: "history", commit: commitOf(sha, "2023-01-15T10:00:00Z"), path, secret, line: `key = "${secret}"`, ...extra });
}

describe("withHeadPresence", () => {
  const kept = fake.openrouterKey();
  const removed = fake.openrouterKey();
  const deleted = fake.slackBotToken();
  const spaced = fake.openrouterKey();

  function repository() {
    const root = tempRepo({
      "src/config.ts": `const key = "${kept}";\nconst old = "${removed}";\n`,
      "src/old.ts": `export const token = "${deleted}";\n`,
      "notes/a b.md": `key: ${spaced}\n`,
      ".env": "A=1\n",
      ".env.local": "B=2\n",
      "big.txt": `${"x".repeat(100)}\n${kept}\n`,
    });
    const first = commitAll(root, "add secrets");
    writeFiles(root, { "src/config.ts": `const key = "${kept}";\nconst management = process.env.OPENROUTER_MANAGEMENT_KEY;\n`, "notes/a b.md": "key: from the vault\n" });
    git(root, "rm", "-q", "src/old.ts", ".env");
    commitAll(root, "remove some");
    return { root, first };
  }

  it("marks each history finding present or history-only, and leaves the others alone", async () => {
    const { root, first } = repository();
    const findings = [
      historical(first, "src/config.ts", kept),
      historical(first, "src/config.ts", removed),
      historical(first, "src/old.ts", deleted),
      historical(first, "notes/a b.md", spaced),
      historical(first, ".env", "", { kind: "path", ruleId: "dotenv-file" }),
      historical(first, ".env.local", "", { kind: "path", ruleId: "dotenv-file" }),
      historical(first, "src/config.ts", "", { kind: "policy", line: "const management = process.env.OPENROUTER_MANAGEMENT_KEY;" }),
      historical(first, "src/config.ts", "", { kind: "policy", line: "MANAGEMENT = os.environ['OPENROUTER_MANAGEMENT_KEY']" }),
      findingOf({ path: "src/config.ts", secret: kept }),
    ];
    // From a subfolder: paths are repository-relative whatever the runner's folder.
    const marked = await withHeadPresence(findings, createGitRunner(join(root, "src"), GIT_ENV), MAX);
    expect(marked.map((finding) => finding.status)).toEqual([
      "present",
      "history-only",
      "history-only",
      "history-only",
      "history-only",
      "present",
      "present",
      "history-only",
      undefined,
    ]);
    expect(marked[8]).toBe(findings[8]);
  });

  it("leaves a finding unmarked when HEAD's file is too large to read, rather than guessing", async () => {
    const { root, first } = repository();
    const [big, small] = await withHeadPresence(
      [historical(first, "big.txt", kept), historical(first, "src/config.ts", kept)],
      createGitRunner(root, GIT_ENV),
      160, // config.ts at HEAD is 147 bytes, big.txt 175
    );
    expect(big!.status).toBeUndefined();
    expect(small!.status).toBe("present");
  });

  it("on a branch with no commit yet, nothing is at HEAD", async () => {
    const root = tempRepo();
    const [finding] = await withHeadPresence([historical("f00d", "src/config.ts", kept)], createGitRunner(root, GIT_ENV), MAX);
    expect(finding!.status).toBe("history-only");
  });

  it("does not run git at all when no finding has a commit", async () => {
    const findings = [findingOf()];
    // Not a repository: any git call would throw.
    const result = await withHeadPresence(findings, createGitRunner("/nonexistent-folder", GIT_ENV), MAX);
    expect(result).toEqual(findings);
  });
});
