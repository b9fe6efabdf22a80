// The progress line, with an injected clock and terminal: shown only on a terminal, only after a
// second, redrawn in place at most every 100 ms, and cleared at the end.
import { describe, expect, it } from "vitest";
import type { ScanStats } from "../../src/model.js";
import { createProgressLine, progressText } from "../../src/progress.js";

const stats = (files: number, bytes: number): ScanStats => ({
  files,
  bytes,
  commits: 0,
  skippedBinary: 0,
  skippedTooLarge: 0,
  skippedUnreadable: 0,
  rules: 1,
  durationMs: 0,
});

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

function clock() {
  let time = 5_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe("the progress line", () => {
  it("says how much was scanned and how fast", () => {
    expect(progressText(stats(1234, 50_000_000), 2000, "files")).toBe("leakgate: 1,234 files, 50.0 MB scanned, 25.0 MB/s");
    expect(progressText(stats(7, 3_000_000), 1000, "blobs")).toBe("leakgate: 7 blobs, 3.0 MB scanned, 3.0 MB/s");
  });

  it("shows nothing during the first second", () => {
    const { stream, written } = terminal(true);
    const time = clock();
    const line = createProgressLine(stream, time.now, "files");
    time.advance(999);
    line.update(stats(10, 1000));
    line.done();
    expect(written).toEqual([]);
  });

  it("redraws in place after a second, at most every 100 ms, and clears itself at the end", () => {
    const { stream, written } = terminal(true);
    const time = clock();
    const line = createProgressLine(stream, time.now, "blobs");
    time.advance(1000);
    line.update(stats(10, 2_000_000));
    time.advance(50);
    line.update(stats(11, 2_100_000));
    time.advance(50);
    line.update(stats(12, 2_200_000));
    line.done();
    expect(written).toEqual([
      "\r\x1b[2Kleakgate: 10 blobs, 2.0 MB scanned, 2.0 MB/s",
      "\r\x1b[2Kleakgate: 12 blobs, 2.2 MB scanned, 2.0 MB/s",
      "\r\x1b[2K",
    ]);
  });

  it("writes nothing at all when the stream is not a terminal", () => {
    const { stream, written } = terminal(false);
    const time = clock();
    const line = createProgressLine(stream, time.now, "files");
    for (let i = 0; i < 30; i++) {
      time.advance(500);
      line.update(stats(i, i * 1000));
    }
    line.done();
    expect(written).toEqual([]);
  });
});
