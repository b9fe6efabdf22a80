// The structural checks rules name in `check` (src/engine/checks.ts).
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { base62, crc32, hasPrefixedCrc32, isRealPassword, looksRandom, secretCheck } from "../../src/engine/checks.js";
import { fake } from "../helpers/fake-secrets.js";

const check = (name: string) => {
  const found = secretCheck(name);
  if (!found) throw new Error(`no check ${name}`);
  return found;
};

/** prefix_ + 30 random base62 + their CRC-32 in base 62, computed with zlib (not the code under test). */
function checksummed(prefix: string, body = fake.alnum(30)): string {
  let value = zlibCrc32(body);
  let sum = "";
  do {
    sum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"[value % 62] + sum;
    value = Math.floor(value / 62);
  } while (value > 0);
  return `${prefix}${body}${sum.padStart(6, "0")}`;
}

describe("CRC-32 tokens (GitHub, npm)", () => {
  it("computes the standard CRC-32 and base 62", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(base62(0, 6)).toBe("000000");
    expect(base62(62 * 62 + 1, 3)).toBe("101");
  });

  it("accepts a token whose last six characters are the checksum of the thirty before", () => {
    for (const prefix of ["ghp_", "gho_", "ghs_", "npm_"]) expect(hasPrefixedCrc32(checksummed(prefix))).toBe(true);
    expect(check("github-crc32")(checksummed("ghp_"))).toBe(true);
    expect(check("npm-crc32")(checksummed("npm_"))).toBe(true);
  });

  it("rejects a token with one character changed, or of the wrong length", () => {
    const token = checksummed("ghp_", "a".repeat(29) + "b");
    const changed = token.slice(0, 10) + (token[10] === "a" ? "c" : "a") + token.slice(11);
    expect(hasPrefixedCrc32(changed)).toBe(false);
    expect(hasPrefixedCrc32(`ghp_${fake.alnum(36)}`.replace(/.{6}$/, "zzzzzz"))).toBe(false);
    expect(hasPrefixedCrc32(token.slice(0, -1))).toBe(false);
  });
});

describe("decoding checks", () => {
  it("base64-bytes:N wants exactly N bytes", () => {
    const bytes64 = Buffer.alloc(64, 7).toString("base64");
    expect(check("base64-bytes:64")(bytes64)).toBe(true);
    expect(check("base64-bytes:42")(bytes64)).toBe(false);
    expect(check("base64-bytes:64")("not base64 at all!")).toBe(false);
  });

  it("jwt wants a JSON header with alg and a JSON object payload, and skips public anon keys", () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const header = part({ alg: "HS256", typ: "JWT" });
    expect(check("jwt")(`${header}.${part({ sub: fake.alnum(8) })}.${fake.alnum(43)}`)).toBe(true);
    expect(check("jwt")(`${part({ typ: "JWT" })}.${part({ sub: "x" })}.${fake.alnum(43)}`)).toBe(false);
    expect(check("jwt")(`${header}.${part({ role: "anon" })}.${fake.alnum(43)}`)).toBe(false);
    expect(check("jwt")(`${header}.bm90IGpzb24.${fake.alnum(43)}`)).toBe(false);
  });

  it("basic-auth wants user:password with a real password", () => {
    const basic = (text: string) => Buffer.from(text).toString("base64");
    expect(check("basic-auth")(basic(`ci:${fake.alnum(16)}`))).toBe(true);
    expect(check("basic-auth")(basic("user:password"))).toBe(false);
    expect(check("basic-auth")(basic("guest:guest"))).toBe(false);
    expect(check("basic-auth")(basic("no colon here"))).toBe(false);
  });

  it("evm-private-key wants 0 < key < the secp256k1 order", () => {
    expect(check("evm-private-key")(`0x${fake.hex(64).replace(/^./, "1")}`)).toBe(true);
    expect(check("evm-private-key")(`0x${"0".repeat(64)}`)).toBe(false);
    expect(check("evm-private-key")("f".repeat(64))).toBe(false);
  });

  it("private-key-body wants real key material between the armour lines", () => {
    const block = fake.privateKey("EC");
    expect(check("private-key-body")(block)).toBe(true);
    expect(check("private-key-body")(block.replace(/\n/g, "\\n"))).toBe(true);
    const elided = ["-----BEGIN PRIVATE", " KEY-----\nMIIEvQIBADANBg...\n-----END PRIVATE", " KEY-----"].join("");
    expect(check("private-key-body")(elided)).toBe(false);
  });
});

describe("random-looking values", () => {
  it("accepts generated values of many alphabets", () => {
    for (const value of [fake.alnum(20), fake.hex(32), fake.alnum(40).toUpperCase(), `${fake.alnum(10)}/${fake.alnum(10)}+${fake.alnum(8)}`]) {
      expect(looksRandom(value), value).toBe(true);
    }
  });

  it("rejects words and numbers, camelCase, snake_case and typed runs", () => {
    for (const value of ["MySecretPassword2024", "prod_db_password_01", "correct-horse-battery-staple", "SECRETKEY", "q8w7e6r5t4y3u2i1", "abc123def456ghi", "1234567890123456"]) {
      expect(looksRandom(value), value).toBe(false);
    }
  });

  it("password keeps a person's password but not defaults and placeholders", () => {
    expect(isRealPassword("Summer2024!")).toBe(true);
    expect(isRealPassword(fake.alnum(12))).toBe(true);
    for (const value of ["postgres", "P@ssw0rd", "app_password", "s3cr3t_value", "changeme", "key_1234", "pass%2Fword"]) {
      expect(isRealPassword(value), value).toBe(false);
    }
  });

  it("not-uuid rejects UUIDs only", () => {
    expect(check("not-uuid")(`${fake.hex(8)}-${fake.hex(4)}-${fake.hex(4)}-${fake.hex(4)}-${fake.hex(12)}`)).toBe(false);
    expect(check("not-uuid")(fake.hex(32))).toBe(true);
  });

  it("names no check for an unknown name", () => {
    expect(secretCheck("nope")).toBeUndefined();
  });
});
