// Credential reuse for the pre-commit gate: a staged secret is compared with the whole tree the commit
// will hold (the index), not only with the other staged changes, so copying the gateway's key into a
// job is caught when the job is staged. The tree's own findings count as places, never as findings.
import type { FragmentScanner } from "../engine/scan.js";
import type { Fingerprinter } from "../filters/fingerprint.js";
import { compareFindings, filterFindings } from "../filters/index.js";
import { credentialReuseFindings } from "../filters/reuse.js";
import type { AllowList, Finding, Source } from "../model.js";
import type { ReuseSettings } from "../rules/reuse.js";

export interface StagedReuseContext {
  readonly scanner: FragmentScanner;
  readonly allowlists: readonly AllowList[];
  readonly reuse: ReuseSettings;
  readonly fingerprints: Fingerprinter;
  /** The tree the commit will hold; read only when a staged finding carries a value. */
  readonly tree: () => Source;
}

/** The staged findings plus one credential-reuse finding per staged value also found in another scope. */
export async function withStagedReuse(findings: readonly Finding[], context: StagedReuseContext): Promise<Finding[]> {
  if (!findings.some((finding) => finding.kind === "content" && finding.secret !== "")) return [...findings];
  const raw: Finding[] = [];
  for await (const fragment of context.tree()) {
    raw.push(...context.scanner.scanFragment(fragment).filter((finding) => finding.kind === "content"));
  }
  const elsewhere = filterFindings(raw, { allowlists: context.allowlists });
  const reuses = credentialReuseFindings(findings, { scopeOf: context.reuse.scopeOf, fingerprints: context.fingerprints, elsewhere });
  return [...findings, ...reuses].sort(compareFindings);
}
