// The catalogue of planted kinds: how each value is made, the names it goes by in real code and
// config, and the decoys that imitate it. Names are the ones real projects and vendor SDKs use,
// not ones chosen to fit leakgate's rules.
import * as d from "./decoys.js";
import type { DecoyMaker, KindShape } from "./decoys.js";
import type { Naming, Syntax } from "./model.js";
import type { Rng } from "./random.js";
import * as t from "./tokens.js";

export interface KindSpec extends KindShape {
  readonly kind: string;
  readonly names: readonly Naming[];
  /** Planted secrets at scale 1. */
  readonly count: number;
  readonly decoys: readonly DecoyMaker[];
  /** Where it may be written, when not anywhere. */
  readonly syntaxes?: readonly Syntax[];
  /** The labelled part of a value (the password of a connection URL). */
  readonly span?: (value: string) => readonly [number, number];
}

const n = (env: string, extra: Partial<Naming> = {}): Naming => ({ env, ...extra });
const bearer = { bearer: true } as const;
const G = d.GENERIC;

function kind(spec: Omit<KindSpec, "count" | "decoys"> & { count?: number; decoys?: readonly DecoyMaker[] }): KindSpec {
  return { count: 6, ...spec, decoys: [...G, ...(spec.decoys ?? [])] };
}

const pem = (which: t.PemKind, names: Naming[], extra: DecoyMaker[] = []): KindSpec =>
  kind({
    kind: `private-key-${which}`,
    value: (rng) => t.privateKey(rng, which),
    multiline: true,
    count: 4,
    names,
    decoys: [d.publicKey, d.keyPath, d.publicKey, ...extra],
  });

/** A connection URL with a password; the label is the password. */
function connectionUrl(rng: Rng, pass: string): string {
  const host = rng.pick(["db.internal", "10.0.3.12", "postgres.prod.svc.cluster.local", "cluster0.x7k2p.mongodb.net", "redis-master", "rabbitmq"]);
  const user = rng.pick(["app", "ledger_rw", "svc_gateway", "admin", "trader"]);
  return rng.pick([
    () => `postgres://${user}:${pass}@${host}:5432/${rng.pick(["ledger", "orders", "app"])}`,
    () => `postgresql://${user}:${pass}@${host}/${rng.pick(["risk", "budget"])}?sslmode=require`,
    () => `mysql://${user}:${pass}@${host}:3306/reports`,
    () => `mongodb+srv://${user}:${pass}@${host}/?retryWrites=true&w=majority`,
    () => `redis://:${pass}@${host}:6379/0`,
    () => `amqp://${user}:${pass}@${host}:5672/%2F`,
    () => `https://${user}:${pass}@grafana.internal.example.com/api/health`,
  ])();
}
const passwordSpan = (url: string): readonly [number, number] => {
  const at = url.indexOf("@");
  const colon = url.lastIndexOf(":", at);
  return [colon + 1, at];
};
const urlDecoy =
  (category: string, pass: (rng: Rng) => string): DecoyMaker =>
  (rng) => ({ category, value: connectionUrl(rng, pass(rng)) });

// Vendor documentation examples, assembled from pieces so that this file holds none of them whole.
const AWS_DOC_ID = ["AKIA", "IOSFODNN7", "EXAMPLE"];
const AWS_DOC_SECRET = ["wJalrXUtnFEMI", "/K7MDENG/bPxRfiCY", "EXAMPLEKEY"];
const BINANCE_DOC_KEY = ["vmPUZE6mv9SD5VNH", "k4HlWFsOr6aKE2zv", "sw0MuIgwCIPy6utI", "co14y7Ju91duEh8A"];
const BINANCE_DOC_SECRET = ["NhqPtmdSJYdKjVHj", "A7PZj4Mge3R5YNiP", "1e3UZjInClVN65XA", "bvqqM6A7H5fATj0j"];
const KRAKEN_DOC_SECRET = ["kQH5HW/8p1uGOVjbgWA7", "FunAmGO8lsSUXNsu3eow", "76sz84Q18fWxnyRzBHCd", "3pd5nE9qa99HAZtuZuj6", "F1huXg=="];
const OKX_DOC_SECRET = ["22582BD0CFF14C41", "EDBF1AB98506286D"];
const STRIPE_DOC_KEY = ["sk_", "test_", "4eC39HqLyjWDarjt", "T1zdp7dc"];
const SLACK_DOC_SIGNING = ["8f742231b10e8888", "abcd99yyyzzz85a5"];
const SLACK_DOC_VERIFY = ["xyzz0WbapA4v", "BCDEFasx0q6G"];
const HARDHAT_KEY0 = ["0xac0974bec39a17e3", "6ba4a6b4d238ff944b", "acb478cbed5efcae78", "4d7bf4f2ff80"];
const jwtIoExample: DecoyMaker = () => {
  const enc = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const token = [enc({ alg: "HS256", typ: "JWT" }), enc({ sub: "1234567890", name: "John Doe", iat: 1516239022 }), ["SflKxwRJSMeKKF2QT4fw", "pMeJf36POk6yJV_adQssw5c"].join("")];
  return { category: "vendor-example", value: token.join(".") };
};
const wrongChecksum =
  (make: (rng: Rng) => string): DecoyMaker =>
  (rng) => ({ category: "wrong-checksum", value: make(rng) });

export const KINDS: readonly KindSpec[] = [
  // ---- OpenRouter
  kind({
    kind: "openrouter-api-key",
    value: t.openrouterKey,
    prefix: "sk-or-v1-",
    count: 8,
    names: [n("OPENROUTER_API_KEY", { ...bearer, section: "openrouter", key: "api_key" }), n("OPENROUTER_KEY", bearer), n("LLM_API_KEY", bearer), n("OPENAI_API_KEY", { ...bearer, section: "llm", key: "api_key" })],
    decoys: [d.regexLiteral("sk-or-v1-[0-9a-f]{64}"), d.lookalike("hash", ["KEY_HASH", "OPENROUTER_KEY_HASH"], (rng) => t.hex(rng, 64))],
  }),
  kind({
    kind: "openrouter-management-key",
    value: t.openrouterKey,
    prefix: "sk-or-v1-",
    names: [n("OPENROUTER_MANAGEMENT_KEY", { ...bearer, section: "openrouter", key: "management_key" }), n("OPENROUTER_PROVISIONING_KEY", { ...bearer, section: "openrouter", key: "provisioning_key" })],
  }),
  // ---- Slack
  kind({
    kind: "slack-bot-token",
    value: t.slackBot,
    prefix: "xoxb-",
    count: 8,
    names: [n("SLACK_BOT_TOKEN", { ...bearer, section: "slack", key: "bot_token" }), n("SLACK_TOKEN", bearer), n("SLACK_API_TOKEN", { section: "notifier.slack", key: "token" })],
    decoys: [d.regexLiteral("xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}"), d.slackChannel],
  }),
  kind({ kind: "slack-user-token", value: t.slackUser, prefix: "xoxp-", names: [n("SLACK_USER_TOKEN", { ...bearer, section: "slack", key: "user_token" }), n("SLACK_ADMIN_TOKEN", bearer)], decoys: [d.slackChannel] }),
  kind({ kind: "slack-app-token", value: t.slackApp, prefix: "xapp-1-", names: [n("SLACK_APP_TOKEN", { section: "slack", key: "app_token" }), n("SLACK_SOCKET_TOKEN")], decoys: [d.slackTimestamp] }),
  kind({ kind: "slack-config-token", value: t.slackConfig, prefix: "xoxe.xoxp-1-", count: 4, names: [n("SLACK_CONFIG_TOKEN", { section: "slack", key: "config_token" }), n("SLACK_CONFIG_ACCESS_TOKEN", bearer)] }),
  kind({ kind: "slack-refresh-token", value: t.slackRefresh, prefix: "xoxe-1-", count: 4, names: [n("SLACK_REFRESH_TOKEN", { section: "slack", key: "refresh_token" }), n("SLACK_CONFIG_REFRESH_TOKEN")] }),
  kind({ kind: "slack-legacy-token", value: t.slackLegacy, count: 5, names: [n("SLACK_LEGACY_TOKEN", bearer), n("SLACK_API_TOKEN", { section: "slack", key: "token" }), n("SLACK_TOKEN")] }),
  kind({
    kind: "slack-webhook",
    value: t.slackWebhook,
    prefix: "https://hooks.slack.com/services/",
    count: 7,
    names: [n("SLACK_WEBHOOK_URL", { section: "slack", key: "webhook_url" }), n("ALERTS_WEBHOOK_URL", { section: "alerts", key: "slack_webhook" }), n("SLACK_WEBHOOK")],
    decoys: [d.vendorExample("https://hooks.slack.com/services/", "T00000000/", "B00000000/", "X".repeat(24)), d.slackChannel],
  }),
  kind({
    kind: "slack-workflow-webhook",
    value: t.slackWorkflowWebhook,
    prefix: "https://hooks.slack.com/",
    count: 5,
    names: [n("SLACK_WORKFLOW_URL", { section: "slack", key: "workflow_webhook" }), n("SLACK_TRIGGER_URL"), n("INCIDENT_WORKFLOW_WEBHOOK")],
  }),
  kind({
    kind: "slack-signing-secret",
    value: (rng) => t.hex(rng, 32),
    count: 8,
    names: [n("SLACK_SIGNING_SECRET", { section: "slack", key: "signing_secret" }), n("SIGNING_SECRET", { section: "slack", key: "signingSecret" }), n("SLACK_APP_SIGNING_SECRET")],
    decoys: [
      d.vendorExample(...SLACK_DOC_SIGNING),
      d.md5,
      d.signature("X-Slack-Signature", (rng) => `v0=${t.hex(rng, 64)}`),
      d.slackClientId,
      d.slackTimestamp,
    ],
  }),
  kind({
    kind: "slack-client-secret",
    value: (rng) => t.hex(rng, 32),
    names: [n("SLACK_CLIENT_SECRET", { section: "slack", key: "client_secret" }), n("SLACK_OAUTH_CLIENT_SECRET", { section: "slack.oauth", key: "clientSecret" })],
    decoys: [d.slackClientId, d.md5],
  }),
  kind({
    kind: "slack-verification-token",
    value: (rng) => t.mixedAlnum(rng, 24),
    count: 5,
    names: [n("SLACK_VERIFICATION_TOKEN", { section: "slack", key: "verification_token" }), n("VERIFICATION_TOKEN", { section: "slack", key: "verificationToken" })],
    decoys: [d.vendorExample(...SLACK_DOC_VERIFY), d.slackChannel],
  }),
  // ---- exchanges and brokers
  kind({
    kind: "binance-api-key",
    value: t.binanceKey,
    names: [n("BINANCE_API_KEY", { section: "binance", key: "api_key", header: "X-MBX-APIKEY" }), n("BINANCE_KEY", { header: "X-MBX-APIKEY" }), n("BINANCE_TESTNET_API_KEY", { section: "binance.testnet", key: "apiKey" })],
    decoys: [d.vendorExample(...BINANCE_DOC_KEY)],
  }),
  kind({
    kind: "binance-api-secret",
    value: t.binanceKey,
    count: 7,
    names: [n("BINANCE_API_SECRET", { section: "binance", key: "api_secret" }), n("BINANCE_SECRET_KEY", { section: "binance", key: "secret" }), n("BINANCE_SECRET")],
    decoys: [d.vendorExample(...BINANCE_DOC_SECRET), d.signature("signature", (rng) => t.hex(rng, 64)), d.sha256],
  }),
  kind({
    kind: "coinbase-legacy-key",
    value: t.coinbaseLegacyKey,
    count: 4,
    names: [n("COINBASE_API_KEY", { section: "coinbase", key: "api_key", header: "CB-ACCESS-KEY" }), n("CB_ACCESS_KEY", { header: "CB-ACCESS-KEY" })],
    decoys: [d.md5],
  }),
  kind({
    kind: "coinbase-legacy-secret",
    value: t.base64Of64,
    count: 4,
    names: [n("COINBASE_API_SECRET", { section: "coinbase", key: "api_secret" }), n("CB_ACCESS_SECRET")],
    decoys: [d.signature("CB-ACCESS-SIGN", (rng) => t.b64(rng, 32)), d.integrity],
  }),
  kind({
    kind: "coinbase-cdp-key-name",
    value: t.coinbaseKeyName,
    prefix: "organizations/",
    count: 5,
    names: [n("CDP_API_KEY_NAME", { section: "coinbase", key: "key_name" }), n("COINBASE_CDP_KEY_NAME"), n("CDP_API_KEY_ID")],
    decoys: [d.vendorExample("organizations/", "{org_id}/apiKeys/", "{key_id}"), d.uuidId],
  }),
  kind({
    kind: "coinbase-cdp-private-key",
    value: t.ecPrivateKey,
    multiline: true,
    count: 4,
    names: [n("CDP_API_KEY_PRIVATE_KEY", { section: "coinbase", key: "private_key" }), n("COINBASE_PRIVATE_KEY")],
    decoys: [d.publicKey, d.keyPath, d.publicKey],
  }),
  kind({
    kind: "coinbase-cdp-ed25519-secret",
    value: t.ed25519Secret,
    count: 5,
    names: [n("CDP_API_KEY_SECRET", { section: "cdp", key: "api_key_secret" }), n("COINBASE_API_KEY_SECRET", { section: "coinbase", key: "apiKeySecret" })],
    decoys: [d.integrity, d.base64Image],
  }),
  kind({
    kind: "kraken-api-key",
    value: t.krakenKey,
    count: 5,
    names: [n("KRAKEN_API_KEY", { section: "kraken", key: "key", header: "API-Key" }), n("KRAKEN_KEY", { section: "kraken", key: "api_key" })],
  }),
  kind({
    kind: "kraken-private-key",
    value: t.base64Of64,
    count: 5,
    names: [n("KRAKEN_PRIVATE_KEY", { section: "kraken", key: "private_key" }), n("KRAKEN_API_SECRET", { section: "kraken", key: "secret" })],
    decoys: [d.vendorExample(...KRAKEN_DOC_SECRET), d.signature("API-Sign", (rng) => t.b64(rng, 64)), d.integrity],
  }),
  kind({ kind: "bybit-api-key", value: t.bybitKey, count: 5, names: [n("BYBIT_API_KEY", { section: "bybit", key: "api_key", header: "X-BAPI-API-KEY" }), n("BYBIT_KEY", { header: "X-BAPI-API-KEY" })] }),
  kind({
    kind: "bybit-api-secret",
    value: t.bybitSecret,
    count: 5,
    names: [n("BYBIT_API_SECRET", { section: "bybit", key: "api_secret" }), n("BYBIT_SECRET", { section: "bybit", key: "secret" })],
    decoys: [d.signature("X-BAPI-SIGN", (rng) => t.hex(rng, 64)), d.uuidId],
  }),
  kind({
    kind: "okx-api-key",
    value: t.uuid,
    count: 5,
    names: [n("OKX_API_KEY", { section: "okx", key: "api_key", header: "OK-ACCESS-KEY" }), n("OKX_KEY", { header: "OK-ACCESS-KEY" })],
    decoys: [d.uuidId, d.uuidId],
  }),
  kind({
    kind: "okx-secret-key",
    value: t.okxSecret,
    count: 5,
    names: [n("OKX_SECRET_KEY", { section: "okx", key: "secret_key" }), n("OKX_API_SECRET", { section: "okx", key: "secret" })],
    decoys: [d.vendorExample(...OKX_DOC_SECRET), d.signature("OK-ACCESS-SIGN", (rng) => t.b64(rng, 32))],
  }),
  kind({
    kind: "kucoin-api-key",
    value: t.kucoinKey,
    count: 5,
    names: [n("KUCOIN_API_KEY", { section: "kucoin", key: "key", header: "KC-API-KEY" }), n("KUCOIN_KEY", { section: "kucoin", key: "api_key" })],
    decoys: [d.objectId, d.objectId],
  }),
  kind({
    kind: "kucoin-api-secret",
    value: t.uuid,
    count: 5,
    names: [n("KUCOIN_API_SECRET", { section: "kucoin", key: "secret" }), n("KUCOIN_SECRET", { section: "kucoin", key: "api_secret" })],
    decoys: [d.uuidId, d.signature("KC-API-SIGN", (rng) => t.b64(rng, 32))],
  }),
  kind({ kind: "bitfinex-api-key", value: t.bitfinexKey, count: 4, names: [n("BFX_API_KEY", { section: "bitfinex", key: "api_key", header: "bfx-apikey" }), n("BITFINEX_API_KEY")] }),
  kind({
    kind: "bitfinex-api-secret",
    value: t.bitfinexKey,
    count: 4,
    names: [n("BFX_API_SECRET", { section: "bitfinex", key: "api_secret" }), n("BITFINEX_API_SECRET")],
    decoys: [d.signature("bfx-signature", (rng) => t.hex(rng, 96))],
  }),
  kind({ kind: "gemini-api-key", value: t.geminiKey, count: 4, names: [n("GEMINI_EXCHANGE_API_KEY", { section: "gemini", key: "api_key", header: "X-GEMINI-APIKEY" }), n("GEMINI_API_KEY", { header: "X-GEMINI-APIKEY" })] }),
  kind({
    kind: "gemini-api-secret",
    value: t.geminiSecret,
    count: 4,
    names: [n("GEMINI_API_SECRET", { section: "gemini", key: "api_secret" }), n("GEMINI_EXCHANGE_SECRET")],
    decoys: [d.signature("X-GEMINI-SIGNATURE", (rng) => t.hex(rng, 96))],
  }),
  kind({
    kind: "alpaca-key-id",
    value: t.alpacaKeyId,
    count: 5,
    names: [n("APCA_API_KEY_ID", { section: "alpaca", key: "key_id", header: "APCA-API-KEY-ID" }), n("ALPACA_API_KEY", { section: "alpaca", key: "api_key" })],
  }),
  kind({
    kind: "alpaca-secret-key",
    value: t.alpacaSecret,
    count: 5,
    names: [n("APCA_API_SECRET_KEY", { section: "alpaca", key: "secret_key", header: "APCA-API-SECRET-KEY" }), n("ALPACA_SECRET_KEY", { section: "alpaca", key: "secret" })],
    decoys: [d.gitSha],
  }),
  kind({
    kind: "ibkr-access-token-secret",
    value: t.ibkrTokenSecret,
    count: 4,
    names: [n("IBKR_ACCESS_TOKEN_SECRET", { section: "ibkr", key: "access_token_secret" }), n("IB_ACCESS_TOKEN_SECRET")],
    decoys: [d.lookalike("public-parameter", ["IBKR_DH_PRIME", "DH_PRIME"], (rng) => t.hex(rng, 512)), d.base64Image],
  }),
  kind({
    kind: "ibkr-password",
    value: t.password,
    count: 4,
    names: [n("IbPassword", { section: "ibkr", key: "password" }), n("IBKR_PASSWORD"), n("TWS_PASSWORD", { section: "tws", key: "password" })],
  }),
  kind({
    kind: "evm-private-key",
    value: t.evmPrivateKey,
    count: 7,
    names: [n("PRIVATE_KEY", { section: "wallet", key: "private_key" }), n("DEPLOYER_PRIVATE_KEY"), n("SETTLEMENT_WALLET_PRIVATE_KEY", { section: "settlement", key: "wallet_private_key" }), n("ETH_PRIVATE_KEY")],
    decoys: [d.txHash, d.ethAddress, d.txHash, d.imageDigest, d.vendorExample(...HARDHAT_KEY0), d.sha256],
  }),
  // ---- the policy's own names
  kind({
    kind: "trading-venue-api-key-live",
    value: (rng) => rng.pick([t.binanceKey, t.uuid, t.bybitKey, t.alpacaKeyId])(rng),
    count: 7,
    names: [n("TRADING_VENUE_API_KEY_LIVE", { section: "credentials.live", key: "api_key" }), n("TRADING_VENUE_API_KEY_LIVE")],
  }),
  kind({
    kind: "trading-venue-api-secret-live",
    value: (rng) => rng.pick([t.binanceKey, t.okxSecret, t.base64Of64, t.bybitSecret])(rng),
    count: 7,
    names: [n("TRADING_VENUE_API_SECRET_LIVE", { section: "credentials.live", key: "api_secret" })],
  }),
  kind({
    kind: "trading-venue-api-key-readonly",
    value: (rng) => rng.pick([t.binanceKey, t.uuid, t.kucoinKey])(rng),
    count: 6,
    names: [n("TRADING_VENUE_API_KEY_READONLY", { section: "credentials.readonly", key: "api_key" })],
  }),
  kind({
    kind: "hitl-challenge-hmac-key",
    value: t.hmacKey,
    count: 7,
    names: [n("HITL_CHALLENGE_HMAC_KEY", { section: "hitl", key: "challenge_hmac_key" })],
    decoys: [d.sha256, d.imageDigest, d.uuidId],
  }),
  // ---- private keys
  pem("rsa", [n("TLS_PRIVATE_KEY", { section: "tls", key: "key" }), n("JWT_SIGNING_KEY"), n("RSA_PRIVATE_KEY")]),
  pem("ec", [n("EC_PRIVATE_KEY"), n("WEBHOOK_SIGNING_KEY", { section: "signing", key: "private_key" })]),
  pem("dsa", [n("DSA_PRIVATE_KEY"), n("LEGACY_SIGNING_KEY")]),
  pem("openssh", [n("SSH_PRIVATE_KEY", { section: "deploy", key: "ssh_key" }), n("DEPLOY_KEY")], [d.lookalike("public-key", ["SSH_PUBLIC_KEY", "AUTHORIZED_KEY"], t.sshPublicKey)]),
  pem("pkcs8", [n("PRIVATE_KEY_PEM"), n("SERVICE_PRIVATE_KEY", { section: "auth", key: "private_key" })]),
  pem("encrypted", [n("ENCRYPTED_PRIVATE_KEY"), n("SIGNING_KEY_ENCRYPTED")]),
  pem("pgp", [n("GPG_PRIVATE_KEY", { section: "release", key: "gpg_private_key" }), n("PGP_SECRET_KEY")], [d.lookalike("public-key", ["GPG_PUBLIC_KEY"], t.pgpPublicKey)]),
  pem("putty", [n("PUTTY_KEY"), n("SFTP_PRIVATE_KEY")]),
  kind({
    kind: "gcp-service-account",
    value: t.rsaPkcs8,
    multiline: true,
    count: 4,
    names: [n("private_key")],
    syntaxes: ["sa-json"],
    decoys: [d.publicKey, d.keyPath],
  }),
  // ---- cloud, hosting, LLM, payment
  kind({
    kind: "aws-access-key-id",
    value: (rng) => t.awsKeyId(rng, rng.chance(0.8) ? "AKIA" : "ASIA"),
    prefix: "AKIA",
    count: 7,
    names: [n("AWS_ACCESS_KEY_ID", { section: "default", key: "aws_access_key_id" }), n("AWS_ACCESS_KEY", { section: "aws", key: "accessKeyId" })],
    decoys: [d.vendorExample(...AWS_DOC_ID), d.vendorExample(...AWS_DOC_ID)],
  }),
  kind({
    kind: "aws-secret-access-key",
    value: t.awsSecret,
    count: 7,
    names: [n("AWS_SECRET_ACCESS_KEY", { section: "default", key: "aws_secret_access_key" }), n("AWS_SECRET_KEY", { section: "aws", key: "secretAccessKey" })],
    decoys: [d.vendorExample(...AWS_DOC_SECRET), d.gitSha, d.vendorExample(...AWS_DOC_SECRET)],
  }),
  kind({
    kind: "aws-session-token",
    value: t.awsSessionToken,
    count: 4,
    names: [n("AWS_SESSION_TOKEN", { section: "default", key: "aws_session_token" }), n("AWS_SECURITY_TOKEN")],
    decoys: [d.base64Image],
  }),
  kind({
    kind: "github-token",
    value: (rng) => t.githubToken(rng),
    prefix: "ghp_",
    count: 8,
    names: [n("GITHUB_TOKEN", { header: "Authorization" }), n("GH_TOKEN", bearer), n("GITHUB_PAT", { section: "github", key: "token" })],
    decoys: [wrongChecksum((rng) => t.githubToken(rng, false)), wrongChecksum((rng) => t.githubToken(rng, false)), d.regexLiteral("gh[pousr]_[A-Za-z0-9]{36}"), d.gitSha],
  }),
  kind({ kind: "github-fine-grained-pat", value: t.githubFineGrained, prefix: "github_pat_", count: 4, names: [n("GITHUB_PAT", bearer), n("GH_PAT", { section: "github", key: "pat" })] }),
  kind({
    kind: "npm-token",
    value: (rng) => t.npmToken(rng),
    prefix: "npm_",
    count: 6,
    names: [n("NPM_TOKEN"), n("NODE_AUTH_TOKEN")],
    decoys: [wrongChecksum((rng) => t.npmToken(rng, false)), wrongChecksum((rng) => t.npmToken(rng, false)), d.integrity],
  }),
  kind({
    kind: "google-api-key",
    value: t.googleApiKey,
    prefix: "AIza",
    count: 6,
    names: [n("GOOGLE_API_KEY", { header: "x-goog-api-key" }), n("GOOGLE_MAPS_API_KEY", { section: "maps", key: "api_key" }), n("FIREBASE_API_KEY")],
  }),
  kind({ kind: "openai-api-key", value: t.openaiKey, prefix: "sk-proj-", count: 6, names: [n("OPENAI_API_KEY", { ...bearer, section: "openai", key: "api_key" }), n("OPENAI_KEY", bearer)], decoys: [d.regexLiteral("sk-(proj|svcacct|admin)-[A-Za-z0-9_-]+T3BlbkFJ[A-Za-z0-9_-]+")] }),
  kind({ kind: "anthropic-api-key", value: t.anthropicKey, prefix: "sk-ant-api03-", count: 6, names: [n("ANTHROPIC_API_KEY", { header: "x-api-key", section: "anthropic", key: "api_key" }), n("CLAUDE_API_KEY", { header: "x-api-key" })] }),
  kind({
    kind: "stripe-secret-key",
    value: t.stripeSecret,
    prefix: "sk_live_",
    count: 6,
    names: [n("STRIPE_SECRET_KEY", { ...bearer, section: "stripe", key: "secret_key" }), n("STRIPE_API_KEY", bearer), n("STRIPE_RESTRICTED_KEY")],
    decoys: [d.vendorExample(...STRIPE_DOC_KEY), d.lookalike("publishable-key", ["STRIPE_PUBLISHABLE_KEY", "NEXT_PUBLIC_STRIPE_KEY"], (rng) => `pk_live_${t.mixedAlnum(rng, 24)}`)],
  }),
  kind({
    kind: "stripe-webhook-secret",
    value: t.stripeWebhook,
    prefix: "whsec_",
    count: 5,
    names: [n("STRIPE_WEBHOOK_SECRET", { section: "stripe", key: "webhook_secret" }), n("STRIPE_ENDPOINT_SECRET")],
    decoys: [d.signature("Stripe-Signature", (rng) => `t=${1_700_000_000 + rng.int(9_999_999)},v1=${t.hex(rng, 64)}`)],
  }),
  kind({
    kind: "jwt",
    value: t.jwt,
    prefix: "eyJ",
    count: 6,
    names: [n("SERVICE_JWT", bearer), n("AUTH_TOKEN", bearer), n("ACCESS_TOKEN", { ...bearer, section: "auth", key: "access_token" })],
    decoys: [jwtIoExample, jwtIoExample, d.lookalike("public-key", ["JWKS_MODULUS"], (rng) => t.b64url(rng, 256))],
  }),
  kind({
    kind: "url-password",
    value: (rng) => connectionUrl(rng, t.password(rng)),
    count: 8,
    names: [n("DATABASE_URL", { section: "database", key: "url" }), n("REDIS_URL"), n("MONGO_URI", { section: "mongo", key: "uri" }), n("AMQP_URL"), n("SQLALCHEMY_DATABASE_URI")],
    span: passwordSpan,
    decoys: [
      urlDecoy("template", (rng) => rng.pick(["${DB_PASSWORD}", "{{ .Values.db.password }}", "%(db_password)s", "$(DB_PASSWORD)"])),
      urlDecoy("placeholder", (rng) => rng.pick(["<password>", "password", "changeme", "YOUR_PASSWORD", "****"])),
      urlDecoy("default-credentials", (rng) => rng.pick(["postgres", "guest", "example", "secret"])),
    ],
  }),
  kind({
    kind: "generic-secret",
    value: t.genericSecret,
    count: 10,
    names: [
      n("SESSION_SECRET", { section: "session", key: "secret" }),
      n("JWT_SECRET", { section: "auth", key: "jwt_secret" }),
      n("SECRET_KEY", { section: "app", key: "secret_key" }),
      n("ENCRYPTION_KEY", { section: "crypto", key: "encryption_key" }),
      n("WEBHOOK_SECRET"),
      n("INTERNAL_API_TOKEN", { header: "X-Internal-Token" }),
      n("COOKIE_SECRET"),
      n("SECRET_KEY_BASE"),
    ],
    decoys: [d.gitSha, d.sha256, d.integrity, d.hexColour, d.uuidId, d.base64Image],
  }),
];

/** The span of the labelled text inside an item's value. */
export function labelSpan(spec: KindSpec, value: string): readonly [number, number] | undefined {
  return spec.span ? spec.span(value) : undefined;
}
