// The rule set a command runs with: built-in rules, then the config found for the scanned root.
import { resolve } from "node:path";
import { findConfigFile, loadRuleSet, type RuleSet } from "../config.js";
import { createGitRunner, findWorkTreeRoot } from "../git/run.js";
import type { Io } from "../io.js";
import type { Options } from "../options.js";

/** The first path a command names, and the root of the repository it is in (if git finds one). */
export interface FirstPath {
  readonly path: string;
  readonly repository: string | undefined;
}

export async function firstPath(options: Options, io: Io): Promise<FirstPath> {
  const path = resolve(io.cwd, options.paths[0] ?? ".");
  return { path, repository: await findWorkTreeRoot(createGitRunner(path, io.env)).catch(() => undefined) };
}

/** The folder whose .leakgate.toml applies: the repository root of the first path, or that path. */
export async function configRoot(options: Options, io: Io): Promise<string> {
  const first = await firstPath(options, io);
  return first.repository ?? first.path;
}

/** `root` saves a git call when the caller already knows it (configRoot). */
export async function loadRules(options: Options, io: Io, knownRoot?: string): Promise<RuleSet> {
  const root = knownRoot ?? (await configRoot(options, io));
  const ruleSet = loadRuleSet(io.builtinRules, findConfigFile(root, options.config, io.cwd));
  for (const warning of ruleSet.warnings) io.stderr.write(`leakgate: warning: ${warning}\n`);
  return ruleSet;
}
