// Structural checks a rule may name in its `check` field: offline tests on the secret that a regex
// cannot express (a checksum, what a base64 value decodes to). A candidate that fails its check is
// not a secret of that kind, so the check removes false alarms without costing recall.
import { shannonEntropy } from "./entropy.js";

export type SecretCheck = (secret: string) => boolean;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE, as zlib) of a string's UTF-8 bytes. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base 62 (0-9A-Za-z), left-padded with zeros to `width`. */
export function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  do {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

/**
 * GitHub's and npm's token format: prefix_ + 30 random base62 characters + the base62 CRC-32 of those
 * 30 characters in 6 characters. A hand-typed or truncated token fails it.
 */
export function hasPrefixedCrc32(token: string): boolean {
  const at = token.indexOf("_");
  const body = token.slice(at + 1);
  if (at < 0 || body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function decodeBase64(value: string): Buffer | undefined {
  const clean = value.replace(/\\[rn]|\s/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** A value that is base64 of exactly `bytes` bytes (Kraken and Coinbase secrets are). */
function base64OfBytes(bytes: number): SecretCheck {
  return (secret) => decodeBase64(secret)?.length === bytes;
}

function jsonOf(part: string): unknown {
  const bytes = decodeBase64(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * A JWT whose header is JSON naming an algorithm and whose payload is a JSON object. A Supabase
 * "anon" key is a JWT that is public by design (it ships to browsers), so it is not reported.
 */
function isJwt(token: string): boolean {
  const [header, payload] = token.split(".");
  const head = jsonOf(header ?? "") as { alg?: unknown } | undefined;
  const body = jsonOf(payload ?? "") as { role?: unknown } | undefined;
  if (typeof head !== "object" || head === null || typeof head.alg !== "string") return false;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  return body.role !== "anon";
}

const SECP256K1_ORDER = BigInt("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

/** A 32-byte hex value that is a valid secp256k1 private key (0 < k < n). */
function isEvmPrivateKey(secret: string): boolean {
  const hex = secret.replace(/^0x/i, "");
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const key = BigInt(`0x${hex}`);
  return key > 0n && key < SECP256K1_ORDER;
}

/**
 * A key block with a real body: at least 64 base64 characters between its armour lines (after
 * headers such as Proc-Type and JSON \n escapes are removed), random enough to be key material.
 * Documentation shows the armour around "..." or "MIIE…" instead.
 */
function hasKeyBody(block: string): boolean {
  if (/\.\.\.|…/.test(block)) return false;
  const body = block
    .replace(/\\r|\\n/g, "\n")
    .split(/\r?\n|\r/)
    .filter((line) => !/^\s*-{4,5}\s?(?:BEGIN|END)\b/.test(line) && !/^\s*[A-Za-z-]+:\s/.test(line))
    .join("")
    .replace(/[\s"',\\]/g, "");
  return body.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(body) && shannonEntropy(body) >= 4.5;
}

/** Passwords that documentation, tutorials and default installs use: never a leak of their own. */
const DEFAULT_PASSWORDS = new Set(
  ("password passwd pass pwd pw secret s3cr3t changeme changeit guest postgres root toor admin administrator " +
    "test testing tester user username example demo default mysql mariadb redis rabbitmq minio minioadmin " +
    "admin123 letmein foobar foo bar baz qwerty 123456 12345678 p@ssw0rd p@ssword passw0rd password1 " +
    "password123 hunter2 sa dev development local app docker airflow superset keycloak grafana elastic " +
    "mongo mongodb neo4j oracle sonar jenkins gitlab nexus vagrant ubuntu pi raspberry secret123 " +
    "mysecretpassword mypassword yourpassword supersecret topsecret")
    .split(" "),
);
const PLACEHOLDER_WORDS = /pass|secret|pwd|key|token|user|admin|example|test|demo|dummy|sample|change|default|your|^my/i;

/** A URL's password as typed: pass%2Fword -> pass/word. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "s3cr3t" -> "secret", "p@$$w0rd" -> "password": how placeholders dress up. */
function unLeet(text: string): string {
  const plain: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s" };
  return text.replace(/[013457@$]/g, (char) => plain[char]!);
}

/**
 * A password that is a real one: not a well-known default, and not a readable placeholder
 * ("app_password", "your-db-pass"); a person's "Summer2024!" still counts.
 */
export function isRealPassword(password: string): boolean {
  if (password.length < 4 || DEFAULT_PASSWORDS.has(password.toLowerCase())) return false;
  const plain = unLeet(percentDecoded(password));
  return (looksRandom(password) && looksRandom(plain)) || !PLACEHOLDER_WORDS.test(plain);
}

/** HTTP basic credentials: base64 of "user:password" with a real password. */
function isBasicCredential(secret: string): boolean {
  const text = decodeBase64(secret)?.toString("utf8");
  const pair = text === undefined ? null : /^([\x20-\x7e]*):([\x20-\x7e]+)$/.exec(text);
  return pair !== null && pair[1] !== pair[2] && isRealPassword(pair[2]!);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value that looks generated rather than typed: not made only of words and numbers
 * ("MySecretPassword2024", "prod-db-password"), which is what names and placeholders look like.
 * Random characters break into one-letter runs almost at once.
 */
export function looksRandom(secret: string): boolean {
  if (UUID.test(secret)) return true; // a version 4 UUID is random, whatever its chunks look like
  const chunks = secret.split(/[_\-./+=~:]+/).filter((chunk) => chunk !== "");
  if (chunks.length === 0) return false;
  // A word or words (lower, UPPER, Capitalised, camelCase), maybe with a number before or after.
  // (Not (?:[A-Z]?[a-z]+)+: lower-case words can split a run of letters in 2^n ways, and a long
  // lower-case value that fails at its end then takes minutes. Same language, one way to match.)
  const wordy = /^\d*(?:[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[A-Z]+)?\d*$/;
  if (chunks.every((chunk) => wordy.test(chunk))) return false;
  if (hasTypedRun(secret)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((kind) => kind.test(secret)).length;
  return classes >= 2;
}

const RUNS = ["abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "0123456789", "9876543210"];

/**
 * Six letters or six digits in alphabet, keyboard or counting order, even with other characters
 * between them ("q8w7e6r5t4y3", "abc123def456"): what a person types to fill a field.
 */
function hasTypedRun(secret: string): boolean {
  const letters = secret.toLowerCase().replace(/[^a-z]/g, "");
  const digits = secret.replace(/\D/g, "");
  return RUNS.some((run) => {
    const from = run.startsWith("0") || run.startsWith("9") ? digits : letters;
    for (let i = 0; i + 6 <= run.length; i++) if (from.includes(run.slice(i, i + 6))) return true;
    return false;
  });
}

const CHECKS: Record<string, SecretCheck> = {
  "github-crc32": hasPrefixedCrc32,
  "npm-crc32": hasPrefixedCrc32,
  jwt: isJwt,
  "evm-private-key": isEvmPrivateKey,
  "private-key-body": hasKeyBody,
  "basic-auth": isBasicCredential,
  random: looksRandom,
  password: isRealPassword,
  // An identifier, not a credential, where a rule cannot tell them apart by name.
  "not-uuid": (secret) => !UUID.test(secret),
};

/** The check a rule names: "github-crc32", "base64-bytes:64", …; undefined when unknown. */
export function secretCheck(name: string): SecretCheck | undefined {
  const bytes = /^base64-bytes:(\d+)$/.exec(name);
  if (bytes) return base64OfBytes(Number(bytes[1]));
  return CHECKS[name];
}

export const CHECK_NAMES = [...Object.keys(CHECKS), "base64-bytes:N"];
