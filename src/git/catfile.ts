// One long-lived `git cat-file --batch` per scan: blobs are requested ahead (so git never waits
// for us between objects) and answered in request order. Blobs over the size limit are skipped as
// they stream past, never buffered, and reading pauses while too many answers wait to be taken,
// so memory stays bounded whatever the history holds.
import { GitError } from "../errors.js";
import type { GitRunner } from "./run.js";

export type BlobRead =
  | { readonly kind: "blob"; readonly bytes: Buffer }
  | { readonly kind: "too-large"; readonly size: number }
  /** Not in the repository (a shallow clone, a broken one) or not a blob. */
  | { readonly kind: "missing" };

export interface BlobReader {
  /** Asks for a blob; its answer comes from next(), in request order. */
  request(sha: string): void;
  /** The answer to the oldest request not yet taken. */
  next(): Promise<BlobRead>;
  /** Stops git (early when answers are still pending). */
  close(): Promise<void>;
}

/** Bytes of answers waiting to be taken before git's output is paused. */
const HIGH_WATER = 16 * 1024 * 1024;

interface Waiter {
  resolve(read: BlobRead): void;
  reject(error: unknown): void;
}

export function openBlobReader(git: GitRunner, maxSize: number): BlobReader {
  const child = git.spawn(["cat-file", "--batch"]);
  const ready: BlobRead[] = [];
  const waiters: Waiter[] = [];
  let requested = 0;
  let answered = 0;
  let held = 0;
  let failure: unknown;
  let stderr = "";
  let exited = false;

  // Parser state: reading a header line, or `remaining` bytes of a body (plus its newline).
  let header: Buffer[] = [];
  let body: Buffer | undefined;
  let filled = 0;
  let remaining = 0; // bytes of the current object still to come, body and trailing newline
  let skipping = false;

  const deliver = (read: BlobRead): void => {
    answered++;
    const waiter = waiters.shift();
    if (waiter) return waiter.resolve(read);
    ready.push(read);
    if (read.kind === "blob") held += read.bytes.length;
    if (held > HIGH_WATER) child.stdout!.pause();
  };

  const fail = (error: unknown): void => {
    if (failure !== undefined) return;
    failure = error;
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };

  const onHeader = (line: string): void => {
    const parts = line.split(" ");
    if (parts.length !== 3) {
      deliver({ kind: "missing" }); // "<name> missing" or "<name> ambiguous": no body follows
      return;
    }
    const size = Number(parts[2]);
    remaining = size + 1;
    if (parts[1] !== "blob") {
      skipping = true;
      deliver({ kind: "missing" });
    } else if (size > maxSize) {
      skipping = true;
      deliver({ kind: "too-large", size });
    } else {
      skipping = false;
      body = Buffer.allocUnsafe(size);
      filled = 0;
    }
  };

  child.stdout!.on("data", (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - at);
        if (!skipping && body) {
          const bodyTake = Math.min(take, body.length - filled);
          chunk.copy(body, filled, at, at + bodyTake);
          filled += bodyTake;
        }
        remaining -= take;
        at += take;
        if (remaining === 0 && !skipping && body) {
          const bytes = body;
          body = undefined;
          deliver({ kind: "blob", bytes });
        }
        continue;
      }
      const newline = chunk.indexOf(10, at);
      if (newline < 0) {
        header.push(chunk.subarray(at));
        break;
      }
      header.push(chunk.subarray(at, newline));
      const line = Buffer.concat(header).toString("utf8");
      header = [];
      at = newline + 1;
      onHeader(line);
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    if (stderr.length < 4096) stderr += chunk.toString("utf8");
  });
  child.stdin!.on("error", () => {}); // git gone: reported by 'close' below
  child.on("error", (error: NodeJS.ErrnoException) => {
    fail(
      error.code === "ENOENT"
        ? new GitError("git is not installed or not on PATH", "install git (2.20 or newer) and try again")
        : error,
    );
  });
  const closed = new Promise<void>((resolve) => {
    child.on("close", (code) => {
      exited = true;
      if (answered < requested) {
        const reason = stderr.trim().split("\n")[0] || `exited ${code}`;
        fail(new GitError(`git cat-file stopped early: ${reason}`, "check that the repository is not corrupt (git fsck)"));
      }
      resolve();
    });
  });

  let unsent = "";
  const flush = (): void => {
    if (unsent === "" || exited) return;
    child.stdin!.write(unsent);
    unsent = "";
  };

  return {
    request(sha) {
      requested++;
      // Written in batches: one write per request cost more than git's reading of small blobs.
      unsent += `${sha}\n`;
      if (unsent.length >= 4096) flush();
    },
    next() {
      flush();
      if (failure !== undefined) return Promise.reject(failure);
      const read = ready.shift();
      if (read) {
        if (read.kind === "blob") held -= read.bytes.length;
        if (held <= HIGH_WATER && child.stdout!.isPaused()) child.stdout!.resume();
        return Promise.resolve(read);
      }
      if (answered + waiters.length >= requested) return Promise.reject(new Error("BlobReader.next() without a request"));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async close() {
      unsent = "";
      if (!exited) {
        if (answered < requested) child.kill();
        else child.stdin!.end();
        child.stdout!.resume();
      }
      await closed;
    },
  };
}
