// The progress line of a long scan, on a terminal only: files or blobs done and MB/s, redrawn in
// place, cleared when the scan ends. Scans under a second show nothing; pipes and files get nothing.
import type { OutputStream } from "./io.js";
import type { ScanStats } from "./model.js";

/** Scans shorter than this never show the line. */
export const PROGRESS_AFTER_MS = 1000;
/** The line is redrawn at most this often. */
export const PROGRESS_EVERY_MS = 100;

export interface ProgressLine {
  update(stats: ScanStats): void;
  /** Clears the line if it was drawn; call before anything else is written to the stream. */
  done(): void;
}

const CLEAR = "\r\x1b[2K";

export function progressText(stats: ScanStats, elapsedMs: number, noun: "files" | "blobs"): string {
  const mb = stats.bytes / 1e6;
  const rate = elapsedMs > 0 ? mb / (elapsedMs / 1000) : 0;
  return `leakgate: ${stats.files.toLocaleString("en-US")} ${noun}, ${mb.toFixed(1)} MB scanned, ${rate.toFixed(1)} MB/s`;
}

export function createProgressLine(stream: OutputStream, now: () => number, noun: "files" | "blobs"): ProgressLine {
  if (stream.isTTY !== true) return { update: () => {}, done: () => {} };
  const started = now();
  let drawnAt: number | undefined;
  return {
    update(stats) {
      const at = now();
      if (at - started < PROGRESS_AFTER_MS) return;
      if (drawnAt !== undefined && at - drawnAt < PROGRESS_EVERY_MS) return;
      drawnAt = at;
      stream.write(`${CLEAR}${progressText(stats, at - started, noun)}`);
    },
    done() {
      if (drawnAt !== undefined) stream.write(CLEAR);
      drawnAt = undefined;
    },
  };
}
