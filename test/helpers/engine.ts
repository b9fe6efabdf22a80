// The engine and filters as one pure function over text, for unit tests.
import { fileURLToPath } from "node:url";
import { loadRuleSet, type RuleSet } from "../../src/config.js";
import { createFragmentScanner } from "../../src/engine/scan.js";
import { createFingerprinter } from "../../src/filters/fingerprint.js";
import { filterFindings } from "../../src/filters/index.js";
import { rulePriorities } from "../../src/filters/overlap.js";
import type { Finding, Fragment } from "../../src/model.js";

export const BUILTIN_RULES = fileURLToPath(new URL("../../rules/", import.meta.url));

let builtin: RuleSet | undefined;
export function builtinRuleSet(): RuleSet {
  builtin ??= loadRuleSet(BUILTIN_RULES, undefined);
  return builtin;
}

export function fragmentOf(content: string, path = "example.txt", extra: Partial<Fragment> = {}): Fragment {
  return { path, content, startLine: 1, origin: "worktree", kind: "file", bytes: Buffer.byteLength(content), ...extra };
}

/**
 * Scans one text with a rule set (the built-in one by default) and applies the filters. As a
 * working-tree file is read: a text whose bytes the scanner does not want (wantsText) is scanned as
 * "", so every rule example also checks that no keyword it needs is missing from that test.
 */
export function scanText(content: string, path = "example.txt", ruleSet: RuleSet = builtinRuleSet(), extra: Partial<Fragment> = {}): Finding[] {
  const scanner = createFragmentScanner(ruleSet.rules, createFingerprinter("test"));
  const wanted = scanner.wantsText!(Buffer.from(content, "utf8"), path) ? content : "";
  return filterFindings(scanner.scanFragment(fragmentOf(wanted, path, extra)), { allowlists: ruleSet.allowlists, priorities: rulePriorities(ruleSet.rules) });
}
