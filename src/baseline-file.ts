// .leakgate-baseline.json: reading, writing and its text form, and the fingerprint key it carries.
//
// Why the salt lives in this file: a fingerprint must be the same on every clone and every run of
// a repository (so `leakgate allow FP` accepts what a report printed, and SARIF alerts follow a
// finding), must not contain the secret, and must not be reversible with a dictionary. A random
// per-repository salt, committed with the baseline, gives all three: fingerprints are
// scrypt(value, salt) under a sha256 with rule and path, so a precomputed dictionary is worth
// nothing across repositories and every guess costs a slow hash. Deriving a salt from git (the root
// commit) was rejected: a shallow CI clone or a rewritten history changes it, and finding the root
// commit walks the whole history on every hook run. Repositories without a baseline use a fixed
// public key: stable, still slow to attack, but shared; `leakgate init` gives each its own salt.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, InputError } from "./errors.js";
import { isCalendarDate, sortEntries, type Baseline, type BaselineEntry } from "./filters/baseline.js";

export const BASELINE_FILE = ".leakgate-baseline.json";
/** The fingerprint key of a repository that has no baseline (and so no salt of its own) yet. */
export const DEFAULT_FINGERPRINT_KEY = "leakgate";
const VERSION = 1;
const SALT = /^[0-9a-f]{32,128}$/;

export function newSalt(): string {
  return randomBytes(16).toString("hex");
}

export function emptyBaseline(salt: string): Baseline {
  return { salt, entries: [] };
}

/** The key every fingerprint of a repository is made with. */
export function fingerprintKey(baseline: Baseline | undefined): string {
  return baseline?.salt ?? DEFAULT_FINGERPRINT_KEY;
}

/** One entry per line, keys in a fixed order, sorted entries, no timestamps: diffs and merges stay small. */
export function formatBaseline(baseline: Baseline): string {
  const lines = sortEntries(baseline.entries).map((entry) => {
    const ordered: BaselineEntry = {
      ruleId: entry.ruleId,
      path: entry.path,
      fingerprint: entry.fingerprint,
      ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
      ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
      ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
    };
    return `    ${JSON.stringify(ordered)}`;
  });
  const entries = lines.length === 0 ? "[]" : `[\n${lines.join(",\n")}\n  ]`;
  return `{\n  "version": ${VERSION},\n  "salt": ${JSON.stringify(baseline.salt)},\n  "entries": ${entries}\n}\n`;
}

/** The text of a baseline file -> Baseline; anything malformed is a ConfigError naming the file. */
export function parseBaseline(text: string, file: string): Baseline {
  const invalid = (what: string) =>
    new ConfigError(`${file}: ${what}`, "fix the file, or delete it and run leakgate baseline to write it again");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw invalid(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) throw invalid("not a JSON object");
  const { version, salt, entries } = document as Record<string, unknown>;
  if (version !== VERSION) throw invalid(`"version" must be ${VERSION}`);
  if (typeof salt !== "string" || !SALT.test(salt)) throw invalid('"salt" must be 32 to 128 lower-case hex characters');
  if (!Array.isArray(entries)) throw invalid('"entries" must be a list');
  return { salt, entries: entries.map((entry, index) => parseEntry(entry, `entry ${index + 1}`, invalid)) };
}

function parseEntry(value: unknown, where: string, invalid: (what: string) => Error): BaselineEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(`${where} is not an object`);
  const record = value as Record<string, unknown>;
  for (const key of ["ruleId", "path", "fingerprint"]) {
    if (typeof record[key] !== "string" || record[key] === "") throw invalid(`${where} needs a "${key}" string`);
  }
  for (const key of ["reason", "owner", "expires"]) {
    if (record[key] !== undefined && typeof record[key] !== "string") throw invalid(`${where}: "${key}" must be a string`);
  }
  const expires = record["expires"] as string | undefined;
  if (expires !== undefined && !isCalendarDate(expires)) throw invalid(`${where}: "expires" must be a date written YYYY-MM-DD, not "${expires}"`);
  return {
    ruleId: record["ruleId"] as string,
    path: record["path"] as string,
    fingerprint: record["fingerprint"] as string,
    ...(record["reason"] !== undefined ? { reason: record["reason"] as string } : {}),
    ...(record["owner"] !== undefined ? { owner: record["owner"] as string } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
}

/** The baseline at the repository root, or undefined when there is none. */
export function readBaseline(root: string): Baseline | undefined {
  const file = join(root, BASELINE_FILE);
  if (!existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`cannot read ${file}`, "check that it is a readable file");
  }
  return parseBaseline(text, BASELINE_FILE);
}

export function writeBaseline(root: string, baseline: Baseline): string {
  const file = join(root, BASELINE_FILE);
  try {
    writeFileSync(file, formatBaseline(baseline));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot write ${file} (${reason})`, "check that the repository folder is writable");
  }
  return file;
}
