// A line that says it is allowed is not reported: leakgate's own marker, and the ones teams
// already have from gitleaks and detect-secrets, so switching needs no edits.
import type { Finding } from "../model.js";

const MARKERS = /leakgate:allow|gitleaks:allow|pragma: allowlist secret/;

export function isInlineAllowed(finding: Finding): boolean {
  return finding.kind === "content" && MARKERS.test(finding.line);
}
