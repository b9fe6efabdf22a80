// The HTML audit report in a real headless browser (Debian's chromium, driven by playwright-core):
// a history scan of a generated repository with more findings than one page of rows, then
// filtering, sorting, paging and expanding as a person would, with no console error, no network
// request and no raw secret on the page. Leaves a screenshot in test-output/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fake } from "../helpers/fake-secrets.js";
import { GIT_ENV, git, tempRepo, writeFiles } from "../helpers/repo.js";

// Debian's chromium by default; CHROMIUM_PATH names another Chromium build (GitHub's runners have Chrome).
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const SCREENSHOTS = fileURLToPath(new URL("../../test-output/", import.meta.url));
const present = existsSync(CHROMIUM);
// Only a developer's machine may lack the browser; in CI a missing browser fails the test.
const skip = !present && !process.env["CI"];
if (skip) console.warn(`html-browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium; CI always runs this test)`);

const KEYS = 230; // more than one page (200 rows) of the report
const TOKENS = 12;

function commitAs(root: string, author: string, date: string, message: string): void {
  const env = { ...GIT_ENV, GIT_AUTHOR_NAME: author, GIT_AUTHOR_EMAIL: `${author.toLowerCase()}@example.com`, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync("git", ["add", "-A"], { cwd: root, env });
  execFileSync("git", ["commit", "-q", "--no-verify", "-m", message], { cwd: root, env });
}

/** Years of history: keys added by two people, tokens by a third, some removed again since. */
function generatedRepository() {
  const root = tempRepo();
  const secrets: string[] = [];
  const files: Record<string, string> = {};
  for (let i = 0; i < KEYS; i++) {
    const key = fake.openrouterKey();
    secrets.push(key);
    files[`services/svc-${String(i).padStart(3, "0")}/config.ts`] = `export const key = "${key}";\n`;
  }
  writeFiles(root, Object.fromEntries(Object.entries(files).slice(0, 120)));
  commitAs(root, "Ada", "2021-02-10T10:00:00Z", "services");
  writeFiles(root, Object.fromEntries(Object.entries(files).slice(120)));
  commitAs(root, "Grace", "2022-07-01T10:00:00Z", "more services");
  const notes: Record<string, string> = {};
  for (let i = 0; i < TOKENS; i++) {
    const token = fake.slackBotToken();
    secrets.push(token);
    notes[`notes/alerts-${i}.md`] = `Bot token: ${token}\n`;
  }
  writeFiles(root, { ...notes, ".env.<img src=x onerror=alert(1)>": "A=1\n" });
  commitAs(root, "Linus", "2023-11-05T10:00:00Z", "notes");
  // Half of the tokens are gone from HEAD: only in history.
  git(root, "rm", "-q", ...Object.keys(notes).slice(0, TOKENS / 2));
  commitAs(root, "Linus", "2024-01-09T10:00:00Z", "remove tokens");
  return { root, secrets };
}

async function visibleRows(page: Page): Promise<Array<{ rule: string; path: string; status: string; author: string; date: string }>> {
  return page.$$eval("#findings tbody tr.row", (rows) =>
    rows.map((row) => ({
      rule: row.querySelector(".rule")!.textContent!,
      path: row.querySelector(".path")!.textContent!,
      status: row.querySelector(".status")!.textContent!,
      author: row.querySelector(".author")?.textContent ?? "",
      date: row.querySelector(".date")?.textContent ?? "",
    })),
  );
}

describe.skipIf(skip)("html report in a headless browser", () => {
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  let secrets: string[];
  const problems: string[] = [];
  const requests: string[] = [];
  let report: string;

  beforeAll(async () => {
    const repository = generatedRepository();
    secrets = repository.secrets;
    const run = runCli(["scan", "--history", "--format", "html", "--output", "report.html"], { cwd: repository.root });
    expect(run.code, run.stderr).toBe(1);
    report = pathToFileURL(join(repository.root, "report.html")).href;
    mkdirSync(SCREENSHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), "leakgate-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(report);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("shows the summary of the history scan", async () => {
    expect(await page.textContent('[data-count="total"] .n')).toBe(String(KEYS + TOKENS + 1));
    expect(await page.textContent('[data-count="history-only"] .n')).toBe(String(TOKENS / 2));
    expect(await page.locator("#timeline .m").count()).toBe(34); // 2021-02 .. 2023-11
    expect(await page.textContent("#authors")).toContain("Grace <grace@example.com>");
  });

  it("renders one page of rows, then more on demand", async () => {
    expect(await page.locator("#findings tbody tr.row").count()).toBe(200);
    expect(await page.textContent("#count")).toBe(`Showing 200 of ${KEYS + TOKENS + 1} matching findings (${KEYS + TOKENS + 1} in all).`);
    await page.click("#more");
    expect(await page.locator("#findings tbody tr.row").count()).toBe(KEYS + TOKENS + 1);
    expect(await page.isHidden("#more")).toBe(true);
  });

  it("filters by rule, path, status and author", async () => {
    await page.selectOption("#f-rule", "slack-bot-token");
    let rows = await visibleRows(page);
    expect(rows).toHaveLength(TOKENS);
    expect(new Set(rows.map((row) => row.rule))).toEqual(new Set(["slack-bot-token"]));

    await page.selectOption("#f-status", "history-only");
    rows = await visibleRows(page);
    expect(rows).toHaveLength(TOKENS / 2);
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(["only in history"]));
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-rule", "");

    await page.fill("#f-path", "SVC-01");
    rows = await visibleRows(page);
    expect(rows).toHaveLength(10); // svc-010 .. svc-019
    expect(rows.every((row) => row.path.startsWith("services/svc-01"))).toBe(true);
    await page.fill("#f-path", "");

    await page.selectOption("#f-author", "Grace");
    rows = await visibleRows(page);
    expect(rows).toHaveLength(KEYS - 120);
    expect(new Set(rows.map((row) => row.author))).toEqual(new Set(["Grace"]));
    await page.selectOption("#f-author", "");
    expect(await page.textContent("#count")).toContain(`of ${KEYS + TOKENS + 1} matching`);
  });

  it("sorts by a column, and the other way round on a second click", async () => {
    await page.click('th[data-sort="path"] button');
    expect(await page.getAttribute('th[data-sort="path"]', "aria-sort")).toBe("ascending");
    let paths = (await visibleRows(page)).map((row) => row.path);
    expect(paths[0]).toMatch(/^\.env\.<img src=x onerror=alert\(1\)>$/);
    expect(paths).toEqual([...paths].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    await page.click('th[data-sort="path"] button');
    expect(await page.getAttribute('th[data-sort="path"]', "aria-sort")).toBe("descending");
    paths = (await visibleRows(page)).map((row) => row.path);
    expect(paths[0]).toBe("services/svc-229/config.ts:1");

    await page.click('th[data-sort="date"] button');
    await page.click("#more"); // the newest are past the first page
    const dates = (await visibleRows(page)).map((row) => row.date);
    expect(dates[0]).toBe("2021-02-10");
    expect(dates[dates.length - 1]).toBe("2023-11-05");
    expect(dates).toEqual([...dates].sort());
  });

  it("expands a row to its context, commit and remedy, and folds it again", async () => {
    await page.selectOption("#f-status", "history-only");
    await page.click("#findings tbody tr.row >> nth=0");
    const detail = page.locator("#findings tbody tr.detail");
    expect(await detail.count()).toBe(1);
    const text = await detail.innerText();
    expect(text).toMatch(/Bot token: xoxb-\w{0,2}…\(\d+ chars\)/);
    expect(text).toMatch(/Commit\s+[0-9a-f]{40}/);
    expect(text).toContain("Only in history: rotate it — removing the file is not enough");
    await page.screenshot({ path: join(SCREENSHOTS, "html-report.png"), fullPage: true });
    await page.click("#findings tbody tr.row >> nth=0");
    expect(await detail.count()).toBe(0);
  });

  it("shows no raw secret, ran no markup from a file name, logged no error and loaded nothing else", async () => {
    const content = (await page.content()) + (await page.innerText("body"));
    for (const secret of secrets) expect(content).not.toContain(secret.slice(-24));
    expect(await page.locator("img").count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([report]);
  });
});
