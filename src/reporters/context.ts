// What every reporter gets besides the (already redacted) result.
import type { Finding, Rule } from "../model.js";

export interface ReportContext {
  readonly version: string;
  readonly color: boolean;
  /** Every rule that ran, for formats that describe rules (SARIF). */
  readonly rules: readonly Rule[];
}

export type Reporter = (result: import("../model.js").ScanResult, context: ReportContext) => string;

const DEFAULT_REMEDY = {
  content: "Rotate this secret at its provider first (deleting it does not help once pushed), then move the value to .env or a secret manager.",
  path: "Untrack the file (git rm --cached <path>), add it to .gitignore, and rotate whatever it held.",
  policy: "Move this reference to the service allowed to use it, or ask Security to widen the scope in .leakgate.toml.",
} as const;

/** The one-line remedy for a finding: the rule's own, or the default for its kind. */
export function remedyOf(finding: Finding): string {
  return finding.remedy ?? DEFAULT_REMEDY[finding.kind];
}
