// Offsets in a fragment's text -> 1-based lines and columns. A line ends at \n, \r\n or a lone \r;
// columns count Unicode code points, so an emoji before a secret moves it one column, not two.
import type { Position } from "../model.js";

export interface LineIndex {
  /** The position of a UTF-16 offset into the text. */
  position(offset: number): Position;
  /** The text of the lines from startLine to endLine (fragment-relative lines, 1-based). */
  lines(startLine: number, endLine: number): string;
  /** The UTF-16 offsets where the line holding `offset` starts and ends (before its line break). */
  lineBounds(offset: number): { readonly start: number; readonly end: number };
}

export function indexLines(text: string, firstLine = 1): LineIndex {
  let starts: number[] | undefined;
  const lineStarts = (): number[] => {
    if (starts) return starts;
    starts = [0];
    if (!text.includes("\r")) {
      // Only \n ends lines: found natively, much faster than a loop over every character.
      for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
      return starts;
    }
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
  // Columns must not cost the length of the line per secret: a minified file is one line of
  // megabytes, and counting from its start for each of many secrets is quadratic. Without surrogate
  // pairs a column is a subtraction; with them, counting resumes from the last position asked.
  let surrogates: boolean | undefined;
  let last = { line: -1, offset: 0, count: 0 };
  const columnOf = (line: number, start: number, offset: number): number => {
    surrogates ??= /[\ud800-\udfff]/.test(text);
    if (!surrogates) return offset - start + 1;
    const resumable = last.line === line && last.offset <= offset && !isLowSurrogate(text.charCodeAt(last.offset));
    const from = resumable ? last : { line, offset: start, count: 0 };
    const count = from.count + codePointCount(text, from.offset, offset);
    last = { line, offset, count };
    return count + 1;
  };
  return {
    position(offset) {
      const line = lineOf(offset);
      const start = lineStarts()[line]!;
      return { line: line + firstLine, column: columnOf(line, start, offset) };
    },
    lineBounds(offset) {
      const table = lineStarts();
      const line = lineOf(offset);
      let end = table[line + 1] ?? text.length;
      if (end > table[line]! && text.charCodeAt(end - 1) === 10) end--;
      if (end > table[line]! && text.charCodeAt(end - 1) === 13) end--;
      return { start: table[line]!, end };
    },
    lines(startLine, endLine) {
      const table = lineStarts();
      const from = table[startLine - firstLine] ?? text.length;
      let to = table[endLine - firstLine + 1] ?? text.length;
      // Not a regex anchored at $: on a line of megabytes that is a scan of the whole line.
      if (to > from && text.charCodeAt(to - 1) === 10) to--;
      if (to > from && text.charCodeAt(to - 1) === 13) to--;
      return text.slice(from, to);
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

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
