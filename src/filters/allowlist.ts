// The global allowlist (built-in and the user's [allow]): paths, regexes and stopwords that make
// any content finding harmless. Path findings are only allowed by path.
import type { AllowList, Finding } from "../model.js";

export function isGloballyAllowed(allow: AllowList, finding: Finding): boolean {
  if (allow.paths(finding.path)) return true;
  if (finding.kind !== "content") return false;
  const secret = finding.secret.toLowerCase();
  if (allow.stopwords.some((word) => secret.includes(word))) return true;
  const target = allow.regexTarget === "line" ? finding.line : finding.secret;
  return allow.regexes.some((regex) => regex.test(target));
}
