// What every reporter gets besides the (already redacted) result.
import type { Rule } from "../model.js";

export interface ReportContext {
  readonly version: string;
  readonly color: boolean;
  /** Every rule that ran, for formats that describe rules (SARIF). */
  readonly rules: readonly Rule[];
}

export type Reporter = (result: import("../model.js").ScanResult, context: ReportContext) => string;

// The one-line remedy for a finding, adapted to where it was found (staged, only in history).
export { remedyOf } from "./remedy.js";
