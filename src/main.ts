// main(argv, io) -> exit code: parse the options once, run the command, map failures to exit 2.
import { allowCommand } from "./commands/allow.js";
import { baselineCommand } from "./commands/baseline.js";
import { ciCommand } from "./commands/ci.js";
import { initCommand } from "./commands/init.js";
import { listRules } from "./commands/rules.js";
import { scanCommand } from "./commands/scan.js";
import { reportFailure } from "./failure.js";
import { withCommitBypass } from "./sources/git-source.js";
import { EXIT, type Io } from "./io.js";
import { parseOptions, type Command, type Options } from "./options.js";

export type { Io } from "./io.js";
export { reportFailure } from "./failure.js";

const COMMANDS: Record<Command, (options: Options, io: Io) => Promise<number>> = {
  scan: scanCommand,
  rules: listRules,
  init: initCommand,
  baseline: baselineCommand,
  allow: allowCommand,
  ci: ciCommand,
};

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // A pre-commit gate that fails says how to get past it knowingly, whatever failed and wherever.
  let gate = false;
  try {
    const options = await parseOptions(argv, io.version);
    gate = "staged" in options && options.staged === true;
    if ("help" in options) {
      io.stdout.write(`${options.help}\n`);
      return EXIT.clean;
    }
    return await COMMANDS[options.command](options, io);
  } catch (error) {
    return reportFailure(gate ? withCommitBypass(error) : error, io);
  }
}
