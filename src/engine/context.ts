// The context shown with a finding: the secret's lines, cut to a window around the secret when they
// are very long (a minified file is one line of megabytes). The window never ends inside another
// secret of the same fragment: a redactor replaces whole secrets, so half of one would be shown raw.
import type { LineIndex } from "./location.js";

/** Characters kept either side of a secret on a very long line: enough to read, bounded. */
export const CONTEXT_CHARS = 160;

export interface Span {
  readonly start: number; // UTF-16 offsets, end exclusive
  readonly end: number;
}

/** Where the secrets of one fragment lie: for windows that must not cut through one of them. */
export interface SecretSpans {
  /** The span of secrets that strictly contains `offset`, if any. */
  around(offset: number): Span | undefined;
}

/** The union of the spans, so that one lookup finds the whole run of overlapping secrets. */
export function secretSpans(spans: readonly Span[]): SecretSpans {
  const merged: { start: number; end: number }[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return {
    around(offset) {
      let low = 0;
      let high = merged.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const span = merged[mid]!;
        if (offset <= span.start) high = mid - 1;
        else if (offset >= span.end) low = mid + 1;
        else return span;
      }
      return undefined;
    },
  };
}

/** The text shown around `secret`: its whole lines, or a window of them marked with "…" where cut. */
export function secretContext(text: string, lines: LineIndex, secret: Span, spans: SecretSpans): string {
  const from = lines.lineBounds(secret.start).start;
  const to = lines.lineBounds(Math.max(secret.start, secret.end - 1)).end;
  const short = to - from <= secret.end - secret.start + 2 * CONTEXT_CHARS;
  let start = short ? from : Math.max(from, secret.start - CONTEXT_CHARS);
  let end = short ? to : Math.min(to, secret.end + CONTEXT_CHARS);
  // Widen to whole secrets (even across a line break: a key block may end on this line).
  start = Math.min(start, spans.around(start)?.start ?? start);
  end = Math.max(end, spans.around(end)?.end ?? end);
  const cutBefore = start > from;
  const cutAfter = end < to;
  return `${cutBefore ? "…" : ""}${text.slice(start, end)}${cutAfter ? "…" : ""}`;
}
