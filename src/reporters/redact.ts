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
  const occurrences = secretFinder([...new Set(secrets)].filter((secret) => secret.length > 0));
  // Every occurrence of every secret is found in the original text first, and overlapping ones are
  // redacted as one: replacing one secret after another would break a secret that overlaps an
  // earlier one and leave its other part raw.
  const text = (value: string): string => {
    let result = "";
    let at = 0;
    for (const span of mergedSpans(occurrences(value))) {
      result += value.slice(at, span.start) + redactSecret(value.slice(span.start, span.end));
      at = span.end;
    }
    return at === 0 ? value : result + value.slice(at);
  };
  return {
    text,
    finding: (finding) => ({ ...finding, secret: redactSecret(finding.secret), line: text(finding.line) }),
  };
}

interface Occurrence {
  start: number;
  end: number;
}

/**
 * Where the secrets occur in a text, the longest at each offset. Secrets are looked up by their
 * first characters, so the cost grows with the text, not with text × number of secrets (a history
 * scan can find thousands, and every finding's context is redacted).
 */
function secretFinder(secrets: readonly string[]): (text: string) => Occurrence[] {
  if (secrets.length === 0) return () => [];
  const keyLength = Math.min(4, ...secrets.map((secret) => secret.length));
  const byKey = new Map<string, string[]>();
  for (const secret of secrets) {
    const key = secret.slice(0, keyLength);
    const list = byKey.get(key);
    if (list) list.push(secret);
    else byKey.set(key, [secret]);
  }
  return (text) => {
    const found: Occurrence[] = [];
    for (let i = 0; i + keyLength <= text.length; i++) {
      const candidates = byKey.get(text.slice(i, i + keyLength));
      if (!candidates) continue;
      let longest = 0;
      for (const secret of candidates) if (secret.length > longest && text.startsWith(secret, i)) longest = secret.length;
      if (longest > 0) found.push({ start: i, end: i + longest });
    }
    return found;
  };
}

/** Occurrences (in order of start) joined where they overlap. */
function mergedSpans(occurrences: readonly Occurrence[]): Occurrence[] {
  const merged: Occurrence[] = [];
  for (const next of occurrences) {
    const last = merged[merged.length - 1];
    if (last && next.start < last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

export function redactResult(result: ScanResult, redactor: Redactor): ScanResult {
  return {
    ...result,
    findings: result.findings.map(redactor.finding),
    errors: result.errors.map(redactor.text),
    warnings: result.warnings.map(redactor.text),
  };
}
