// Where a modified file changed, found on its bytes before anything is decoded, with native
// comparisons and searches only (a loop over every byte in JavaScript costs more than scanning
// the text). A lock file of 500 KB that gains three entries then costs a few comparisons and the
// decoding and scanning of those entries, instead of 500 KB.

const BLOCK = 4096;
const NEWLINE = 10;

/**
 * Bytes a[aStart...] and b[bStart...] share at their start: blocks compared natively, growing while
 * they are equal (a long equal stretch costs a few calls) and shrinking around the first difference.
 */
function sharedPrefix(a: Buffer, aStart: number, b: Buffer, bStart: number): number {
  const limit = Math.min(a.length - aStart, b.length - bStart);
  let at = 0;
  let block = BLOCK;
  while (at < limit) {
    const size = Math.min(block, limit - at);
    if (a.compare(b, bStart + at, bStart + at + size, aStart + at, aStart + at + size) === 0) {
      at += size;
      block = Math.min(block * 2, 1 << 20);
    } else if (size > 64) {
      block = size >> 2;
    } else {
      break;
    }
  }
  while (at < limit && a[aStart + at] === b[bStart + at]) at++;
  return at;
}

/** A stretch of lines of the new version, [start, end) in bytes, that the previous one lacks. */
export type Region = readonly [number, number];

/**
 * How far (bytes) a search for where two versions meet again looks ahead at first: most changes
 * are a line or a few. (On babel's history, 256 instead of 1024 halved the bytes searched, and a
 * file ran out of its search budget 6 times less often, which also left fewer lines to scan.) After each search that finds neither, it looks twice as far (up to
 * MAX_REACH) and takes twice as many lines as changed before it looks again (up to MAX_STEP), so
 * a large insertion or rewrite costs a few searches, not one per line. (Lines taken as changed
 * that were not only cost their scanning: every line left out is a line of the previous version.)
 */
const FIRST_REACH = 256;
const MAX_REACH = 256 * 1024;
const MAX_STEP = 256;
/** Bytes an anchor holds at least (whole lines): short lines such as "}" are everywhere. */
const ANCHOR = 32;

/**
 * The lines of `after` that differ from `before`, as regions in order: the equal stretches are
 * skipped by native comparison, and after each difference the two versions are brought back in
 * step by searching (natively) for the next lines of one in the other. Every line outside the
 * regions is a line of `before` too. The search is bounded: past 4 times the files' size in
 * searching, the rest of `after` is one region. Empty when the bytes are equal.
 */
export function changedRegions(after: Buffer, before: Buffer): Region[] {
  const regions: Array<[number, number]> = [];
  const add = (start: number, end: number): void => {
    const last = regions[regions.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (end > start) regions.push([start, end]);
  };
  let budget = 4 * (after.length + before.length) + 4 * FIRST_REACH;
  let reach = FIRST_REACH;
  let step = 1;
  let i = 0;
  let j = 0;
  while (i < after.length) {
    const same = sharedPrefix(after, i, before, j);
    if (i + same === after.length && j + same === before.length) break;
    // On to the start of the line the difference is on: the bytes before it are equal.
    const skip = Math.max(i, lineStartOf(after, i + same)) - i;
    i += skip;
    j += skip;
    if (i >= after.length) break; // what is left of `before` was deleted
    if (j >= before.length || budget <= 0) {
      add(i, after.length);
      break;
    }
    // The commonest edit, one line replaced by another: the lines after both are alike, and one
    // comparison tells so without a search.
    const afterNext = endOfLine(after, i);
    const beforeNext = endOfLine(before, j);
    if (afterNext < after.length && beforeNext < before.length && startsAlike(after, afterNext, before, beforeNext)) {
      add(i, afterNext);
      i = afterNext;
      j = beforeNext;
      reach = FIRST_REACH;
      step = 1;
      continue;
    }
    // Where do they meet again: the next lines of `before` later in `after` (lines inserted), or
    // the next lines of `after` later in `before` (lines deleted), whichever is nearer.
    const inAfter = after.subarray(i, i + reach).indexOf(before.subarray(j, anchorEnd(before, j)));
    const inBefore = before.subarray(j, j + reach).indexOf(after.subarray(i, anchorEnd(after, i)));
    budget -= Math.min(reach, after.length - i) + Math.min(reach, before.length - j);
    if (inAfter > 0 && (inBefore <= 0 || inAfter <= inBefore)) {
      add(i, i + inAfter);
      i += inAfter;
      reach = FIRST_REACH;
      step = 1;
    } else if (inBefore > 0) {
      j += inBefore;
      reach = FIRST_REACH;
      step = 1;
    } else {
      // Neither, yet: these lines are new (changed, or the start of a long insertion), and the
      // next search looks further, after more lines.
      const end = linesAfter(after, i, step);
      add(i, end);
      i = end;
      reach = Math.min(MAX_REACH, reach * 2);
      step = Math.min(MAX_STEP, step * 2);
    }
  }
  return regions;
}

function lineStartOf(bytes: Uint8Array, offset: number): number {
  return offset <= 0 ? 0 : lastIndexOfByte(bytes, NEWLINE, offset - 1) + 1;
}

function endOfLine(bytes: Uint8Array, offset: number): number {
  const newline = bytes.indexOf(NEWLINE, offset);
  return newline < 0 ? bytes.length : newline + 1;
}

/** The end of whole lines from `offset` that hold at least ANCHOR bytes (or the end). */
function anchorEnd(bytes: Uint8Array, offset: number): number {
  let end = endOfLine(bytes, offset);
  while (end - offset < ANCHOR && end < bytes.length) end = endOfLine(bytes, end);
  return end;
}

/** Whether the whole lines from a[aStart] holding at least ANCHOR bytes come next in b at bStart too. */
function startsAlike(a: Buffer, aStart: number, b: Buffer, bStart: number): boolean {
  const end = anchorEnd(a, aStart);
  const length = end - aStart;
  return bStart + length <= b.length && a.compare(b, bStart, bStart + length, aStart, end) === 0;
}

/** Offset of the line `lines` lines before the one starting at `offset` (0 at most). */
export function linesBefore(bytes: Uint8Array, offset: number, lines: number): number {
  let at = offset;
  for (let i = 0; i < lines && at > 0; i++) at = lastIndexOfByte(bytes, NEWLINE, at - 2) + 1;
  return at;
}

/** Offset just after `lines` more lines from `offset` (a line boundary), or the end. */
export function linesAfter(bytes: Uint8Array, offset: number, lines: number): number {
  let at = offset;
  for (let i = 0; i < lines && at < bytes.length; i++) {
    const newline = bytes.indexOf(NEWLINE, at);
    at = newline < 0 ? bytes.length : newline + 1;
  }
  return at;
}

/** How many newlines bytes[from, to) holds. */
export function countNewlines(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at >= 0 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

function lastIndexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  if (from < 0) return -1;
  return bytes.lastIndexOf(byte, from);
}
