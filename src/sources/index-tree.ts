// The whole tree the next commit will hold (every file in the index), as fragments: what a staged
// secret is compared with to find credential reuse "against the rest of the tree". Read only
// when a staged scan found a value, so a clean commit pays nothing for it.
import { openBlobReader } from "../git/catfile.js";
import { createGitRunner } from "../git/run.js";
import type { Fragment } from "../model.js";
import { decodeContent } from "./decode.js";

export interface IndexTreeOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly maxFileSize: number;
}

interface IndexEntry {
  readonly sha: string;
  readonly path: string;
}

/** Regular files at stage 0 of `git ls-files -s -z` (not symlinks, submodules or conflicts). */
export function parseIndexEntries(output: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const record of output.split("\0")) {
    const match = /^(100644|100755) ([0-9a-f]{40,64}) 0\t(.+)$/s.exec(record);
    if (match) entries.push({ sha: match[2]!, path: match[3]! });
  }
  return entries;
}

export async function* indexTreeSource(options: IndexTreeOptions): AsyncGenerator<Fragment> {
  const git = createGitRunner(options.cwd, options.env);
  const listed = await git.run(["ls-files", "-s", "-z", "--full-name", "--", ":/"]);
  const entries = parseIndexEntries(listed.stdout.toString("utf8"));
  if (entries.length === 0) return;
  const blobs = openBlobReader(git, options.maxFileSize);
  try {
    for (const entry of entries) blobs.request(entry.sha);
    for (const entry of entries) {
      const read = await blobs.next();
      if (read.kind !== "blob") continue;
      const decoded = decodeContent(read.bytes, options.maxFileSize);
      if (decoded.skipped) continue;
      yield { path: entry.path, content: decoded.text, startLine: 1, origin: "staged", kind: "file", checkPath: false, bytes: read.bytes.length };
    }
  } finally {
    await blobs.close();
  }
}
