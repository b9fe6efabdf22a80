// JUnit XML for CI systems that show test reports: one failing testcase per finding, and one
// passing testcase when there is none, so an empty report still shows that the scan ran.
import { remedyOf, type Reporter } from "./context.js";

export function escapeXml(text: string): string {
  return text
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export const junit: Reporter = (result) => {
  const failures = result.findings.length;
  const errors = result.errors.length;
  const seconds = (result.stats.durationMs / 1000).toFixed(3);
  const cases = result.findings.map((finding) => {
    const where = finding.kind === "path" ? finding.path : `${finding.path}:${finding.start.line}:${finding.start.column}`;
    const message = finding.secret ? `${finding.description}: ${finding.secret}` : finding.description;
    const body = [
      `${finding.ruleId} at ${where}`,
      ...(finding.commit ? [`commit ${finding.commit.sha} by ${finding.commit.author} <${finding.commit.email}>`] : []),
      `fingerprint ${finding.fingerprint}`,
      remedyOf(finding),
    ].join("\n");
    return `    <testcase classname="${escapeXml(finding.path)}" name="${escapeXml(`${finding.ruleId} at ${where}`)}">\n      <failure type="${escapeXml(finding.ruleId)}" message="${escapeXml(message)}">${escapeXml(body)}</failure>\n    </testcase>`;
  });
  if (failures === 0 && errors === 0) cases.push(`    <testcase classname="leakgate" name="no secrets found"/>`);
  for (const error of result.errors) {
    cases.push(`    <testcase classname="leakgate" name="scan error">\n      <error message="${escapeXml(error)}"/>\n    </testcase>`);
  }
  const tests = cases.length;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="leakgate" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds}">`,
    `  <testsuite name="leakgate" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds}">`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    ``,
  ].join("\n");
};
