// A scan large enough for the worker threads (dist/scan-worker.mjs) finds exactly what a scan on
// one thread finds, and prints no progress line when stderr is not a terminal.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { tempDir, writeFiles } from "../helpers/repo.js";

/**
 * ~6 MB in 60 files, a secret in every 4th file (a worker starts after 1 MB of a working tree, then
 * reads files itself; git's content goes to workers after 4 MB).
 */
function largeFolder(): { root: string; secrets: number } {
  const filler = Array.from({ length: 2500 }, (_, i) => `export const value${i} = compute(${i}, "label-${i}");`).join("\n");
  const files: Record<string, string | Buffer> = {};
  let secrets = 0;
  for (let i = 0; i < 60; i++) {
    const name = `src/module-${String(i).padStart(2, "0")}.ts`;
    files[name] = i % 4 === 0 ? `${filler}\nconst bot = "${fake.slackBotToken()}";\n${filler}\n` : `${filler}\n${filler}\n`;
    if (i % 4 === 0) secrets++;
    // Binary files among them: skipped, and said so once by --verbose, whichever thread read them.
    if (i % 10 === 5) files[`src/module-${i}.bin`] = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, i]);
  }
  const root = tempDir();
  writeFiles(root, files);
  return { root, secrets };
}

const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { ruleId: string; path: string; startLine: number; fingerprint: string }[] }).findings
    .map((found) => `${found.path}:${found.startLine} ${found.ruleId} ${found.fingerprint}`)
    .sort();

describe("leakgate scan on worker threads", () => {
  it("reports the same findings as one thread does", () => {
    const { root, secrets } = largeFolder();
    const parallel = runCli(["scan", ".", "--format", "json", "--verbose"], { cwd: root, env: { LEAKGATE_WORKERS: "1" } });
    const single = runCli(["scan", ".", "--format", "json", "--verbose"], { cwd: root, env: { LEAKGATE_WORKERS: "0" } });
    expect(parallel.code).toBe(1);
    expect(findingsOf(parallel.stdout)).toHaveLength(secrets);
    expect(findingsOf(parallel.stdout)).toEqual(findingsOf(single.stdout));
    expect(parallel.stderr).toMatch(/66 files, [\d.]+ MiB scanned in \d+ ms \(skipped: 6 binary\)/);
    const skips = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("leakgate: skipped")).sort();
    expect(skips(parallel.stderr)).toHaveLength(6);
    expect(skips(parallel.stderr)).toEqual(skips(single.stderr));
    expect(parallel.stderr).not.toContain("\r");
  });
});
