// Fragments -> findings. Pure: no disk, no git, no terminal.
import type { ContentRule, Finding, Fragment, PathRule, Rule, ScopeRule } from "../model.js";
import type { Fingerprinter } from "../filters/fingerprint.js";
import { secretContext, secretSpans } from "./context.js";
import { indexLines } from "./location.js";
import { kubernetesSecretValues, mayHoldSecretManifest } from "./kubernetes-secret.js";
import { unboundedRunner, type RuleRunner } from "./budget.js";
import type { RuleMatch } from "./match.js";
import { buildPrefilter } from "./prefilter.js";
import { reachesFar, windowMaker } from "./windows.js";
import { createScopeChecker, scopeKeywords, scopesReadWithoutKeywords } from "./scope.js";

export interface FragmentScanner {
  scanFragment(fragment: Fragment): Finding[];
  /**
   * Whether the text of these bytes (a file's, UTF-8) could give a content or scope finding at
   * `path`: when it says no, a reader need not decode them, and the fragment's path alone is
   * scanned (content ""), with the same findings.
   */
  wantsText?(bytes: Buffer, path: string): boolean;
}

export function createFragmentScanner(
  rules: readonly Rule[],
  fingerprints: Fingerprinter,
  scopes: readonly ScopeRule[] = [],
  /** How rules run: a scan passes a budgeted runner (engine/budget.ts) so that no rule can hang it. */
  runner: RuleRunner = unboundedRunner,
): FragmentScanner {
  const contentRules = rules.filter((rule): rule is ContentRule => rule.kind === "content");
  const pathRules = rules.filter((rule): rule is PathRule => rule.kind === "path");
  // One pass finds the rules' keywords and the names the scopes guard.
  const prefilter = buildPrefilter(contentRules, scopeKeywords(scopes));
  // Asked only of rules whose keywords a scan finds: a hook need not analyse every regex.
  const farness = new Map<ContentRule, boolean>();
  const isFar = (rule: ContentRule): boolean => {
    let far = farness.get(rule);
    if (far === undefined) farness.set(rule, (far = reachesFar(rule)));
    return far;
  };
  const scopeFindings = createScopeChecker(scopes, fingerprints);
  const scopesWithoutKeywords = scopesReadWithoutKeywords(scopes);

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

  const matchesIn = (text: string, path: string, words?: Set<string>): RuleMatch[] => {
    const windowsFor = windowMaker(text);
    return runner.matches(
      prefilter
        .candidates(text, words)
        .filter(({ rule }) => !(rule.appliesTo && !rule.appliesTo(path)) && !rule.allow?.paths(path))
        .map(({ rule, hits }) => (rule.sticky && hits ? { rule, starts: hits } : { rule, windows: windowsFor(hits, isFar(rule)) })),
      text,
      path,
    );
  };

  /** Matches in the text and in the decoded data of Kubernetes Secrets, which replace the encoded values. */
  const secretsIn = (text: string, path: string, words: Set<string>): Array<RuleMatch & { encoded?: string }> => {
    const decoded = kubernetesSecretValues(text);
    if (decoded.length === 0) return matchesIn(text, path, words);
    const outside = matchesIn(text, path, words).filter((found) => !decoded.some((value) => found.start < value.end && value.start < found.end));
    // A secret found in a decoded value is reported at the encoded value's place, as the decoded
    // secret (so allowlists, fingerprints and redaction work on the value itself).
    const inside = decoded.flatMap((value) =>
      matchesIn(value.text, path).map((found) => ({ ...found, start: value.start, end: value.end, encoded: text.slice(value.start, value.end) })),
    );
    return [...outside, ...inside];
  };

  /** `words`: receives the scopes' keywords that the text holds. */
  const contentFindings = (fragment: Fragment, words: Set<string>): Finding[] => {
    const text = fragment.content;
    if (text.length === 0) return [];
    const lines = indexLines(text, fragment.startLine);
    const findings: Finding[] = [];
    const matches = secretsIn(text, fragment.path, words);
    const spans = secretSpans(matches);
    for (const found of matches) {
      const rule = found.rule;
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
        // An encoded value is shown as the secret it decodes to, which redaction then masks.
        line: found.encoded === undefined ? secretContext(text, lines, found, spans) : secretContext(text, lines, found, spans).split(found.encoded).join(found.secret),
        fingerprint: fingerprints.finding(rule.id, fragment.path, found.secret),
        origin: fragment.origin,
        entropy: found.entropy,
        ...(fragment.commit ? { commit: fragment.commit } : {}),
        ...(rule.remedy ? { remedy: rule.remedy } : {}),
      });
    }
    return findings;
  };

  return {
    // A text without keywords has no candidate rule and no scope word: only a Secret manifest
    // (whose decoded values may hold them) or a scope that reads without keywords needs it.
    wantsText: (bytes, path) => prefilter.mayFind(bytes) || mayHoldSecretManifest(bytes) || scopesWithoutKeywords(path),
    scanFragment(fragment) {
      const byPath = fragment.checkPath === false || fragment.kind === "message" ? [] : pathFindings(fragment);
      const words = new Set<string>();
      const byContent = contentFindings(fragment, words);
      return [...byPath, ...byContent, ...scopeFindings(fragment, words)];
    },
  };
}
