// For programs: one JSON document with every finding, the scan's figures and its errors.
import type { Finding } from "../model.js";
import { remedyOf, type Reporter } from "./context.js";

export function findingRecord(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    description: finding.description,
    severity: finding.severity,
    kind: finding.kind,
    path: finding.path,
    startLine: finding.start.line,
    startColumn: finding.start.column,
    endLine: finding.end.line,
    endColumn: finding.end.column,
    secret: finding.secret,
    context: finding.line,
    fingerprint: finding.fingerprint,
    origin: finding.origin,
    remedy: remedyOf(finding),
    ...(finding.status ? { status: finding.status } : {}),
    ...(finding.related
      ? {
          related: finding.related.map((place) => ({
            path: place.path,
            startLine: place.start.line,
            startColumn: place.start.column,
            endLine: place.end.line,
            endColumn: place.end.column,
            label: place.label,
            ...(place.commit ? { commit: place.commit.sha } : {}),
          })),
        }
      : {}),
    ...(finding.commit
      ? { commit: { sha: finding.commit.sha, author: finding.commit.author, email: finding.commit.email, date: finding.commit.date } }
      : {}),
  };
}

export const json: Reporter = (result) =>
  `${JSON.stringify(
    {
      findings: result.findings.map(findingRecord),
      stats: result.stats,
      errors: result.errors,
      warnings: result.warnings,
    },
    null,
    2,
  )}\n`;
