// Token-shaped test values, built from parts at test time so the repository never holds a whole
// token. Each call returns a fresh random value of the right shape.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

/**
 * Whether a random value could pass for a placeholder: rules/allow.toml drops a value with a
 * character six times in a row, or a typed sequence (0123456...). One key in a few thousand drew
 * such a run, and a test that counted its findings failed now and then.
 */
const looksTyped = (value: string): boolean => {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    same = step === 0 ? same + 1 : 1;
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (same >= 4 || up >= 5 || down >= 5) return true;
  }
  return false;
};

/**
 * Whether the built-in allowlist (rules/allow.toml) would drop the value. A random 43-character
 * key holds a stopword such as "dummy" or "fixme" (in any case) about once in 400,000 draws.
 */
const builtinAllow = (parse(readFileSync(new URL("../../rules/allow.toml", import.meta.url), "utf8")) as { allow: { stopwords: string[]; regexes: string[] } }).allow;
const allowRegexes = builtinAllow.regexes.map((source) => new RegExp(source));
const allowed = (value: string): boolean => {
  const lower = value.toLowerCase();
  return builtinAllow.stopwords.some((word) => lower.includes(word)) || allowRegexes.some((regex) => regex.test(value));
};

const pick = (alphabet: string, length: number): string => {
  for (;;) {
    const bytes = randomBytes(length * 2);
    let out = "";
    for (let i = 0; out.length < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
    if (!looksTyped(out) && !allowed(out)) return out;
  }
};
const HEX = "0123456789abcdef";
const DIGITS = "0123456789";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64 = `${ALNUM}+/`;

export const fake = {
  openrouterKey: (): string => ["sk", "or", "v1", pick(HEX, 64)].join("-"),
  slackBotToken: (): string => ["xo" + "xb", pick(DIGITS, 12), pick(DIGITS, 13), pick(ALNUM, 24)].join("-"),
  privateKey: (kind = "RSA"): string =>
    [`-----BEGIN ${kind} PRIVATE` + " KEY-----", ...Array.from({ length: 4 }, () => pick(B64, 64)), `-----END ${kind} PRIVATE` + " KEY-----"].join("\n"),
  hex: (length: number): string => pick(HEX, length),
  alnum: (length: number): string => pick(ALNUM, length),
  digits: (length: number): string => pick(DIGITS, length),
};
