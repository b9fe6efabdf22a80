// The audit report: one self-contained HTML page (inline style and script, no network) with a
// summary, a timeline of when secrets were introduced, who and where, and the findings table.
// Findings arrive redacted like in every format; everything else written here is escaped.
import type { Finding, Rule, ScanResult, ScanStats, Severity } from "../model.js";
import type { Reporter } from "./context.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./html-page.js";
import { remedyOf } from "./remedy.js";
import { formatBytes } from "./summary.js";

const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];
const TOP = 10;

/** Where a finding stands, as the table's status column shows it. */
export type RowStatus = "present" | "history-only" | "history" | "staged" | "worktree" | "stdin";

export const STATUS_LABEL: Readonly<Record<RowStatus, string>> = {
  present: "at HEAD",
  "history-only": "only in history",
  history: "in history",
  staged: "staged",
  worktree: "working tree",
  stdin: "stdin",
};

export function rowStatusOf(finding: Finding): RowStatus {
  if (finding.status !== undefined) return finding.status;
  return finding.origin;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A rule's family for the summary: its first tag, else its id up to the first dash; "policy" for policy findings. */
export function familyOf(finding: Finding, rules: ReadonlyMap<string, Rule>): string {
  if (finding.kind === "policy") return "policy";
  const tag = rules.get(finding.ruleId)?.tags[0];
  return tag ?? finding.ruleId.split("-")[0] ?? finding.ruleId;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = key(item);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** The most frequent keys first (ties by name), at most `limit`. */
function top(counts: ReadonlyMap<string, number>, limit: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

const plural = (count: number, word: string): string => `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;

function card(count: number, label: string, name: string): string {
  return `<div class="card" data-count="${escapeHtml(name)}"><span class="n">${count.toLocaleString("en-US")}</span><span class="l">${escapeHtml(label)}</span></div>`;
}

function summarySection(findings: readonly Finding[]): string {
  const severity = countBy(findings, (finding) => finding.severity);
  const cards = [
    card(findings.length, "findings", "total"),
    ...SEVERITIES.map((level) => card(severity.get(level) ?? 0, level, level)),
    card(findings.filter((finding) => finding.kind === "policy").length, "policy (scope, reuse)", "policy"),
  ];
  // Present vs history-only is known only for history scans.
  if (findings.some((finding) => finding.status !== undefined)) {
    cards.push(card(findings.filter((finding) => finding.status === "present").length, "still at HEAD", "present"));
    cards.push(card(findings.filter((finding) => finding.status === "history-only").length, "only in history", "history-only"));
  }
  return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.join("")}</div></section>`;
}

function scannedSection(stats: ScanStats): string {
  const parts = [
    plural(stats.files, "file"),
    ...(stats.commits > 0 ? [plural(stats.commits, "commit")] : []),
    formatBytes(stats.bytes),
    `${(stats.durationMs / 1000).toFixed(1)} s`,
    plural(stats.rules, "rule"),
  ];
  const skipped = [
    stats.skippedBinary > 0 ? `${stats.skippedBinary} binary` : "",
    stats.skippedTooLarge > 0 ? `${stats.skippedTooLarge} over the size limit` : "",
    stats.skippedUnreadable > 0 ? `${stats.skippedUnreadable} unreadable` : "",
  ].filter(Boolean);
  const items = [
    ["files", stats.files.toLocaleString("en-US")],
    ...(stats.commits > 0 ? [["commits", stats.commits.toLocaleString("en-US")]] : []),
    ["bytes", formatBytes(stats.bytes)],
    ["time", `${(stats.durationMs / 1000).toFixed(1)} s`],
    ["rules", String(stats.rules)],
    ...(skipped.length > 0 ? [["skipped", skipped.join(", ")]] : []),
  ];
  const rows = items.map(([name, value]) => `<tr data-stat="${escapeHtml(name!)}"><th>${escapeHtml(name!)}</th><td>${escapeHtml(value!)}</td></tr>`);
  return `<section id="scanned"><h2>What was scanned</h2><p class="sub">${escapeHtml(parts.join(" · "))}</p><table class="narrow">${rows.join("")}</table></section>`;
}

function familiesSection(findings: readonly Finding[], rules: ReadonlyMap<string, Rule>): string {
  const families = new Map<string, Map<Severity, number>>();
  for (const finding of findings) {
    const family = familyOf(finding, rules);
    const counts = families.get(family) ?? new Map<Severity, number>();
    counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
    families.set(family, counts);
  }
  const total = (counts: Map<Severity, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const rows = [...families]
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]))
    .map(
      ([family, counts]) =>
        `<tr data-family="${escapeHtml(family)}"><td class="mono">${escapeHtml(family)}</td>${SEVERITIES.map(
          (level) => `<td class="num sev-${level}">${counts.get(level) ?? ""}</td>`,
        ).join("")}<td class="num">${total(counts)}</td></tr>`,
    );
  const head = `<tr><th>rule family</th>${SEVERITIES.map((level) => `<th class="num">${level}</th>`).join("")}<th class="num">total</th></tr>`;
  return `<section id="families"><h2>By rule family and severity</h2><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></section>`;
}

/** Every month from the first to the last, so quiet months show as gaps. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let key = first; key <= last; ) {
    months.push(key);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    key = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
  }
  return months;
}

function timelineSection(findings: readonly Finding[]): string {
  const dated = findings.filter((finding) => finding.commit && /^\d{4}-\d{2}/.test(finding.commit.date));
  if (dated.length === 0) return "";
  const monthOf = (finding: Finding) => finding.commit!.date.slice(0, 7);
  const all = countBy(dated, monthOf);
  const historyOnly = countBy(
    dated.filter((finding) => finding.status === "history-only"),
    monthOf,
  );
  const keys = [...all.keys()].sort();
  const months = monthsBetween(keys[0]!, keys[keys.length - 1]!);
  const max = Math.max(...all.values());
  const bars = months.map((month) => {
    const count = all.get(month) ?? 0;
    const old = historyOnly.get(month) ?? 0;
    const height = (n: number) => ((n / max) * 100).toFixed(2);
    const title = `${month}: ${plural(count, "finding")}${old > 0 ? ` (${old} only in history)` : ""}`;
    return `<div class="m" data-month="${month}" data-count="${count}" title="${escapeHtml(title)}">${
      count - old > 0 ? `<span style="height:${height(count - old)}%"></span>` : ""
    }${old > 0 ? `<span class="h" style="height:${height(old)}%"></span>` : ""}</div>`;
  });
  const legend = historyOnly.size > 0 ? `<div class="legend"><i></i>still at HEAD<i class="h"></i>only in history</div>` : "";
  return `<section id="timeline"><h2>When secrets were introduced (by month of commit)</h2>${legend}<div class="timeline" role="img" aria-label="findings per month from ${months[0]} to ${
    months[months.length - 1]
  }">${bars.join("")}</div><div class="axis"><span>${months[0]}</span><span>${months[months.length - 1]}</span></div></section>`;
}

function topSection(id: string, title: string, counts: ReadonlyMap<string, number>, label: (key: string) => string): string {
  if (counts.size === 0) return "";
  const rows = top(counts, TOP);
  const max = rows[0]![1];
  const body = rows.map(
    ([key, count]) =>
      `<tr><td class="mono">${escapeHtml(label(key))}</td><td class="num">${count}</td><td><span class="hbar"><span class="b" style="width:${((count / max) * 120).toFixed(0)}px"></span></span></td></tr>`,
  );
  return `<div id="${id}"><h2>${escapeHtml(title)}</h2><table><tbody>${body.join("")}</tbody></table></div>`;
}

function peopleAndPlaces(findings: readonly Finding[]): string {
  const names = new Map<string, string>();
  for (const finding of findings) if (finding.commit) names.set(finding.commit.email, finding.commit.author);
  const authors = topSection("authors", "Who introduced them (top authors)", countBy(findings, (finding) => finding.commit?.email), (email) =>
    `${names.get(email) ?? ""} <${email}>`,
  );
  const paths = topSection("paths", "Where (top paths)", countBy(findings, (finding) => finding.path), (path) => path);
  return `<section class="grid">${authors}${paths}</section>`;
}

/** One finding as the page script reads it: redacted already, plus its situational remedy. */
function rowOf(finding: Finding, index: number) {
  return {
    i: index,
    severity: finding.severity,
    rule: finding.ruleId,
    description: finding.description,
    kind: finding.kind,
    path: finding.path,
    line: finding.start.line,
    column: finding.start.column,
    secret: finding.secret,
    context: finding.line,
    status: rowStatusOf(finding),
    author: finding.commit?.author ?? "",
    email: finding.commit?.email ?? "",
    date: finding.commit?.date ?? "",
    sha: finding.commit?.sha ?? "",
    fingerprint: finding.fingerprint,
    remedy: remedyOf(finding),
    // Credential reuse: the other places holding the same value.
    related: (finding.related ?? []).map((place) => `${place.path}:${place.start.line} (${place.label})${place.commit ? ` in ${place.commit.sha.slice(0, 12)}` : ""}`),
  };
}

function findingsSection(findings: readonly Finding[]): string {
  if (findings.length === 0) return `<section id="table"><h2>Findings</h2><p>No secrets found.</p></section>`;
  const hasCommits = findings.some((finding) => finding.commit !== undefined);
  const select = (id: string, label: string, extra = "") =>
    `<label>${label}<select id="${id}"><option value="">all</option>${extra}</select></label>`;
  const controls = [
    select("f-rule", "rule"),
    `<label>path<input id="f-path" type="search" placeholder="part of a path"></label>`,
    hasCommits ? select("f-author", "author") : "",
    select("f-status", "status"),
    select("f-severity", "severity", SEVERITIES.map((level) => `<option value="${level}">${level}</option>`).join("")),
  ].join("");
  const column = (key: string, label: string) => `<th data-sort="${key}" aria-sort="none"><button type="button">${label}</button></th>`;
  const head = `<tr><th></th>${column("severity", "severity")}${column("rule", "rule")}${column("path", "path")}<th>secret (redacted)</th>${column(
    "status",
    "status",
  )}${hasCommits ? `${column("author", "author")}${column("date", "date")}` : ""}</tr>`;
  const data = { statusLabels: STATUS_LABEL, hasCommits, findings: findings.map(rowOf) };
  return `<section id="table"><h2>Findings</h2><div class="filters">${controls}</div><div id="count"></div>
<noscript><p>The findings table needs JavaScript; the same findings are in <code>leakgate scan --format json</code>.</p></noscript>
<table id="findings"><thead>${head}</thead><tbody></tbody></table><button type="button" id="more" hidden>Show more</button>
<script type="application/json" id="leakgate-data">${scriptJson(data)}</script></section>`;
}

function problemsSection(result: ScanResult): string {
  const errors = result.errors.map((error) => `<li>${escapeHtml(error)}</li>`).join("");
  const warnings = result.warnings.map((warning) => `<li>${escapeHtml(warning)}</li>`).join("");
  return [
    errors ? `<div class="banner" id="errors"><strong>The scan is incomplete.</strong> Findings below are those made before it stopped.<ul>${errors}</ul></div>` : "",
    warnings ? `<div class="banner warn" id="warnings"><strong>Warnings</strong><ul>${warnings}</ul></div>` : "",
  ].join("");
}

// Nothing may be fetched: the policy also forbids anything but inline style and script.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const html: Reporter = (result, context) => {
  const rules = new Map(context.rules.map((rule) => [rule.id, rule]));
  const findings = result.findings;
  const subtitle = `leakgate ${context.version} · ${plural(findings.length, "finding")} · every secret is redacted`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>leakgate audit report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>leakgate audit report</h1><p class="sub">${escapeHtml(subtitle)}</p></header>
${problemsSection(result)}
${summarySection(findings)}
${findings.length > 0 ? familiesSection(findings, rules) : ""}
${scannedSection(result.stats)}
${timelineSection(findings)}
${findings.length > 0 ? peopleAndPlaces(findings) : ""}
${findingsSection(findings)}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
};
