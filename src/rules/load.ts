// rules/*.toml and .leakgate.toml -> raw records, each remembering its file for error messages.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse, TomlError } from "smol-toml";
import { ConfigError } from "../errors.js";
import { precompiledRuleDocuments } from "./precompiled.js";
import { ALLOW_KEYS, EXAMPLE_KEYS, RULE_KEYS, unknownKeys, type RawAllow, type RawRule } from "./raw.js";

export interface RuleFile {
  readonly file: string;
  readonly rules: RawRule[];
  readonly allow: RawAllow | undefined;
  readonly warnings: string[];
  /** The whole parsed document, for callers that read more keys (the user config). */
  readonly document: Record<string, unknown>;
}

/** Parses TOML text; a syntax error becomes one line naming the file, line and column. */
export function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0] ?? "invalid TOML";
      throw new ConfigError(
        `${file}:${error.line}:${error.column}: invalid TOML: ${reason}`,
        "fix the syntax at that line (TOML literal strings '''...''' keep regexes readable)",
      );
    }
    throw error;
  }
}

/** Reads the rules and the allow block of one TOML document. */
export function readRuleDocument(
  document: Record<string, unknown>,
  file: string,
  extraKeys: ReadonlySet<string> = new Set(),
): RuleFile {
  // [[scope]] and [reuse] are read by rules/scopes.ts and rules/reuse.ts, from `document`.
  const warnings = unknownKeys(document, new Set(["rule", "allow", "scope", "reuse", ...extraKeys]), file);
  const rawRules = document["rule"] ?? [];
  if (!Array.isArray(rawRules)) {
    throw new ConfigError(`${file}: "rule" must be an array of tables`, "write each rule as [[rule]]");
  }
  const rules = rawRules.map((raw, index) => {
    if (typeof raw !== "object" || raw === null) {
      throw new ConfigError(`${file}: rule #${index + 1} is not a table`, "write each rule as [[rule]]");
    }
    const record = raw as Record<string, unknown>;
    const where = `${file}: rule "${String(record["id"] ?? `#${index + 1}`)}"`;
    warnings.push(...unknownKeys(record, RULE_KEYS, where));
    if (typeof record["allow"] === "object" && record["allow"] !== null) {
      warnings.push(...unknownKeys(record["allow"], ALLOW_KEYS, `${where} [allow]`));
    }
    for (const key of ["example", "counterexample"]) {
      for (const example of asArray(record[key])) {
        if (typeof example === "object" && example !== null) {
          warnings.push(...unknownKeys(example, EXAMPLE_KEYS, `${where} [${key}]`));
        }
      }
    }
    return { ...record, file } as RawRule;
  });
  const allow = document["allow"];
  if (allow !== undefined && (typeof allow !== "object" || allow === null || Array.isArray(allow))) {
    throw new ConfigError(`${file}: "allow" must be a table`, "write it as [allow] with paths, regexes, stopwords");
  }
  if (allow) warnings.push(...unknownKeys(allow, ALLOW_KEYS, `${file} [allow]`));
  return { file, rules, allow: allow as RawAllow | undefined, warnings, document };
}

/** Reads every `*.toml` file of the built-in rules folder, in name order. */
export function loadRuleFolder(folder: string): RuleFile[] {
  const precompiled = precompiledRuleDocuments();
  if (precompiled) return precompiled.map(({ name, document }) => readRuleDocument(document, `rules/${name}`));
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".toml")).sort();
  } catch {
    throw new ConfigError(`built-in rules not found at ${folder}`, "reinstall leakgate (the package must contain rules/)");
  }
  return names.map((name) => {
    const file = join(folder, name);
    return readRuleDocument(parseToml(readFileSync(file, "utf8"), file), `rules/${name}`);
  });
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
