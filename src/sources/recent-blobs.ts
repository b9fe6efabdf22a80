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
  /**
   * The blobs of the next tickets, all of them, if every one is already here (read, or waiting in
   * the reader): undefined, having taken none, if one is still to come.
   */
  takeNow(tickets: readonly BlobTicket[]): BlobRead[] | undefined;
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

  /** A ticket's blob: `read` is the reader's answer for a ticket that asked git. */
  const redeem = (ticket: BlobTicket, read: BlobRead | undefined): BlobRead => {
    const entry = entries.get(ticket.sha)!;
    if (ticket.fromGit) {
      entry.read = read;
      held += sizeOf(read);
      order.push(ticket.sha);
    }
    entry.pins--;
    const blob = entry.read!;
    trim();
    return blob;
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
      return redeem(ticket, ticket.fromGit ? await reader.next() : undefined);
    },
    takeNow(tickets) {
      let fromGit = 0;
      for (const ticket of tickets) {
        if (ticket.fromGit) fromGit++;
        else if (entries.get(ticket.sha)!.read === undefined) return undefined;
      }
      if (fromGit > 0 && reader.arrived() < fromGit) return undefined;
      return tickets.map((ticket) => redeem(ticket, ticket.fromGit ? reader.nextArrived() : undefined));
    },
  };
}
