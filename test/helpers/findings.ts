// Synthetic findings and results, for reporter tests that need shapes a scan does not make on
// demand (a history finding from 2019 by a given author, a policy finding, a staged one).
import type { Commit, Finding, ScanResult, ScanStats } from "../../src/model.js";

export function commitOf(sha: string, date: string, author = "Ada Lovelace", email = "ada@example.com"): Commit {
  return { sha: sha.padEnd(40, "0"), author, email, date };
}

export function findingOf(extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: "openrouter-api-key",
    description: "OpenRouter API key",
    severity: "critical",
    kind: "content",
    path: "src/config.ts",
    start: { line: 2, column: 16 },
    end: { line: 2, column: 88 },
    secret: "sk-or-v1-a3…(73 chars)",
    line: '  openrouter: "sk-or-v1-a3…(73 chars)",',
    fingerprint: "0123456789abcdef0123456789abcdef",
    origin: "worktree",
    ...extra,
  };
}

export function statsOf(extra: Partial<ScanStats> = {}): ScanStats {
  return { files: 3, bytes: 2048, commits: 0, skippedBinary: 0, skippedTooLarge: 0, skippedUnreadable: 0, rules: 42, durationMs: 1234, ...extra };
}

export function resultOf(findings: readonly Finding[], stats: Partial<ScanStats> = {}, extra: Partial<ScanResult> = {}): ScanResult {
  return { findings, stats: statsOf(stats), errors: [], warnings: [], ...extra };
}
