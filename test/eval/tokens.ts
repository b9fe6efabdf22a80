// Token values for the evaluation repository, made at run time from a seeded stream so that no
// whole token is ever written in this repository. Shapes follow ../shared/reference/token-formats.md;
// where a format carries a structure (GitHub/npm CRC32, EC and Ed25519 keys, PGP CRC24, the base64
// body of Slack config tokens) the value carries it too, so a rule that checks structure is tested.
import { createECDH, createPrivateKey } from "node:crypto";
import { ALPHABET, type Rng } from "./random.js";

const A = ALPHABET;
const dash = (...parts: string[]): string => parts.join("-");
const under = (...parts: string[]): string => parts.join("_");

// ---- checksums -------------------------------------------------------------------------------

const CRC32_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC32_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0) {
    out = A.base62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, "0");
}

/** GitHub's token scheme (also npm's): prefix + 30 random base62 + base62(crc32(those 30)). */
export function checksummedToken(rng: Rng, prefix: string, valid = true): string {
  const body = rng.chars(A.alnum, 30);
  const sum = crc32(body);
  return `${prefix}${body}${base62(valid ? sum : (sum + 1 + rng.int(1000)) >>> 0, 6)}`;
}

function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

// ---- small shapes ----------------------------------------------------------------------------

export const hex = (rng: Rng, n: number): string => rng.chars(A.hex, n);
export const alnum = (rng: Rng, n: number): string => rng.chars(A.alnum, n);
export const digits = (rng: Rng, n: number): string => rng.chars(A.digits, n);
export const b64 = (rng: Rng, bytes: number): string => rng.bytes(bytes).toString("base64");
export const b64url = (rng: Rng, bytes: number): string => rng.bytes(bytes).toString("base64url");
export const uuid = (rng: Rng): string => {
  const h = hex(rng, 32);
  const v = `4${h.slice(13, 16)}`;
  const variant = "89ab"[rng.int(4)]! + h.slice(17, 20);
  return dash(h.slice(0, 8), h.slice(8, 12), v, variant, h.slice(20, 32));
};
/** An alnum string guaranteed to hold upper, lower and digits, like real generated keys. */
export function mixedAlnum(rng: Rng, n: number): string {
  for (;;) {
    const s = alnum(rng, n);
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s)) return s;
  }
}

// ---- LLM, cloud, hosting, payment --------------------------------------------------------------

export const openrouterKey = (rng: Rng): string => dash("sk", "or", "v1", hex(rng, 64));
export const openaiKey = (rng: Rng): string => {
  const kind = rng.pick(["proj", "svcacct", "admin"]);
  const part = (n: number): string => rng.chars(`${A.alnum}-_`, n).replace(/^[-_]/, "A");
  const n = rng.pick([74, 58]);
  return dash("sk", kind, `${part(n)}${"T3Blbk" + "FJ"}${part(n)}`);
};
export const anthropicKey = (rng: Rng): string =>
  dash("sk", "ant", rng.pick(["api03", "api03", "admin01"]), `${rng.chars(`${A.alnum}-_`, 93).replace(/^[-_]/, "Q")}AA`);
export const awsKeyId = (rng: Rng, prefix = "AKIA"): string => `${prefix}${rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
export const awsSecret = (rng: Rng): string => {
  for (;;) {
    const s = rng.chars(`${A.alnum}/+`, 40);
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s)) return s;
  }
};
export const awsSessionToken = (rng: Rng): string =>
  `${rng.pick(["IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE"])}${rng.bytes(rng.between(280, 420)).toString("base64")}`;
export const githubToken = (rng: Rng, valid = true): string =>
  checksummedToken(rng, `${rng.pick(["ghp", "ghp", "gho", "ghu", "ghs", "ghr"])}_`, valid);
export const githubFineGrained = (rng: Rng): string => under("github", "pat", `${alnum(rng, 22)}`, alnum(rng, 59));
export const npmToken = (rng: Rng, valid = true): string => checksummedToken(rng, "npm_", valid);
export const googleApiKey = (rng: Rng): string => `${"AI" + "za"}${rng.chars(`${A.alnum}-_`, 35)}`;
export const stripeSecret = (rng: Rng): string =>
  rng.chance(0.5)
    ? under(rng.pick(["sk", "rk"]), "live", `51${mixedAlnum(rng, rng.pick([97, 97, 24]))}`)
    : under(rng.pick(["sk", "rk"]), "live", mixedAlnum(rng, 24));
export const stripeWebhook = (rng: Rng): string => under("whsec", mixedAlnum(rng, 32));
export function jwt(rng: Rng): string {
  const rs = rng.chance(0.4);
  const header = rs ? { alg: "RS256", typ: "JWT", kid: hex(rng, 16) } : { alg: "HS256", typ: "JWT" };
  const iat = 1_700_000_000 + rng.int(40_000_000);
  const payload = rng.pick([
    { sub: uuid(rng), iat, exp: iat + 3600, scope: "orders:write" },
    { sub: `svc-${rng.pick(["ledger", "notifier", "gateway"])}`, iss: "https://auth.internal.example.com", aud: "api", iat, exp: iat + 86400 },
    { user_id: rng.between(1000, 99999), role: rng.pick(["admin", "trader", "service"]), iat },
  ]);
  const enc = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return [enc(header), enc(payload), b64url(rng, rs ? 256 : 32)].join(".");
}
export const password = (rng: Rng): string => {
  for (;;) {
    const s = rng.chars(`${A.alnum}-_.~`, rng.between(16, 28));
    if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s) && /^[A-Za-z0-9]/.test(s)) return s;
  }
};
export const genericSecret = (rng: Rng): string =>
  rng.pick([() => hex(rng, rng.pick([32, 40, 64])), () => b64(rng, rng.pick([24, 32, 48])), () => mixedAlnum(rng, rng.pick([32, 40, 48])), () => b64url(rng, 32)])();

// ---- Slack -----------------------------------------------------------------------------------

const slackTeam = (rng: Rng): string => digits(rng, rng.between(10, 13)).replace(/^0/, "1");
export const slackBot = (rng: Rng): string => dash(`xo${"xb"}`, slackTeam(rng), slackTeam(rng), mixedAlnum(rng, 24));
export const slackUser = (rng: Rng): string => dash(`xo${"xp"}`, slackTeam(rng), slackTeam(rng), slackTeam(rng), hex(rng, 32));
export const slackApp = (rng: Rng): string =>
  dash(`xa${"pp"}`, "1", `A${rng.chars(A.upperDigits, rng.between(9, 11))}`, digits(rng, 13).replace(/^0/, "1"), hex(rng, 64));
/** The body of config and refresh tokens is unpadded base64 of digit groups; real ones are alphanumeric. */
function slackBase64Body(make: () => string): string {
  for (;;) {
    const body = Buffer.from(make()).toString("base64").replace(/=+$/, "");
    if (/^[A-Za-z0-9]+$/.test(body)) return body;
  }
}
export const slackConfig = (rng: Rng): string => {
  const kind = rng.pick(["xoxp", "xoxb"]);
  const body = slackBase64Body(() => dash("2", "2", digits(rng, 12), digits(rng, 12), digits(rng, 13), digits(rng, 13), hex(rng, 64)));
  return `xoxe.${kind}-1-${body}`;
};
export const slackRefresh = (rng: Rng): string =>
  dash("xoxe", "1", slackBase64Body(() => dash("3", "1", digits(rng, 12), digits(rng, 13), digits(rng, 13), hex(rng, 64))));
export const slackLegacy = (rng: Rng): string =>
  rng.pick([
    () => dash(`xo${"xs"}`, slackTeam(rng), slackTeam(rng), slackTeam(rng), hex(rng, 64)),
    () => dash(`xo${"xa"}`, "2", slackTeam(rng), slackTeam(rng), slackTeam(rng), hex(rng, 32)),
    () => dash(`xo${"xr"}`, slackTeam(rng), mixedAlnum(rng, 24)),
    () => dash(`xo${"xb"}`, digits(rng, 11).replace(/^0/, "4"), mixedAlnum(rng, 24)),
    () => dash(`xo${"xo"}`, slackTeam(rng), slackTeam(rng), slackTeam(rng), hex(rng, 32)),
  ])();
const slackId = (rng: Rng, first: string): string => `${first}${rng.chars(A.upperDigits, rng.between(8, 10))}`;
export const slackWebhook = (rng: Rng): string =>
  `https://hooks.slack.com/services/${slackId(rng, "T")}/${slackId(rng, "B")}/${mixedAlnum(rng, 24)}`;
export const slackWorkflowWebhook = (rng: Rng): string =>
  rng.chance(0.5)
    ? `https://hooks.slack.com/workflows/${slackId(rng, "T")}/${slackId(rng, "A")}/${digits(rng, 18).replace(/^0/, "4")}/${mixedAlnum(rng, 24)}`
    : `https://hooks.slack.com/triggers/${slackId(rng, "T")}/${digits(rng, 13).replace(/^0/, "7")}/${hex(rng, 32)}`;
export { slackId };

// ---- exchanges and brokers -----------------------------------------------------------------------

export const binanceKey = (rng: Rng): string => mixedAlnum(rng, 64);
export const coinbaseLegacyKey = (rng: Rng): string => hex(rng, 32);
export const base64Of64 = (rng: Rng): string => b64(rng, 64);
export const coinbaseKeyName = (rng: Rng): string => `organizations/${uuid(rng)}/apiKeys/${uuid(rng)}`;
export const krakenKey = (rng: Rng): string => b64(rng, 42);
export const bybitKey = (rng: Rng): string => mixedAlnum(rng, 18);
export const bybitSecret = (rng: Rng): string => mixedAlnum(rng, 36);
export const okxSecret = (rng: Rng): string => rng.chars(A.HEX, 32);
export const kucoinKey = (rng: Rng): string => hex(rng, 24);
export const bitfinexKey = (rng: Rng): string => b64url(rng, 32);
export const geminiKey = (rng: Rng): string => dash(rng.pick(["account", "master"]), mixedAlnum(rng, 20));
export const geminiSecret = (rng: Rng): string => mixedAlnum(rng, 28);
export const alpacaKeyId = (rng: Rng): string => {
  for (;;) {
    const s = rng.chars(A.upperDigits, 18);
    if (/\d/.test(s) && /[A-Z].*[A-Z]/.test(s)) return `${rng.pick(["PK", "AK"])}${s}`;
  }
};
export const alpacaSecret = (rng: Rng): string => mixedAlnum(rng, 40);
export const ibkrTokenSecret = (rng: Rng): string => b64(rng, 256);
export const evmPrivateKey = (rng: Rng): string => (rng.chance(0.6) ? "0x" : "") + hex(rng, 64);
export const hmacKey = (rng: Rng): string => (rng.chance(0.6) ? hex(rng, 64) : b64(rng, 32));

// ---- private keys ------------------------------------------------------------------------------

const BEGIN = (label: string): string => `-----BEGIN ${label}-----`;
const END = (label: string): string => `-----END ${label}-----`;
const PK = "PRIVATE" + " KEY";
const wrap = (text: string, width: number): string[] => text.match(new RegExp(`.{1,${width}}`, "g")) ?? [];

export type PemKind = "rsa" | "ec" | "dsa" | "openssh" | "pkcs8" | "encrypted" | "pgp" | "putty";

function armor(label: string, der: Buffer, width = 64, headers: string[] = []): string {
  return [BEGIN(label), ...headers, ...wrap(der.toString("base64"), width), END(label)].join("\n");
}

/** DER that starts like the real structure (so the base64 starts like real keys) and is random after. */
function derLike(rng: Rng, head: string, total: number): Buffer {
  const start = Buffer.from(head.replace(/\s+/g, ""), "hex");
  return Buffer.concat([start, rng.bytes(Math.max(0, total - start.length))]);
}

function ed25519Parts(rng: Rng): { seed: Buffer; pub: Buffer } {
  const seed = rng.bytes(32);
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const jwk = createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ format: "jwk" });
  return { seed, pub: Buffer.from(jwk.x!, "base64url") };
}

/** A valid P-256 SEC1 key (the shape Coinbase CDP hands out). */
export function ecPrivateKey(rng: Rng): string {
  const ecdh = createECDH("prime256v1");
  const priv = rng.bytes(32);
  priv[0] = priv[0]! & 0x7f; // below the curve order
  ecdh.setPrivateKey(priv);
  const der = Buffer.concat([
    Buffer.from("30770201010420", "hex"),
    priv,
    Buffer.from("a00a06082a8648ce3d030107a144034200", "hex"),
    ecdh.getPublicKey(),
  ]);
  return armor(`EC ${PK}`, der);
}

/** Ed25519 seed + public key as base64: the Coinbase CDP Ed25519 "secret" (88 chars, ==). */
export function ed25519Secret(rng: Rng): string {
  const { seed, pub } = ed25519Parts(rng);
  return Buffer.concat([seed, pub]).toString("base64");
}

const sshString = (data: Buffer | string): Buffer => {
  const body = typeof data === "string" ? Buffer.from(data) : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
};

function opensshKey(rng: Rng): string {
  const { seed, pub } = ed25519Parts(rng);
  const publicBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = rng.bytes(4);
  let privateBlob = Buffer.concat([
    check,
    check,
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(`${rng.pick(["deploy", "ci", "ops"])}@${rng.pick(["build-01", "bastion", "laptop"])}`),
  ]);
  const pad = (8 - (privateBlob.length % 8)) % 8;
  privateBlob = Buffer.concat([privateBlob, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const nkeys = Buffer.alloc(4);
  nkeys.writeUInt32BE(1);
  const body = Buffer.concat([
    Buffer.from("openssh-key-v1\0"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    nkeys,
    sshString(publicBlob),
    sshString(privateBlob),
  ]);
  return armor(`OPENSSH ${PK}`, body, 70);
}

function pgpKey(rng: Rng): string {
  const body = Buffer.concat([Buffer.from([0xc5, 0x58]), rng.bytes(rng.between(300, 600))]);
  const sum = Buffer.from([(crc24(body) >> 16) & 0xff, (crc24(body) >> 8) & 0xff, crc24(body) & 0xff]).toString("base64");
  const label = `PGP ${PK} BLOCK`;
  return [BEGIN(label), "", ...wrap(body.toString("base64"), 64), `=${sum}`, END(label)].join("\n");
}

function puttyKey(rng: Rng): string {
  const { seed, pub } = ed25519Parts(rng);
  const publicB64 = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]).toString("base64");
  const publicLines = wrap(publicB64, 64);
  const privateLines = wrap(sshString(seed).toString("base64"), 64);
  return [
    "PuTTY-User-Key-File-3: ssh-ed25519",
    "Encryption: none",
    `Comment: eddsa-key-2024${digits(rng, 4)}`,
    `Public-Lines: ${publicLines.length}`,
    ...publicLines,
    `Private-Lines: ${privateLines.length}`,
    ...privateLines,
    `Private-MAC: ${hex(rng, 64)}`,
  ].join("\n");
}

export function rsaPkcs8(rng: Rng): string {
  return armor(PK, derLike(rng, "308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100", 1217));
}

export function privateKey(rng: Rng, kind: PemKind): string {
  switch (kind) {
    case "rsa":
      return armor(`RSA ${PK}`, derLike(rng, "308204a40201000282010100", 1192));
    case "ec":
      return ecPrivateKey(rng);
    case "dsa":
      return armor(`DSA ${PK}`, derLike(rng, "308201bb02010002818100", 447));
    case "openssh":
      return opensshKey(rng);
    case "pkcs8":
      return rng.chance(0.5)
        ? armor(PK, Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), rng.bytes(32)]))
        : rsaPkcs8(rng);
    case "encrypted":
      return rng.chance(0.6)
        ? armor(`ENCRYPTED ${PK}`, derLike(rng, "308205163050 06092a864886f70d01050d3043", 1306))
        : armor(`RSA ${PK}`, derLike(rng, "308204a40201000282010100", 1200), 64, [
            "Proc-Type: 4,ENCRYPTED",
            `DEK-Info: AES-128-CBC,${rng.chars(A.HEX, 32)}`,
            "",
          ]);
    case "pgp":
      return pgpKey(rng);
    case "putty":
      return puttyKey(rng);
  }
}

// ---- public material (decoys) ------------------------------------------------------------------

export function publicKeyPem(rng: Rng): string {
  return armor("PUBLIC KEY", derLike(rng, "30820122300d06092a864886f70d01010105000382010f003082010a0282010100", 294));
}
export function certificatePem(rng: Rng): string {
  return armor("CERTIFICATE", derLike(rng, "308203753082025da003020102021400", 889));
}
export function sshPublicKey(rng: Rng): string {
  const { pub } = ed25519Parts(rng);
  return `ssh-ed25519 ${Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]).toString("base64")} ${rng.pick(["deploy", "ci"])}@${rng.pick(["example.com", "build"])}`;
}
export function pgpPublicKey(rng: Rng): string {
  const body = Buffer.concat([Buffer.from([0xc6, 0x33]), rng.bytes(rng.between(200, 400))]);
  const sum = Buffer.from([(crc24(body) >> 16) & 0xff, (crc24(body) >> 8) & 0xff, crc24(body) & 0xff]).toString("base64");
  return [BEGIN("PGP PUBLIC KEY BLOCK"), "", ...wrap(body.toString("base64"), 64), `=${sum}`, END("PGP PUBLIC KEY BLOCK")].join("\n");
}
