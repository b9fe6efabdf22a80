// History findings -> the same findings with `status`: is the secret still in the file at HEAD, or
// only in past commits? An audit rotates both, but "only in history" is the one people wrongly
// believe fixed, because the file no longer shows it. One `git ls-tree` names HEAD's blobs and one
// long-lived `git cat-file --batch` reads the few of them that have findings, each blob once.
import { isLeakgateError } from "../errors.js";
import { openBlobReader } from "../git/catfile.js";
import { resolveHead } from "../git/repository.js";
import type { GitRunner } from "../git/run.js";
import type { Finding, PresenceStatus } from "../model.js";
import { decodeContent } from "./decode.js";

/** The blob sha of every file at HEAD (repository-relative paths), for the paths asked about. */
async function headBlobs(git: GitRunner, head: string, wanted: ReadonlySet<string>): Promise<Map<string, string>> {
  const listing = await git.run(["ls-tree", "-r", "-z", "--full-tree", head]);
  const blobs = new Map<string, string>();
  for (const entry of listing.stdout.toString("utf8").split("\0")) {
    // "<mode> <type> <sha>\t<path>"
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const path = entry.slice(tab + 1);
    const [, type, sha] = entry.slice(0, tab).split(" ");
    if (type === "blob" && sha !== undefined && wanted.has(path)) blobs.set(path, sha);
  }
  return blobs;
}

/** What shows that a finding is still there: its secret, else (a policy reference) its line. */
function evidenceOf(finding: Finding): string {
  return finding.secret !== "" ? finding.secret : finding.line.trim();
}

/**
 * Marks each finding that has a commit as "present" (HEAD's file still holds it) or
 * "history-only". Must run on raw findings, before redaction. A file at HEAD too large to read
 * leaves its findings unmarked rather than guessing.
 */
export async function withHeadPresence(findings: readonly Finding[], git: GitRunner, maxFileSize: number): Promise<Finding[]> {
  const historical = findings.filter((finding) => finding.commit !== undefined);
  if (historical.length === 0) return [...findings];
  const head = await resolveHead(git);
  const blobs = head === undefined ? new Map<string, string>() : await headBlobs(git, head, new Set(historical.map((finding) => finding.path)));

  // Path findings need only the file to exist; the others need its text.
  const toRead = [...new Set(historical.filter((finding) => finding.kind !== "path" && evidenceOf(finding) !== "").map((finding) => blobs.get(finding.path)))].filter(
    (sha): sha is string => sha !== undefined,
  );
  const texts = new Map<string, string | undefined>();
  if (toRead.length > 0) {
    const reader = openBlobReader(git, maxFileSize);
    try {
      for (const sha of toRead) reader.request(sha);
      for (const sha of toRead) {
        const read = await reader.next();
        const decoded = read.kind === "blob" ? decodeContent(read.bytes, maxFileSize) : undefined;
        texts.set(sha, decoded === undefined || decoded.skipped ? undefined : decoded.text);
      }
    } finally {
      await reader.close();
    }
  }

  const statusOf = (finding: Finding): PresenceStatus | undefined => {
    const sha = blobs.get(finding.path);
    if (sha === undefined) return "history-only";
    const evidence = evidenceOf(finding);
    if (finding.kind === "path" || evidence === "") return "present";
    const text = texts.get(sha);
    if (text === undefined) return undefined;
    return text.includes(evidence) ? "present" : "history-only";
  };
  return findings.map((finding) => {
    if (finding.commit === undefined) return finding;
    const status = statusOf(finding);
    return status === undefined ? finding : { ...finding, status };
  });
}

/**
 * withHeadPresence for the scan command: the status is an aid, so a git failure here costs the
 * statuses (with a warning), never the report of a scan that completed.
 */
export async function markHeadPresence(
  findings: readonly Finding[],
  git: GitRunner,
  maxFileSize: number,
): Promise<{ findings: readonly Finding[]; warning?: string }> {
  try {
    return { findings: await withHeadPresence(findings, git, maxFileSize) };
  } catch (error) {
    const reason = isLeakgateError(error) ? error.what : error instanceof Error ? error.message : String(error);
    return { findings, warning: `cannot tell which findings are still at HEAD (${reason}); they are reported without that status` };
  }
}
