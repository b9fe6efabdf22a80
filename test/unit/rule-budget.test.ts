// A rule with catastrophic backtracking must not hang a scan: the rules of a fragment run within a
// time budget, the one running when it runs out is cut short and named in a warning, the others go
// on, and a rule cut short again and again is dropped for the rest of the scan. Without the budget
// these cases never finish (vitest's timeout fails them): nothing here measures time.
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { createBudgetedRunner, GUARD_ABOVE, guardUntrusted } from "../../src/engine/budget.js";
import { looksRandom } from "../../src/engine/checks.js";
import { createFragmentScanner } from "../../src/engine/scan.js";
import type { ContentRule, Finding, Fragment } from "../../src/model.js";
import { createParallelScanner, type BatchReply, type ScanWorker } from "../../src/parallel/pool.js";
import { compileRules } from "../../src/rules/compile.js";
import { builtinRuleSet, fragmentOf } from "../helpers/engine.js";

const rules = compileRules([
  { file: "user.toml", id: "exponential", description: "nested quantifiers", regex: "(a+)+$" },
  { file: "user.toml", id: "plain", description: "a plain rule after it", regex: "token=([a-z0-9]{12})" },
] as never) as ContentRule[];
const cheapFingerprints = { finding: (rule: string) => rule } as never;
// 2^40 backtracking steps: hours without a budget.
const hostile = `${"a".repeat(40)}!`;

function budgeted(maxCuts = 3) {
  const warnings: string[] = [];
  const runner = createBudgetedRunner({ budgetMs: () => 50, maxCuts, warn: (message) => warnings.push(message) });
  return { scanner: createFragmentScanner(rules, cheapFingerprints, [], runner), warnings };
}

describe("the rule budget", () => {
  it("cuts the backtracking rule short, names it and the file (never the content), and runs the next rule", () => {
    const { scanner, warnings } = budgeted();
    const findings = scanner.scanFragment(fragmentOf(`${hostile}\ntoken=q8w7e6r5t4y3\n${hostile}`, "src/minified.js"));
    expect(findings.map((finding) => finding.ruleId)).toEqual(["plain"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^rule "exponential" \(user\.toml\) took over 50 ms on src\/minified\.js and was cut short/);
    expect(warnings[0]).not.toContain("aaaaaaaa");
    expect(warnings[0]).not.toContain("q8w7e6r5t4y3");
  });

  it("drops a rule for the rest of the scan once it has been cut short maxCuts times", () => {
    const { scanner, warnings } = budgeted(2);
    for (const path of ["a.txt", "b.txt", "c.txt", "d.txt"]) scanner.scanFragment(fragmentOf(hostile, path));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain("on b.txt");
    expect(warnings[1]).toContain("cut short 2 times, it is skipped for the rest of the scan");
  });

  it("leaves a rule that finishes in time alone: same findings as without a budget", () => {
    const { scanner, warnings } = budgeted();
    const plain = createFragmentScanner(rules, cheapFingerprints);
    const text = `aaaa\ntoken=q8w7e6r5t4y3 token=z9x8c7v6b5n4\n`;
    expect(scanner.scanFragment(fragmentOf(text))).toEqual(plain.scanFragment(fragmentOf(text)));
    expect(warnings).toEqual([]);
  });

  it("passes on the warnings that worker threads send back with their findings", async () => {
    const { port1, port2 } = new MessageChannel();
    port2.on("message", (batch: Fragment[]) => {
      port2.postMessage({ findings: [], warnings: batch.map((fragment) => `cut short on ${fragment.path}`) } satisfies BatchReply);
    });
    const worker: ScanWorker = {
      post: (batch) => port1.postMessage(batch),
      receive: () => (receiveMessageOnPort(port1) as { message: BatchReply } | undefined)?.message,
      onReply: (listener) => port1.on("message", listener),
      onFailure: () => {},
      stop: async () => {
        port1.close();
        port2.close();
      },
    };
    const heard: string[] = [];
    const local = { scanFragment: (): Finding[] => [] };
    const pool = createParallelScanner(local, {
      workers: 1,
      startAt: 0,
      threshold: 0,
      batchBytes: 1,
      batchFragments: 1,
      startAtFiles: 0,
      fileBatch: 1,
      queuePerWorker: 4,
      startWorker: () => worker,
      warn: (message) => heard.push(message),
    });
    pool.scanFragment(fragmentOf("x", "one.txt"));
    await pool.drain();
    expect(heard).toEqual(["cut short on one.txt"]);
  });
});

describe("which rules run under the budget", () => {
  it("user rules always; built-in rules on texts long enough for a polynomial blow-up", () => {
    const [user] = rules;
    const builtin = builtinRuleSet().rules.find((rule): rule is ContentRule => rule.kind === "content")!;
    expect(guardUntrusted(user!, "short")).toBe(true);
    expect(guardUntrusted(builtin, "short")).toBe(false);
    expect(guardUntrusted(builtin, "x".repeat(GUARD_ABOVE + 1))).toBe(true);
  });

  // What lets built-in rules run unguarded on short texts: none of them blows up on hostile text
  // the size of the guard threshold (a quadratic rule takes seconds there; an exponential one, years).
  it("no built-in rule needs more than a second on 64 KiB of hostile text", () => {
    const builtin = builtinRuleSet().rules.filter((rule): rule is ContentRule => rule.kind === "content");
    const warnings: string[] = [];
    const runner = createBudgetedRunner({ budgetMs: () => 1000, maxCuts: 1, warn: (message) => warnings.push(message) });
    // Runs of one class after a keyword (blanks found a quadratic {{assign}}), and a keyword repeated.
    const runs = [" ", "\t", "a", "0", "=", '"', "-", "\\n", "a1B2/+"];
    for (const rule of builtin) {
      const keyword = rule.keywords[0] ?? "";
      for (const filler of runs) {
        runner.matches([{ rule }], `${keyword}${filler.repeat(Math.ceil(GUARD_ABOVE / filler.length))}!`, `${rule.id} after ${JSON.stringify(filler)}`);
      }
      runner.matches([{ rule }], `${keyword}= "`.repeat(Math.ceil(GUARD_ABOVE / (keyword.length + 3))), `${rule.id} repeated`);
    }
    expect(warnings).toEqual([]);
  });
});

describe("built-in checks run unguarded too", () => {
  // A rule's check (engine/checks.ts) runs on each candidate secret; its word test once took 2^n steps.
  it("looksRandom answers at once on a long lower-case value that fails at its end", () => {
    expect(looksRandom(`${"a".repeat(60)}1A`)).toBe(true);
    expect(looksRandom("MySecretPassword2024")).toBe(false);
  });
});
