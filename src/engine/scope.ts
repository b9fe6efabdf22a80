// Scope rules over one fragment -> policy findings: a reference to a scoped secret's name where the
// scope does not permit it, whether or not a value is in sight. Pure: no disk, no git, no terminal.
import type { Finding, Fragment, ScopeReference, ScopeRule } from "../model.js";
import type { Fingerprinter } from "../filters/fingerprint.js";
import { globMatcher } from "../rules/compile.js";
import { indexLines } from "./location.js";
import { buildPrefilter, type Prefilter } from "./prefilter.js";

/** Documents may name a secret in prose (the policy itself does); only an assignment there counts. */
const DOCUMENT = globMatcher(["*.md", "*.mdx", "*.markdown", "*.rst", "*.adoc"]);
/** The config names scopes and their secrets by design (a scope id often spells its name). */
const CONFIG = globMatcher([".leakgate.toml"]);
/** How far from a reference (in lines) an alias's `near` word may be. */
const NEAR_LINES = 3;

const ALNUM = /[A-Za-z0-9]/;
const LOWER_OR_DIGIT = /[a-z0-9]/;
const UPPER = /[A-Z]/;
/** A name assigned a value: `NAME=value`, `NAME: "value"`, `"NAME" => 'value'`, `NAME := value`. */
const ASSIGNMENT = /^["']?[ \t]*(?::=|=>|=|:)[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'`]+))[ \t,;`]*(?:#.*)?$/;
/** Values that stand for a value without being one. */
const PLACEHOLDER = /^(?:|<[^>]*>|.*(?:\.\.\.|…).*|\$.*|[xX*#._-]+)$/;

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Scope findings of a fragment. `seen`: the scopes' keywords that occur in its text, when the
 * caller has looked for them already (the engine's prefilter does, in its one pass).
 */
export type ScopeChecker = (fragment: Fragment, seen?: ReadonlySet<string>) => Finding[];

/** The words a scope checker looks for in a text: give them to the prefilter to find them in its pass. */
export function scopeKeywords(scopes: readonly ScopeRule[]): string[] {
  return [...new Set(scopes.flatMap((scope) => scope.references.flatMap((reference) => reference.keywords)))];
}

/** Outside a repository, paths are relative to the current folder and may climb out of it. */
const treePath = (path: string): string => path.replace(/^(?:\.\.?\/)+/, "");

/**
 * Whether the scopes read the text of a file at `path` that holds none of their keywords: when a
 * reference has no keywords, or a `near` word is in the path. Otherwise such a text has no finding.
 */
export function scopesReadWithoutKeywords(scopes: readonly ScopeRule[]): (path: string) => boolean {
  const unconditional = scopes.some((scope) => scope.references.some((reference) => reference.keywords.length === 0));
  const nearWords = [...new Set(scopes.flatMap((scope) => scope.references.flatMap((reference) => reference.near)))];
  if (unconditional) return () => true;
  if (nearWords.length === 0) return () => false;
  return (path) => {
    const lower = treePath(path).toLowerCase();
    return nearWords.some((word) => lower.includes(word));
  };
}

export function createScopeChecker(scopes: readonly ScopeRule[], fingerprints: Fingerprinter): ScopeChecker {
  // The engine passes what its prefilter saw; a checker used on its own looks with a prefilter of its own.
  let finder: Prefilter | undefined;
  const findKeywords = (text: string): Set<string> => {
    const words = new Set<string>();
    (finder ??= buildPrefilter([], scopeKeywords(scopes))).candidates(text, words);
    return words;
  };
  // Without a keyword seen or a `near` word in the path, no reference can be: most files stop there.
  const withoutKeywords = scopesReadWithoutKeywords(scopes);
  return (fragment, given) => {
    if (scopes.length === 0 || fragment.kind === "message" || fragment.content === "") return [];
    const text = fragment.content;
    const seen = given ?? findKeywords(text);
    const inTree = treePath(fragment.path);
    const path = inTree.toLowerCase();
    if (seen.size === 0 && !withoutKeywords(fragment.path)) return [];
    if (CONFIG(inTree)) return [];
    const judged = scopes.filter((scope) => !scope.permits(inTree));
    if (judged.length === 0) return [];
    const isDocument = DOCUMENT(inTree);
    const lines = indexLines(text, fragment.startLine);
    const findings: Finding[] = [];
    for (const scope of judged) {
      const candidates = scope.references.filter(
        (reference) =>
          reference.keywords.length === 0 ||
          reference.keywords.some((keyword) => seen.has(keyword)) ||
          reference.near.some((word) => path.includes(word)),
      );
      const spans = candidates.flatMap((reference) => referenceSpans(reference, text, path, isDocument));
      // One finding per name and file, at its first reference: a file that reads a key ten times is
      // one breach to fix, not ten (and they would share one fingerprint anyway).
      const byName = new Map<string, { span: Span; count: number }>();
      for (const span of outermost(spans)) {
        if (fragment.lines) {
          const first = lines.position(span.start).line;
          const last = lines.position(span.end - 1).line;
          if (!fragment.lines.some((range) => range.start <= last && first <= range.end)) continue;
        }
        const name = text.slice(span.start, span.end);
        const seenName = byName.get(name);
        if (seenName) seenName.count++;
        else byName.set(name, { span, count: 1 });
      }
      for (const [name, { span, count }] of byName) {
        const start = lines.position(span.start);
        const end = lines.position(span.end - 1);
        const times = count > 1 ? `, ${count} references in this file` : "";
        findings.push({
          ruleId: scope.id,
          description: `${name} is referenced outside its scope (${scope.description}${times}): ${scope.where}`,
          severity: scope.severity,
          kind: "policy",
          path: fragment.path,
          start,
          end,
          secret: "",
          // Only the name, not its line: the line may hold a value that no content rule recognised,
          // and that value would then reach the report unredacted.
          line: name,
          fingerprint: fingerprints.finding(scope.id, fragment.path, name),
          origin: fragment.origin,
          ...(fragment.commit ? { commit: fragment.commit } : {}),
          ...(scope.remedy ? { remedy: scope.remedy } : {}),
        });
      }
    }
    return findings;
  };
}

/** Where one reference occurs in the text and counts as a reference. */
export function referenceSpans(reference: ScopeReference, text: string, path: string, isDocument: boolean): Span[] {
  const spans: Span[] = [];
  const regex = reference.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const span = { start: match.index, end: match.index + match[0].length };
    if (reference.identifier && !standsAlone(text, span.start, span.end)) continue;
    if (reference.near.length > 0 && !isNear(reference.near, text, span, path)) continue;
    if (isDocument && !assignsValue(text, span.end)) continue;
    spans.push(span);
  }
  return spans;
}

/**
 * Whether [start, end) is a whole identifier, or a whole part of one: separated by a non-alphanumeric
 * character (so VITE_NAME and NAME_FILE count) or by a camelCase boundary (getNameValue).
 */
export function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  const left = before === undefined || !ALNUM.test(before) || (LOWER_OR_DIGIT.test(before) && UPPER.test(text[start]!));
  const right = after === undefined || !ALNUM.test(after) || (UPPER.test(after) && LOWER_OR_DIGIT.test(text[end - 1]!));
  return left && right;
}

/** Whether the text after a name, to the end of its line, assigns it a value (not a placeholder). */
export function assignsValue(text: string, end: number): boolean {
  const lineEnd = text.slice(end).search(/\r|\n/);
  const rest = text.slice(end, lineEnd === -1 ? undefined : end + lineEnd);
  const match = ASSIGNMENT.exec(rest);
  if (!match) return false;
  const value = (match[1] ?? match[2] ?? match[3] ?? "").trim();
  return !PLACEHOLDER.test(value);
}

function isNear(words: readonly string[], text: string, span: Span, path: string): boolean {
  if (words.some((word) => path.includes(word))) return true;
  let from = span.start;
  for (let seen = 0; from > 0; from--) {
    if (text[from - 1] === "\n" && ++seen > NEAR_LINES) break;
  }
  let to = span.end;
  for (let seen = 0; to < text.length; to++) {
    if (text[to] === "\n" && ++seen > NEAR_LINES) break;
  }
  const window = text.slice(from, to).toLowerCase();
  return words.some((word) => window.includes(word));
}

/** Drops spans inside another span (an alias matching part of a full name), and duplicates. */
function outermost(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last && span.start >= last.start && span.end <= last.end) continue;
    kept.push(span);
  }
  return kept;
}
