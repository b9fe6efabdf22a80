// Reading one working-tree file into a reader's own buffer: the text, the size a skipped file
// reports, and what is not a file to scan (a folder, a symlink, a FIFO), with the buffer reused
// from one file to the next and grown for a large one.
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFileReader, readDeferred, unreadFragment } from "../../src/sources/read-file.js";
import { tempDir } from "../helpers/repo.js";

const LIMIT = 10 << 20;

function fileIn(root: string, name: string, content: string | Buffer) {
  writeFileSync(join(root, name), content);
  return { absolute: join(root, name), display: name };
}

describe("the file reader", () => {
  it("reads a file's text, then a smaller one without the first one's tail", () => {
    const root = tempDir();
    const read = createFileReader();
    const long = read(fileIn(root, "long.txt", "a".repeat(5000) + "\nend"), LIMIT);
    const short = read(fileIn(root, "short.txt", "short\n"), LIMIT);
    expect(long).toMatchObject({ path: "long.txt", content: "a".repeat(5000) + "\nend", bytes: 5004, origin: "worktree", kind: "file" });
    expect(short).toMatchObject({ path: "short.txt", content: "short\n", bytes: 6 });
    expect(short!.skipped).toBeUndefined();
  });

  it("reads a file larger than its first buffer whole, and an empty file as empty text", () => {
    const root = tempDir();
    const read = createFileReader();
    const line = "0123456789abcdef".repeat(4) + "\n";
    const big = line.repeat(Math.ceil((2.5 * (1 << 20)) / line.length));
    expect(read(fileIn(root, "big.txt", big), LIMIT)?.content).toBe(big);
    expect(read(fileIn(root, "empty.txt", ""), LIMIT)).toMatchObject({ content: "", bytes: 0 });
    expect(read(fileIn(root, "after.txt", "after"), LIMIT)?.content).toBe("after");
  });

  it("says a file over the limit is too large, with its real size, and a binary file binary", () => {
    const root = tempDir();
    const read = createFileReader();
    expect(read(fileIn(root, "large.txt", "x".repeat(3000)), 1024)).toMatchObject({ content: "", bytes: 3000, skipped: "too-large" });
    expect(read(fileIn(root, "exact.txt", "x".repeat(1024)), 1024)).toMatchObject({ content: "x".repeat(1024), bytes: 1024 });
    expect(read(fileIn(root, "image.bin", Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02])), LIMIT)).toMatchObject({ content: "", bytes: 5, skipped: "binary" });
  });

  it("decodes UTF-16 with a byte-order mark and drops a UTF-8 one", () => {
    const root = tempDir();
    const read = createFileReader();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("key = value\n", "utf16le")]);
    expect(read(fileIn(root, "wide.txt", utf16), LIMIT)?.content).toBe("key = value\n");
    expect(read(fileIn(root, "bom.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("text")])), LIMIT)?.content).toBe("text");
  });

  it("reads nothing from a folder, a symlink or a FIFO, and nothing from a file that is gone", () => {
    const root = tempDir();
    const read = createFileReader();
    mkdirSync(join(root, "folder"));
    writeFileSync(join(root, "target.txt"), "target");
    symlinkSync(join(root, "target.txt"), join(root, "link.txt"));
    expect(read({ absolute: join(root, "folder"), display: "folder" }, LIMIT)).toBeUndefined();
    expect(read({ absolute: join(root, "link.txt"), display: "link.txt" }, LIMIT)).toBeUndefined();
    expect(read({ absolute: join(root, "gone.txt"), display: "gone.txt" }, LIMIT)).toBeUndefined();
    if (process.platform !== "win32") {
      execFileSync("mkfifo", [join(root, "pipe")]);
      expect(read({ absolute: join(root, "pipe"), display: "pipe" }, LIMIT)).toBeUndefined();
    }
  });

  it("skips decoding a text the scanner does not want, but still tells binary and decodes UTF-16", () => {
    const root = tempDir();
    const asked: string[] = [];
    const read = createFileReader((bytes, path) => {
      asked.push(path);
      return bytes.includes("wanted");
    });
    expect(read(fileIn(root, "plain.txt", "nothing here\n"), LIMIT)).toMatchObject({ content: "", bytes: 13 });
    expect(read(fileIn(root, "plain.txt", "nothing here\n"), LIMIT)!.skipped).toBeUndefined();
    expect(read(fileIn(root, "keep.txt", "wanted here\n"), LIMIT)).toMatchObject({ content: "wanted here\n", bytes: 12 });
    expect(read(fileIn(root, "image.bin", Buffer.from([0x89, 0x00, 0x01])), LIMIT)).toMatchObject({ content: "", skipped: "binary" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("key = value\n", "utf16le")]);
    expect(read(fileIn(root, "wide.txt", utf16), LIMIT)?.content).toBe("key = value\n");
    // Asked of UTF-8 text only: binary and UTF-16 bytes are not what it judges.
    expect(asked).toEqual(["plain.txt", "plain.txt", "keep.txt"]);
  });

  it("hands a file on unread and reads it when asked, under the path it was listed as", () => {
    const root = tempDir();
    const file = fileIn(root, "later.txt", "read later\n");
    const unread = unreadFragment(file, LIMIT);
    expect(unread).toMatchObject({ path: "later.txt", content: "", bytes: 0, readFrom: { file: file.absolute, maxFileSize: LIMIT } });
    const read = readDeferred(unread, createFileReader());
    expect(read).toMatchObject({ path: "later.txt", content: "read later\n", bytes: 11 });
    expect(read!.readFrom).toBeUndefined();
  });
});
