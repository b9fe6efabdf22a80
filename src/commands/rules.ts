// leakgate rules: what is checked, so a user can see it (and find an id to disable).
import type { RuleSet } from "../config.js";
import { REUSE_RULE_ID } from "../filters/reuse.js";
import { EXIT, type Io } from "../io.js";
import type { Options } from "../options.js";
import { loadRules } from "./load-rules.js";

export async function listRules(options: Options, io: Io): Promise<number> {
  const ruleSet = await loadRules(options, io);
  const rules = [...ruleSet.rules, ...policyEntries(ruleSet)];
  if (options.format === "json") {
    const list = rules.map((rule) => ({ id: rule.id, kind: rule.kind, severity: rule.severity, description: rule.description, file: rule.file }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT.clean;
  }
  const width = Math.max(...rules.map((rule) => rule.id.length), 2);
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${rule.kind.padEnd(7)}  ${rule.severity.padEnd(8)}  ${rule.description}`);
  io.stdout.write(`${"id".padEnd(width)}  ${"kind".padEnd(7)}  ${"severity".padEnd(8)}  description\n${lines.join("\n")}\n`);
  if (!options.quiet) io.stderr.write(`leakgate: ${rules.length} rules\n`);
  return EXIT.clean;
}

/** Scope rules and credential reuse, listed like rules: their ids are what `disable` takes. */
function policyEntries(ruleSet: RuleSet) {
  const scopes = (ruleSet.scopes ?? []).map((scope) => ({
    id: scope.id,
    kind: "policy",
    severity: scope.severity,
    description: `${scope.description} (${scope.where})`,
    file: scope.file,
  }));
  const reuse = ruleSet.reuse
    ? [{ id: REUSE_RULE_ID, kind: "policy", severity: "varies", description: "the same secret value in two scopes (services)", file: "rules/scopes.toml" }]
    : [];
  return [...scopes, ...reuse];
}
