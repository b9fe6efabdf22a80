// Running content rules within a time budget. A regex with nested quantifiers (`(a+)+$` on
// "aaaa…!") backtracks exponentially, and a JavaScript regex cannot be interrupted from inside the
// thread that runs it; a hook that hangs gets uninstalled. So the rules of one fragment run inside
// node:vm with a timeout: V8 stops the regex where it is, the rule that was running is cut short
// (its matches in that fragment are lost, and a warning names it), and the rules after it run on.
//
// Why not V8's linear-time fallback (--enable-experimental-regexp-engine-on-excessive-backtracks):
// it never applies to our regexes. They are compiled with the d flag (exact spans), and in Node 20
// the fallback also refuses the i, u and v flags, backreferences and lookarounds, so `(a+)+$` with
// the d flag still hangs with the flag set.
import { Script, createContext } from "node:vm";
import type { ContentRule } from "../model.js";
import { matchRule, type RuleMatch } from "./match.js";
import type { Window } from "./windows.js";

/** A rule to run, and where in the text (engine/windows.ts; default: everywhere). */
export interface RuleRun {
  readonly rule: ContentRule;
  readonly windows?: readonly Window[];
  /** For a rule whose matches start at its keywords: their places (see ContentRule.sticky). */
  readonly starts?: readonly number[];
}

export interface RuleRunner {
  /** The matches of `runs` in `text` (the text of the fragment at `path`), in rule order. */
  matches(runs: readonly RuleRun[], text: string, path: string): RuleMatch[];
}

/** Every rule to the end, however long it takes: for tools that vet rules, not for scans. */
export const unboundedRunner: RuleRunner = {
  matches: (runs, text) => runs.flatMap((run) => matchRule(run.rule, text, run.windows, run.starts)),
};

export interface BudgetOptions {
  /** Milliseconds the rules of one fragment may take together before the running one is cut short. */
  readonly budgetMs: (text: string) => number;
  /** After this many cuts a rule is skipped for the rest of the scan, so that N files cannot cost N budgets. */
  readonly maxCuts: number;
  readonly warn: (message: string) => void;
  /** Whether a rule runs under the budget on this text; the others run directly (see GUARD_ABOVE). */
  readonly guarded?: (rule: ContentRule, text: string) => boolean;
}

/**
 * A budget that grows with the text: every built-in rule together takes about 2 s on 10 MB of their
 * own examples (2 cores), and this gives 12 s there; a hostile rule on a small file costs 2 s.
 */
export const DEFAULT_BUDGET_MS = (text: string): number => 2000 + Math.ceil(text.length / 1000);
export const DEFAULT_MAX_CUTS = 3;

/**
 * Each guarded run costs a watchdog thread (0.1 to 1 ms: a third more time on a scan of
 * node_modules when every fragment paid it). So the built-in rules, which test/unit/rule-budget.test.ts
 * runs on hostile text, are guarded only on texts long enough for a polynomial blow-up; user rules
 * (and built-in ones a user replaced) are guarded on every text.
 */
export const GUARD_ABOVE = 64 * 1024;
export const guardUntrusted = (rule: ContentRule, text: string): boolean => !rule.file.startsWith("rules/") || text.length > GUARD_ABOVE;

const TIMEOUT = "ERR_SCRIPT_EXECUTION_TIMEOUT";
// Not breakOnSigint: Ctrl-C would stop a regex at once, but a signal that came between two runs was
// then lost now and again (the scan went on to its end). Without it, cli.ts's SIGINT listener runs
// when the current fragment's guarded rules are done: at most a budget per rule later.

/** A runner that bounds the time of every rule on every fragment, and says which rule it cut short. */
export function createBudgetedRunner(options: BudgetOptions): RuleRunner {
  const sandbox = createContext({ work: undefined as (() => void) | undefined });
  const script = new Script("work()");
  const cuts = new Map<string, number>();
  const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

  return {
    matches(runs, text, path) {
      const found: RuleMatch[] = [];
      const active = runs.filter((run) => (cuts.get(run.rule.id) ?? 0) < options.maxCuts);
      const budget = options.budgetMs(text);
      const guarded = options.guarded ?? (() => true);
      const run = ({ rule, windows, starts }: RuleRun): void => {
        for (const match of matchRule(rule, text, windows, starts)) found.push(match);
      };
      let next = 0;
      let end = 0;
      sandbox["work"] = () => {
        // `next` is read after a timeout: it names the rule that was running.
        for (; next < end; next++) run(active[next]!);
      };
      try {
        while (next < active.length) {
          if (!guarded(active[next]!.rule, text)) {
            run(active[next++]!);
            continue;
          }
          // One watchdog for the whole run of guarded rules that starts here.
          end = next;
          while (end < active.length && guarded(active[end]!.rule, text)) end++;
          try {
            script.runInContext(sandbox, { timeout: budget });
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== TIMEOUT) throw error;
            const rule = active[next]!.rule;
            const count = (cuts.get(rule.id) ?? 0) + 1;
            cuts.set(rule.id, count);
            const after =
              count >= options.maxCuts ? `; cut short ${count} times, it is skipped for the rest of the scan` : "";
            // Never the content: the path and the rule are enough to find and fix it.
            options.warn(
              `rule "${rule.id}" (${rule.file}) took over ${seconds(budget)} on ${path} and was cut short, so its findings there may be missing${after} — simplify its regex (nested quantifiers such as (a+)+ backtrack exponentially) or limit it with keywords or paths`,
            );
            next++;
          }
        }
      } finally {
        sandbox["work"] = undefined;
      }
      return found;
    },
  };
}
