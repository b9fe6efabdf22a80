// The bin entry: the only file that touches process (argv, stdio, exitCode).
import { writeSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { REPORT_TODO } from "./failure.js";
import { stopGitProcesses } from "./git/run.js";
import { main } from "./main.js";

declare const LEAKGATE_VERSION: string | undefined;
const version = typeof LEAKGATE_VERSION === "string" ? LEAKGATE_VERSION : "0.0.0-dev";

// A closed pipe (`leakgate scan | head`) is not an error of ours: stop writing, keep the exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

// Ctrl-C, or a CI runner cancelling the job: stop git, say in one line that the scan is incomplete,
// and exit now with the code a shell gives that signal (130, 143). Nothing partial reads as clean:
// the report is written only when a scan ends, and a half-written one comes with that exit code.
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    stopGitProcesses();
    try {
      writeSync(2, `${process.stderr.isTTY ? "\n" : ""}leakgate: interrupted — the scan is incomplete\n`);
    } catch {
      // stderr is gone too: the exit code still says it.
    }
    process.exit(code);
  });
}

// A throw no command caught (an emitter's error event): the gate stays shut, as in failure.ts.
process.on("uncaughtException", (error) => {
  try {
    writeSync(2, `leakgate: internal error, so the scan is incomplete and exits 2 — ${REPORT_TODO}\n${error.stack ?? error.message}\n`);
  } finally {
    process.exit(2);
  }
});

// No top-level await: the bundle is CommonJS (see scripts/code-cache.mjs). main() maps every
// failure to an exit code; a rejection would still reach the uncaughtException handler above.
void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  builtinRules: fileURLToPath(new URL("../rules/", import.meta.url)),
  version,
  // Not performance.now(): the global `performance` loads perf_hooks on first use (a few ms per run).
  now: () => Number(process.hrtime.bigint()) / 1e6,
  scanWorker: fileURLToPath(new URL("./scan-worker.mjs", import.meta.url)),
  program: { node: process.execPath, script: fileURLToPath(import.meta.url) },
}).then((code) => {
  process.exitCode = code;
});
