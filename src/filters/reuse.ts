// Credential reuse: one secret value found in two scopes (services) is a finding of its own, because
// a credential shared by the execution runtime and an auxiliary job cannot be revoked for one alone.
// Values are compared by their keyed hash; the finding names the places, never the value.
import type { Finding, RelatedLocation, Severity } from "../model.js";
import type { Fingerprinter } from "./fingerprint.js";

export const REUSE_RULE_ID = "credential-reuse";

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const REMEDY =
  "Give each service its own credential: issue a new one for all but one of these places and revoke the shared one, so that a leak in one service cannot be used in the other.";

export interface ReuseContext {
  /** The scope (service folder) a path belongs to. */
  readonly scopeOf: (path: string) => string;
  readonly fingerprints: Fingerprinter;
  /**
   * Findings made elsewhere that count as the "other place" but are not reported themselves: for a
   * staged scan, the values of the committed tree. A reuse is reported only when one of its places
   * is among the reported findings.
   */
  readonly elsewhere?: readonly Finding[];
}

interface Place {
  readonly finding: Finding;
  readonly scope: string;
  readonly reported: boolean;
}

/** One credential-reuse finding per value found in two or more scopes, at its first reported place (in the order given). */
export function credentialReuseFindings(findings: readonly Finding[], context: ReuseContext): Finding[] {
  const byValue = new Map<string, Place[]>();
  const add = (finding: Finding, reported: boolean): void => {
    if (finding.kind !== "content" || finding.secret === "") return;
    const key = context.fingerprints.value(finding.secret);
    const places = byValue.get(key) ?? [];
    places.push({ finding, scope: context.scopeOf(finding.path), reported });
    byValue.set(key, places);
  };
  for (const finding of findings) add(finding, true);
  for (const finding of context.elsewhere ?? []) add(finding, false);

  const reuses: Finding[] = [];
  for (const places of byValue.values()) {
    const primary = places.find((place) => place.reported);
    if (!primary) continue;
    // The first place of each scope stands for it; the primary's scope comes first.
    const firstOfScope = new Map<string, Place>([[primary.scope, primary]]);
    for (const place of places) if (!firstOfScope.has(place.scope)) firstOfScope.set(place.scope, place);
    if (firstOfScope.size < 2) continue;
    reuses.push(reuseFinding(primary, [...firstOfScope.values()].slice(1), places, context.fingerprints));
  }
  return reuses;
}

function reuseFinding(primary: Place, others: readonly Place[], all: readonly Place[], fingerprints: Fingerprinter): Finding {
  const { finding } = primary;
  const scopes = [primary, ...others].map((place) => place.scope);
  const places = [primary, ...others].map((place) => `${place.scope} (${where(place.finding)})`);
  const severity = all.map((place) => place.finding.severity).sort((a, b) => RANK[a] - RANK[b])[0]!;
  const related: RelatedLocation[] = others.map(({ finding: other, scope }) => ({
    path: other.path,
    start: other.start,
    end: other.end,
    ...(other.commit ? { commit: other.commit } : {}),
    label: `the same value in ${scope}`,
  }));
  return {
    ruleId: REUSE_RULE_ID,
    description: `The same secret (${finding.description}) is used in ${scopes.length} scopes: ${places.join(", ")}`,
    severity,
    kind: "policy",
    path: finding.path,
    start: finding.start,
    end: finding.end,
    secret: finding.secret,
    line: finding.line,
    fingerprint: fingerprints.finding(REUSE_RULE_ID, [...scopes].sort().join("\n"), finding.secret),
    origin: finding.origin,
    ...(finding.commit ? { commit: finding.commit } : {}),
    remedy: REMEDY,
    related,
  };
}

function where(finding: Finding): string {
  const commit = finding.commit ? ` in commit ${finding.commit.sha.slice(0, 12)}` : "";
  return `${finding.path}:${finding.start.line}${commit}`;
}
