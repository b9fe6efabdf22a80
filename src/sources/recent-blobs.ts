// The blobs a history walk read lately, so that the previous version of a modified file (nearly
// always read a few commits earlier) and a file copied to a new path are not read from git again.
// A blob some queued fragment still needs is pinned; the others are dropped in the order they were
// read once they hold more than `budget` bytes, so memory stays flat however long the history is.
import type { BlobRead, BlobReader } from "../git/catfile.js";

interface Entry {
  read?: BlobRead;
  pins: number;
}

/** A blob a fragment will need, in the order it asked: read from git, or from the cache. */
export interface BlobTicket {
  readonly sha: string;
  readonly fromGit: boolean;
}

export interface RecentBlobs {
  /** Asks for a blob: from the cache if it has it (or will: read ahead), else from git. */
  want(sha: string): BlobTicket;
  /** The blob a ticket stands for; tickets are redeemed in the order they were given. */
  take(ticket: BlobTicket): Promise<BlobRead>;
}

const sizeOf = (read: BlobRead | undefined): number => (read?.kind === "blob" ? read.bytes.length : 0);

export function recentBlobs(reader: BlobReader, budget: number): RecentBlobs {
  const entries = new Map<string, Entry>();
  // The blobs held, oldest first: dropped from the front (a pinned one goes to the back).
  const order: string[] = [];
  let front = 0;
  let held = 0;

  const trim = (): void => {
    let tries = order.length - front;
    while (held > budget && tries-- > 0) {
      const sha = order[front++]!;
      const entry = entries.get(sha)!;
      if (entry.pins > 0) {
        order.push(sha);
        continue;
      }
      entries.delete(sha);
      held -= sizeOf(entry.read);
    }
    if (front > 4096 && front * 2 > order.length) {
      order.splice(0, front);
      front = 0;
    }
  };

  return {
    want(sha) {
      const known = entries.get(sha);
      if (known) {
        known.pins++;
        return { sha, fromGit: false };
      }
      entries.set(sha, { pins: 1 });
      reader.request(sha);
      return { sha, fromGit: true };
    },
    async take(ticket) {
      const entry = entries.get(ticket.sha)!;
      if (ticket.fromGit) {
        entry.read = await reader.next();
        held += sizeOf(entry.read);
        order.push(ticket.sha);
      }
      entry.pins--;
      const read = entry.read!;
      trim();
      return read;
    },
  };
}
