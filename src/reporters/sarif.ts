// SARIF 2.1.0 for code-scanning services: one reportingDescriptor per rule that found something,
// fingerprints in partialFingerprints so alerts follow a secret across line moves.
import type { Finding, Rule, Severity } from "../model.js";
import type { Reporter } from "./context.js";
import { ruleHelpOf } from "./remedy.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** A repo-relative path as a URI reference: each segment percent-encoded. */
export function pathToUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Plain text as Markdown: `<path>` in a remedy would otherwise vanish as an HTML tag. */
const markdownText = (text: string): string => text.replace(/[\\`*_<>[\]|]/g, "\\$&");

function descriptor(ruleId: string, rules: ReadonlyMap<string, Rule>, findings: readonly Finding[]) {
  const rule = rules.get(ruleId);
  const example = findings[0]!;
  const severity = rule?.severity ?? example.severity;
  // One help text per rule: its remedy, plus the steps for where its findings were (staged, only in history).
  const help = ruleHelpOf(findings);
  return {
    id: ruleId,
    name: ruleId.replace(/(^|[-_.])([a-z0-9])/g, (_, __, char: string) => char.toUpperCase()),
    shortDescription: { text: rule?.description ?? example.description },
    fullDescription: { text: rule?.description ?? example.description },
    help: { text: help, markdown: markdownText(help) },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ["security", "secret", ...(rule?.tags ?? [])], "security-severity": SECURITY_SEVERITY[severity] },
  };
}

export const sarif: Reporter = (result, context) => {
  const rules = new Map(context.rules.map((rule) => [rule.id, rule]));
  const used = [...new Set(result.findings.map((finding) => finding.ruleId))].sort();
  const index = new Map(used.map((id, i) => [id, i]));
  const document = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leakgate",
            semanticVersion: context.version,
            version: context.version,
            informationUri: "https://github.com/leakgate/leakgate",
            rules: used.map((id) => descriptor(id, rules, result.findings.filter((finding) => finding.ruleId === id))),
          },
        },
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId)!,
          level: LEVEL[finding.severity],
          kind: "fail",
          message: {
            text: finding.secret ? `${finding.description}: ${finding.secret}` : `${finding.description}: ${finding.path}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToUri(finding.path) },
                region: {
                  startLine: finding.start.line,
                  startColumn: finding.start.column,
                  endLine: finding.end.line,
                  endColumn: finding.end.column + (finding.kind === "path" ? 0 : 1),
                },
              },
            },
          ],
          ...(finding.related
            ? {
                relatedLocations: finding.related.map((place, i) => ({
                  id: i + 1,
                  physicalLocation: {
                    artifactLocation: { uri: pathToUri(place.path) },
                    region: { startLine: place.start.line, startColumn: place.start.column, endLine: place.end.line, endColumn: place.end.column + 1 },
                  },
                  message: { text: place.commit ? `${place.label} (commit ${place.commit.sha})` : place.label },
                })),
              }
            : {}),
          partialFingerprints: { "leakgate/v1": finding.fingerprint },
          ...(finding.commit
            ? { properties: { commit: finding.commit.sha, author: finding.commit.author, email: finding.commit.email, date: finding.commit.date, ...(finding.status ? { status: finding.status } : {}) } }
            : {}),
        })),
        invocations: [
          {
            executionSuccessful: result.errors.length === 0,
            toolExecutionNotifications: result.errors.map((error) => ({ level: "error", message: { text: error } })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
