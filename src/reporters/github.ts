// GitHub Actions workflow commands: one ::error annotation per finding, shown on the pull request.
import { remedyOf, type Reporter } from "./context.js";

const escapeData = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

export const github: Reporter = (result) => {
  const lines = result.findings.map((finding) => {
    const properties = [
      `file=${escapeProperty(finding.path)}`,
      `line=${finding.start.line}`,
      ...(finding.kind === "content" ? [`col=${finding.start.column}`, `endLine=${finding.end.line}`, `endColumn=${finding.end.column + 1}`] : []),
      `title=${escapeProperty(`leakgate: ${finding.ruleId}`)}`,
    ].join(",");
    const commit = finding.commit ? ` (commit ${finding.commit.sha.slice(0, 12)})` : "";
    const secret = finding.secret ? `: ${finding.secret}` : "";
    return `::error ${properties}::${escapeData(`${finding.description}${secret}${commit}. ${remedyOf(finding)}`)}`;
  });
  for (const error of result.errors) lines.push(`::error title=leakgate::${escapeData(error)}`);
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
};
