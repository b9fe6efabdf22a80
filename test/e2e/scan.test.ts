// The built CLI over real folders and repositories: exit codes, formats, the summary, and that
// no output of any format carries a raw secret.
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { expectValidSarif } from "../helpers/sarif.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitAll, git, tempDir, tempRepo, writeFiles } from "../helpers/repo.js";

const FORMATS = ["pretty", "json", "sarif", "junit", "github"] as const;

function leakyFolder() {
  const key = fake.openrouterKey();
  const bot = fake.slackBotToken();
  const root = tempDir();
  writeFiles(root, {
    "src/config.ts": `export const config = {\n  openrouter: "${key}",\n};\n`,
    "notes/today.md": `Bot token for the alerts channel: ${bot}\n`,
    "clean.txt": "nothing to see\n",
  });
  return { root, key, bot };
}

describe("leakgate scan (outside a repository)", () => {
  it("exits 1 with findings, grouped by file, redacted, with a summary on stderr", () => {
    const { root, key, bot } = leakyFolder();
    const run = runCli(["scan"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("src/config.ts");
    expect(run.stdout).toContain("openrouter-api-key");
    expect(run.stdout).toContain("2:16");
    expect(run.stdout).toMatch(/sk-or-v1-[0-9a-f]{2}…\(73 chars\)/);
    expect(run.stdout).toContain("notes/today.md");
    expect(run.stderr).toMatch(/3 files, \d+ B scanned in \d+ ms; 2 findings/);
    for (const secret of [key, bot]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain(secret.slice(-20));
    }
  });

  it("exits 0 on a clean tree and says so", () => {
    const root = tempDir();
    writeFiles(root, { "a.txt": "hello\n" });
    const run = runCli(["scan", "."], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/1 file, 6 B scanned .*no secrets found/);
  });

  for (const format of FORMATS) {
    it(`never prints a raw secret in the ${format} format, to stdout or to --output`, () => {
      const { root, key, bot } = leakyFolder();
      const run = runCli(["scan", "--format", format], { cwd: root });
      expect(run.code).toBe(1);
      const toFile = runCli(["scan", "--format", format, "--output", "report.out"], { cwd: root });
      expect(toFile.code).toBe(1);
      const written = readFileSync(join(root, "report.out"), "utf8");
      expect(written.length).toBeGreaterThan(0);
      for (const text of [run.stdout, run.stderr, written, toFile.stdout, toFile.stderr]) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(bot);
        expect(text).not.toContain(key.slice(12));
      }
    });
  }

  it("json: findings with their fields, stats and errors", () => {
    const { root } = leakyFolder();
    const report = JSON.parse(runCli(["scan", "--format", "json"], { cwd: root }).stdout);
    expect(report.errors).toEqual([]);
    expect(report.stats).toMatchObject({ files: 3 });
    const finding = report.findings.find((each: { ruleId: string }) => each.ruleId === "openrouter-api-key");
    expect(finding).toMatchObject({
      ruleId: "openrouter-api-key",
      description: "OpenRouter API key",
      severity: "critical",
      kind: "content",
      path: "src/config.ts",
      startLine: 2,
      startColumn: 16,
      endLine: 2,
      endColumn: 88,
    });
    expect(finding.secret).toMatch(/^sk-or-v1-[0-9a-f]{2}…\(73 chars\)$/);
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("sarif: valid against the SARIF 2.1.0 schema, one descriptor per rule used, fingerprints", () => {
    const { root } = leakyFolder();
    writeFiles(root, { "odd name #1.pem": "" });
    const run = runCli(["scan", "--format", "sarif"], { cwd: root });
    const log = JSON.parse(run.stdout);
    expectValidSarif(log);
    const rules = log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
    expect(rules).toEqual(["key-file", "openrouter-api-key", "slack-bot-token"]);
    const results = log.runs[0].results;
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(rules[result.ruleIndex]).toBe(result.ruleId);
      expect(result.partialFingerprints["leakgate/v1"]).toMatch(/^[0-9a-f]{32}$/);
    }
    const pem = results.find((result: { ruleId: string }) => result.ruleId === "key-file");
    expect(pem.locations[0].physicalLocation.artifactLocation.uri).toBe("odd%20name%20%231.pem");
    const key = results.find((result: { ruleId: string }) => result.ruleId === "openrouter-api-key");
    expect(key.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 16, endLine: 2, endColumn: 89 });
  });

  it("junit: well-formed XML with one failing testcase per finding", () => {
    const { root } = leakyFolder();
    writeFiles(root, { "x.txt": `<&"'>\n` });
    const run = runCli(["scan", "--format", "junit"], { cwd: root });
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    expect(run.stdout.match(/<testcase /g)).toHaveLength(2);
    expect(run.stdout.match(/<failure /g)).toHaveLength(2);
    expect(run.stdout).toContain('failures="2"');
    const clean = tempDir();
    writeFiles(clean, { "a.txt": "ok" });
    const none = runCli(["scan", "--format", "junit"], { cwd: clean });
    expect(XMLValidator.validate(none.stdout)).toBe(true);
    expect(none.stdout).toContain('failures="0"');
  });

  it("github: one ::error workflow command per finding with file, line and column", () => {
    const { root } = leakyFolder();
    const lines = runCli(["scan", "--format", "github"], { cwd: root }).stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^::error file=src\/config\.ts,line=2,col=16,endLine=2,endColumn=89,title=leakgate%3A openrouter-api-key::OpenRouter API key: sk-or-v1-/);
  });

  it("--reveal shows the raw secret locally and is refused under CI", () => {
    const { root, key } = leakyFolder();
    expect(runCli(["scan", "--reveal"], { cwd: root }).stdout).toContain(key);
    const refused = runCli(["scan", "--reveal"], { cwd: root, env: { CI: "true" } });
    expect(refused.code).toBe(2);
    expect(refused.stdout).not.toContain(key);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^leakgate: --reveal is refused when CI is set — /);
  });

  it("skips binary files and files over --max-file-size, and says so", () => {
    const root = tempDir();
    const key = fake.openrouterKey();
    writeFiles(root, {
      "image.bin": Buffer.concat([Buffer.from([0x89, 0x50, 0, 1]), Buffer.from(key)]),
      "big.txt": `${"x".repeat(2048)}\n${key}\n`,
      "small.txt": "ok\n",
    });
    const run = runCli(["scan", "--max-file-size", "1k"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("skipped: 1 binary, 1 over the size limit");
    expect(run.stderr).not.toContain("leakgate: skipped image.bin");
    const verbose = runCli(["scan", "--max-file-size", "1k", "--verbose"], { cwd: root });
    expect(verbose.stderr).toContain("leakgate: skipped image.bin: binary\n");
    expect(verbose.stderr).toContain("leakgate: skipped big.txt: over --max-file-size\n");
    expect(verbose.stderr).toMatch(/leakgate: \d+ rules, config none/);
    expect(runCli(["scan"], { cwd: root }).code).toBe(1);
  });

  it("does not follow symlinks", () => {
    const outside = tempDir();
    writeFiles(outside, { "secret.txt": `key=${fake.openrouterKey()}\n` });
    const root = tempDir();
    writeFiles(root, { "a.txt": "ok\n" });
    symlinkSync(join(outside, "secret.txt"), join(root, "link.txt"));
    symlinkSync(outside, join(root, "linkdir"));
    expect(runCli(["scan"], { cwd: root }).code).toBe(0);
  });

  it("scans the files and folders named on the command line", () => {
    const { root } = leakyFolder();
    expect(runCli(["scan", "clean.txt"], { cwd: root }).code).toBe(0);
    const run = runCli(["scan", "notes", "clean.txt", "--format", "json"], { cwd: root });
    expect(JSON.parse(run.stdout).findings.map((finding: { path: string }) => finding.path)).toEqual(["notes/today.md"]);
  });
});

describe("leakgate scan (inside a repository)", () => {
  it("scans tracked and untracked files, skips ignored ones unless --no-ignore, and scans a force-added ignored file", () => {
    const root = tempRepo({
      ".gitignore": "ignored/\n.env\n",
      "tracked.txt": "ok\n",
      "ignored/local.txt": `key=${fake.openrouterKey()}\n`,
    });
    commitAll(root, "initial");
    writeFiles(root, { "untracked.md": `token ${fake.slackBotToken()}\n` });
    const run = runCli(["scan", "--format", "json"], { cwd: root });
    expect(JSON.parse(run.stdout).findings.map((finding: { path: string }) => finding.path)).toEqual(["untracked.md"]);
    const all = runCli(["scan", "--no-ignore", "--format", "json"], { cwd: root });
    expect(JSON.parse(all.stdout).findings.map((finding: { path: string }) => finding.path)).toEqual(["ignored/local.txt", "untracked.md"]);
    writeFiles(root, { ".env": "" });
    git(root, "add", "-f", ".env");
    const forced = JSON.parse(runCli(["scan", "--format", "json"], { cwd: root }).stdout);
    expect(forced.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain("dotenv-file");
  });

  it("gives repository-relative paths when run from a subfolder", () => {
    const root = tempRepo({ "sub/dir/a.txt": `k=${fake.openrouterKey()}\n` });
    const run = runCli(["scan", "--format", "json"], { cwd: join(root, "sub") });
    expect(JSON.parse(run.stdout).findings[0].path).toBe("sub/dir/a.txt");
  });
});

describe("configuration", () => {
  it("adds user rules, disables built-in ones and allows paths and stopwords", () => {
    const root = tempRepo({
      "app.txt": `acme_token = ACME-${fake.alnum(20)}\nor = ${fake.openrouterKey()}\n`,
      "fixtures/a.txt": `acme_token = ACME-${fake.alnum(20)}\n`,
      "b.txt": `acme_token = ACME-dummy${fake.alnum(14)}\n`,
      ".leakgate.toml": [
        'disable = ["openrouter-api-key"]',
        "[allow]",
        'paths = ["fixtures/**"]',
        'stopwords = ["dummy"]',
        "[[rule]]",
        'id = "acme-token"',
        'description = "ACME token"',
        "regex = '''(ACME-[A-Za-z0-9]{20})'''",
        'keywords = ["acme-"]',
      ].join("\n"),
    });
    const run = runCli(["scan", "--format", "json"], { cwd: root });
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout).findings.map((finding: { ruleId: string; path: string }) => `${finding.ruleId} ${finding.path}`);
    expect(found).toEqual(["acme-token app.txt"]);
  });

  it("reads --config FILE", () => {
    const root = tempDir();
    writeFiles(root, { "a.txt": `k=${fake.openrouterKey()}\n`, "conf/lg.toml": 'disable = ["openrouter-api-key"]\n' });
    expect(runCli(["scan", "--config", "conf/lg.toml"], { cwd: root }).code).toBe(0);
    const missing = runCli(["scan", "--config", "nope.toml"], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^leakgate: config file nope.toml does not exist — /);
  });

  const broken: [string, string, RegExp][] = [
    ["broken TOML", "[[rule]\nid = 1", /^leakgate: .*\.leakgate\.toml:1:\d+: invalid TOML/],
    ["an invalid regex", "[[rule]]\nid = \"bad-one\"\ndescription = \"x\"\nregex = '''(a'''", /\.leakgate\.toml: rule "bad-one": invalid regex/],
    ["a rule without a capture group", "[[rule]]\nid = \"no-group\"\ndescription = \"x\"\nregex = 'abc'", /rule "no-group": regex has no capture group/],
    ["duplicate rule ids", "[[rule]]\nid = \"twin\"\ndescription = \"x\"\nregex = '(a)'\n[[rule]]\nid = \"twin\"\ndescription = \"y\"\nregex = '(b)'", /rule "twin" is defined twice/],
  ];
  for (const [name, text, message] of broken) {
    it(`exits 2 with one line for ${name}`, () => {
      const root = tempDir();
      writeFiles(root, { ".leakgate.toml": text, "a.txt": "ok" });
      const run = runCli(["scan"], { cwd: root });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it("--staged outside a repository with a broken config says the config's error, as the rules load first", () => {
    // The staged source's git call runs beside the config's search; its failure waits for the rules.
    const root = tempDir();
    writeFiles(root, { ".leakgate.toml": "[[rule]\nid = 1", "a.txt": "ok" });
    const run = runCli(["scan", "--staged"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^leakgate: .*\.leakgate\.toml:1:\d+: invalid TOML/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    // Without the config, the same folder fails on the missing repository, in one line too.
    writeFiles(root, { ".leakgate.toml": "" });
    const bare = runCli(["scan", "--staged"], { cwd: root });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^leakgate: .* is not in a git repository — /);
    expect(bare.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.skipIf(process.platform === "win32")("asks git for the repository's root once in a working-tree scan (the config's search found it)", () => {
    const root = tempRepo({ "a.txt": "ok\n", "sub/b.txt": "ok\n" });
    // A git on PATH that notes each call, then runs the real one.
    const shim = tempDir();
    const calls = join(shim, "calls.log");
    const realGit = spawnSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).stdout.trim();
    writeFileSync(join(shim, "git"), `#!/bin/sh\necho "$*" >> '${calls}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const rootCalls = (args: string[], cwd: string): number => {
      writeFileSync(calls, "");
      const run = runCli(args, { cwd, env: { PATH: `${shim}:${process.env["PATH"] ?? ""}` } });
      expect(run.code).toBe(0);
      return readFileSync(calls, "utf8").split("\n").filter((line) => line.startsWith("rev-parse --show-toplevel")).length;
    };
    expect(rootCalls(["scan"], root)).toBe(1);
    expect(rootCalls(["scan", "sub"], root)).toBe(1);
    // Two folders: the second is asked about on its own.
    expect(rootCalls(["scan", ".", "sub"], root)).toBe(2);
  });

  it("warns about unknown keys, naming them", () => {
    const root = tempDir();
    writeFiles(root, { ".leakgate.toml": "colour = true\n[allow]\npathz = []\n", "a.txt": "ok" });
    const run = runCli(["scan"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('unknown key "colour"');
    expect(run.stderr).toContain('unknown key "pathz"');
  });
});

describe("usage", () => {
  it("exits 2 with one line for a bad flag, a bad format, a bad size and a missing path", () => {
    const root = tempDir();
    for (const args of [["scan", "--bogus"], ["scan", "--format", "xml"], ["scan", "--max-file-size", "big"], ["scan", "missing/"], ["frobnicate"]]) {
      const run = runCli(args, { cwd: root });
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(run.stderr).toMatch(/^leakgate: .+ — .+/);
    }
  });

  it("lists the rules", () => {
    const run = runCli(["rules"], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/openrouter-api-key\s+content\s+critical\s+OpenRouter API key/);
    expect(run.stdout).toMatch(/dotenv-file\s+path/);
  });

  it("prints help and the version", () => {
    expect(runCli(["--help"], { cwd: tempDir() }).stdout).toContain("leakgate scan");
    expect(runCli(["--version"], { cwd: tempDir() }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
