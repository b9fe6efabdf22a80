// Rule examples are templates, so the repository never holds a whole token:
//   <<hex:64>>   64 random lower-case hex characters (also HEX, alnum, lower, upper, digits,
//                letters, b64, b64url, base62)
//   <<secret>>   the example's expanded `secret`
// Generation is seeded by a string, so a failing example fails the same way every run.
import { createHash } from "node:crypto";

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

export function expandTemplate(template: string, seed: string, secret?: string): string {
  const next = seededRandom(seed);
  return template
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
