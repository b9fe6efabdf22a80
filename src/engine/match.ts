// One content rule over one fragment's text -> the secrets it finds, with their exact spans.
// Entropy and the rule's own allow block are part of the rule's meaning, so they are applied here.
import type { ContentRule } from "../model.js";
import { shannonEntropy } from "./entropy.js";
import type { Window } from "./windows.js";

export interface RuleMatch {
  readonly rule: ContentRule;
  readonly secret: string;
  readonly start: number; // UTF-16 offsets into the text, end exclusive
  readonly end: number;
  readonly matchStart: number;
  readonly matchEnd: number;
  readonly entropy: number;
}

/** The whole line(s) around [start, end): for allow regexes that look at the line. */
export function surroundingLine(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && text[from - 1] !== "\n" && text[from - 1] !== "\r") from--;
  let to = end;
  while (to < text.length && text[to] !== "\n" && text[to] !== "\r") to++;
  return text.slice(from, to);
}

function isAllowedByRule(rule: ContentRule, text: string, found: RuleMatch): boolean {
  const allow = rule.allow;
  if (!allow) return false;
  const secret = found.secret.toLowerCase();
  if (allow.stopwords.some((word) => secret.includes(word))) return true;
  if (allow.regexes.length === 0) return false;
  const target =
    allow.regexTarget === "secret"
      ? found.secret
      : allow.regexTarget === "match"
        ? text.slice(found.matchStart, found.matchEnd)
        : surroundingLine(text, found.matchStart, found.matchEnd);
  return allow.regexes.some((regex) => regex.test(target));
}

/**
 * The rule's matches in `text`, run only within `windows` (line-aligned; default: the whole text),
 * or, for a rule whose matches start at its keywords, only at `starts` (its keywords' places).
 */
export function matchRule(rule: ContentRule, text: string, windows?: readonly Window[], starts?: readonly number[]): RuleMatch[] {
  if (rule.sticky && starts) return matchAt(rule, rule.sticky, text, starts);
  if (windows === undefined || (windows.length === 1 && windows[0]![0] === 0 && windows[0]![1] === text.length)) {
    return matchWithin(rule, text, 0);
  }
  return windows.flatMap(([start, end]) => matchWithin(rule, text.slice(start, end), start));
}

/** Matches that start at one of `starts` (in order), not overlapping, as a global search would find them. */
function matchAt(rule: ContentRule, sticky: RegExp, text: string, starts: readonly number[]): RuleMatch[] {
  const found: RuleMatch[] = [];
  let after = 0;
  for (const start of starts) {
    if (start < after) continue;
    sticky.lastIndex = start;
    const match = sticky.exec(text);
    if (match === null) continue;
    after = match.index + Math.max(1, match[0].length);
    const candidate = candidateOf(rule, match, text);
    if (candidate) found.push(candidate);
  }
  return found;
}

/** Matches in `text`, which starts at `offset` of the fragment: spans are the fragment's. */
function matchWithin(rule: ContentRule, text: string, offset: number): RuleMatch[] {
  const found: RuleMatch[] = [];
  const regex = rule.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
    const candidate = candidateOf(rule, match, text);
    if (!candidate) continue;
    found.push(
      offset === 0
        ? candidate
        : { ...candidate, start: candidate.start + offset, end: candidate.end + offset, matchStart: candidate.matchStart + offset, matchEnd: candidate.matchEnd + offset },
    );
  }
  return found;
}

/** One match as a finding-to-be, or undefined when its secret fails the rule (entropy, check, allow). */
function candidateOf(rule: ContentRule, match: RegExpExecArray, text: string): RuleMatch | undefined {
  const group = rule.secretGroup;
  const secret = typeof group === "number" ? match[group] : match.groups?.[group];
  const span = typeof group === "number" ? match.indices?.[group] : match.indices?.groups?.[group];
  if (secret === undefined || secret === "" || span === undefined) return undefined;
  const entropy = rule.entropy > 0 ? shannonEntropy(secret) : 0;
  if (entropy < rule.entropy) return undefined;
  if (rule.check && !rule.check(secret)) return undefined;
  const candidate: RuleMatch = {
    rule,
    secret,
    start: span[0],
    end: span[1],
    matchStart: match.index,
    matchEnd: match.index + match[0].length,
    entropy,
  };
  return isAllowedByRule(rule, text, candidate) ? undefined : candidate;
}
