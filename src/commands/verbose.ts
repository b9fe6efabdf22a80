// --verbose: what a scan read and what it passed over, so a surprising result can be explained.
import type { Fragment, Source } from "../model.js";
import { printable } from "../reporters/printable.js";

const SKIP_REASON = { binary: "binary", "too-large": "over --max-file-size", unreadable: "unreadable" } as const;

/** The same fragments, saying on `write` each file that was skipped and why. */
export async function* narrateSkips(source: Source, write: (line: string) => void): AsyncGenerator<Fragment> {
  for await (const fragment of source) {
    if (fragment.skipped) {
      const where = fragment.commit ? ` (commit ${fragment.commit.sha.slice(0, 12)})` : "";
      write(`leakgate: skipped ${printable(fragment.path)}${where}: ${SKIP_REASON[fragment.skipped]}\n`);
    }
    yield fragment;
  }
}

/** The one line that says which rules and config a scan runs with. */
export function rulesLine(rules: number, configFile: string | undefined): string {
  return `leakgate: ${rules} rules, config ${configFile ?? "none (built-in rules only)"}\n`;
}
