// leakgate ci: find the commits this CI job is about, say which and why, then scan that range
// with the report its CI understands (annotations on GitHub Actions) and, if asked, a SARIF file.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { planCiScan } from "../ci/detect.js";
import { InputError } from "../errors.js";
import { EXIT, type Io } from "../io.js";
import type { Options } from "../options.js";
import { scanCommand } from "./scan.js";

function readGithubEvent(io: Io): unknown {
  const file = io.env["GITHUB_EVENT_PATH"];
  if (!file) throw new InputError("GITHUB_EVENT_PATH is not set", "run leakgate ci inside a GitHub Actions job, or pass --range");
  try {
    return JSON.parse(readFileSync(resolve(io.cwd, file), "utf8"));
  } catch {
    throw new InputError(`cannot read the GitHub event file ${file}`, "run leakgate ci inside a GitHub Actions job, or pass --range");
  }
}

export async function ciCommand(options: Options, io: Io): Promise<number> {
  const onGithub = io.env["GITHUB_ACTIONS"] === "true";
  const event = onGithub && options.range === undefined ? readGithubEvent(io) : undefined;
  const plan = planCiScan(io.env, options.range, event);
  const where = plan.provider === "github" ? "GitHub Actions" : plan.provider === "gitlab" ? "GitLab CI" : "no CI detected";
  if (plan.range === undefined) {
    io.stderr.write(`leakgate: ci (${where}): ${plan.reason}\n`);
    return EXIT.clean;
  }
  io.stderr.write(`leakgate: ci (${where}): scanning ${plan.range} — ${plan.reason}\n`);
  const format = options.formatGiven ? options.format : plan.provider === "github" ? "github" : "pretty";
  return scanCommand({ ...options, command: "scan", format, staged: false, history: false, range: plan.range }, io);
}
