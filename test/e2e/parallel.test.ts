// A scan large enough for the worker threads (dist/scan-worker.mjs) finds exactly what a scan on
// one thread finds, and prints no progress line when stderr is not a terminal.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { tempDir, writeFiles } from "../helpers/repo.js";

/** ~6 MB in 60 files (the pool sends batches to workers after 4 MB), a secret in every 4th file. */
function largeFolder(): { root: string; secrets: number } {
  const filler = Array.from({ length: 2500 }, (_, i) => `export const value${i} = compute(${i}, "label-${i}");`).join("\n");
  const files: Record<string, string> = {};
  let secrets = 0;
  for (let i = 0; i < 60; i++) {
    const name = `src/module-${String(i).padStart(2, "0")}.ts`;
    files[name] = i % 4 === 0 ? `${filler}\nconst bot = "${fake.slackBotToken()}";\n${filler}\n` : `${filler}\n${filler}\n`;
    if (i % 4 === 0) secrets++;
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
    const parallel = runCli(["scan", ".", "--format", "json"], { cwd: root, env: { LEAKGATE_WORKERS: "1" } });
    const single = runCli(["scan", ".", "--format", "json"], { cwd: root, env: { LEAKGATE_WORKERS: "0" } });
    expect(parallel.code).toBe(1);
    expect(findingsOf(parallel.stdout)).toHaveLength(secrets);
    expect(findingsOf(parallel.stdout)).toEqual(findingsOf(single.stdout));
    expect(parallel.stderr).toMatch(/60 files, [\d.]+ MiB scanned/);
    expect(parallel.stderr).not.toContain("\r");
  });
});
