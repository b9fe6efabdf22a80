// --verbose: what a scan read and what it passed over, so a surprising result can be explained.
import type { Fragment } from "../model.js";
import { printable } from "../reporters/printable.js";

const SKIP_REASON = { binary: "binary", "too-large": "over --max-file-size", unreadable: "unreadable" } as const;

/** Says on `write`, of each fragment it hears of, that it was skipped and why, if it was. */
export function narrateSkip(write: (line: string) => void): (fragment: Fragment) => void {
  return (fragment) => {
    if (!fragment.skipped) return;
    const where = fragment.commit ? ` (commit ${fragment.commit.sha.slice(0, 12)})` : "";
    write(`leakgate: skipped ${printable(fragment.path)}${where}: ${SKIP_REASON[fragment.skipped]}\n`);
  };
}

/** The one line that says which rules and config a scan runs with. */
export function rulesLine(rules: number, configFile: string | undefined): string {
  return `leakgate: ${rules} rules, config ${configFile ?? "none (built-in rules only)"}\n`;
}
