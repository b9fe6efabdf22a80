// The chain of small pure filters between the engine and the reporters.
import type { AllowList, Finding } from "../model.js";
import { isGloballyAllowed } from "./allowlist.js";
import { isInlineAllowed } from "./inline-allow.js";

export interface FilterContext {
  readonly allowlists: readonly AllowList[];
}

/** Drops allowed findings, then duplicates (same rule, place and commit), then sorts by place. */
export function filterFindings(findings: readonly Finding[], context: FilterContext): Finding[] {
  const kept = findings.filter(
    (finding) => !isInlineAllowed(finding) && !context.allowlists.some((allow) => isGloballyAllowed(allow, finding)),
  );
  const seen = new Set<string>();
  const unique = kept.filter((finding) => {
    const key = `${finding.ruleId}\0${finding.path}\0${finding.start.line}:${finding.start.column}\0${finding.commit?.sha ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(compareFindings);
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
