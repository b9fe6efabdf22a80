// The HTML audit report: its content against a scan of a generated repository (summary counts,
// rows, no raw secret, nothing loaded from the network), and its history sections (timeline,
// authors, present vs only in history) on synthetic findings.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/model.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "../../src/reporters/html-page.js";
import { html } from "../../src/reporters/html.js";
import { remedyOf } from "../../src/reporters/remedy.js";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { commitOf, findingOf, resultOf } from "../helpers/findings.js";
import { commitAll, tempRepo } from "../helpers/repo.js";

const HOSTILE_NAME = ".env.<img src=x onerror=alert(1)>";
const context = { version: "9.9.9", color: false, rules: [] };

/** The rows the page script renders, as the report embeds them. */
function rowsOf(page: string): Array<Record<string, string | number>> {
  const block = /<script type="application\/json" id="leakgate-data">([\s\S]*?)<\/script>/.exec(page);
  if (!block) throw new Error("no data block in the report");
  return JSON.parse(block[1]!).findings;
}

function cardCount(page: string, name: string): number | undefined {
  const match = new RegExp(`data-count="${name}"><span class="n">([\\d,]+)<`).exec(page);
  return match ? Number(match[1]!.replace(/,/g, "")) : undefined;
}

/** Every start tag outside <script> and <style> bodies (text is escaped, so `<` starts a tag). */
function tagsOf(page: string): string[] {
  const markup = page.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, "$1").replace(/(<style[^>]*>)[\s\S]*?<\/style>/g, "$1");
  return markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
}

describe("html report of a generated repository", () => {
  const secrets = {
    keys: [fake.openrouterKey(), fake.openrouterKey(), fake.openrouterKey(), fake.openrouterKey()],
    bot: fake.slackBotToken(),
    pem: fake.privateKey(),
  };
  let page = "";
  let report: { findings: Array<{ ruleId: string; severity: string; path: string; fingerprint: string; remedy: string }> };

  beforeAll(() => {
    const root = tempRepo({
      "src/config.ts": `export const config = {\n  openrouter: "${secrets.keys[0]}",\n};\n`,
      "src/workers/a.ts": `const key = "${secrets.keys[1]}";\n`,
      "src/workers/b.ts": `const key = "${secrets.keys[2]}";\n`,
      "notes/today.md": `Bot token for the alerts channel: ${secrets.bot}\n`,
      ".env": `OPENROUTER_API_KEY=${secrets.keys[3]}\n`,
      [HOSTILE_NAME]: "A=1\n",
      "deploy/server.pem": `${secrets.pem}\n`,
      "README.md": "nothing to see\n",
    });
    commitAll(root, "everything");
    const run = runCli(["scan", "--format", "html", "--output", "report.html"], { cwd: root });
    expect(run.code, run.stderr).toBe(1);
    page = readFileSync(join(root, "report.html"), "utf8");
    report = JSON.parse(runCli(["scan", "--format", "json"], { cwd: root }).stdout);
  });

  it("summary counts match the scan: total, per severity, per family", () => {
    expect(report.findings.length).toBeGreaterThanOrEqual(9);
    expect(cardCount(page, "total")).toBe(report.findings.length);
    for (const severity of ["critical", "high", "medium", "low"]) {
      expect(cardCount(page, severity), severity).toBe(report.findings.filter((finding) => finding.severity === severity).length);
    }
    expect(cardCount(page, "policy")).toBe(0);
    const familyTotals = [...page.matchAll(/<tr data-family="[^"]+">(?:<td[^>]*>[^<]*<\/td>)*?<td class="num">(\d+)<\/td><\/tr>/g)].map((m) => Number(m[1]));
    expect(familyTotals.reduce((sum, n) => sum + n, 0)).toBe(report.findings.length);
    expect(page).toContain('<tr data-family="openrouter">');
    expect(page).toContain('<tr data-family="slack">');
  });

  it("says what was scanned, and leaves out what a working-tree scan has no data for", () => {
    expect(page).toMatch(/<tr data-stat="files"><th>files<\/th><td>8<\/td><\/tr>/);
    expect(page).toMatch(/<tr data-stat="rules"><th>rules<\/th><td>\d+<\/td><\/tr>/);
    expect(page).not.toContain('data-stat="commits"');
    expect(page).not.toContain('id="timeline"');
    expect(page).not.toContain('id="authors"');
    expect(page).not.toContain('id="f-author"');
    expect(page).not.toContain('data-count="history-only"');
    expect(page).toContain('id="paths"');
  });

  it("has one row per finding, each with its redacted secret, context and situational remedy", () => {
    const rows = rowsOf(page);
    expect(rows.map((row) => row.fingerprint).sort()).toEqual(report.findings.map((finding) => finding.fingerprint).sort());
    const config = rows.find((row) => row.path === "src/config.ts")!;
    expect(config).toMatchObject({ rule: "openrouter-api-key", severity: "critical", line: 2, column: 16, status: "worktree" });
    expect(config.secret).toMatch(/^sk-or-v1-[0-9a-f]{2}…\(73 chars\)$/);
    expect(config.context).toBe(`  openrouter: "${config.secret}",`);
    for (const row of rows) {
      expect(row.remedy).toBe(report.findings.find((finding) => finding.fingerprint === row.fingerprint)!.remedy);
    }
    expect(rows.find((row) => row.path === ".env" && row.rule === "dotenv-file")!.remedy).toContain("git rm --cached .env)");
  });

  it("never holds a raw secret", () => {
    for (const secret of [...secrets.keys, secrets.bot]) {
      expect(page).not.toContain(secret);
      expect(page).not.toContain(secret.slice(-20));
    }
    for (const line of secrets.pem.split("\n").slice(1, -1)) expect(page).not.toContain(line.slice(10, 40));
  });

  it("loads nothing: no src or href, no @import or url(), and a CSP that forbids the network", () => {
    const tags = tagsOf(page);
    expect(tags.length).toBeGreaterThan(50);
    for (const tag of tags) expect(tag).not.toMatch(/\s(?:src|href|srcset|action|formaction|poster|background|data)\s*=/i);
    expect(tags.some((tag) => /^<(?:link|img|iframe|object|embed|base|audio|video|source)\b/i.test(tag))).toBe(false);
    expect(page.match(/<script\b/g)).toHaveLength(2); // the data block and the inline page script
    expect(page).not.toMatch(/@import|url\(/i);
    expect(PAGE_SCRIPT).not.toMatch(/https?:|fetch\(|XMLHttpRequest|import\(|WebSocket|EventSource|sendBeacon|innerHTML|document\.write/);
    expect(PAGE_STYLE).not.toMatch(/https?:|@import|url\(|@font-face/);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    // Outside the embedded findings (whose remedies may name a provider's page as text), no URL at all.
    const withoutData = page.replace(/<script type="application\/json"[\s\S]*?<\/script>/, "");
    expect(withoutData).not.toMatch(/https?:\/\//);
  });

  it("escapes a file name made of markup", () => {
    expect(page).not.toContain("<img");
    expect(page).toContain("<td class=\"mono\">.env.&lt;img src=x onerror=alert(1)&gt;</td>");
    expect(rowsOf(page).some((row) => row.path === HOSTILE_NAME)).toBe(true);
  });
});

describe("html report of a history scan", () => {
  const ada = (sha: string, date: string) => commitOf(sha, date, "Ada Lovelace", "ada@example.com");
  const eve = commitOf("e5e", "2019-06-02T09:00:00+02:00", "Eve <script>alert(1)</script>", "eve@example.com");
  const findings: Finding[] = [
    findingOf({ origin: "history", commit: ada("a1", "2019-03-01T10:00:00Z"), status: "history-only", path: "old/a.ts" }),
    findingOf({ origin: "history", commit: ada("a2", "2019-03-20T10:00:00Z"), status: "history-only", path: "old/b.ts", fingerprint: "f2" }),
    findingOf({ origin: "history", commit: ada("a3", "2019-03-25T10:00:00Z"), status: "present", path: "src/config.ts", fingerprint: "f3" }),
    findingOf({ origin: "history", commit: eve, status: "present", path: "src/x.ts", fingerprint: "f4", line: "</script><script>alert(2)</script>" }),
    findingOf({
      origin: "history",
      commit: ada("a5", "2021-01-10T10:00:00Z"),
      status: "present",
      kind: "policy",
      ruleId: "openrouter-management-key-scope",
      severity: "high",
      secret: "",
      path: "workers/agent.py",
      fingerprint: "f5",
      related: [{ path: "jobs/report.py", start: { line: 7, column: 1 }, end: { line: 7, column: 9 }, label: "scope jobs" }],
    }),
  ];
  const page = html(resultOf(findings, { commits: 120, files: 300 }), context);

  it("counts present at HEAD, only in history, and policy findings", () => {
    expect(cardCount(page, "total")).toBe(5);
    expect(cardCount(page, "present")).toBe(3);
    expect(cardCount(page, "history-only")).toBe(2);
    expect(cardCount(page, "policy")).toBe(1);
    expect(page).toContain('<tr data-family="policy">');
    expect(page).toMatch(/<tr data-stat="commits"><th>commits<\/th><td>120<\/td><\/tr>/);
  });

  it("draws every month from the first leak to the last, quiet months included", () => {
    const months = [...page.matchAll(/<div class="m" data-month="(\d{4}-\d{2})" data-count="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    expect(months).toHaveLength(23); // 2019-03 .. 2021-01
    expect(months[0]).toEqual(["2019-03", 3]);
    expect(months[1]).toEqual(["2019-04", 0]);
    expect(months[3]).toEqual(["2019-06", 1]);
    expect(months[22]).toEqual(["2021-01", 1]);
    expect(page).toContain('title="2019-03: 3 findings (2 only in history)"');
  });

  it("lists the top authors and paths, escaped", () => {
    expect(page).toMatch(/<div id="authors">.*<td class="mono">Ada Lovelace &lt;ada@example\.com&gt;<\/td><td class="num">4<\/td>/s);
    expect(page).toContain("Eve &lt;script&gt;alert(1)&lt;/script&gt; &lt;eve@example.com&gt;");
    expect(page).not.toContain("<script>alert");
    expect(page).toContain('id="f-author"');
  });

  it("embeds rows that a context line cannot break out of", () => {
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    const rows = rowsOf(page);
    expect(rows[3]).toMatchObject({ context: "</script><script>alert(2)</script>", author: eve.author, status: "present", date: eve.date });
    expect(rows[0]).toMatchObject({ status: "history-only", remedy: remedyOf(findings[0]!) });
    expect(String(rows[0]!.remedy)).toContain("removing the file is not enough");
    expect(rows[4]!.related).toEqual(["jobs/report.py:7 (scope jobs)"]);
    expect(rows[0]!.related).toEqual([]);
  });

  it("shows an incomplete scan as such", () => {
    const broken = html(resultOf(findings.slice(0, 1), {}, { errors: ["git log failed: <bad>"], warnings: ["rule x & y"] }), context);
    expect(broken).toContain("The scan is incomplete.");
    expect(broken).toContain("git log failed: &lt;bad&gt;");
    expect(broken).toContain("rule x &amp; y");
  });

  it("says so when nothing was found, without a table or charts", () => {
    const clean = html(resultOf([]), context);
    expect(cardCount(clean, "total")).toBe(0);
    expect(clean).toContain("No secrets found.");
    expect(clean).not.toContain('id="findings"');
    expect(clean).not.toContain('id="families"');
  });

  it("ships a page script that parses", () => {
    expect(() => new Script(PAGE_SCRIPT)).not.toThrow();
  });
});
