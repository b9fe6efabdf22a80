// One pass over the text finds every rule's keywords at once; only rules whose keyword occurs
// (and rules without keywords) run their regex. The cost grows with the text and what is found
// in it, not with the number of rules.
import type { ContentRule } from "../model.js";

export interface Prefilter {
  /** The rules that may match `text`, in rule order. */
  candidates(text: string): ContentRule[];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function buildPrefilter(rules: readonly ContentRule[]): Prefilter {
  const always = rules.filter((rule) => rule.keywords.length === 0);
  const keywords = [...new Set(rules.flatMap((rule) => rule.keywords))].sort((a, b) => b.length - a.length);
  if (keywords.length === 0) return { candidates: () => [...always] };

  // Keyword k implies every keyword that is a substring of k: the alternation reports only the
  // longest keyword at each position, so the shorter ones it contains are credited here.
  const implied = new Map<string, string[]>(
    keywords.map((keyword) => [keyword, keywords.filter((other) => keyword.includes(other))]),
  );
  const rulesByKeyword = new Map<string, number[]>();
  rules.forEach((rule, index) => {
    for (const keyword of rule.keywords) {
      const list = rulesByKeyword.get(keyword) ?? [];
      list.push(index);
      rulesByKeyword.set(keyword, list);
    }
  });
  const alwaysIndexes = rules.flatMap((rule, index) => (rule.keywords.length === 0 ? [index] : []));
  const finder = new RegExp(keywords.map(escapeRegex).join("|"), "gi");

  return {
    candidates(text) {
      const seen = new Set<string>();
      finder.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = finder.exec(text)) !== null) {
        const keyword = match[0].toLowerCase();
        if (!seen.has(keyword)) for (const each of implied.get(keyword) ?? [keyword]) seen.add(each);
        // Step one character, not the whole keyword, so overlapping keywords are all seen.
        finder.lastIndex = match.index + 1;
        if (seen.size === keywords.length) break;
      }
      if (seen.size === 0) return [...always];
      const chosen = new Set(alwaysIndexes);
      for (const keyword of seen) for (const index of rulesByKeyword.get(keyword) ?? []) chosen.add(index);
      return [...chosen].sort((a, b) => a - b).map((index) => rules[index]!);
    },
  };
}
