// The rule set a command runs with: built-in rules, then the config found for the scanned root.
import { resolve } from "node:path";
import { findConfigFile, loadRuleSet, type RuleSet } from "../config.js";
import { createGitRunner, findWorkTreeRoot } from "../git/run.js";
import type { Io } from "../io.js";
import type { Options } from "../options.js";

/** The folder whose .leakgate.toml applies: the repository root of the first path, or that path. */
export async function configRoot(options: Options, io: Io): Promise<string> {
  const first = resolve(io.cwd, options.paths[0] ?? ".");
  const root = await findWorkTreeRoot(createGitRunner(first, io.env)).catch(() => undefined);
  return root ?? first;
}

/** `root` saves a git call when the caller already knows it (configRoot). */
export async function loadRules(options: Options, io: Io, knownRoot?: string): Promise<RuleSet> {
  const root = knownRoot ?? (await configRoot(options, io));
  const ruleSet = loadRuleSet(io.builtinRules, findConfigFile(root, options.config, io.cwd));
  for (const warning of ruleSet.warnings) io.stderr.write(`leakgate: warning: ${warning}\n`);
  return ruleSet;
}
