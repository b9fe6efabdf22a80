// argv -> one typed Options object. Nothing else in leakgate sees argv.
import yargs from "yargs";
import { UsageError } from "./errors.js";
import { FORMAT_NAMES, type FormatName } from "./reporters/index.js";
import { DEFAULT_MAX_FILE_SIZE } from "./sources/decode.js";

export type Command = "scan" | "rules";

export interface Options {
  readonly command: Command;
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly output: string | undefined;
  readonly config: string | undefined;
  /** true/false when --color/--no-color was given; undefined leaves it to the terminal and env. */
  readonly color: boolean | undefined;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly reveal: boolean;
  readonly maxFileSize: number;
  readonly noIgnore: boolean;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i;
const UNIT: Record<string, number> = { b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** "10MB", "512k", "1048576" -> bytes. */
export function parseSize(text: string): number {
  const match = SIZE.exec(text.trim());
  if (!match) throw new UsageError(`--max-file-size "${text}" is not a size`, "give bytes or a size such as 512k, 10MB, 1GiB");
  return Math.floor(Number(match[1]) * UNIT[(match[2] ?? "b").toLowerCase()]!);
}

export async function parseOptions(argv: readonly string[], version: string): Promise<Options | { help: string }> {
  let helpText: string | undefined;
  const parser = yargs([...argv])
    .scriptName("leakgate")
    .usage("leakgate <command> [options]\n\nFinds secrets before they reach a git repository.")
    .command("scan [paths..]", "scan the working tree (default: the current folder)", (y) =>
      y.positional("paths", { type: "string", array: true, describe: "files or folders to scan" }),
    )
    .command("rules", "list the rules leakgate checks (id, kind, description)")
    .demandCommand(1, "name a command: scan or rules")
    .option("format", { alias: "f", choices: FORMAT_NAMES, default: "pretty" as FormatName, describe: "report format" })
    .option("output", { alias: "o", type: "string", describe: "write the report to FILE instead of stdout" })
    .option("config", { alias: "c", type: "string", describe: "config file (default: .leakgate.toml at the repository root)" })
    .option("color", { type: "boolean", describe: "colour the pretty format (--no-color to turn off; NO_COLOR and FORCE_COLOR are honoured)" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no summary on stderr" })
    .option("verbose", { alias: "v", type: "boolean", default: false, describe: "say more about what was read and skipped" })
    .option("reveal", { type: "boolean", default: false, describe: "show raw secrets (local only; refused when CI is set)" })
    .option("max-file-size", { type: "string", default: String(DEFAULT_MAX_FILE_SIZE), describe: "skip files larger than this (e.g. 10MB)" })
    .option("ignore", { type: "boolean", default: true, describe: "--no-ignore also scans files that .gitignore ignores" })
    .strict()
    .version(version)
    .help()
    .exitProcess(false)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message.replace(/\s*\n\s*/g, " "), "see leakgate --help");
    });
  const parsed = await parser.parseAsync([...argv], {}, (_error, _argv, output) => {
    if (output) helpText = output;
  });
  if (helpText !== undefined) return { help: helpText };
  const command = String(parsed._[0]) as Command;
  return {
    command,
    paths: (parsed["paths"] as string[] | undefined) ?? [],
    format: parsed.format as FormatName,
    output: parsed.output,
    config: parsed.config,
    color: parsed.color,
    quiet: parsed.quiet,
    verbose: parsed.verbose,
    reveal: parsed.reveal,
    maxFileSize: parseSize(parsed["max-file-size"]),
    noIgnore: parsed.ignore === false,
  };
}
