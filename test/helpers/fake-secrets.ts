// Token-shaped test values, built from parts at test time so the repository never holds a whole
// token. Each call returns a fresh random value of the right shape.
import { randomBytes } from "node:crypto";

const pick = (alphabet: string, length: number): string => {
  const bytes = randomBytes(length * 2);
  let out = "";
  for (let i = 0; out.length < length; i++) out += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return out;
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
