// What `leakgate init` writes, as text: .gitignore lines, the hook's gate block, the templates.
import { spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { gitignoreWithSecretPatterns } from "../../src/init/gitignore.js";
import { CHAINED_HOOK, gateBlock, GATE_BEGIN, hookWithGate, shellQuote } from "../../src/init/hook.js";
import { STARTER_CONFIG, WORKFLOW_SARIF, workflowFile } from "../../src/init/templates.js";
import { GIT_ENV, tempRepo } from "../helpers/repo.js";

describe(".gitignore", () => {
  it("adds every secret pattern to an empty file, in an order where the exception works", () => {
    const { text, added } = gitignoreWithSecretPatterns("");
    expect(added).toEqual([".env", ".env.*", "!.env.example", "*.pem", "*.key", ".nanobot/"]);
    const lines = text.split("\n");
    expect(lines.indexOf("!.env.example")).toBeGreaterThan(lines.indexOf(".env.*"));
    expect(text.endsWith("\n")).toBe(true);
  });

  it("adds only what is missing, keeps the user's lines, and changes nothing the second time", () => {
    const start = "node_modules/\n.env\n*.pem   \n";
    const once = gitignoreWithSecretPatterns(start);
    expect(once.added).toEqual([".env.*", "!.env.example", "*.key", ".nanobot/"]);
    expect(once.text.startsWith(start)).toBe(true);
    const twice = gitignoreWithSecretPatterns(once.text);
    expect(twice).toEqual({ text: once.text, added: [] });
  });

  it("moves an older !.env.example after the .env.* it adds, so the template stays committable", () => {
    const { text } = gitignoreWithSecretPatterns("!.env.example\ndist\n");
    const lines = text.split("\n");
    expect(lines.filter((line) => line === "!.env.example")).toHaveLength(1);
    expect(lines.indexOf("!.env.example")).toBeGreaterThan(lines.indexOf(".env.*"));
    expect(lines).toContain("dist");
  });

  it("appends to a file without a final newline and keeps CRLF line ends", () => {
    expect(gitignoreWithSecretPatterns("dist").text).toMatch(/^dist\n\n# Secrets/);
    const crlf = gitignoreWithSecretPatterns("dist\r\n").text;
    expect(crlf).toMatch(/^dist\r\n\r\n# Secrets[^\n]*\r\n\.env\r\n/);
    expect(crlf.replace(/\r\n/g, "")).not.toContain("\n");
  });
});

describe("the hook's gate block", () => {
  const launcher = { node: "/opt/node 20/bin/node", script: "/home/o'brien/leakgate/dist/cli.js" };

  it("quotes paths the shell reads back unchanged", () => {
    const out = spawnSync("sh", ["-c", `printf '%s' ${shellQuote(launcher.script)}`], { encoding: "utf8" });
    expect(out.stdout).toBe(launcher.script);
  });

  it("is valid sh, tries the project's copy, then the launcher, then PATH", () => {
    const block = gateBlock({ launcher });
    expect(spawnSync("sh", ["-n", "-c", block]).status).toBe(0);
    const own = block.indexOf("node_modules/.bin/leakgate");
    const fallback = block.indexOf(shellQuote(launcher.script));
    const path = block.indexOf("command -v leakgate");
    expect(own).toBeGreaterThan(-1);
    expect(fallback).toBeGreaterThan(own);
    expect(path).toBeGreaterThan(fallback);
    expect(gateBlock({})).not.toContain("elif [ -f '");
  });

  it("fails the commit with one clear line when no leakgate can be found", () => {
    const root = tempRepo();
    const hook = join(root, ".git", "hooks", "pre-commit");
    writeFileSync(hook, hookWithGate(undefined, gateBlock({ launcher: { node: "/nonexistent/node", script: "/nonexistent/cli.js" } })));
    chmodSync(hook, 0o755);
    const run = spawnSync(hook, [], { cwd: root, encoding: "utf8", env: { ...GIT_ENV, PATH: "/usr/bin:/bin" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^leakgate: the pre-commit gate cannot find leakgate — run npm install/);
  });

  it("runs a chained hook first and stops when it fails", () => {
    const block = gateBlock({ launcher, chained: true });
    expect(block.indexOf(CHAINED_HOOK)).toBeLessThan(block.indexOf("scan --staged"));
    expect(block).toContain(`"$(dirname "$0")/${CHAINED_HOOK}" "$@" || exit $?`);
  });

  it("makes a new hook, replaces its own block, and puts itself first in someone else's hook", () => {
    const block = gateBlock({ launcher });
    const fresh = hookWithGate(undefined, block);
    expect(fresh).toBe(`#!/bin/sh\n${block}`);
    expect(hookWithGate(fresh, block)).toBe(fresh);

    const husky = "npm test\n";
    const withGate = hookWithGate(husky, block);
    expect(withGate.startsWith(GATE_BEGIN)).toBe(true);
    expect(withGate.endsWith("npm test\n")).toBe(true);
    expect(hookWithGate(withGate, block)).toBe(withGate);

    const legacy = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpx lint-staged\nexit 0\n';
    const lines = hookWithGate(legacy, block).split("\n");
    expect(lines.slice(0, 2)).toEqual(legacy.split("\n").slice(0, 2));
    expect(lines[2]).toBe(GATE_BEGIN);
    expect(lines.indexOf("exit 0")).toBeGreaterThan(lines.indexOf("npx lint-staged"));

    const newer = gateBlock({});
    const updated = hookWithGate(withGate, newer);
    expect(updated).toBe(`${newer}npm test\n`);
  });
});

describe("templates", () => {
  it("the starter config is valid TOML that sets nothing", () => {
    expect(parseToml(STARTER_CONFIG)).toEqual({});
    // Every example in it parses once uncommented.
    const uncommented = STARTER_CONFIG.split("\n")
      .map((line) => line.replace(/^# (?=\[|[a-z_]+ = )/, ""))
      .join("\n");
    const config = parseToml(uncommented) as Record<string, unknown>;
    expect(Object.keys(config).sort()).toEqual(["allow", "disable", "rule"]);
  });

  it("the workflow checks out the whole history, runs leakgate ci with SARIF, and uploads it", () => {
    const workflow = parseYaml(workflowFile("1.2.3")) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; if?: string }> }>;
    };
    expect(Object.keys(workflow.on)).toEqual(["push", "pull_request"]);
    expect(workflow.permissions["security-events"]).toBe("write");
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    const run = steps.find((step) => step.run?.includes("leakgate"));
    expect(run?.run).toBe(`npx --yes leakgate@1.2.3 ci --sarif ${WORKFLOW_SARIF}`);
    const upload = steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.with?.["sarif_file"]).toBe(WORKFLOW_SARIF);
    expect(upload?.if).toContain("always()");
    expect(steps.indexOf(upload!)).toBeGreaterThan(steps.indexOf(run!));
  });
});
