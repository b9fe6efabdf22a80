// Bytes -> text to scan, or the reason there is none. UTF-16 with a BOM is decoded; invalid
// UTF-8 is replaced character by character so the rest of the file (and its secret) survives.
import type { SkipReason } from "../model.js";

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;

export type Decoded = { readonly text: string; readonly skipped?: undefined } | { readonly text: ""; readonly skipped: SkipReason };

const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder("utf-16le", { fatal: false, ignoreBOM: false });
const utf16be = new TextDecoder("utf-16be", { fatal: false, ignoreBOM: false });

export function decodeContent(bytes: Uint8Array, maxFileSize: number): Decoded {
  if (bytes.length > maxFileSize) return { text: "", skipped: "too-large" };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes) };
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { text: "", skipped: "binary" };
  return { text: utf8.decode(bytes) };
}
