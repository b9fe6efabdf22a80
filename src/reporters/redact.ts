// Redaction comes before every format: reporters only ever see redacted findings, so no format
// can leak a secret by forgetting to mask it. A redacted secret keeps a prefix that names its kind,
// at most two characters of the random part, and its length: `sk-or-v1-a3…(73 chars)`.
import type { Finding, ScanResult } from "../model.js";

/** Prefixes that name a kind of token and carry no secret themselves. */
const KNOWN_PREFIX =
  /^(?:-----BEGIN [A-Z0-9 ]{1,40}-----|sk-or-v1-|sk-ant-(?:api|admin)\d\d-|sk-proj-|sk-svcacct-|sk-admin-|sk_live_|sk_test_|rk_live_|rk_test_|pk_live_|pk_test_|whsec_|xox[a-z]-|xoxe\.xox[a-z]-|xapp-|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|npm_|pypi-|AKIA|ASIA|AIza|ya29\.|SG\.|sk-|eyJ|hooks\.slack\.com\/|https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/|organizations\/|0x|PuTTY-User-Key-File-\d: )/;
const URL_PREFIX = /^[a-z][a-z0-9+.-]*:\/\//i;
const RANDOM_CHARS_SHOWN = 2;

export function redactSecret(secret: string): string {
  if (secret === "") return "";
  const chars = [...secret];
  let prefix = KNOWN_PREFIX.exec(secret)?.[0] ?? URL_PREFIX.exec(secret)?.[0] ?? "";
  if (prefix.length >= secret.length) prefix = "";
  const rest = [...secret.slice(prefix.length)];
  // A short secret (a password) shows nothing of itself; a long random one shows two characters;
  // a multi-line one (a key block) shows none, and the context never gets a broken line.
  const shown = rest.length >= 16 && !/\s/.test(secret) ? rest.slice(0, RANDOM_CHARS_SHOWN).join("") : "";
  return `${prefix}${shown}…(${chars.length} chars)`;
}

export interface Redactor {
  /** Replaces every known secret in `text` by its redacted form. */
  text(text: string): string;
  finding(finding: Finding): Finding;
}

/**
 * A redactor for a set of secrets: every secret the engine found, including those later allowed,
 * so that one finding's context line never shows another's value.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const longestFirst = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let result = value;
    for (const secret of longestFirst) {
      if (result.includes(secret)) result = result.split(secret).join(redactSecret(secret));
    }
    return result;
  };
  return {
    text,
    finding: (finding) => ({ ...finding, secret: redactSecret(finding.secret), line: text(finding.line) }),
  };
}

export function redactResult(result: ScanResult, redactor: Redactor): ScanResult {
  return {
    ...result,
    findings: result.findings.map(redactor.finding),
    errors: result.errors.map(redactor.text),
    warnings: result.warnings.map(redactor.text),
  };
}
