// [[scope]] tables (rules/scopes.toml and the user's .leakgate.toml) -> compiled scope rules.
// A scope names a secret by its variable names and aliases and says where it may be referenced:
// `allowed` (default: anywhere), `forbidden` (never there, even if allowed) and `except` (not judged
// at all: tests, the scanner's own rules). A user scope with a built-in id replaces it, or with
// `extend = true` adds to its lists.
import { RuleError } from "../errors.js";
import type { ScopeReference, ScopeRule, Severity } from "../model.js";
import { globMatcher } from "./compile.js";
import type { RawExample } from "./raw.js";
import { unknownKeys } from "./raw.js";

export interface RawScopeAlias {
  name?: string;
  regex?: string;
  flags?: string;
  near?: string[];
}

export interface RawScopeExample extends RawExample {
  /** The text the scope must report (the name or alias as written in `text`). */
  reference?: string;
}

export interface RawScope {
  id: string;
  description?: string;
  severity?: string;
  names?: string[];
  alias?: RawScopeAlias[];
  allowed?: string[];
  forbidden?: string[];
  except?: string[];
  remedy?: string;
  extend?: boolean;
  example?: RawScopeExample[];
  counterexample?: RawScopeExample[];
  file: string;
}

const SCOPE_KEYS = new Set([
  "id", "description", "severity", "names", "alias", "allowed", "forbidden", "except", "remedy", "extend",
  "example", "counterexample",
]);
const ALIAS_KEYS = new Set(["name", "regex", "flags", "near"]);
const EXAMPLE_KEYS = new Set(["text", "path", "reference"]);
const LIST_KEYS = ["names", "alias", "allowed", "forbidden", "except", "example", "counterexample"] as const;
const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];
const NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const USER_FLAGS = /^[imsuv]*$/;
const MIN_KEYWORD = 4;

/** The [[scope]] tables of one TOML document, with warnings for keys nobody reads. */
export function readScopes(document: Record<string, unknown>, file: string): { scopes: RawScope[]; warnings: string[] } {
  const tables = document["scope"] ?? [];
  if (!Array.isArray(tables)) throw new RuleError(`${file}: "scope" must be an array of tables`, "write each scope as [[scope]]");
  const warnings: string[] = [];
  const scopes = tables.map((table, index) => {
    if (typeof table !== "object" || table === null || Array.isArray(table)) {
      throw new RuleError(`${file}: scope #${index + 1} is not a table`, "write each scope as [[scope]]");
    }
    const record = table as Record<string, unknown>;
    const where = `${file}: scope "${String(record["id"] ?? `#${index + 1}`)}"`;
    warnings.push(...unknownKeys(record, SCOPE_KEYS, where));
    for (const alias of asArray(record["alias"])) {
      if (typeof alias === "object" && alias !== null) warnings.push(...unknownKeys(alias, ALIAS_KEYS, `${where} [alias]`));
    }
    for (const key of ["example", "counterexample"]) {
      for (const example of asArray(record[key])) {
        if (typeof example === "object" && example !== null) warnings.push(...unknownKeys(example, EXAMPLE_KEYS, `${where} [${key}]`));
      }
    }
    return { ...record, file } as RawScope;
  });
  return { scopes, warnings };
}

/** Built-in scopes overlaid with the user's: same id replaces, or adds to the lists with extend = true. */
export function mergeScopes(builtin: readonly RawScope[], user: readonly RawScope[]): RawScope[] {
  const merged = new Map<string, RawScope>();
  for (const scope of builtin) {
    if (merged.has(scope.id)) fail(scope, "is defined twice", "give each scope a unique id");
    merged.set(scope.id, scope);
  }
  const seen = new Set<string>();
  for (const scope of user) {
    if (seen.has(scope.id)) fail(scope, "is defined twice", "give each scope a unique id");
    seen.add(scope.id);
    if (scope.extend === undefined || scope.extend === false) {
      merged.set(scope.id, scope);
      continue;
    }
    if (scope.extend !== true) fail(scope, '"extend" must be true or false', "write extend = true");
    const base = merged.get(scope.id);
    if (!base) fail(scope, "extends no built-in scope", "use the id of a built-in scope (see leakgate rules), or drop extend");
    const lists: Partial<RawScope> = {};
    for (const key of LIST_KEYS) {
      (lists as Record<string, unknown>)[key] = [...asArray(base[key]), ...asArray(scope[key])];
    }
    merged.set(scope.id, { ...base, ...definedOnly(scope), ...lists, file: scope.file });
  }
  return [...merged.values()];
}

export function compileScope(raw: RawScope): ScopeRule {
  if (typeof raw.id !== "string" || !/^[a-z0-9][a-z0-9._-]*$/.test(raw.id)) {
    throw new RuleError(`${raw.file}: scope id ${JSON.stringify(raw.id)} is missing or not lower-case-with-dashes`, 'give every [[scope]] an id such as "acme-admin-key-scope"');
  }
  if (typeof raw.description !== "string" || raw.description === "") fail(raw, "has no description", 'add description = "what the secret is"');
  const severity = raw.severity ?? "high";
  if (!SEVERITIES.includes(severity as Severity)) fail(raw, `severity "${severity}" is not one of ${SEVERITIES.join(", ")}`, "use one of those");
  const names = stringList(raw, "names", raw.names);
  for (const name of names) {
    if (!NAME.test(name)) fail(raw, `name "${name}" is not an identifier`, "list variable names in names; put patterns in [[scope.alias]] regex");
  }
  const references = [...names.map((name) => nameReference(name)), ...asArray(raw.alias).map((alias) => aliasReference(raw, alias))];
  if (references.length === 0) fail(raw, "names no secret", 'add names = ["SECRET_NAME"] or a [[scope.alias]]');
  const allowed = stringList(raw, "allowed", raw.allowed);
  const forbidden = stringList(raw, "forbidden", raw.forbidden);
  const except = stringList(raw, "except", raw.except);
  if (allowed.length === 0 && forbidden.length === 0) {
    fail(raw, "says neither where the secret is allowed nor where it is forbidden", 'add allowed = ["**/service/**"] or forbidden = [...]');
  }
  const isAllowed = allowed.length > 0 ? globMatcher(allowed) : () => true;
  const isForbidden = forbidden.length > 0 ? globMatcher(forbidden) : () => false;
  const isExcepted = except.length > 0 ? globMatcher(except) : () => false;
  return {
    id: raw.id,
    description: raw.description!,
    severity: severity as Severity,
    ...(raw.remedy !== undefined ? { remedy: raw.remedy } : {}),
    file: raw.file,
    references,
    permits: (path) => isExcepted(path) || (isAllowed(path) && !isForbidden(path)),
    where: describeWhere(allowed, forbidden),
  };
}

/** Compiles the merged scopes; a scope id may not also be a rule id (findings and `disable` share them). */
export function compileScopes(scopes: readonly RawScope[], ruleIds: ReadonlySet<string>): ScopeRule[] {
  return scopes.map((raw) => {
    if (ruleIds.has(raw.id)) fail(raw, "has the id of a rule", "give the scope its own id (e.g. ending in -scope)");
    return compileScope(raw);
  });
}

/**
 * A name matched in any naming style: ACME_ADMIN_KEY also finds acme_admin_key, acmeAdminKey,
 * acme.admin.key and acme-admin-key. The engine checks the identifier boundaries. An alias (a short,
 * common name) keeps its own separator, in any case or camelCase: management_key finds managementKey
 * but not the "management-key" of English prose.
 */
export function nameReference(name: string, near: readonly string[] = [], separators = "-_."): ScopeReference {
  const words = splitWords(name);
  const nearWords = near.map((word) => word.toLowerCase());
  // One keyword per name keeps the engine's keyword pass fast: the first word (usually the vendor:
  // OPENROUTER_, TRADING_) unless it is short and common (API_, DB_); an alias counts only near its words.
  const keyword = words[0]!.length >= MIN_KEYWORD ? words[0]! : words.reduce((a, b) => (b.length > a.length ? b : a));
  return {
    regex: new RegExp(words.map(escapeRegex).join(separatorPattern(separators)), "gi"),
    identifier: true,
    keywords: nearWords.length > 0 ? nearWords : [keyword],
    near: nearWords,
  };
}

/** The lower-cased words of an identifier: snake_case, kebab-case, dotted and camelCase parts. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** An optional separator between words: one of `separators`, or none (camelCase, or run together). */
function separatorPattern(separators: string): string {
  return separators === "" ? "" : `[${[...separators].map((char) => `\\${char}`).join("")}]?`;
}

function aliasReference(raw: RawScope, alias: unknown): ScopeReference {
  if (typeof alias !== "object" || alias === null) fail(raw, "an alias is not a table", "write each alias as [[scope.alias]]");
  const { name, regex, flags = "", near } = alias as RawScopeAlias;
  const nearWords = stringList(raw, "alias.near", near);
  if ((name === undefined) === (regex === undefined)) fail(raw, "an alias needs either name or regex", 'write name = "management_key" or regex = \'\'\'...\'\'\'');
  if (name !== undefined) {
    if (typeof name !== "string" || !NAME.test(name)) fail(raw, `alias name ${JSON.stringify(name)} is not an identifier`, "use regex for patterns");
    return nameReference(name, nearWords, name.match(/[-_.]/)?.[0] ?? "");
  }
  if (typeof regex !== "string" || regex === "") fail(raw, "an alias regex is empty", "write the pattern of a reference");
  if (typeof flags !== "string" || !USER_FLAGS.test(flags)) fail(raw, `alias flags "${String(flags)}" may hold only i, m, s, u, v`, "remove the other flags");
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex, `${flags}g`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
    fail(raw, `invalid alias regex: ${reason}`, "fix the regex (JavaScript syntax; flags go in the alias's flags field)");
  }
  const lowerNear = nearWords.map((word) => word.toLowerCase());
  return { regex: compiled, identifier: false, keywords: lowerNear, near: lowerNear };
}

/** Globs shown in a finding's description; the rest are counted (the scope's file lists them all). */
const GLOBS_SHOWN = 4;

function describeWhere(allowed: readonly string[], forbidden: readonly string[]): string {
  const list = (globs: readonly string[]): string =>
    globs.length <= GLOBS_SHOWN ? globs.join(", ") : `${globs.slice(0, GLOBS_SHOWN).join(", ")} and ${globs.length - GLOBS_SHOWN} more`;
  const parts: string[] = [];
  if (allowed.length > 0) parts.push(`allowed only under ${list(allowed)}`);
  if (forbidden.length > 0) parts.push(`${allowed.length > 0 ? "and never" : "forbidden"} under ${list(forbidden)}`);
  return parts.join(" ");
}

function stringList(raw: RawScope, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    fail(raw, `"${key}" must be a list of strings`, `write it as ${key.replace(/^alias\./, "")} = ["..."]`);
  }
  return value as string[];
}

function definedOnly(scope: RawScope): Partial<RawScope> {
  return Object.fromEntries(Object.entries(scope).filter(([key, value]) => value !== undefined && key !== "extend"));
}

function fail(raw: RawScope, problem: string, todo: string): never {
  throw new RuleError(`${raw.file}: scope "${String(raw.id)}": ${problem}`, todo);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
