// Decoys: values that sit where a secret would, or look like one, and must not be reported.
// Generic makers work for any kind (placeholders, templates, references, redactions, sequences);
// shape look-alikes (hashes, ids, signatures, public keys) carry their own, harmless names.
import type { Naming, Syntax } from "./model.js";
import { ALPHABET, type Rng } from "./random.js";
import * as t from "./tokens.js";

export interface DecoySpec {
  readonly category: string;
  readonly value: string;
  readonly naming?: Naming;
  readonly quote?: boolean;
  readonly syntaxes?: readonly Syntax[];
}

/** What a decoy maker knows of the kind it imitates. */
export interface KindShape {
  readonly value: (rng: Rng) => string;
  readonly prefix?: string;
  readonly multiline?: boolean;
}

export type DecoyMaker = (rng: Rng, kind: KindShape, naming: Naming) => DecoySpec;

const snake = (env: string): string => env.toLowerCase();
const camel = (env: string): string => env.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const kebab = (env: string): string => env.toLowerCase().replace(/_/g, "-");
const keyOf = (naming: Naming): string => naming.key ?? snake(naming.env);
const SERVICES = ["gateway", "ledger", "governor", "notifier", "pricing", "settlement"];

export const placeholder: DecoyMaker = (rng, kind, naming) => {
  if (kind.multiline) {
    const sample = kind.value(rng).split("\n");
    return { category: "placeholder", value: [sample[0], "...", sample[sample.length - 1]].join("\n") };
  }
  const sample = kind.value(rng);
  const prefix = kind.prefix ?? "";
  const choices = [
    `<your-${kebab(naming.env)}>`,
    "changeme",
    "CHANGE_ME",
    "REPLACE_ME",
    "your-api-key-here",
    `your_${keyOf(naming)}_here`,
    "x".repeat(Math.min(sample.length, 40)),
    "TODO",
    "dummy",
    `${prefix}${"x".repeat(Math.max(8, sample.length - prefix.length))}`,
    `${prefix}...`,
    `${prefix}<${kebab(naming.env)}>`,
    "<secret>",
    "...",
  ];
  const pool = prefix ? choices.slice(-5) : choices.slice(0, 9).concat(choices.slice(12));
  return { category: "placeholder", value: rng.pick(pool) };
};

export const template: DecoyMaker = (rng, _kind, naming) => {
  const section = camel(naming.section?.replace(/\./g, "_") ?? "secrets");
  const forms: DecoySpec[] = [
    { category: "template", value: `\${${naming.env}}`, syntaxes: ["env", "shell", "compose", "yaml", "k8s-env", "md", "dockerfile", "toml", "ini"] },
    { category: "template", value: `{{ .Values.${section}.${camel(keyOf(naming))} }}`, syntaxes: ["yaml", "k8s-env"] },
    { category: "template", value: `$(cat /run/secrets/${snake(naming.env)})`, syntaxes: ["shell", "md", "env"] },
    { category: "template", value: `$(${naming.env})`, syntaxes: ["k8s-env"] },
    { category: "template", value: `%(${keyOf(naming)})s`, syntaxes: ["ini", "py"] },
    { category: "template", value: `{{ ${snake(naming.env)} }}`, syntaxes: ["yaml", "md", "ini"] },
    { category: "template", value: `<%= ENV["${naming.env}"] %>`, syntaxes: ["yaml"] },
    { category: "template", value: `\${var.${snake(naming.env)}}`, syntaxes: ["tf"] },
  ];
  return rng.pick(forms);
};

export const reference: DecoyMaker = (rng, _kind, naming) => {
  const service = rng.pick(SERVICES);
  const forms: DecoySpec[] = [
    { category: "reference", value: `process.env.${naming.env}`, quote: false, syntaxes: ["ts"] },
    { category: "reference", value: `os.environ["${naming.env}"]`, quote: false, syntaxes: ["py", "ipynb"] },
    { category: "reference", value: `os.getenv("${naming.env}")`, quote: false, syntaxes: ["py"] },
    { category: "reference", value: `os.Getenv("${naming.env}")`, quote: false, syntaxes: ["go"] },
    { category: "reference", value: `\${{ secrets.${naming.env} }}`, syntaxes: ["workflow"] },
    { category: "reference", value: `env('${naming.env}')`, quote: false, syntaxes: ["php"] },
    { category: "reference", value: `var.${snake(naming.env)}`, quote: false, syntaxes: ["tf"] },
    { category: "reference", value: `vault:secret/data/${service}#${keyOf(naming)}` },
    {
      category: "reference",
      value: `arn:aws:secretsmanager:${rng.pick(["us-east-1", "eu-west-1"])}:${t.digits(rng, 12)}:secret:${service}/${keyOf(naming)}-${rng.chars(ALPHABET.alnum, 6)}`,
    },
    { category: "reference", value: `op://Engineering/${service}/${keyOf(naming)}` },
  ];
  return rng.pick(forms);
};

export const redacted: DecoyMaker = (rng, kind) => {
  const sample = kind.value(rng);
  const prefix = kind.prefix ?? "";
  if (kind.multiline) {
    const lines = sample.split("\n");
    return { category: "redacted", value: [lines[0], "[REDACTED]", lines[lines.length - 1]].join("\n") };
  }
  const choices = [
    `${prefix}${sample.slice(prefix.length, prefix.length + 4)}…${sample.slice(-4)}`,
    `${prefix}${"*".repeat(16)}`,
    "********",
    "[REDACTED]",
    `${sample.slice(0, 4)}${"*".repeat(Math.max(4, sample.length - 8))}${sample.slice(-4)}`,
    `${prefix}...${sample.slice(-4)}`,
  ];
  return { category: "redacted", value: rng.pick(choices) };
};

const CYCLES = { digits: "1234567890", hex: "0123456789abcdef", HEX: "0123456789ABCDEF", lower: "abcdefghijklmnopqrstuvwxyz", upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ" };
const cycle = (alphabet: string, length: number, offset = 0): string =>
  Array.from({ length }, (_, i) => alphabet[(i + offset) % alphabet.length]).join("");

/** The value's shape kept, every random run replaced by a sequence or a repeated character. */
export const sequential: DecoyMaker = (rng, kind) => {
  const sample = kind.value(rng);
  if (kind.multiline) return placeholder(rng, kind, { env: "KEY" });
  const prefix = kind.prefix ?? "";
  const repeat = rng.chance(0.4);
  const body = sample.slice(prefix.length).replace(/[A-Za-z0-9]+/g, (run) => {
    if (repeat) return (/^\d+$/.test(run) ? "0" : /^[A-Z0-9]+$/.test(run) ? "X" : "a").repeat(run.length);
    if (/^\d+$/.test(run)) return cycle(CYCLES.digits, run.length);
    if (/^[0-9a-f]+$/.test(run)) return cycle(CYCLES.hex, run.length);
    if (/^[0-9A-F]+$/.test(run)) return cycle(CYCLES.HEX, run.length);
    if (/^[A-Z0-9]+$/.test(run)) return cycle(CYCLES.upper, run.length);
    return cycle(CYCLES.lower + CYCLES.digits, run.length);
  });
  return { category: repeat ? "repeated" : "sequential", value: `${prefix}${body}` };
};

export const GENERIC: readonly DecoyMaker[] = [placeholder, template, reference, redacted, sequential];

// ---- shape look-alikes: each with its own harmless name --------------------------------------------

export const lookalike =
  (category: string, names: readonly string[], value: (rng: Rng) => string, syntaxes?: readonly Syntax[]): DecoyMaker =>
  (rng) => ({ category, value: value(rng), naming: { env: rng.pick(names) }, ...(syntaxes ? { syntaxes } : {}) });

export const gitSha = lookalike("git-sha", ["GIT_COMMIT", "BUILD_SHA", "SOURCE_VERSION", "REVISION"], (rng) => t.hex(rng, 40));
export const sha256 = lookalike("sha256", ["CHECKSUM_SHA256", "ARTIFACT_SHA256", "BUNDLE_HASH", "CONTENT_DIGEST"], (rng) => t.hex(rng, 64));
export const md5 = lookalike("md5", ["ETAG", "CHECKSUM_MD5", "FILE_MD5", "CACHE_KEY"], (rng) => t.hex(rng, 32));
export const imageDigest = lookalike("image-digest", ["IMAGE_DIGEST", "BASE_IMAGE"], (rng) => `sha256:${t.hex(rng, 64)}`);
export const uuidId = lookalike("uuid", ["REQUEST_ID", "TENANT_ID", "CORRELATION_ID", "ACCOUNT_UUID", "WORKSPACE_ID"], t.uuid);
export const ethAddress = lookalike("eth-address", ["WALLET_ADDRESS", "TREASURY_ADDRESS", "CONTRACT_ADDRESS", "SETTLEMENT_ADDRESS"], (rng) => `0x${t.hex(rng, 40)}`);
export const txHash = lookalike("tx-hash", ["TX_HASH", "LAST_SETTLEMENT_TX", "BLOCK_HASH", "TRANSACTION_HASH"], (rng) => `0x${t.hex(rng, 64)}`);
export const integrity = lookalike("integrity", ["INTEGRITY", "SRI_HASH", "BUNDLE_INTEGRITY"], (rng) => `sha512-${t.b64(rng, 64)}`);
export const objectId = lookalike("object-id", ["ORDER_ID", "LAST_ORDER_ID", "DOCUMENT_ID"], (rng) => t.hex(rng, 24));
export const slackChannel = lookalike("slack-id", ["SLACK_CHANNEL_ID", "SLACK_TEAM_ID", "SLACK_ALERTS_CHANNEL", "SLACK_USER_ID"], (rng) =>
  t.slackId(rng, rng.pick(["C", "T", "U", "G"])),
);
export const slackTimestamp = lookalike("slack-ts", ["SLACK_THREAD_TS", "LAST_MESSAGE_TS"], (rng) => `${1_700_000_000 + rng.int(40_000_000)}.${t.digits(rng, 6)}`);
export const slackClientId = lookalike("slack-client-id", ["SLACK_CLIENT_ID"], (rng) => `${t.digits(rng, 12).replace(/^0/, "3")}.${t.digits(rng, 13).replace(/^0/, "5")}`);
export const hexColour = lookalike("hex-colour", ["BRAND_COLOR", "PRIMARY_COLOR", "ACCENT_COLOUR"], (rng) => `#${t.hex(rng, 6)}`);
export const publicKey = lookalike("public-key", ["TLS_CERT", "JWT_PUBLIC_KEY", "CA_BUNDLE", "SIGNING_CERT", "DEPLOY_KEY_PUB", "GPG_PUBLIC_KEY"], (rng) =>
  rng.pick([t.publicKeyPem, t.certificatePem, t.sshPublicKey, t.pgpPublicKey])(rng),
);
export const keyPath = lookalike("reference", ["TLS_KEY_FILE", "SSH_KEY_PATH", "PRIVATE_KEY_PATH", "GOOGLE_APPLICATION_CREDENTIALS"], (rng) =>
  rng.pick(["/etc/ssl/private/server.key", "~/.ssh/id_ed25519", "/run/secrets/signing_key", "/var/secrets/google/key.json", "./keys/cdp_api_key.json"]),
);
export const base64Image = lookalike("base64-image", ["LOGO_DATA_URI", "PLACEHOLDER_IMAGE", "FAVICON"], (rng) =>
  `data:image/png;base64,${Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), rng.bytes(rng.between(120, 300))]).toString("base64")}`,
);

/** Regex literals that describe a token format, written in code that validates or masks tokens. */
export const regexLiteral =
  (pattern: string): DecoyMaker =>
  (rng) => ({
    category: "regex",
    value: rng.pick([`/${pattern}/`, `new RegExp("${pattern.replace(/\\/g, "\\\\")}")`]),
    quote: false,
    naming: { env: rng.pick(["TOKEN_PATTERN", "KEY_FORMAT", "SECRET_REGEX"]) },
    syntaxes: ["ts"],
  });

/** A vendor's documented example value, under the kind's own name. */
export const vendorExample =
  (...parts: string[]): DecoyMaker =>
  () => ({ category: "vendor-example", value: parts.join("") });

/** A request signature (an HMAC output: public once sent), in the header that carries it. */
export const signature =
  (header: string, value: (rng: Rng) => string): DecoyMaker =>
  (rng) => ({ category: "signature", value: value(rng), naming: { env: header.toUpperCase().replace(/-/g, "_"), header }, syntaxes: ["log", "md"] });
