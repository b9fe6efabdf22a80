// One working-tree file as a fragment: read on this thread by the worktree source, or in a scan
// worker that was handed the file unread (a fragment with `readFrom`), so that the reading of a
// large tree is shared between threads and no text is copied from one to the other.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { Fragment, SkipReason } from "../model.js";
import { decodeContent } from "./decode.js";

/** A file to read: where it is, and the path it is reported under. */
export interface ListedFile {
  readonly absolute: string;
  readonly display: string; // repo-relative inside git, cwd-relative outside
}

/** Reads listed files into a buffer of its own: one per thread. */
export type FileReader = (file: ListedFile, maxFileSize: number) => Fragment | undefined;

/** Opening with O_NOFOLLOW refuses a symlink (ELOOP) in the same call: no lstat per file. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** Bytes of the buffer each reader reads files into, at first: it grows for a larger file. */
const FIRST_SCRATCH = 1 << 20;

/**
 * `wantsText` (the scanner's): asked of each file's bytes before they are decoded. A file whose
 * text it does not want is given with content "", and only its path is scanned.
 */
export function createFileReader(wantsText?: (bytes: Buffer, path: string) => boolean): FileReader {
  // Every file is read into this one buffer and decoded from it: no buffer per file. Made at the
  // first file: a scan that reads none (a pre-commit hook) never pays for it.
  let scratch = Buffer.alloc(0);
  const grow = (filled: number, limit: number): void => {
    const grown = Buffer.allocUnsafe(Math.min(Math.max(scratch.length * 2, FIRST_SCRATCH), limit + 1));
    scratch.copy(grown, 0, 0, filled);
    scratch = grown;
  };

  /**
   * The file as a fragment, or undefined when it is not a file to scan (gone, a symlink, a folder,
   * a FIFO, a device). A read that returns less than it asked for is the end of a regular file, so
   * a file of less than the buffer costs one read and no fstat; fstat is asked only when a read
   * says nothing or fills the buffer to `limit`, to tell an empty file from a FIFO or a device.
   */
  const readFile = (file: ListedFile, limit: number): Fragment | undefined => {
    let fd: number;
    try {
      fd = openSync(file.absolute, OPEN_FLAGS);
    } catch (error) {
      // Gone from disk though tracked, a symlink (never followed: it may point out of the
      // repository), or unreadable.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR" || code === "EMLINK") return undefined;
      return fileFragment(file, "", 0, "unreadable");
    }
    try {
      let filled = 0;
      for (;;) {
        if (filled === scratch.length) {
          if (filled > limit) break;
          grow(filled, limit);
        }
        const asked = scratch.length - filled;
        const read = readSync(fd, scratch, filled, asked, null);
        filled += read;
        if (read < asked) break;
      }
      if (filled === 0 || filled > limit) {
        // Submodules are folders (read fails: EISDIR); FIFOs (O_NONBLOCK kept the open from
        // hanging) and devices are not files to scan either.
        const stats = fstatSync(fd);
        if (!stats.isFile()) return undefined;
        if (filled > limit) return fileFragment(file, "", Math.max(stats.size, filled), "too-large");
      }
      const bytes = scratch.subarray(0, filled);
      const decoded = decodeContent(bytes, limit, wantsText && (() => wantsText(bytes, file.display)));
      return decoded.skipped ? fileFragment(file, "", filled, decoded.skipped) : fileFragment(file, decoded.text, filled);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
      return fileFragment(file, "", 0, "unreadable");
    } finally {
      closeSync(fd);
    }
  };

  return readFile;
}

/** A file handed on unread: whoever scans the fragment reads it first (readDeferred). */
export function unreadFragment(file: ListedFile, maxFileSize: number): Fragment {
  return { path: file.display, content: "", startLine: 1, origin: "worktree", kind: "file", bytes: 0, readFrom: { file: file.absolute, maxFileSize } };
}

/** The fragment itself, or, for one handed on unread, the file read now (undefined: nothing to scan). */
export function readDeferred(fragment: Fragment, reader: FileReader): Fragment | undefined {
  const { readFrom } = fragment;
  if (!readFrom) return fragment;
  return reader({ absolute: readFrom.file, display: fragment.path }, readFrom.maxFileSize);
}

function fileFragment(file: ListedFile, content: string, bytes: number, skipped?: SkipReason): Fragment {
  const fragment: Fragment = { path: file.display, content, startLine: 1, origin: "worktree", kind: "file", bytes };
  return skipped ? { ...fragment, skipped } : fragment;
}
