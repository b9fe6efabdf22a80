// Which lines of a file's new version a change adds: those whose text the old version(s) did not
// have anywhere. A line that merely moved, or was already there, is not new — so a secret already
// present in a file that a commit touches is not blamed on that commit — and no diff algorithm is
// needed (one pass over each version, no quadratic worst case on hostile input).
import type { LineRange } from "../model.js";

const lineSplit = /\r?\n/;

/** The 1-based line ranges of `after` whose text appears in none of `before`. */
export function addedLineRanges(after: string, before: readonly string[]): LineRange[] {
  const known = new Set<string>();
  for (const text of before) for (const line of text.split(lineSplit)) known.add(line);
  const ranges: LineRange[] = [];
  const lines = after.split(lineSplit);
  // A final newline leaves an empty last element: it is not a line.
  const count = after.endsWith("\n") ? lines.length - 1 : lines.length;
  let start = 0;
  for (let i = 0; i < count; i++) {
    const added = !known.has(lines[i]!);
    if (added && start === 0) start = i + 1;
    if (!added && start > 0) {
      ranges.push({ start, end: i });
      start = 0;
    }
  }
  if (start > 0) ranges.push({ start, end: count });
  return ranges;
}
