// Real worker threads for the pool, and how many: for git's content one per core from three cores
// (this thread mostly waits on git, which needs a share of the cores too) and one on two; for a
// working tree one per core but this thread's (this thread reads and scans its share of the files
// too) and none below three cores; none on one core; or LEAKGATE_WORKERS when set (0 turns them off).
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { FragmentScanner } from "../engine/scan.js";
import { createParallelScanner, POOL_DEFAULTS, type BatchReply, type ParallelScanner, type ScanWorker } from "./pool.js";
import type { ScannerSpec } from "./spec.js";

// Loaded only when a scan is large enough for workers: a small scan (a hook) never pays for it.
const require = createRequire(import.meta.url);
const workerThreads = () => require("node:worker_threads") as typeof import("node:worker_threads");

/**
 * What feeds the scan: git's output (history, staged), or files (a working tree), which the worker
 * threads read themselves: texts copied from this thread cost more than scanning them. On two cores
 * even a worker that reads its own files does not pay: once files without keywords are not decoded,
 * babel's working tree took 8% longer with one than with none (medians of 16 pairs), at a third more
 * CPU, and the generated benchmark repository as long, at a fifth more.
 */
export type ScanFeed = "git" | "files";

/**
 * On two cores a history scan is bound by CPU that git, this thread and the workers share: babel's
 * history took as long with one worker as with two (8 pairs: wall 1.00, CPU 1.00) at 27 MB less
 * peak memory, and the generated benchmark's 4% less time at 6% less CPU (10 pairs).
 */
function gitFeedWorkers(cores: number): number {
  if (cores >= 3) return cores;
  return cores === 2 ? 1 : 0;
}

/** Worker threads to use: LEAKGATE_WORKERS if it is a whole number, else as the header says. */
export function workerCount(env: NodeJS.ProcessEnv, cores = availableParallelism(), feed: ScanFeed = "git"): number {
  const asked = env["LEAKGATE_WORKERS"];
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Number(asked.trim());
  if (feed === "files") return cores >= 3 ? cores - 1 : 0;
  return gitFeedWorkers(cores);
}

/** Workers add one to `replies` (and notify) after each reply, so this thread can sleep until one. */
function startWorker(script: string, spec: ScannerSpec, replies: Int32Array): ScanWorker {
  const { MessageChannel, Worker, receiveMessageOnPort } = workerThreads();
  const { port1, port2 } = new MessageChannel();
  // A small young generation: a batch's strings die young, and each worker's default (up to 48 MB)
  // added ~50 MB of peak memory per worker to a history scan, for no speed.
  const resourceLimits = { maxYoungGenerationSizeMb: 8 };
  const worker = new Worker(script, { workerData: { spec, port: port2, replies }, transferList: [port2], resourceLimits });
  let stopping = false;
  let emptyAt = -1;
  const listeners: ((error: Error) => void)[] = [];
  const fail = (error: Error) => {
    if (!stopping) for (const listener of listeners) listener(error);
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`a scan worker exited (code ${code})`)));
  return {
    post: (batch) => port1.postMessage(batch),
    receive() {
      // Nothing new since the last empty look (workers count their replies after posting them):
      // no need to ask the port, which this thread does for every file of a working tree.
      const count = Atomics.load(replies, 0);
      if (count === emptyAt) return undefined;
      const message = (receiveMessageOnPort(port1) as { message: BatchReply } | undefined)?.message;
      if (message === undefined) emptyAt = count;
      return message;
    },
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
  feed: ScanFeed,
  warn?: (message: string) => void,
): ParallelScanner {
  const workers = script === undefined ? 0 : workerCount(env, availableParallelism(), feed);
  const replies = new Int32Array(new SharedArrayBuffer(4));
  let seen = 0;
  return createParallelScanner(local, {
    ...POOL_DEFAULTS,
    workers,
    startWorker: () => startWorker(script!, spec, replies),
    waitForReply(ms) {
      if (Atomics.load(replies, 0) === seen) Atomics.wait(replies, 0, seen, ms);
      seen = Atomics.load(replies, 0);
    },
    ...(warn ? { warn } : {}),
  });
}
