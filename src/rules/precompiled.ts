// The built-in rule documents parsed at build time (scripts/rule-documents.mjs), so a run of the
// bundled CLI parses no TOML for them. From source (tests, tsx) there are none: rules/*.toml is read.
declare const LEAKGATE_BUILTIN_RULES: string | undefined;

export interface RuleDocument {
  readonly name: string; // file name in rules/
  readonly document: Record<string, unknown>;
}

export function precompiledRuleDocuments(): RuleDocument[] | undefined {
  return typeof LEAKGATE_BUILTIN_RULES === "string" ? (JSON.parse(LEAKGATE_BUILTIN_RULES) as RuleDocument[]) : undefined;
}
