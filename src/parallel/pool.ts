// Large scans on every core. Fragments go in batches to worker threads, each of which builds the
// same scanner from the same rule data (compiled RegExps cannot be sent). A small scan never starts
// a worker: the first `threshold` bytes are scanned on this thread, so a pre-commit hook pays
// nothing. Past it this thread only reads git's output and the workers scan (but a fragment
// without text, which has at most a path to judge, is judged here: sending it costs more). When
// every worker has enough queued, this thread waits for a reply, which bounds the memory held in
// queued batches.
// It does not scan a batch itself meanwhile: while it did, nobody would read git's pipe, and git
// (which feeds the workers) would stall. If no reply comes within `waitMs`, it scans the batch.
//
// Replies are read synchronously (receive) while fragments come in: a source that reads files
// synchronously never yields to the event loop, where replies would otherwise wait.
//
// Files handed on unread (a working tree: fragments with `readFrom`) are shared differently: a
// worker that has said it is ready gets batches of them while it has room, and reads them itself;
// the rest this thread reads and scans at once, never waiting. So both threads read and scan, no
// text is copied between them, and a scan that ends before a worker is ready never waits for one.
import type { FragmentScanner } from "../engine/scan.js";
import type { Finding, Fragment } from "../model.js";
import { createFileReader, readDeferred } from "../sources/read-file.js";

/**
 * What a worker sends: once that it is ready, then one reply per batch, with the fragments it read
 * from files it was handed unread (without their content), for the scan to count.
 */
export type BatchReply =
  | { readonly findings: Finding[]; readonly read?: readonly Fragment[]; readonly warnings?: readonly string[] }
  | { readonly error: string }
  | { readonly ready: true };

/** One worker thread, as the pool sees it (a real Worker in the CLI, a stand-in in tests). */
export interface ScanWorker {
  post(batch: Fragment[]): void;
  /** A reply that has arrived, without waiting for one. */
  receive(): BatchReply | undefined;
  /** From now on, calls `listener` with each reply as it arrives. */
  onReply(listener: (reply: BatchReply) => void): void;
  /** Calls `listener` once if the worker fails or exits before it is stopped. */
  onFailure(listener: (error: Error) => void): void;
  stop(): Promise<unknown>;
}

export interface PoolOptions {
  /** Starts one worker; called the first time the scan passes `threshold`. */
  readonly startWorker: () => ScanWorker;
  readonly workers: number;
  /** Bytes of text after which workers are started (they take a while to load): below it, none is. */
  readonly startAt: number;
  /** Bytes of text scanned on this thread before batches go to the workers. */
  readonly threshold: number;
  /** A batch is sent when it holds this many bytes of text, or `batchFragments` fragments. */
  readonly batchBytes: number;
  readonly batchFragments: number;
  /** Files handed on unread after which workers are started (or `startAt` bytes read here): a small tree never starts one. */
  readonly startAtFiles: number;
  /** Files handed on unread that go to a worker in one batch. */
  readonly fileBatch: number;
  /** Batches a worker may have queued before this thread waits. */
  readonly queuePerWorker: number;
  /** Blocks until some worker may have replied, or `ms` passed (a stand-in may return at once). */
  readonly waitForReply?: (ms: number) => void;
  /** How long this thread waits for a reply before it scans a batch itself (default: no wait). */
  readonly waitMs?: number;
  /** Hears the workers' warnings (a rule cut short by its time budget). */
  readonly warn?: (message: string) => void;
}

export const POOL_DEFAULTS = {
  startAt: 1 << 20,
  threshold: 4 << 20,
  batchBytes: 512 << 10,
  batchFragments: 400,
  startAtFiles: 128,
  fileBatch: 32,
  queuePerWorker: 3,
  waitMs: 200,
} as const;

export interface ParallelScanner extends FragmentScanner {
  /**
   * Findings, possibly of fragments given earlier (order does not matter to the filters that
   * follow); the rest come from drain().
   */
  scanFragment(fragment: Fragment): Finding[];
  /** Waits for every batch sent out, returns their findings, and stops the workers. */
  drain(): Promise<Finding[]>;
  /** Hears every fragment read from a file handed on unread, on this thread or a worker. */
  onRead(listener: (fragment: Fragment) => void): void;
}

interface Slot {
  readonly worker: ScanWorker;
  queued: number;
  ready: boolean;
  failure?: Error;
}

export function createParallelScanner(local: FragmentScanner, options: PoolOptions): ParallelScanner {
  const slots: Slot[] = [];
  let seenBytes = 0;
  let seenFiles = 0;
  let batch: Fragment[] = [];
  let batchBytes = 0;
  // Files handed on unread, for `fileSlot`, which had room when the batch began.
  let files: Fragment[] = [];
  let fileSlot: Slot | undefined;
  let collected: Finding[] = [];
  let heard: (fragment: Fragment) => void = () => {};
  const reader = createFileReader(local.wantsText);

  const accept = (slot: Slot, reply: BatchReply): void => {
    if ("ready" in reply) {
      slot.ready = true;
      return;
    }
    slot.queued--;
    if ("error" in reply) throw new Error(`a scan worker failed: ${reply.error}`);
    collected.push(...reply.findings);
    for (const fragment of reply.read ?? []) heard(fragment);
    for (const warning of reply.warnings ?? []) options.warn?.(warning);
  };
  const poll = (): void => {
    for (const slot of slots) {
      let reply: BatchReply | undefined;
      while ((slot.queued > 0 || !slot.ready) && (reply = slot.worker.receive()) !== undefined) accept(slot, reply);
    }
  };
  const start = (): void => {
    for (let i = 0; i < options.workers; i++) {
      const slot: Slot = { worker: options.startWorker(), queued: 0, ready: false };
      slot.worker.onFailure((error) => (slot.failure = error));
      slots.push(slot);
    }
  };
  const idlest = (): Slot | undefined => {
    poll();
    const slot = slots.filter((each) => !each.failure).sort((a, b) => a.queued - b.queued)[0];
    return slot && slot.queued < options.queuePerWorker ? slot : undefined;
  };
  const send = (fragments: Fragment[]): void => {
    let slot = idlest();
    const deadline = Date.now() + (options.waitMs ?? 0);
    while (!slot && options.waitForReply && slots.some((each) => !each.failure) && Date.now() < deadline) {
      options.waitForReply(deadline - Date.now());
      slot = idlest();
    }
    if (slot) {
      slot.queued++;
      slot.worker.post(fragments);
    } else {
      for (const fragment of fragments) collected.push(...local.scanFragment(fragment));
    }
  };
  const take = (): Finding[] => {
    const out = collected;
    collected = [];
    return out;
  };
  /** `found`, and the findings collected meanwhile. */
  const withCollected = (found: Finding[]): Finding[] => {
    if (collected.length === 0) return found;
    const out = take();
    out.push(...found);
    return out;
  };
  /** A ready worker with room for one more batch, if any. */
  const roomyReady = (): Slot | undefined => {
    poll();
    for (const slot of slots) if (slot.ready && !slot.failure && slot.queued < options.queuePerWorker) return slot;
    return undefined;
  };
  const sendFiles = (): void => {
    fileSlot!.queued++;
    fileSlot!.worker.post(files);
    files = [];
    fileSlot = undefined;
  };
  /** Reads a file handed on unread here, and scans it. */
  const readHere = (fragment: Fragment): Finding[] => {
    const read = readDeferred(fragment, reader);
    if (!read) return [];
    seenBytes += read.content.length;
    heard(read);
    return local.scanFragment(read);
  };
  /** A file handed on unread: batched for a ready worker with room, else read and scanned here. */
  const scanUnread = (fragment: Fragment): Finding[] => {
    seenFiles++;
    if (options.workers > 0 && slots.length === 0 && (seenFiles > options.startAtFiles || seenBytes > options.startAt)) start();
    fileSlot ??= slots.length > 0 ? roomyReady() : undefined;
    if (fileSlot) {
      files.push(fragment);
      if (files.length >= options.fileBatch) sendFiles();
      return take();
    }
    return withCollected(readHere(fragment));
  };

  return {
    // Asked before decoding, on this thread: the workers' scanners would answer the same.
    ...(local.wantsText ? { wantsText: local.wantsText } : {}),
    onRead(listener) {
      heard = listener;
    },

    scanFragment(fragment) {
      if (fragment.readFrom) return scanUnread(fragment);
      const size = fragment.content.length;
      seenBytes += size;
      if (options.workers > 0 && slots.length === 0 && seenBytes > options.startAt) start();
      // Without text there is at most a path to judge: cheaper here than sent to a worker.
      if (slots.length === 0 || seenBytes <= options.threshold || size === 0) return withCollected(local.scanFragment(fragment));
      batch.push(fragment);
      batchBytes += size;
      if (batchBytes >= options.batchBytes || batch.length >= options.batchFragments) {
        send(batch);
        batch = [];
        batchBytes = 0;
      }
      return take();
    },

    async drain() {
      try {
        if (batch.length > 0) send(batch);
        batch = [];
        // The last files are read here: this thread would only wait meanwhile.
        for (const fragment of files.splice(0)) collected.push(...readHere(fragment));
        fileSlot = undefined;
        poll();
        await Promise.all(slots.map((slot) => settle(slot, accept)));
        return take();
      } finally {
        await Promise.all(slots.map((slot) => slot.worker.stop()));
        slots.length = 0;
      }
    },
  };
}

/** Resolves when every batch queued on `slot` has been answered; rejects if its worker fails. */
function settle(slot: Slot, accept: (slot: Slot, reply: BatchReply) => void): Promise<void> {
  if (slot.failure) return Promise.reject(slot.failure);
  if (slot.queued === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    slot.worker.onFailure(reject);
    slot.worker.onReply((reply) => {
      try {
        accept(slot, reply);
      } catch (error) {
        reject(error);
        return;
      }
      if (slot.queued === 0) resolve();
    });
  });
}
