// Runs the built CLI (dist/cli.js) as a user would, and returns what it printed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GIT_ENV } from "./repo.js";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): CliRun {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run npm run build (npm test does)");
  const env: NodeJS.ProcessEnv = { ...GIT_ENV, NO_COLOR: "1", ...options.env };
  delete env["CI"];
  if (options.env?.["CI"] !== undefined) env["CI"] = options.env["CI"];
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env,
    encoding: "utf8",
    input: options.input ?? "",
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
