// Offsets in a fragment's text -> 1-based lines and columns. A line ends at \n, \r\n or a lone \r;
// columns count Unicode code points, so an emoji before a secret moves it one column, not two.
import type { Position } from "../model.js";

export interface LineIndex {
  /** The position of a UTF-16 offset into the text. */
  position(offset: number): Position;
  /** The text of the lines from startLine to endLine (fragment-relative lines, 1-based). */
  lines(startLine: number, endLine: number): string;
}

export function indexLines(text: string, firstLine = 1): LineIndex {
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts) return starts;
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) starts.push(i + 1);
      else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return starts;
  };
  const lineOf = (offset: number): number => {
    const table = lineStarts();
    let low = 0;
    let high = table.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (table[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    position(offset) {
      const line = lineOf(offset);
      const start = lineStarts()[line]!;
      return { line: line + firstLine, column: codePointCount(text, start, offset) + 1 };
    },
    lines(startLine, endLine) {
      const table = lineStarts();
      const from = table[startLine - firstLine] ?? text.length;
      const to = table[endLine - firstLine + 1] ?? text.length;
      return text.slice(from, to).replace(/(\r\n|\r|\n)$/, "");
    },
  };
}

function codePointCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
