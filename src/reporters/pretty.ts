// For people at a terminal: findings grouped by file, each with its rule, place, redacted secret
// and what to do about it.
import { createColors } from "picocolors";
import type { Finding } from "../model.js";
import { remedyOf, type Reporter } from "./context.js";
import { printable } from "./printable.js";

export const pretty: Reporter = (result, context) => {
  const c = createColors(context.color);
  const byPath = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const group = byPath.get(finding.path) ?? [];
    group.push(finding);
    byPath.set(finding.path, group);
  }
  const lines: string[] = [];
  for (const [path, findings] of byPath) {
    // File names and commit authors come from the repository: no newline or escape reaches the terminal raw.
    lines.push(c.underline(c.bold(printable(path))));
    for (const finding of findings) {
      const where = finding.kind === "path" ? "file" : `${finding.start.line}:${finding.start.column}`;
      const secret = finding.secret ? `  ${c.yellow(finding.secret)}` : "";
      const severity = finding.severity === "critical" || finding.severity === "high" ? c.red(finding.severity) : c.yellow(finding.severity);
      lines.push(`  ${c.dim(where.padEnd(8))} ${severity.padEnd(8)} ${c.cyan(finding.ruleId)}  ${finding.description}${secret}`);
      if (finding.commit) {
        const { sha, author, email, date } = finding.commit;
        const presence = finding.status === "history-only" ? ", only in history" : finding.status === "present" ? ", still at HEAD" : "";
        lines.push(`  ${" ".repeat(8)} ${c.dim(`commit ${sha.slice(0, 12)} by ${printable(author)} <${printable(email)}> on ${date.slice(0, 10)}${presence}`)}`);
      }
      lines.push(`  ${" ".repeat(8)} ${c.green("→")} ${remedyOf(finding)}`);
      // What `leakgate allow` takes to accept this finding into the baseline.
      lines.push(`  ${" ".repeat(8)} ${c.dim(`fingerprint ${finding.fingerprint}`)}`);
    }
    lines.push("");
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
};
