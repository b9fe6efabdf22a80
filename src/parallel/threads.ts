// Real worker threads for the pool, and how many: one fewer than the cores (this thread reads
// the input and scans too), or LEAKGATE_WORKERS when set (0 turns them off).
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { FragmentScanner } from "../engine/scan.js";
import { createParallelScanner, POOL_DEFAULTS, type BatchReply, type ParallelScanner, type ScanWorker } from "./pool.js";
import type { ScannerSpec } from "./spec.js";

// Loaded only when a scan is large enough for workers: a small scan (a hook) never pays for it.
const require = createRequire(import.meta.url);
const workerThreads = () => require("node:worker_threads") as typeof import("node:worker_threads");

/** Worker threads to use: LEAKGATE_WORKERS if it is a whole number, else cores - 1. */
export function workerCount(env: NodeJS.ProcessEnv, cores = availableParallelism()): number {
  const asked = env["LEAKGATE_WORKERS"];
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Number(asked.trim());
  return Math.max(0, cores - 1);
}

function startWorker(script: string, spec: ScannerSpec): ScanWorker {
  const { MessageChannel, Worker, receiveMessageOnPort } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { spec, port: port2 }, transferList: [port2] });
  let stopping = false;
  const listeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (!stopping) for (const listener of listeners) listener(error);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`a scan worker exited (code ${code})`)));
  return {
    post: (batch) => port1.postMessage(batch),
    receive: () => (receiveMessageOnPort(port1) as { message: BatchReply } | undefined)?.message,
    onReply: (listener) => port1.on("message", listener),
    onFailure: (listener) => listeners.push(listener),
    stop() {
      stopping = true;
      port1.close();
      return worker.terminate();
    },
  };
}

/** The scanner for one scan: `local` alone, or with worker threads when `script` is known. */
export function parallelScanner(
  local: FragmentScanner,
  spec: ScannerSpec,
  script: string | undefined,
  env: NodeJS.ProcessEnv,
  warn?: (message: string) => void,
): ParallelScanner {
  const workers = script === undefined ? 0 : workerCount(env);
  return createParallelScanner(local, {
    ...POOL_DEFAULTS,
    workers,
    startWorker: () => startWorker(script!, spec),
    ...(warn ? { warn } : {}),
  });
}
