import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BlobRead, BlobReader } from "../../src/git/catfile.js";
import { changedRegions } from "../../src/sources/changed-region.js";
import { recentBlobs } from "../../src/sources/recent-blobs.js";

const linesOf = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString("utf8").split("\n").filter((line) => line !== "");

describe("changedRegions", () => {
  it("finds an inserted, a replaced and an appended line in a long file", () => {
    const base = Array.from({ length: 2000 }, (_, i) => `  dependency-${i % 50} "^${i}.0.0"`);
    const edited = [...base];
    edited.splice(700, 0, "  inserted-line");
    edited[1500] = "  replaced-line";
    edited.push("  appended-line");
    const before = Buffer.from(`${base.join("\n")}\n`);
    const after = Buffer.from(`${edited.join("\n")}\n`);
    const regions = changedRegions(after, before);
    const changed = regions.flatMap(([start, end]) => linesOf(after, start, end));
    expect(changed).toEqual(["  inserted-line", "  replaced-line", "  appended-line"]);
  });

  it("is empty for equal bytes and the whole file against an empty one", () => {
    const text = Buffer.from("a\nb\n");
    expect(changedRegions(text, Buffer.from(text))).toEqual([]);
    expect(changedRegions(text, Buffer.alloc(0))).toEqual([[0, 4]]);
  });

  it("leaves out only lines the previous version has, and never a new line", () => {
    // Lines from a small alphabet repeat (as in lock files); new lines carry a mark no old line has.
    const line = fc.constantFrom("{", "}", "  version 1", "  version 2", "  resolved x", "dependencies:", "", "a long line of text that repeats");
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom("insert", "delete", "replace"), count: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 300 }), fc.array(edit, { maxLength: 8 }), (old, edits) => {
        const lines: string[] = [...old];
        let mark = 0;
        for (const { at, kind, count } of edits) {
          const where = lines.length === 0 ? 0 : at % (lines.length + 1);
          const fresh = Array.from({ length: count }, () => `new ${mark++}`);
          if (kind === "insert") lines.splice(where, 0, ...fresh);
          else if (kind === "delete") lines.splice(where, count);
          else lines.splice(where, count, ...fresh);
        }
        const before = Buffer.from(old.map((each) => `${each}\n`).join(""));
        const after = Buffer.from(lines.map((each) => `${each}\n`).join(""));
        const regions = changedRegions(after, before);
        const known = new Set<string>(old);
        let previousEnd = 0;
        const inside = new Set<number>();
        let offset = 0;
        lines.forEach((each, index) => {
          const start = offset;
          offset += Buffer.byteLength(each) + 1;
          if (regions.some(([from, to]) => start < to && from < offset)) inside.add(index);
        });
        for (const [start, end] of regions) {
          expect(start).toBeGreaterThanOrEqual(previousEnd);
          expect(end).toBeGreaterThan(start);
          previousEnd = end;
        }
        lines.forEach((each, index) => {
          if (!inside.has(index)) expect(known.has(each), `line ${index} "${each}" left out but new`).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });
});

/** A blob reader that answers from a map and counts what it was asked. */
function fakeReader(blobs: Record<string, string>) {
  const asked: string[] = [];
  const pending: string[] = [];
  const reader: BlobReader = {
    request: (sha) => {
      asked.push(sha);
      pending.push(sha);
    },
    next: async (): Promise<BlobRead> => reader.nextArrived(),
    // Every answer is there as soon as it is asked for.
    arrived: () => pending.length,
    nextArrived: (): BlobRead => ({ kind: "blob", bytes: Buffer.from(blobs[pending.shift()!]!) }),
    close: async () => {},
  };
  return { reader, asked };
}

describe("recentBlobs", () => {
  it("reads a blob from git once while it is held, again once it was dropped", async () => {
    const { reader, asked } = fakeReader({ a: "x".repeat(60), b: "y".repeat(60), c: "z".repeat(60) });
    const cache = recentBlobs(reader, 100);
    const first = cache.want("a");
    const again = cache.want("a"); // asked for before the first was read: one read serves both
    expect((await cache.take(first)).kind).toBe("blob");
    expect(await cache.take(again)).toEqual({ kind: "blob", bytes: Buffer.from("x".repeat(60)) });
    expect(asked).toEqual(["a"]);
    await cache.take(cache.want("b")); // 120 bytes held: over the budget, "a" is dropped
    await cache.take(cache.want("a"));
    expect(asked).toEqual(["a", "b", "a"]);
  });

  it("keeps a blob that a queued fragment still needs, whatever the budget", async () => {
    const { reader, asked } = fakeReader({ a: "x".repeat(60), b: "y".repeat(60) });
    const cache = recentBlobs(reader, 10);
    const first = cache.want("a");
    const later = cache.want("a");
    await cache.take(first);
    await cache.take(cache.want("b"));
    expect((await cache.take(later)).kind).toBe("blob");
    expect(asked).toEqual(["a", "b"]);
  });
});

describe("recentBlobs.takeNow", () => {
  it("takes the next tickets' blobs only when every one has arrived, and else takes none", async () => {
    const { reader, asked } = fakeReader({ a: "x".repeat(60), b: "y".repeat(60) });
    let here = 0; // answers the reader holds
    const cache = recentBlobs({ ...reader, arrived: () => Math.min(here, asked.length) }, 1000);
    const a = cache.want("a");
    const b = cache.want("b");
    const alsoA = cache.want("a");
    here = 1;
    expect(cache.takeNow([a, b])).toBeUndefined();
    here = 2;
    const reads = cache.takeNow([a, b])!;
    expect(reads.map((read) => (read.kind === "blob" ? read.bytes.toString()[0] : read.kind))).toEqual(["x", "y"]);
    // "a" is held now: its second ticket needs nothing from git.
    here = 0;
    expect(cache.takeNow([alsoA])).toEqual([{ kind: "blob", bytes: Buffer.from("x".repeat(60)) }]);
  });

  it("leaves a ticket whose blob is still to come to take(), in order", async () => {
    const { reader } = fakeReader({ a: "x".repeat(60) });
    const cache = recentBlobs({ ...reader, arrived: () => 0 }, 1000);
    const a = cache.want("a");
    const alsoA = cache.want("a");
    expect(cache.takeNow([alsoA])).toBeUndefined(); // its blob comes with the first ticket
    expect((await cache.take(a)).kind).toBe("blob");
    expect(cache.takeNow([alsoA])).toHaveLength(1);
  });
});
