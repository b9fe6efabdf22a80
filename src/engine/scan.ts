// Fragments -> findings. Pure: no disk, no git, no terminal.
import type { ContentRule, Finding, Fragment, PathRule, Rule } from "../model.js";
import type { Fingerprinter } from "../filters/fingerprint.js";
import { indexLines } from "./location.js";
import { matchRule } from "./match.js";
import { buildPrefilter } from "./prefilter.js";

/** Context kept around a secret on a very long line (minified files): enough to read, bounded. */
const CONTEXT_CHARS = 160;

export interface FragmentScanner {
  scanFragment(fragment: Fragment): Finding[];
}

export function createFragmentScanner(rules: readonly Rule[], fingerprints: Fingerprinter): FragmentScanner {
  const contentRules = rules.filter((rule): rule is ContentRule => rule.kind === "content");
  const pathRules = rules.filter((rule): rule is PathRule => rule.kind === "path");
  const prefilter = buildPrefilter(contentRules);

  const pathFindings = (fragment: Fragment): Finding[] =>
    pathRules
      .filter((rule) => rule.matches(fragment.path))
      .map((rule) => ({
        ruleId: rule.id,
        description: rule.description,
        severity: rule.severity,
        kind: "path" as const,
        path: fragment.path,
        start: { line: 1, column: 1 },
        end: { line: 1, column: 1 },
        secret: "",
        line: "",
        fingerprint: fingerprints.finding(rule.id, fragment.path, ""),
        origin: fragment.origin,
        ...(fragment.commit ? { commit: fragment.commit } : {}),
        ...(rule.remedy ? { remedy: rule.remedy } : {}),
      }));

  const contentFindings = (fragment: Fragment): Finding[] => {
    const text = fragment.content;
    if (text.length === 0) return [];
    const lines = indexLines(text, fragment.startLine);
    const findings: Finding[] = [];
    for (const rule of prefilter.candidates(text)) {
      if (rule.appliesTo && !rule.appliesTo(fragment.path)) continue;
      if (rule.allow?.paths(fragment.path)) continue;
      for (const found of matchRule(rule, text)) {
        const start = lines.position(found.start);
        const end = lines.position(Math.max(found.start, found.end - 1));
        if (fragment.lines && !fragment.lines.some((range) => range.start <= end.line && start.line <= range.end)) {
          continue;
        }
        findings.push({
          ruleId: rule.id,
          description: rule.description,
          severity: rule.severity,
          kind: "content",
          path: fragment.path,
          start,
          end,
          secret: found.secret,
          line: boundedContext(lines.lines(start.line, end.line), found.secret),
          fingerprint: fingerprints.finding(rule.id, fragment.path, found.secret),
          origin: fragment.origin,
          entropy: found.entropy,
          ...(fragment.commit ? { commit: fragment.commit } : {}),
          ...(rule.remedy ? { remedy: rule.remedy } : {}),
        });
      }
    }
    return findings;
  };

  return {
    scanFragment(fragment) {
      const byPath = fragment.checkPath === false || fragment.kind === "message" ? [] : pathFindings(fragment);
      return [...byPath, ...contentFindings(fragment)];
    },
  };
}

/** The secret's lines, cut to a window around the secret when they are very long. */
function boundedContext(lines: string, secret: string): string {
  if (lines.length <= secret.length + 2 * CONTEXT_CHARS) return lines;
  const at = Math.max(0, lines.indexOf(secret));
  const from = Math.max(0, at - CONTEXT_CHARS);
  const to = Math.min(lines.length, at + secret.length + CONTEXT_CHARS);
  return `${from > 0 ? "…" : ""}${lines.slice(from, to)}${to < lines.length ? "…" : ""}`;
}
