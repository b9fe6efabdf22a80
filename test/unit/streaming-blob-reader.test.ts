// History's blob reader: git's output read into one reused buffer (a local socket pair), every
// blob's bytes intact however the output is cut, and the ordinary pipe where no socket can be made.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStreamingBlobReader } from "../../src/git/catfile.js";
import { createGitRunner } from "../../src/git/run.js";
import { git, GIT_ENV, tempDir, tempRepo } from "../helpers/repo.js";

const savedTmp = process.env["TMPDIR"];
afterEach(() => {
  if (savedTmp === undefined) delete process.env["TMPDIR"];
  else process.env["TMPDIR"] = savedTmp;
});

/** Blobs of many sizes (empty, one byte, a few KB, 200 KB, binary) and their ids. */
function repositoryOfBlobs(): { root: string; blobs: Map<string, Buffer> } {
  const files: Record<string, Buffer> = {};
  for (const size of [0, 1, 2, 9, 100, 4095, 4096, 4097, 65_537, 200_000]) {
    files[`text-${size}.txt`] = Buffer.from(Array.from({ length: size }, (_, i) => String.fromCharCode(97 + ((i * 7 + size) % 26))).join(""));
  }
  files["binary.bin"] = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256));
  const root = tempRepo(files);
  const blobs = new Map<string, Buffer>();
  for (const [name, bytes] of Object.entries(files)) blobs.set(git(root, "hash-object", "-w", name).trim(), bytes);
  return { root, blobs };
}

async function readAll(root: string, blobs: Map<string, Buffer>, readBuffer?: Buffer): Promise<Array<Buffer | string>> {
  const reader = await openStreamingBlobReader(createGitRunner(root, GIT_ENV), 100_000, readBuffer);
  const shas = [...blobs.keys(), "0123456789012345678901234567890123456789"];
  for (const sha of shas) reader.request(sha);
  const out: Array<Buffer | string> = [];
  for (let i = 0; i < shas.length; i++) {
    const read = await reader.next();
    out.push(read.kind === "blob" ? Buffer.from(read.bytes) : read.kind);
  }
  await reader.close();
  return out;
}

const expected = (blobs: Map<string, Buffer>): Array<Buffer | string> => [
  ...[...blobs.values()].map((bytes) => (bytes.length > 100_000 ? "too-large" : bytes)),
  "missing",
];

describe("the streaming blob reader", () => {
  it("gives every blob's bytes, with git's output cut every 7 bytes into one reused buffer", async () => {
    const { root, blobs } = repositoryOfBlobs();
    process.env["TMPDIR"] = tempDir();
    expect(await readAll(root, blobs, Buffer.alloc(7))).toEqual(expected(blobs));
    expect(await readAll(root, blobs)).toEqual(expected(blobs));
    // The socket's folder is gone once the child has its end.
    expect(readdirSync(process.env["TMPDIR"])).toEqual([]);
  });

  it("reads git's ordinary pipe where no socket can be made", async () => {
    const { root, blobs } = repositoryOfBlobs();
    process.env["TMPDIR"] = join(tempDir(), "no-such-folder");
    expect(await readAll(root, blobs, Buffer.alloc(7))).toEqual(expected(blobs));
    expect(existsSync(process.env["TMPDIR"])).toBe(false);
  });
});

describe("the streaming blob reader, asked for what is not a blob", () => {
  it("answers a tree or a commit as missing, skips its body, and reads the blob after it whole", async () => {
    const { root, blobs } = repositoryOfBlobs();
    git(root, "add", ".");
    const tree = git(root, "write-tree").trim();
    git(root, "commit", "--quiet", "-m", "all");
    const commit = git(root, "rev-parse", "HEAD").trim();
    const [sha, bytes] = [...blobs].find(([, content]) => content.length === 4097)!;
    const reader = await openStreamingBlobReader(createGitRunner(root, GIT_ENV), 100_000, Buffer.alloc(7));
    for (const name of [tree, commit, sha]) reader.request(name);
    const reads = [await reader.next(), await reader.next(), await reader.next()];
    await reader.close();
    expect(reads.slice(0, 2)).toEqual([{ kind: "missing" }, { kind: "missing" }]);
    expect(reads[2]).toEqual({ kind: "blob", bytes });
  });
});

describe("GitRunner.spawnReading", () => {
  it.skipIf(process.platform === "win32")("hands each read as a view of the one buffer given, and ends when git exits", async () => {
    const { root, blobs } = repositoryOfBlobs();
    process.env["TMPDIR"] = tempDir();
    const [sha, bytes] = [...blobs].find(([, content]) => content.length === 65_537)!;
    const buffer = Buffer.alloc(64);
    const views: Buffer[] = [];
    const copies: Buffer[] = [];
    const { child, stdout } = await createGitRunner(root, GIT_ENV).spawnReading(["cat-file", "blob", sha], buffer, (view) => {
      views.push(view);
      copies.push(Buffer.from(view));
    });
    child.stdin!.end();
    await new Promise((resolve) => stdout.once("close", resolve));
    expect(Buffer.concat(copies)).toEqual(bytes);
    expect(views.length).toBeGreaterThan(1);
    for (const view of views) expect(view.buffer).toBe(buffer.buffer);
  });
});
