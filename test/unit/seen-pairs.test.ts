// History scans each (blob, path) pair once: the set of pairs seen, kept as numbers.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pairKey, seenPairs } from "../../src/sources/seen-pairs.js";

const blobId = (i: number) => createHash("sha1").update(`blob ${i}`).digest("hex");

describe("pairKey", () => {
  it("tells (blob, path) pairs apart by both parts, as a safe integer", () => {
    const sha = blobId(1);
    const keys = [pairKey(sha, "x.env"), pairKey(sha, "y.env"), pairKey(blobId(2), "x.env"), pairKey(sha, "x.en"), pairKey(sha, "")];
    expect(new Set(keys).size).toBe(keys.length);
    expect(pairKey(sha, "x.env")).toBe(keys[0]);
    for (const key of keys) expect(Number.isSafeInteger(key) && key >= 0).toBe(true);
  });

  it("gives one blob at 200,000 paths 200,000 keys", () => {
    const sha = blobId(3);
    const keys = new Set(Array.from({ length: 200_000 }, (_, i) => pairKey(sha, `packages/p${i % 500}/src/file${i}.js`)));
    expect(keys.size).toBe(200_000);
  });
});

describe("seenPairs", () => {
  it("says a pair is new once, and remembers every pair as it grows", () => {
    const seen = seenPairs();
    const pairs = Array.from({ length: 150_000 }, (_, i) => [blobId(i % 50_000), `dir${i % 3}/file.txt`] as const);
    expect(pairs.every(([sha, path]) => seen.add(sha, path))).toBe(true);
    expect(pairs.some(([sha, path]) => seen.add(sha, path))).toBe(false);
    expect(seen.add(blobId(0), "dir3/file.txt")).toBe(true); // blob 0 was seen in dir0 to dir2 only
    expect(seen.add(blobId(0), "dir3/file.txt")).toBe(false);
  });
});
