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

/** The rule's matches in `text`, run only within `windows` (line-aligned; default: the whole text). */
export function matchRule(rule: ContentRule, text: string, windows?: readonly Window[]): RuleMatch[] {
  if (windows === undefined || (windows.length === 1 && windows[0]![0] === 0 && windows[0]![1] === text.length)) {
    return matchWithin(rule, text, 0);
  }
  return windows.flatMap(([start, end]) => matchWithin(rule, text.slice(start, end), start));
}

/** Matches in `text`, which starts at `offset` of the fragment: spans are the fragment's. */
function matchWithin(rule: ContentRule, text: string, offset: number): RuleMatch[] {
  const found: RuleMatch[] = [];
  const regex = rule.regex;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (match[0].length === 0) regex.lastIndex++;
    const group = rule.secretGroup;
    const secret = typeof group === "number" ? match[group] : match.groups?.[group];
    const span = typeof group === "number" ? match.indices?.[group] : match.indices?.groups?.[group];
    if (secret === undefined || secret === "" || span === undefined) continue;
    const entropy = rule.entropy > 0 ? shannonEntropy(secret) : 0;
    if (entropy < rule.entropy) continue;
    if (rule.check && !rule.check(secret)) continue;
    const candidate: RuleMatch = {
      rule,
      secret,
      start: span[0],
      end: span[1],
      matchStart: match.index,
      matchEnd: match.index + match[0].length,
      entropy,
    };
    if (isAllowedByRule(rule, text, candidate)) continue;
    found.push(
      offset === 0
        ? candidate
        : { ...candidate, start: span[0] + offset, end: span[1] + offset, matchStart: match.index + offset, matchEnd: candidate.matchEnd + offset },
    );
  }
  return found;
}
