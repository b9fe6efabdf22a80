// Bytes -> text to scan, or the reason there is none. UTF-16 with a BOM is decoded; invalid
// UTF-8 is replaced character by character so the rest of the file (and its secret) survives.
import type { SkipReason } from "../model.js";

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;

export type Decoded = { readonly text: string; readonly skipped?: undefined } | { readonly text: ""; readonly skipped: SkipReason };

const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { fatal: false, ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { fatal: false, ignoreBOM: false });

/** UTF-16 text: it starts with a byte-order mark. */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** Not text: not UTF-16, and a NUL byte near the start. */
export function looksBinary(bytes: Uint8Array): boolean {
  return !isUtf16(bytes) && bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}

/**
 * `wantsText`: asked of UTF-8 bytes before they are decoded; when it says no, the text is given as
 * "" (not skipped: the file is counted and its path scanned), and the decoding is saved.
 */
export function decodeContent(bytes: Uint8Array, maxFileSize: number, wantsText?: (bytes: Buffer) => boolean): Decoded {
  if (bytes.length > maxFileSize) return { text: "", skipped: "too-large" };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes) };
  if (looksBinary(bytes)) return { text: "", skipped: "binary" };
  if (wantsText && !wantsText(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))) return { text: "" };
  return { text: utf8.decode(bytes) };
}
