// Rule examples are templates, so the repository never holds a whole token:
//   <<hex:64>>   64 random lower-case hex characters (also HEX, alnum, lower, upper, digits,
//                letters, b64, b64url, base62, bech32, b32)
//   <<secret>>   the example's expanded `secret`
//   <<crc32:ghp_>> a prefix, 30 random base62 characters and their base62 CRC-32 (GitHub, npm tokens)
//   <<basicauth:16>> base64 of "ci-user:" and a 16-character random password (HTTP Basic)
//   <<json64:16>> base64url of a small JSON object with a 16-character random value (a JWT's parts)
// Generation is seeded by a string, so a failing example fails the same way every run.
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

const ALPHABETS: Record<string, string> = {
  hex: "0123456789abcdef",
  HEX: "0123456789ABCDEF",
  digits: "0123456789",
  lower: "abcdefghijklmnopqrstuvwxyz0123456789",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  letters: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  alnum: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
  base62: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
  b64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  b64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  bech32: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
  b32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
};

/** A deterministic stream of random bytes from a seed. */
export function seededRandom(seed: string): () => number {
  let counter = 0;
  let pool: Buffer = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at >= pool.length) {
      pool = createHash("sha256").update(`${seed}:${counter++}`).digest();
      at = 0;
    }
    return pool[at++]!;
  };
}

/** `length` characters of `alphabet`, from the random stream. */
export function randomString(next: () => number, alphabet: string, length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = next();
    // Rejection sampling keeps every character equally likely.
    if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
  }
  return out;
}

const GENERATOR = /<<([A-Za-z0-9]+):(\d+)>>/g;
const CRC32_TOKEN = /<<crc32:([a-z_]+)>>/g;
const JSON64 = /<<json64:(\d+)>>/g;
const BASIC_AUTH = /<<basicauth:(\d+)>>/g;
const BASE62 = ALPHABETS["base62"]!;

/** Base 62, left-padded to 6 characters: the checksum part of GitHub and npm tokens. */
function checksum62(body: string): string {
  let value = crc32(body);
  let out = "";
  do {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(6, "0");
}

export function expandTemplate(template: string, seed: string, secret?: string): string {
  const next = seededRandom(seed);
  return template
    .replace(CRC32_TOKEN, (_, prefix: string) => {
      const body = randomString(next, BASE62, 30);
      return `${prefix}${body}${checksum62(body)}`;
    })
    .replace(BASIC_AUTH, (_, count: string) =>
      Buffer.from(`ci-user:${randomString(next, ALPHABETS["alnum"]!, Number(count))}`).toString("base64"),
    )
    .replace(JSON64, (_, count: string) =>
      Buffer.from(JSON.stringify({ sub: randomString(next, ALPHABETS["alnum"]!, Number(count)), iat: 1700000000 })).toString("base64url"),
    )
    .replace(GENERATOR, (whole, name: string, count: string) => {
      const alphabet = ALPHABETS[name];
      if (!alphabet) throw new Error(`unknown generator ${whole} in example template`);
      return randomString(next, alphabet, Number(count));
    })
    .replace(/<<secret>>/g, () => {
      if (secret === undefined) throw new Error("<<secret>> used in an example without a secret");
      return secret;
    });
}

export interface ExpandedExample {
  readonly text: string;
  readonly secret: string | undefined;
  readonly path: string | undefined;
}

export function expandExample(example: { text?: string; secret?: string; path?: string }, seed: string): ExpandedExample {
  const secret = example.secret === undefined ? undefined : expandTemplate(example.secret, `${seed}:secret`);
  return {
    text: example.text === undefined ? "" : expandTemplate(example.text, `${seed}:text`, secret),
    secret,
    path: example.path,
  };
}
