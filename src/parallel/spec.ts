// How a scanner is built from its rules, in one place: the main thread and every scan worker
// build theirs with scannerFor, so a worker scans exactly as the main thread would.
import type { RuleSet } from "../config.js";
import { createBudgetedRunner, DEFAULT_BUDGET_MS, DEFAULT_MAX_CUTS, guardUntrusted } from "../engine/budget.js";
import { createFragmentScanner, type FragmentScanner } from "../engine/scan.js";
import type { Fingerprinter } from "../filters/fingerprint.js";

/** What a worker needs to build the main thread's scanner: plain data, sent once. */
export interface ScannerSpec {
  readonly builtinRules: string;
  readonly configFile: string | undefined;
  readonly fingerprintKey: string;
}

/** `warn` hears of every rule cut short by its time budget (engine/budget.ts): it must reach the report. */
export function scannerFor(ruleSet: Pick<RuleSet, "rules" | "scopes">, fingerprints: Fingerprinter, warn: (message: string) => void): FragmentScanner {
  const runner = createBudgetedRunner({ budgetMs: DEFAULT_BUDGET_MS, maxCuts: DEFAULT_MAX_CUTS, warn, guarded: guardUntrusted });
  return createFragmentScanner(ruleSet.rules, fingerprints, ruleSet.scopes, runner);
}
