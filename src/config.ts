// Finds and reads the user's config and merges it over the built-in rules:
// user rules add to (or replace, by id) the built-in ones, `disable` turns rules off by id,
// and [allow] blocks from both become global allowlists.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError } from "./errors.js";
import type { AllowList, Rule, ScopeRule } from "./model.js";
import { compileAllow, compileRules } from "./rules/compile.js";
import { loadRuleFolder, parseToml, readRuleDocument, type RuleFile } from "./rules/load.js";
import { loadPolicy } from "./rules/policy.js";
import type { ReuseSettings } from "./rules/reuse.js";

export const CONFIG_FILE = ".leakgate.toml";
const CONFIG_KEYS = new Set(["disable", "scope", "title"]);

export interface RuleSet {
  readonly rules: Rule[];
  readonly allowlists: AllowList[];
  readonly warnings: string[];
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
  /** The user's config document, for later stages that read their own keys. */
  readonly config: Record<string, unknown>;
  /** Scope rules ([[scope]]); absent in hand-made rule sets, which then check no scopes. */
  readonly scopes?: readonly ScopeRule[];
  /** Credential-reuse settings ([reuse]); absent when disabled or in hand-made rule sets. */
  readonly reuse?: ReuseSettings;
}

/** The config to read: --config FILE when given (it must exist), else .leakgate.toml at the root. */
export function findConfigFile(root: string, explicit: string | undefined, cwd: string): string | undefined {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new ConfigError(`config file ${explicit} does not exist`, "check the path given to --config");
    }
    return file;
  }
  const file = join(root, CONFIG_FILE);
  return existsSync(file) ? file : undefined;
}

function readConfig(file: string): RuleFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`cannot read config file ${file}`, "check that it exists and is readable");
  }
  return readRuleDocument(parseToml(text, file), file, CONFIG_KEYS);
}

function allowFrom(file: RuleFile): AllowList | undefined {
  return compileAllow({ id: "allow", description: "allow", file: file.file }, file.allow);
}

export function loadRuleSet(builtinFolder: string, configFile: string | undefined): RuleSet {
  const builtinFiles = loadRuleFolder(builtinFolder);
  const builtin = compileRules(builtinFiles.flatMap((file) => file.rules));
  const warnings = builtinFiles.flatMap((file) => file.warnings);
  const allowlists = builtinFiles.map(allowFrom).filter((allow): allow is AllowList => allow !== undefined);
  if (configFile === undefined) {
    const policy = loadPolicy(builtinFiles, undefined, new Set(builtin.map((rule) => rule.id)), new Set());
    warnings.push(...policy.warnings);
    return { rules: builtin, allowlists, warnings, configFile, config: {}, scopes: policy.scopes, ...(policy.reuse ? { reuse: policy.reuse } : {}) };
  }

  const config = readConfig(configFile);
  warnings.push(...config.warnings);
  const disable = config.document["disable"] ?? [];
  if (!Array.isArray(disable) || disable.some((id) => typeof id !== "string")) {
    throw new ConfigError(`${configFile}: "disable" must be a list of rule ids`, 'write disable = ["rule-id"]');
  }
  const userRules = compileRules(config.rules);
  const userIds = new Set(userRules.map((rule) => rule.id));
  const disabledIds = new Set(disable as string[]);
  const policy = loadPolicy(builtinFiles, config, new Set([...builtin.map((rule) => rule.id), ...userIds]), disabledIds);
  warnings.push(...policy.warnings);
  const known = new Set([...builtin.map((rule) => rule.id), ...userIds, ...policy.ids]);
  for (const id of disable as string[]) {
    if (!known.has(id)) warnings.push(`${configFile}: disable names "${id}", which is not a rule (see leakgate rules)`);
  }
  const disabled = new Set(disable as string[]);
  const rules = [...builtin.filter((rule) => !userIds.has(rule.id)), ...userRules].filter((rule) => !disabled.has(rule.id));
  const userAllow = allowFrom(config);
  return {
    rules,
    allowlists: userAllow ? [...allowlists, userAllow] : allowlists,
    warnings,
    configFile,
    config: config.document,
    scopes: policy.scopes,
    ...(policy.reuse ? { reuse: policy.reuse } : {}),
  };
}
