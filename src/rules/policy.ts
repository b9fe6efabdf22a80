// The policy checks beside the rules: scope rules and the credential-reuse settings, built-in
// (rules/*.toml) overlaid with the user's config.
import type { ScopeRule } from "../model.js";
import { REUSE_RULE_ID } from "../filters/reuse.js";
import type { RuleFile } from "./load.js";
import { compileReuse, readReuse, type ReuseSettings } from "./reuse.js";
import { compileScopes, mergeScopes, readScopes } from "./scopes.js";

export interface Policy {
  readonly scopes: ScopeRule[];
  /** Undefined when `disable` lists credential-reuse. */
  readonly reuse: ReuseSettings | undefined;
  readonly warnings: string[];
  /** Every id `disable` may name besides rule ids. */
  readonly ids: string[];
}

export function loadPolicy(
  builtin: readonly RuleFile[],
  user: RuleFile | undefined,
  ruleIds: ReadonlySet<string>,
  disabled: ReadonlySet<string>,
): Policy {
  const warnings: string[] = [];
  const read = (file: RuleFile) => {
    const scopes = readScopes(file.document, file.file);
    warnings.push(...scopes.warnings);
    const reuse = readReuse(file.document, file.file);
    warnings.push(...reuse.warnings);
    return { scopes: scopes.scopes, globs: reuse.globs };
  };
  const builtinParts = builtin.map(read);
  const userPart = user ? read(user) : undefined;
  const scopes = compileScopes(
    mergeScopes(builtinParts.flatMap((part) => part.scopes), userPart?.scopes ?? []),
    ruleIds,
  );
  const globs = userPart?.globs ?? builtinParts.flatMap((part) => part.globs ?? []);
  return {
    scopes: scopes.filter((scope) => !disabled.has(scope.id)),
    reuse: disabled.has(REUSE_RULE_ID) ? undefined : compileReuse(globs),
    warnings,
    ids: [...scopes.map((scope) => scope.id), REUSE_RULE_ID],
  };
}
