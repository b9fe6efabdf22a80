// What to do about a finding. A rule's remedy says how to rotate its kind of secret; where the
// finding was made changes the first step: a secret caught in the staged gate was never committed
// (unstage it), a secret only in history is still in every clone (rotate it: deleting the file now
// does not help). Pure: every format (pretty, json, sarif, html, …) shows the same text.
import type { Finding, FindingKind } from "../model.js";
import { COMMIT_MESSAGE_PATH } from "../sources/history.js";

export const DEFAULT_REMEDY: Readonly<Record<FindingKind, string>> = {
  content: "Rotate this secret at its provider first (deleting it does not help once pushed), then move the value to .env or a secret manager.",
  path: "Untrack the file (git rm --cached <path>), add it to .gitignore, and rotate whatever it held.",
  policy: "Move this reference to the service allowed to use it, or ask Security to widen the scope in .leakgate.toml.",
};

const SAFE_WORD = /^[A-Za-z0-9_./@%+=:,-]+$/;

/** A path as one POSIX shell word, so that a remedy's commands can be pasted as they are. */
export function shellWord(path: string): string {
  return SAFE_WORD.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** The rule's remedy (or the default for its kind), not yet adapted to where it was found. */
export function ruleRemedyOf(finding: Pick<Finding, "remedy" | "kind">): string {
  return finding.remedy ?? DEFAULT_REMEDY[finding.kind];
}

const withPath = (remedy: string, path: string): string => remedy.split("<path>").join(shellWord(path));

/** How to purge a finding from history (git filter-repo), then publish the rewrite. */
export function purgeCommandsOf(finding: Pick<Finding, "kind" | "path">, path = shellWord(finding.path)): string {
  // The replacements file holds the raw value: keep it outside the repository.
  const replacements = "../leakgate-replacements.txt (one line per value to erase, kept outside the repository)";
  const rewrite =
    finding.kind === "path"
      ? `git filter-repo --invert-paths --path ${path}`
      : finding.path === COMMIT_MESSAGE_PATH
        ? `git filter-repo --replace-message ${replacements}`
        : `git filter-repo --replace-text ${replacements}`;
  return `${rewrite}, re-add the remote (filter-repo removes origin), git push --force --all && git push --force --tags, and ask every collaborator to re-clone`;
}

const HISTORY_ONLY = "Only in history: rotate it — removing the file is not enough, every clone still holds it.";
const STAGED_PATH = (path: string) =>
  `Unstage it (git restore --staged ${path}) and add it to .gitignore so that it is never committed; keep its values in the secret manager.`;
const STAGED_VALUE = (path: string) =>
  `Unstage it (git restore --staged ${path}), move the value to .env or the secret manager and read it from the environment, then stage the file again.`;

/** The one-line remedy for a finding: its rule's (or its kind's default), adapted to where it was found. */
export function remedyOf(finding: Finding): string {
  const path = shellWord(finding.path);
  const base = withPath(ruleRemedyOf(finding), finding.path);
  if (finding.origin === "staged") {
    if (finding.kind === "path") return STAGED_PATH(path);
    if (finding.kind === "content") return STAGED_VALUE(path);
    return `Unstage it (git restore --staged ${path}), then: ${base}`;
  }
  if (finding.status === "history-only") {
    // A path rule's own remedy starts with untracking a file HEAD no longer has: rotation is what is left.
    const first =
      finding.kind === "path"
        ? HISTORY_ONLY.replace("rotate it", "rotate whatever the file held")
        : finding.path === COMMIT_MESSAGE_PATH
          ? `In a commit message: rotate it — every clone holds it. ${base}`
          : `${HISTORY_ONLY} ${base}`;
    return `${first} If policy requires purging it: ${purgeCommandsOf(finding, path)}.`;
  }
  return base;
}

/**
 * The help text of one rule in reports that describe rules once (SARIF): its remedy, and the
 * situational steps for the places its findings were made.
 */
export function ruleHelpOf(findings: readonly Finding[]): string {
  const first = findings[0];
  if (first === undefined) return "";
  const paragraphs = [ruleRemedyOf(first)];
  if (findings.some((finding) => finding.status === "history-only")) {
    paragraphs.push(`A finding only in history (no longer at HEAD): ${HISTORY_ONLY.replace(/^Only in history: /, "")} If policy requires purging it: ${purgeCommandsOf(first, "<path>")}.`);
  }
  if (findings.some((finding) => finding.origin === "staged")) {
    const staged = first.kind === "path" ? STAGED_PATH("<path>") : first.kind === "content" ? STAGED_VALUE("<path>") : "Unstage it (git restore --staged <path>), then apply the remedy above.";
    paragraphs.push(`A finding in the staged gate: ${staged}`);
  }
  return paragraphs.join("\n\n");
}
