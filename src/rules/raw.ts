// The shape of a rule as written in TOML, before compilation, and the checks on its keys.

export interface RawAllow {
  regexes?: string[];
  regexTarget?: "secret" | "match" | "line";
  stopwords?: string[];
  paths?: string[];
}

export interface RawExample {
  /** Text to scan. May hold generators such as <<hex:64>> and <<secret>> (see test/helpers/examples.ts). */
  text?: string;
  /** The exact secret the rule must report for `text`. */
  secret?: string;
  /** The path the text lives at (content rules), or the path to judge (path rules). */
  path?: string;
}

export interface RawRule {
  id: string;
  description: string;
  severity?: string;
  kind?: "content" | "path";
  regex?: string;
  flags?: string;
  secretGroup?: number | string;
  keywords?: string[];
  /** Every match starts where one of the keywords starts: the regex is tried only there. */
  startsAtKeyword?: boolean;
  entropy?: number;
  paths?: string[];
  allow?: RawAllow;
  globs?: string[];
  except?: string[];
  remedy?: string;
  tags?: string[];
  /** Structural checks the secret must pass (engine/checks.ts), e.g. "github-crc32". */
  check?: string | string[];
  /** Kept over other rules' findings on an overlapping span when higher (default 0). */
  priority?: number;
  example?: RawExample[];
  counterexample?: RawExample[];
  /** Where the rule was read from, for error messages. */
  file: string;
}

export const RULE_KEYS = new Set([
  "id", "description", "severity", "kind", "regex", "flags", "secretGroup", "keywords", "startsAtKeyword", "entropy",
  "paths", "allow", "globs", "except", "remedy", "tags", "example", "counterexample", "check", "priority",
]);
export const ALLOW_KEYS = new Set(["regexes", "regexTarget", "stopwords", "paths", "description"]);
export const EXAMPLE_KEYS = new Set(["text", "secret", "path"]);

/** Names every key of `record` that `known` does not list, as warnings. */
export function unknownKeys(record: object, known: ReadonlySet<string>, where: string): string[] {
  return Object.keys(record)
    .filter((key) => !known.has(key))
    .map((key) => `${where}: unknown key "${key}" (ignored)`);
}
