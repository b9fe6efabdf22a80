// How a failure reaches the user: one line for what they can fix, a stack for what we must.
import { isLeakgateError } from "./errors.js";
import { EXIT, type Io } from "./io.js";

export const REPORT_TODO = "please report it at https://github.com/leakgate/leakgate/issues with the lines below";

/** One line for an expected failure; the stack and a plea for a report for anything else. */
export function reportFailure(error: unknown, io: Io): number {
  if (isLeakgateError(error)) {
    io.stderr.write(`leakgate: ${error.message}\n`);
  } else {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    // Fail closed: a gate that crashed has not checked anything, so it stays shut (exit 2).
    io.stderr.write(`leakgate: internal error, so the scan is incomplete and exits 2 — ${REPORT_TODO}\n${detail}\n`);
  }
  return EXIT.error;
}
