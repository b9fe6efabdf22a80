// The bin entry: the only file that touches process (argv, stdio, exitCode).
import { fileURLToPath } from "node:url";
import { main } from "./main.js";

declare const LEAKGATE_VERSION: string | undefined;
const version = typeof LEAKGATE_VERSION === "string" ? LEAKGATE_VERSION : "0.0.0-dev";

// A closed pipe (`leakgate scan | head`) is not an error of ours: stop writing, keep the exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  builtinRules: fileURLToPath(new URL("../rules/", import.meta.url)),
  version,
  // Not performance.now(): the global `performance` loads perf_hooks on first use (a few ms per run).
  now: () => Number(process.hrtime.bigint()) / 1e6,
  scanWorker: fileURLToPath(new URL("./scan-worker.js", import.meta.url)),
  program: { node: process.execPath, script: fileURLToPath(import.meta.url) },
});
