// The worker pool's bookkeeping, with stand-in workers on real message ports (answered on this
// thread): every finding comes back exactly once, small scans start no worker, full queues make
// this thread scan, and a failing worker fails the scan instead of losing findings.
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { FragmentScanner } from "../../src/engine/scan.js";
import type { Finding, Fragment } from "../../src/model.js";
import { createParallelScanner, type BatchReply, type PoolOptions, type ScanWorker } from "../../src/parallel/pool.js";
import { workerCount } from "../../src/parallel/threads.js";
import { createFileReader, readDeferred, unreadFragment } from "../../src/sources/read-file.js";
import { tempDir, writeFiles } from "../helpers/repo.js";

const fragment = (path: string, size: number): Fragment => ({ path, content: "x".repeat(size), startLine: 1, origin: "worktree", bytes: size });

/** One finding per fragment, saying which thread made it. */
const scannerOn = (where: string): FragmentScanner => ({
  scanFragment: (scanned) => [{ path: scanned.path, ruleId: where } as unknown as Finding],
});

interface StandIn extends ScanWorker {
  batches: number;
  stopped: boolean;
  fail(error: Error): void;
  /** Says it is ready, as a real worker does once its scanner is built. */
  announceReady(): void;
}

function standIn(answer: (batch: Fragment[]) => BatchReply = (batch) => ({ findings: batch.flatMap((each) => scannerOn("worker").scanFragment(each)) })): StandIn {
  const { port1, port2 } = new MessageChannel();
  const listeners: ((error: Error) => void)[] = [];
  const worker: StandIn = {
    post: (batch) => port1.postMessage(batch),
    receive: () => (receiveMessageOnPort(port1) as { message: BatchReply } | undefined)?.message,
    onReply: (listener) => port1.on("message", listener),
    batches: 0,
    stopped: false,
    onFailure: (listener) => listeners.push(listener),
    fail: (error) => listeners.forEach((listener) => listener(error)),
    announceReady: () => port2.postMessage({ ready: true }),
    async stop() {
      worker.stopped = true;
      port1.close();
      port2.close();
    },
  };
  port2.on("message", (batch: Fragment[]) => {
    worker.batches++;
    port2.postMessage(answer(batch));
  });
  return worker;
}

// Stand-ins answer on this thread, so waiting for them could never end: no waitForReply, so a full
// queue makes this thread scan the batch.
const OPTIONS = { workers: 1, startAt: 100, threshold: 300, batchBytes: 100, batchFragments: 50, startAtFiles: 4, fileBatch: 3, queuePerWorker: 2 } as const;

/** A startWorker that makes stand-ins with `make` and keeps them in `workers` for the test to look at. */
const keptIn = (workers: StandIn[], make: () => StandIn) => (): StandIn => {
  const worker = make();
  workers.push(worker);
  return worker;
};

async function scanAll(fragments: Fragment[], options: Omit<PoolOptions, "startWorker">, workers: StandIn[] = []) {
  const pool = createParallelScanner(scannerOn("main"), { ...options, startWorker: keptIn(workers, standIn) });
  const findings = fragments.flatMap((each) => pool.scanFragment(each));
  findings.push(...(await pool.drain()));
  return { findings, workers };
}

describe("the parallel scanner", () => {
  it("starts no worker for a scan below the start size", async () => {
    const { findings, workers } = await scanAll([fragment("a", 40), fragment("b", 40)], OPTIONS);
    expect(workers).toHaveLength(0);
    expect(findings.map((found) => found.path)).toEqual(["a", "b"]);
  });

  it("starts none when told to use no workers, however large the scan", async () => {
    const fragments = Array.from({ length: 30 }, (_, i) => fragment(`f${i}`, 100));
    const { findings, workers } = await scanAll(fragments, { ...OPTIONS, workers: 0 });
    expect(workers).toHaveLength(0);
    expect(findings).toHaveLength(30);
  });

  it("returns every fragment's findings exactly once, from both threads, and stops the workers", async () => {
    const fragments = Array.from({ length: 40 }, (_, i) => fragment(`f${i}`, 100));
    const { findings, workers } = await scanAll(fragments, OPTIONS);
    expect(findings.map((found) => found.path).sort()).toEqual(fragments.map((each) => each.path).sort());
    expect(workers).toHaveLength(1);
    expect(workers[0]!.batches).toBeGreaterThan(0);
    expect(workers[0]!.stopped).toBe(true);
    const byWorker = findings.filter((found) => found.ruleId === "worker").length;
    // The first `threshold` bytes stay here; then the queue (2 batches) fills and this thread helps.
    expect(byWorker).toBeGreaterThanOrEqual(2);
    expect(findings.length - byWorker).toBeGreaterThan(3);
  });

  it("judges a fragment without text here (a path at most), not in a worker, once the workers have started", async () => {
    const texts = Array.from({ length: 40 }, (_, i) => fragment(`f${i}`, 100));
    const withoutText = Array.from({ length: 40 }, (_, i) => fragment(`empty${i}`, 0));
    const mixed = texts.flatMap((each, i) => [each, withoutText[i]!]);
    const { findings, workers } = await scanAll(mixed, OPTIONS);
    expect(findings.map((found) => found.path).sort()).toEqual(mixed.map((each) => each.path).sort());
    expect(workers[0]!.batches).toBeGreaterThan(0);
    expect(findings.filter((found) => found.path.startsWith("empty")).map((found) => found.ruleId)).toEqual(withoutText.map(() => "main"));
  });

  it("waits for a worker rather than scanning here, once the workers have started", async () => {
    // This stand-in answers its oldest batch when the pool waits: as a worker that finishes one.
    const { port1, port2 } = new MessageChannel();
    const queued: Fragment[][] = [];
    const answer = () => {
      const batch = queued.shift();
      if (batch) port2.postMessage({ findings: batch.flatMap((each) => scannerOn("worker").scanFragment(each)) });
    };
    const worker: ScanWorker = {
      post: (batch) => queued.push(batch),
      receive: () => (receiveMessageOnPort(port1) as { message: BatchReply } | undefined)?.message,
      onReply: (listener) => port1.on("message", listener),
      onFailure: () => {},
      stop: async () => port1.close(),
    };
    let waits = 0;
    const pool = createParallelScanner(scannerOn("main"), {
      ...OPTIONS,
      startWorker: () => worker,
      waitMs: 1000,
      waitForReply: () => {
        waits++;
        answer();
      },
    });
    const fragments = Array.from({ length: 40 }, (_, i) => fragment(`f${i}`, 100));
    const findings = fragments.flatMap((each) => pool.scanFragment(each));
    while (queued.length > 0) answer();
    findings.push(...(await pool.drain()));
    expect(findings.map((found) => found.path).sort()).toEqual(fragments.map((each) => each.path).sort());
    expect(waits).toBeGreaterThan(0);
    // Only the first `threshold` bytes (3 fragments) were scanned here.
    expect(findings.filter((found) => found.ruleId === "main")).toHaveLength(3);
  });

  it("fails the scan when a worker answers with an error", async () => {
    const pool = createParallelScanner(scannerOn("main"), { ...OPTIONS, startWorker: () => standIn(() => ({ error: "boom" })) });
    for (let i = 0; i < 10; i++) pool.scanFragment(fragment(`f${i}`, 100));
    await expect(pool.drain()).rejects.toThrow(/a scan worker failed: boom/);
  });

  it("fails the scan when a worker dies with batches queued", async () => {
    let worker: StandIn | undefined;
    const pool = createParallelScanner(scannerOn("main"), {
      ...OPTIONS,
      startWorker: () => (worker = standIn(() => ({ findings: [] }))),
    });
    for (let i = 0; i < 10; i++) pool.scanFragment(fragment(`f${i}`, 100));
    worker!.fail(new Error("worker exited"));
    await expect(pool.drain()).rejects.toThrow(/worker exited/);
    expect(worker!.stopped).toBe(true);
  });
});

/** Files on disk, handed on unread as the working-tree source hands them to the pool. */
function unreadFiles(count: number): Fragment[] {
  const root = tempDir();
  const names = Array.from({ length: count }, (_, i) => `file-${String(i).padStart(2, "0")}.txt`);
  writeFiles(root, Object.fromEntries(names.map((name) => [name, `text of ${name}\n`])));
  return names.map((name) => unreadFragment({ absolute: `${root}/${name}`, display: name }, 1 << 20));
}

/** A stand-in that reads the files it is handed, as the real worker does; ready at once unless told not to be. */
function readingStandIn(ready = true): StandIn {
  const reader = createFileReader();
  const worker = standIn((batch) => {
    const read = batch.map((each) => readDeferred(each, reader)!);
    return { findings: read.flatMap((each) => scannerOn("worker").scanFragment(each)), read: read.map((each) => ({ ...each, content: "" })) };
  });
  if (ready) worker.announceReady();
  return worker;
}

describe("the parallel scanner, given files unread", () => {
  async function scanFiles(fragments: Fragment[], makeWorker: () => StandIn, options: Partial<PoolOptions> = {}) {
    const workers: StandIn[] = [];
    const heard: Fragment[] = [];
    let waits = 0;
    const pool = createParallelScanner(scannerOn("main"), {
      ...OPTIONS,
      startWorker: keptIn(workers, makeWorker),
      waitMs: 1000,
      waitForReply: () => waits++,
      ...options,
    });
    pool.onRead((fragment) => heard.push(fragment));
    const findings: Finding[] = [];
    for (const [index, each] of fragments.entries()) {
      findings.push(...pool.scanFragment(each));
      // A turn of the event loop now and then, in which the stand-in answers.
      if (index % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
    }
    findings.push(...(await pool.drain()));
    return { findings, heard, workers, waits };
  }

  it("shares them with a ready worker, which reads its share; every file is read, counted and scanned once", async () => {
    const fragments = unreadFiles(40);
    const { findings, heard, workers, waits } = await scanFiles(fragments, () => readingStandIn());
    const paths = fragments.map((each) => each.path).sort();
    expect(findings.map((found) => found.path).sort()).toEqual(paths);
    expect(heard.map((each) => each.path).sort()).toEqual(paths);
    // Heard as read: with their size, and nothing left unread.
    expect(heard.every((each) => each.bytes === `text of ${each.path}\n`.length && each.readFrom === undefined)).toBe(true);
    expect(workers).toHaveLength(1);
    expect(findings.filter((found) => found.ruleId === "worker").length).toBeGreaterThanOrEqual(OPTIONS.fileBatch);
    expect(findings.filter((found) => found.ruleId === "main").length).toBeGreaterThan(OPTIONS.startAtFiles);
    // A full worker never makes this thread wait: it reads the file itself.
    expect(waits).toBe(0);
    expect(workers[0]!.stopped).toBe(true);
  });

  it("gives none to a worker that has not said it is ready, and does not wait for it", async () => {
    const fragments = unreadFiles(20);
    const { findings, heard, workers, waits } = await scanFiles(fragments, () => readingStandIn(false));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.batches).toBe(0);
    expect(findings.map((found) => found.ruleId)).toEqual(fragments.map(() => "main"));
    expect(heard.map((each) => each.content)).toEqual(fragments.map((each) => `text of ${each.path}\n`));
    expect(waits).toBe(0);
  });

  it("starts no worker for fewer files than it starts at", async () => {
    const { findings, workers } = await scanFiles(unreadFiles(OPTIONS.startAtFiles), () => readingStandIn());
    expect(workers).toHaveLength(0);
    expect(findings).toHaveLength(OPTIONS.startAtFiles);
  });
});

describe("workerCount", () => {
  it("is one per core from three cores, one on two, none on one, or LEAKGATE_WORKERS when it is a whole number", () => {
    expect(workerCount({}, 4)).toBe(4);
    expect(workerCount({}, 3)).toBe(3);
    // Git's content on two cores: one worker was as fast as two, with less memory.
    expect(workerCount({}, 2)).toBe(1);
    expect(workerCount({}, 1)).toBe(0);
    // A working tree: this thread reads and scans files too, so one core fewer, and none below three cores.
    expect(workerCount({}, 2, "files")).toBe(0);
    expect(workerCount({}, 3, "files")).toBe(2);
    expect(workerCount({}, 8, "files")).toBe(7);
    expect(workerCount({ LEAKGATE_WORKERS: "2" }, 2, "files")).toBe(2);
    expect(workerCount({ LEAKGATE_WORKERS: "0" }, 8)).toBe(0);
    expect(workerCount({ LEAKGATE_WORKERS: "3" }, 2)).toBe(3);
    expect(workerCount({ LEAKGATE_WORKERS: "many" }, 4)).toBe(4);
  });
});
