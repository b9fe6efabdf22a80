// A real scan worker (dist/scan-worker.mjs) handed files unread: it says it is ready, reads its
// share itself, scans it with the rules, and sends back what it read. This thread's scanner here
// finds nothing, so every finding proves a file the worker read.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding, Fragment } from "../../src/model.js";
import { parallelScanner } from "../../src/parallel/threads.js";
import { unreadFragment } from "../../src/sources/read-file.js";
import { CLI } from "../helpers/cli.js";
import { BUILTIN_RULES } from "../helpers/engine.js";
import { fake } from "../helpers/fake-secrets.js";
import { tempDir, writeFiles } from "../helpers/repo.js";

describe("a scan worker given files unread", () => {
  it("reads and scans its share, and every file is heard once, wherever it was read", async () => {
    const root = tempDir();
    const names = Array.from({ length: 400 }, (_, i) => `src/file-${String(i).padStart(3, "0")}.ts`);
    writeFiles(root, Object.fromEntries(names.map((name) => [name, `const bot = "${fake.slackBotToken()}";\n`])));
    // This thread is slow (a millisecond a file) and finds nothing: the worker is ready well before the end.
    const slowNothing = {
      scanFragment: (): Finding[] => {
        const until = Date.now() + 1;
        while (Date.now() < until);
        return [];
      },
    };
    const spec = { builtinRules: BUILTIN_RULES, configFile: undefined, fingerprintKey: "test" };
    const pool = parallelScanner(slowNothing, spec, join(CLI, "..", "scan-worker.mjs"), { LEAKGATE_WORKERS: "1" }, "files");
    const heard: Fragment[] = [];
    pool.onRead((fragment) => heard.push(fragment));
    const findings: Finding[] = [];
    for (const name of names) {
      findings.push(...pool.scanFragment(unreadFragment({ absolute: join(root, name), display: name }, 1 << 20)));
      // Turns of the event loop, as the worktree source gives them.
      if (heard.length % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    findings.push(...(await pool.drain()));
    expect(heard.map((fragment) => fragment.path).sort()).toEqual(names);
    expect(heard.every((fragment) => fragment.bytes > 0 && fragment.readFrom === undefined)).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.ruleId === "slack-bot-token")).toBe(true);
    expect(new Set(findings.map((finding) => finding.path)).size).toBe(findings.length);
  });
});
