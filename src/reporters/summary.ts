// The one-line summary on stderr, so that a scan that read nothing is visible.
import type { ScanStats } from "../model.js";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

export function summaryLine(stats: ScanStats, findings: number, incomplete = false): string {
  const scanned = [plural(stats.files, "file"), ...(stats.commits > 0 ? [plural(stats.commits, "commit")] : [])].join(", ");
  const skipped = [
    stats.skippedBinary > 0 ? `${stats.skippedBinary} binary` : "",
    stats.skippedTooLarge > 0 ? `${stats.skippedTooLarge} over the size limit` : "",
    stats.skippedUnreadable > 0 ? `${stats.skippedUnreadable} unreadable` : "",
  ].filter(Boolean);
  const skippedText = skipped.length > 0 ? ` (skipped: ${skipped.join(", ")})` : "";
  const found = findings === 0 ? "no secrets found" : plural(findings, "finding");
  // An interrupted scan never reads as a clean one.
  const verdict = incomplete ? `scan INCOMPLETE, ${findings === 0 ? "no secrets found so far" : `${plural(findings, "finding")} so far`}` : found;
  return `leakgate: ${scanned}, ${formatBytes(stats.bytes)} scanned in ${Math.round(stats.durationMs)} ms${skippedText}; ${verdict}`;
}
