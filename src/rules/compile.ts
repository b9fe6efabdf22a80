// Raw rule records -> compiled rules: regexes built once (with the d flag for exact spans),
// keywords lower-cased, globs turned into matchers.
import micromatch from "micromatch";
import { RuleError } from "../errors.js";
import type { AllowList, ContentRule, PathRule, Rule, Severity } from "../model.js";
import { CHECK_NAMES, secretCheck } from "../engine/checks.js";
import { expandMacros } from "./macros.js";
import { captureGroupsOf } from "./capture-groups.js";
import type { RawAllow, RawRule } from "./raw.js";

const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];
const USER_FLAGS = /^[imsuv]*$/;

/**
 * The longest run of plain characters every path a glob matches must contain ("" when there is
 * none to be sure of): what is inside braces, brackets or parentheses is optional or a choice.
 */
export function requiredLiteral(glob: string): string {
  if (glob.startsWith("!") || glob.includes("\\")) return "";
  const plain = glob.replace(/\{[^}]*\}|\[[^\]]*\]|\([^)]*\)/g, "*");
  // A slash next to ** may match nothing ("**/x/**" matches "x/a"), so the ends' slashes are not required.
  const parts = plain.split(/[*?[\]{}()!+@|]/).map((part) => part.replace(/^\/+|\/+$/g, ""));
  return parts.reduce((longest, part) => (part.length > longest.length ? part : longest), "");
}

/**
 * A glob matcher: a glob without a slash (`*.md`) matches at any depth; dotfiles included.
 * Compiled on first use: most rules' globs are never asked about in a small scan. Every file of a
 * scan is asked about by every scope and path rule, and micromatch's regexes are slow on long
 * paths, so a glob's regex runs only on paths that hold its required literal (`.md`, `oms/`).
 */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  let compiled: { screen: RegExp | undefined; matchers: Array<{ literal: string; regex: RegExp }> } | undefined;
  const compile = () => {
    const matchers = globs.map((glob) => ({ literal: requiredLiteral(glob), regex: micromatch.makeRe(glob.includes("/") ? glob : `**/${glob}`, { dot: true }) }));
    // One test for the whole list first: a path that holds none of the literals matches no glob.
    const screen = matchers.every(({ literal }) => literal !== "")
      ? new RegExp(matchers.map(({ literal }) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"))
      : undefined;
    return { screen, matchers };
  };
  return (path) => {
    const { screen, matchers } = (compiled ??= compile());
    if (screen && !screen.test(path)) return false;
    return matchers.some(({ literal, regex }) => (literal === "" || path.includes(literal)) && regex.test(path));
  };
}

function fail(rule: RawRule, problem: string, todo: string): never {
  throw new RuleError(`${rule.file}: rule "${rule.id}": ${problem}`, todo);
}

function stringList(rule: RawRule, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    fail(rule, `"${key}" must be a list of strings`, `write it as ${key} = ["..."]`);
  }
  return value as string[];
}

function compileRegex(rule: RawRule, source: string, flags: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, "") : String(error);
    fail(rule, `invalid ${what}: ${reason}`, "fix the regex (JavaScript syntax; put flags such as i in the rule's flags field, not inline (?i))");
  }
}

/** How many capture groups a regex has, and whether one is named "secret" (read, not compiled). */
function captureGroups(regex: RegExp): { count: number; named: boolean } {
  const groups = captureGroupsOf(regex.source);
  return { count: groups.count, named: groups.names.includes("secret") };
}

export function compileAllow(rule: RawRule, raw: RawAllow | undefined): AllowList | undefined {
  if (raw === undefined) return undefined;
  const regexes = stringList(rule, "allow.regexes", raw.regexes).map((source) =>
    compileRegex(rule, source, "", "allow regex"),
  );
  const stopwords = stringList(rule, "allow.stopwords", raw.stopwords).map((word) => word.toLowerCase());
  const paths = stringList(rule, "allow.paths", raw.paths);
  const target = raw.regexTarget ?? "secret";
  if (!["secret", "match", "line"].includes(target)) {
    fail(rule, `allow.regexTarget must be "secret", "match" or "line", not "${target}"`, "pick one of the three");
  }
  return {
    regexes,
    regexTarget: target,
    stopwords,
    paths: paths.length > 0 ? globMatcher(paths) : () => false,
  };
}

function compileSeverity(rule: RawRule): Severity {
  const severity = rule.severity ?? "high";
  if (!SEVERITIES.includes(severity as Severity)) {
    fail(rule, `severity "${severity}" is not one of ${SEVERITIES.join(", ")}`, "use one of those");
  }
  return severity as Severity;
}

export function compileRule(rule: RawRule): Rule {
  if (typeof rule.id !== "string" || !/^[a-z0-9][a-z0-9._-]*$/.test(rule.id)) {
    throw new RuleError(
      `${rule.file}: rule id ${JSON.stringify(rule.id)} is missing or not lower-case-with-dashes`,
      'give every [[rule]] an id such as "acme-api-key"',
    );
  }
  if (typeof rule.description !== "string" || rule.description === "") {
    fail(rule, "has no description", 'add description = "what the secret is"');
  }
  const base = {
    id: rule.id,
    description: rule.description,
    severity: compileSeverity(rule),
    remedy: rule.remedy,
    tags: stringList(rule, "tags", rule.tags),
    file: rule.file,
  };
  const kind = rule.kind ?? (rule.globs !== undefined ? "path" : "content");
  if (kind === "path") return compilePathRule(rule, base);
  if (kind !== "content") fail(rule, `kind "${kind}" is not "content" or "path"`, "use one of those");
  return compileContentRule(rule, base);
}

function compilePathRule(rule: RawRule, base: Omit<PathRule, "kind" | "matches">): PathRule {
  const globs = stringList(rule, "globs", rule.globs);
  if (globs.length === 0) fail(rule, "a path rule needs globs", 'add globs = ["**/.env"]');
  const included = globMatcher(globs);
  const exceptions = stringList(rule, "except", rule.except);
  const excluded = exceptions.length > 0 ? globMatcher(exceptions) : () => false;
  return { ...base, kind: "path", matches: (path) => included(path) && !excluded(path) };
}

function compileContentRule(rule: RawRule, base: Omit<ContentRule, "kind" | "regex" | "secretGroup" | "keywords" | "sticky" | "entropy" | "appliesTo" | "allow">): ContentRule {
  if (typeof rule.regex !== "string" || rule.regex === "") {
    fail(rule, "has no regex", "add regex = '''...''' with a capture group around the secret, or globs for a path rule");
  }
  const flags = rule.flags ?? "";
  if (!USER_FLAGS.test(flags)) fail(rule, `flags "${flags}" may hold only i, m, s, u, v`, "remove the other flags");
  const regex = compileRegex(rule, expandMacros(rule.regex), `${flags}gd`, "regex");
  const groups = captureGroups(regex);
  if (groups.count === 0) {
    fail(rule, "regex has no capture group", "wrap the secret in ( ) or name it (?<secret>...)");
  }
  let secretGroup: number | string = groups.named ? "secret" : 1;
  if (rule.secretGroup !== undefined) {
    if (typeof rule.secretGroup === "number" && (rule.secretGroup < 0 || rule.secretGroup > groups.count)) {
      fail(rule, `secretGroup ${rule.secretGroup} is out of range (the regex has ${groups.count} groups)`, "name an existing group");
    }
    secretGroup = rule.secretGroup;
  }
  const entropy = rule.entropy ?? 0;
  if (typeof entropy !== "number" || entropy < 0 || entropy > 8) {
    fail(rule, "entropy must be a number of bits per character between 0 and 8", "use e.g. entropy = 3.0");
  }
  const paths = stringList(rule, "paths", rule.paths);
  const keywords = stringList(rule, "keywords", rule.keywords).map((keyword) => keyword.toLowerCase());
  if (rule.startsAtKeyword !== undefined && typeof rule.startsAtKeyword !== "boolean") {
    fail(rule, "startsAtKeyword must be true or false", "write startsAtKeyword = true");
  }
  if (rule.startsAtKeyword && keywords.length === 0) {
    fail(rule, "startsAtKeyword needs keywords", "list the keywords its matches start with, or remove startsAtKeyword");
  }
  return {
    ...base,
    kind: "content",
    regex,
    secretGroup,
    keywords,
    ...(rule.startsAtKeyword ? { sticky: new RegExp(regex.source, `${regex.flags}y`) } : {}),
    entropy,
    appliesTo: paths.length > 0 ? globMatcher(paths) : undefined,
    allow: compileAllow(rule, rule.allow),
    ...compileCheck(rule),
    ...(rule.priority !== undefined ? { priority: compilePriority(rule) } : {}),
  };
}

/** The rule's `check` names (one or a list) as one predicate. */
function compileCheck(rule: RawRule): { check?: (secret: string) => boolean } {
  if (rule.check === undefined) return {};
  const names = typeof rule.check === "string" ? [rule.check] : stringList(rule, "check", rule.check);
  const checks = names.map((name) => {
    const check = secretCheck(name);
    if (!check) fail(rule, `check "${name}" is not known`, `use one of ${CHECK_NAMES.join(", ")}`);
    return check;
  });
  return { check: (secret) => checks.every((check) => check(secret)) };
}

function compilePriority(rule: RawRule): number {
  if (typeof rule.priority !== "number" || !Number.isInteger(rule.priority)) {
    fail(rule, "priority must be a whole number", "use e.g. priority = 10 (higher wins; default 0)");
  }
  return rule.priority;
}

/** Compiles one set of rules (the built-in ones, or one config's); ids must be unique within it. */
export function compileRules(rules: readonly RawRule[]): Rule[] {
  const byId = new Map<string, Rule>();
  for (const raw of rules) {
    const rule = compileRule(raw);
    const earlier = byId.get(rule.id);
    if (earlier) {
      const where = earlier.file === rule.file ? "" : ` (first in ${earlier.file})`;
      throw new RuleError(`${rule.file}: rule "${rule.id}" is defined twice${where}`, "give each rule a unique id");
    }
    byId.set(rule.id, rule);
  }
  return [...byId.values()];
}
