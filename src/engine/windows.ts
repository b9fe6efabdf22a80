// Where a rule's regex runs: around the places the prefilter found its keywords, not over the
// whole text. A rule's match holds one of its keywords (the rule tests check this on every
// example), so a match lies within reach of a keyword's place: a window of whole lines, at least
// WINDOW_LINES lines and WINDOW_CHARS characters to either side. A regex that may reach further
// (one that can cross many lines, or anchors at the start or end of the text) runs from the first
// window to the end of the text instead.
import type { ContentRule } from "../model.js";

/** Lines, and characters, that a window holds on either side of a keyword's place. */
export const WINDOW_LINES = 4;
export const WINDOW_CHARS = 512;

/** [start, end) offsets into the text, in order, not overlapping. */
export type Window = readonly [number, number];

/** The regex without escapes and character classes: what is left are its operators. */
function operators(source: string): string {
  return source.replace(/\\./g, "e").replace(/\[(?:\\.|[^\]\\])*\]/g, "c");
}

/** A quantifier at the start of `rest` lets what precedes it repeat more than `limit` times. */
function repeatsBeyond(rest: string, limit: number): boolean {
  const quantifier = /^\)?(?:([*+])|\{(\d+)(?:,(\d*))?\})/.exec(rest);
  if (!quantifier) return false;
  if (quantifier[1]) return true;
  const most = quantifier[3] === undefined ? Number(quantifier[2]) : quantifier[3] === "" ? Infinity : Number(quantifier[3]);
  return most > limit;
}

/**
 * Whether a match of the rule can reach further from its keyword than a window: a regex in which
 * any character, or a class that takes newlines ([^"]), repeats further than a window reaches
 * (less a margin), a group that ends a line repeats, . takes newlines (the s flag), or ^ or $ anchor
 * at the start or end of the whole text (no m flag). Runs of whitespace (\s*) are taken to stay
 * within a window.
 */
export function reachesFar(rule: ContentRule): boolean {
  const source = rule.regex.source;
  const flags = rule.regex.flags;
  const limit = WINDOW_CHARS - 100;
  for (const any of source.matchAll(/\[(?:\\s\\S|\\S\\s|\\w\\W|\\W\\w|\\d\\D|\\D\\d)\]/g)) {
    if (repeatsBeyond(source.slice(any.index + any[0].length), limit)) return true;
  }
  for (const negated of source.matchAll(/\[\^(?:\\.|[^\]\\])*\]/g)) {
    if (/\\[ns]/.test(negated[0])) continue;
    if (repeatsBeyond(source.slice(negated.index + negated[0].length), limit)) return true;
  }
  if (/\\n\)(?:[*+]|\{\d*,\d*\})/.test(source)) return true;
  const bare = operators(source);
  if (flags.includes("s") && bare.includes(".")) return true;
  return !flags.includes("m") && /[$^]/.test(bare);
}

/**
 * The bounds of lines, remembering the last few it found: a minified file is one line of
 * megabytes with many keyword places on it, and finding its ends again for each place would cost
 * the length of the line each time.
 */
function lineFinder(text: string): (offset: number) => readonly [number, number] {
  const known: Array<readonly [number, number]> = [];
  return (offset) => {
    for (const bounds of known) if (offset >= bounds[0] && offset < bounds[1]) return bounds;
    const start = offset <= 0 ? 0 : text.lastIndexOf("\n", offset - 1) + 1;
    const newline = text.indexOf("\n", offset);
    const bounds = [start, newline < 0 ? text.length : newline + 1] as const;
    if (known.length === 8) known.shift();
    known.push(bounds);
    return bounds;
  };
}

/** The window around one keyword place: whole lines, [start, end) with its last newline. */
function around(text: string, lineOf: (offset: number) => readonly [number, number], place: number): [number, number] {
  let start = lineOf(place)[0];
  for (let i = 0; i < WINDOW_LINES && start > 0; i++) start = lineOf(start - 1)[0];
  start = Math.min(start, lineOf(Math.max(0, place - WINDOW_CHARS))[0]);
  let end = lineOf(place)[1];
  for (let i = 0; i < WINDOW_LINES && end < text.length; i++) end = lineOf(end)[1];
  end = Math.max(end, place + WINDOW_CHARS >= text.length ? text.length : lineOf(place + WINDOW_CHARS)[1]);
  return [start, end];
}

/**
 * Where rules run in `text`: for the places of a rule's keywords (undefined: everywhere), its
 * windows. Windows that would cover most of the text become the whole text: slicing would cost
 * more than it saves. Made once per text: rules that share keywords share their windows' work.
 */
export function windowMaker(text: string): (places: readonly number[] | undefined, far: boolean) => Window[] {
  const lineOf = lineFinder(text);
  const known = new Map<number, [number, number]>();
  const windowAt = (place: number): [number, number] => {
    let window = known.get(place);
    if (!window) known.set(place, (window = around(text, lineOf, place)));
    return window;
  };
  const whole: Window[] = [[0, text.length]];
  return (places, far) => {
    if (places === undefined || places.length === 0) return whole;
    if (far) {
      const start = windowAt(places[0]!)[0];
      return start === 0 ? whole : [[start, text.length]];
    }
    const windows: Array<[number, number]> = [];
    let covered = 0;
    for (const place of places) {
      const [start, end] = windowAt(place);
      const last = windows[windows.length - 1];
      if (last && start <= last[1]) {
        covered += Math.max(0, end - last[1]);
        last[1] = Math.max(last[1], end);
      } else {
        windows.push([start, end]);
        covered += end - start;
      }
    }
    return covered * 2 > text.length ? whole : windows;
  };
}
