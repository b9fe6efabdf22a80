// Which lines of a file's new version a change adds: those whose text the old version(s) did not
// have anywhere. A line that merely moved, or was already there, is not new — so a secret already
// present in a file that a commit touches is not blamed on that commit — and no diff algorithm is
// needed (one pass over each version, no quadratic worst case on hostile input).
//
// Lines are compared by a 64-bit hash of their bytes (two 32-bit hashes), in one loop over the
// bytes and a table of typed arrays: a history walk compares hundreds of megabytes of lock files
// and changelogs this way, where splitting them into strings took most of the walk's time. Two
// different lines share both hashes with a chance of about 1 in 2^64.
import type { LineRange } from "../model.js";
import { countNewlines } from "./changed-region.js";

const NEWLINE = 10;
const RETURN = 13;

const SEED_A = 0x811c9dc5;
const SEED_B = 0x2545f491;

/** The line hashes of `bytes`: a line ends at "\n", and a "\r" before it is not part of it. */
function lineHashes(bytes: Uint8Array): { first: Int32Array; second: Int32Array; count: number } {
  // At most one line per newline, plus the last one: sized once, no growing in the loop.
  const room = countNewlines(bytes, 0, bytes.length) + 1;
  const first = new Int32Array(room);
  const second = new Int32Array(room);
  let count = 0;
  // Locals only (no closure writes them): V8 keeps them in registers.
  let a = SEED_A;
  let b = SEED_B;
  let pendingReturn = false;
  const end = bytes.length;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === NEWLINE) {
      first[count] = a;
      second[count] = b;
      count++;
      a = SEED_A;
      b = SEED_B;
      pendingReturn = false;
      continue;
    }
    if (pendingReturn) {
      a = Math.imul(a ^ RETURN, 0x01000193);
      b = Math.imul(b ^ RETURN, 0x5bd1e995) ^ (b >>> 15);
    }
    pendingReturn = byte === RETURN;
    if (pendingReturn) continue;
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x5bd1e995) ^ (b >>> 15);
  }
  // The last line, when the text does not end with a newline (a "\r" alone at the end stays in it).
  if (end > 0 && bytes[end - 1] !== NEWLINE) {
    if (pendingReturn) {
      a = Math.imul(a ^ RETURN, 0x01000193);
      b = Math.imul(b ^ RETURN, 0x5bd1e995) ^ (b >>> 15);
    }
    first[count] = a;
    second[count] = b;
    count++;
  }
  return { first, second, count };
}


/** A set of line hashes: open addressing over two typed arrays (a zero `first` marks a free slot). */
function hashSet(capacity: number) {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  const mask = size - 1;
  const firsts = new Int32Array(size);
  const seconds = new Int32Array(size);
  const slotOf = (a: number, b: number): number => {
    const key = a === 0 ? 1 : a;
    let slot = (key ^ (b >>> 7)) & mask;
    while (firsts[slot] !== 0 && (firsts[slot] !== key || seconds[slot] !== b)) slot = (slot + 1) & mask;
    return slot;
  };
  return {
    add(a: number, b: number): void {
      const slot = slotOf(a, b);
      firsts[slot] = a === 0 ? 1 : a;
      seconds[slot] = b;
    },
    has: (a: number, b: number): boolean => firsts[slotOf(a, b)] !== 0,
  };
}

/** The 1-based line ranges of `after` whose bytes appear as a line in none of `before`. */
export function addedLineRangesOfBytes(after: Uint8Array, before: readonly Uint8Array[]): LineRange[] {
  const old = before.map(lineHashes);
  const known = hashSet(old.reduce((sum, each) => sum + each.count, 0));
  for (const { first, second, count } of old) for (let i = 0; i < count; i++) known.add(first[i]!, second[i]!);
  const lines = lineHashes(after);
  const ranges: LineRange[] = [];
  let start = 0;
  for (let i = 0; i < lines.count; i++) {
    const added = !known.has(lines.first[i]!, lines.second[i]!);
    if (added && start === 0) start = i + 1;
    if (!added && start > 0) {
      ranges.push({ start, end: i });
      start = 0;
    }
  }
  if (start > 0) ranges.push({ start, end: lines.count });
  return ranges;
}

/** The 1-based line ranges of `after` whose text appears in none of `before`. */
export function addedLineRanges(after: string, before: readonly string[]): LineRange[] {
  return addedLineRangesOfBytes(
    Buffer.from(after, "utf8"),
    before.map((text) => Buffer.from(text, "utf8")),
  );
}
