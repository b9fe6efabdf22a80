// The chain of small pure filters between the engine and the reporters.
import type { AllowList, Finding } from "../model.js";
import { isGloballyAllowed } from "./allowlist.js";
import { firstIntroductions } from "./first-introduction.js";
import { isInlineAllowed } from "./inline-allow.js";
import { withoutOverlaps } from "./overlap.js";
import { credentialReuseFindings, type ReuseContext } from "./reuse.js";

export interface FilterContext {
  readonly allowlists: readonly AllowList[];
  /** When set, a value found in two scopes adds a credential-reuse finding. */
  readonly reuse?: ReuseContext;
  /** Rule priorities (filters/overlap.ts): where findings overlap, the more specific one is kept. */
  readonly priorities?: ReadonlyMap<string, number>;
}

/** Drops allowed findings, then those a more specific finding covers, then duplicates (same rule, place and commit), then sorts by place. */
export function filterFindings(findings: readonly Finding[], context: FilterContext): Finding[] {
  const kept = firstIntroductions(
    findings.filter((finding) => !isInlineAllowed(finding) && !context.allowlists.some((allow) => isGloballyAllowed(allow, finding))),
  );
  const seen = new Set<string>();
  const unique = withoutOverlaps(kept, context.priorities ?? new Map()).filter((finding) => {
    const key = `${finding.ruleId}\0${finding.path}\0${finding.start.line}:${finding.start.column}\0${finding.commit?.sha ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort(compareFindings);
  if (!context.reuse) return unique;
  return [...unique, ...credentialReuseFindings(unique, context.reuse)].sort(compareFindings);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.commit?.sha ?? "").localeCompare(b.commit?.sha ?? "")
  );
}
