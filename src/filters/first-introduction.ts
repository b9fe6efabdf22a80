// History reports a leak once, where it entered: of the findings with the same rule, path and value
// (one fingerprint) in different commits, those from the earliest commit of the walk are kept
// (commit.ordinal: the history source walks oldest first). Findings may arrive in any order
// (worker threads), so the choice does not depend on it.
import type { Finding } from "../model.js";

const ordinalOf = (finding: Finding): number => finding.commit?.ordinal ?? Number.MAX_SAFE_INTEGER;

export function firstIntroductions(findings: readonly Finding[]): Finding[] {
  const earliest = new Map<string, number>();
  for (const finding of findings) {
    if (finding.origin !== "history") continue;
    const known = earliest.get(finding.fingerprint);
    if (known === undefined || ordinalOf(finding) < known) earliest.set(finding.fingerprint, ordinalOf(finding));
  }
  return findings.filter((finding) => finding.origin !== "history" || earliest.get(finding.fingerprint) === ordinalOf(finding));
}
