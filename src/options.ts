// argv -> one typed Options object. Nothing else in leakgate sees argv.
import yargs from "yargs";
import { UsageError } from "./errors.js";
import { FORMAT_NAMES, type FormatName } from "./reporters/index.js";
import { DEFAULT_MAX_FILE_SIZE } from "./sources/decode.js";

export type Command = "scan" | "rules" | "init" | "baseline" | "allow" | "ci";

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
  /** --no-baseline: report the findings .leakgate-baseline.json accepts. */
  readonly noBaseline: boolean;
  /** init: show what would change, change nothing. */
  readonly dryRun: boolean;
  /** init: replace a hook or workflow that is not leakgate's. */
  readonly force: boolean;
  /** allow FINGERPRINT --reason … [--owner …] [--expires YYYY-MM-DD] */
  readonly fingerprint?: string;
  readonly reason?: string;
  readonly owner?: string;
  readonly expires?: string;
  /** Whether --format was given (leakgate ci picks one for its CI otherwise). */
  readonly formatGiven: boolean;
  /** scan --staged: what the next commit holds (the index). */
  readonly staged: boolean;
  /** scan --history: every commit reachable from any ref. */
  readonly history: boolean;
  /** scan/ci --range A..B, and scan --since REF (REF..HEAD). */
  readonly range?: string;
  readonly since?: string;
  /** ci --sarif FILE: also write a SARIF report there. */
  readonly sarif?: string;
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
    .command("scan [paths..]", "scan the working tree (default: the current folder), the index or git history", (y) =>
      y
        .positional("paths", { type: "string", array: true, describe: "files or folders to scan (pathspecs with the git sources)" })
        .option("staged", { type: "boolean", describe: "scan what the next commit holds (the index), for a pre-commit hook" })
        .option("history", { type: "boolean", describe: "scan every commit reachable from any ref, and commit messages" })
        .option("range", { type: "string", describe: "scan the commits of a revision range (base..head)" })
        .option("since", { type: "string", describe: "scan the commits REF..HEAD" })
        .conflicts("staged", ["history", "range", "since"])
        .conflicts("range", "since"),
    )
    .command("ci", "the CI gate: scan the commits of this push or pull request (GitHub Actions, GitLab CI, or --range)", (y) =>
      y
        .option("range", { type: "string", describe: "the range to scan (required outside GitHub Actions and GitLab CI)" })
        .option("sarif", { type: "string", describe: "also write a SARIF report to FILE" }),
    )
    .command("rules", "list the rules leakgate checks (id, kind, description)")
    .command("init", "install the pre-commit gate, .gitignore lines, a starter config and the CI workflow", (y) =>
      y
        .option("dry-run", { type: "boolean", default: false, describe: "show what would change, change nothing" })
        .option("force", { type: "boolean", default: false, describe: "replace a pre-commit hook or workflow that is not leakgate's" }),
    )
    .command("baseline", "accept every current finding: write .leakgate-baseline.json (fingerprints, never secrets)")
    .command("allow <fingerprint>", "accept one finding by its fingerprint, adding it to .leakgate-baseline.json", (y) =>
      y
        .positional("fingerprint", { type: "string", describe: "the fingerprint a report printed" })
        .option("reason", { type: "string", demandOption: true, describe: "why it is accepted" })
        .option("owner", { type: "string", describe: "who answers for it" })
        .option("expires", { type: "string", describe: "YYYY-MM-DD: reported again after this day" }),
    )
    .demandCommand(1, "name a command: scan, ci, rules, init, baseline or allow")
    .option("format", { alias: "f", choices: FORMAT_NAMES, describe: "report format (default: pretty; github for leakgate ci on GitHub Actions)" })
    .option("output", { alias: "o", type: "string", describe: "write the report to FILE instead of stdout" })
    .option("config", { alias: "c", type: "string", describe: "config file (default: .leakgate.toml at the repository root)" })
    .option("color", { type: "boolean", describe: "colour the pretty format (--no-color to turn off; NO_COLOR and FORCE_COLOR are honoured)" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no summary on stderr" })
    .option("verbose", { alias: "v", type: "boolean", default: false, describe: "say more about what was read and skipped" })
    .option("reveal", { type: "boolean", default: false, describe: "show raw secrets (local only; refused when CI is set)" })
    .option("max-file-size", { type: "string", default: String(DEFAULT_MAX_FILE_SIZE), describe: "skip files larger than this (e.g. 10MB)" })
    .option("ignore", { type: "boolean", default: true, describe: "--no-ignore also scans files that .gitignore ignores" })
    .option("baseline", { type: "boolean", default: true, describe: "--no-baseline also reports the findings .leakgate-baseline.json accepts" })
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
    format: (parsed.format as FormatName | undefined) ?? "pretty",
    formatGiven: parsed.format !== undefined,
    output: parsed.output,
    config: parsed.config,
    color: parsed.color,
    quiet: parsed.quiet,
    verbose: parsed.verbose,
    reveal: parsed.reveal,
    maxFileSize: parseSize(parsed["max-file-size"]),
    noIgnore: parsed.ignore === false,
    noBaseline: parsed.baseline === false,
    dryRun: parsed["dry-run"] === true,
    force: parsed["force"] === true,
    ...(typeof parsed["fingerprint"] === "string" ? { fingerprint: parsed["fingerprint"] } : {}),
    ...(typeof parsed["reason"] === "string" ? { reason: parsed["reason"] } : {}),
    ...(typeof parsed["owner"] === "string" ? { owner: parsed["owner"] } : {}),
    ...(typeof parsed["expires"] === "string" ? { expires: parsed["expires"] } : {}),
    staged: parsed["staged"] === true,
    history: parsed["history"] === true,
    ...(typeof parsed["range"] === "string" ? { range: parsed["range"] } : {}),
    ...(typeof parsed["since"] === "string" ? { since: parsed["since"] } : {}),
    ...(typeof parsed["sarif"] === "string" ? { sarif: parsed["sarif"] } : {}),
  };
}
