// The audit report's inline style and script. Both are written into the page itself: the report
// opens from disk and loads nothing (its Content-Security-Policy forbids any network request).
// The script builds every row with textContent, never innerHTML: paths and context lines are
// data a committer chose, and must not become markup.

export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1c2128; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --accent: #0969da; --critical: #a40e26; --high: #cf222e; --medium: #9a6700; --low: #57606a; --bar: #0969da; --hist: #8250df; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
  --accent: #4493f8; --critical: #ff7b72; --high: #f85149; --medium: #d29922; --low: #9198a1; --bar: #4493f8; --hist: #ab7df8; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 10px; }
.sub { color: var(--muted); margin: 0 0 16px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.banner { border: 1px solid var(--high); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.banner.warn { border-color: var(--medium); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.card .n { font-size: 24px; font-weight: 600; display: block; }
.card .l { color: var(--muted); font-size: 12px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 8px 32px; }
table { border-collapse: collapse; width: 100%; }
table.narrow { width: auto; min-width: 360px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { font-weight: 600; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); } .sev-low { color: var(--low); }
.hbar { display: flex; align-items: center; gap: 8px; }
.hbar span.b { display: inline-block; height: 10px; background: var(--bar); border-radius: 2px; min-width: 2px; }
.timeline { display: flex; align-items: flex-end; gap: 2px; height: 140px; border-bottom: 1px solid var(--line); padding-top: 8px; }
.timeline .m { flex: 1 1 0; min-width: 3px; max-width: 28px; display: flex; flex-direction: column; justify-content: flex-end; height: 100%; }
.timeline .m span { display: block; background: var(--bar); }
.timeline .m span.h { background: var(--hist); }
.axis { display: flex; justify-content: space-between; color: var(--muted); font-size: 12px; margin-top: 4px; }
.legend { color: var(--muted); font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; background: var(--bar); }
.legend i.h { background: var(--hist); }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin-bottom: 10px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
.filters select, .filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); max-width: 260px; }
#findings th button { all: unset; cursor: pointer; }
#findings th[aria-sort="ascending"] button::after { content: " \\25B2"; }
#findings th[aria-sort="descending"] button::after { content: " \\25BC"; }
#findings tbody tr.row { cursor: pointer; }
#findings tbody tr.row:hover { background: var(--card); }
#findings td.path { word-break: break-all; }
#findings button.toggle { all: unset; cursor: pointer; color: var(--muted); width: 14px; display: inline-block; }
tr.detail td { background: var(--card); }
tr.detail pre { margin: 4px 0 8px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); white-space: pre-wrap; word-break: break-all; }
tr.detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
tr.detail dt { color: var(--muted); }
tr.detail dd { margin: 0; }
tr.detail dd.related { white-space: pre-line; }
.status-history-only { color: var(--hist); font-weight: 600; }
#count { color: var(--muted); margin: 8px 0; }
#more { margin-top: 10px; font: inherit; padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); cursor: pointer; }
`;

/** Reads the findings from the page's JSON block and renders the table: filter, sort, expand, paginate. */
export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var source = document.getElementById("leakgate-data");
  if (!source) return;
  var data = JSON.parse(source.textContent || "{}");
  var rows = data.findings || [];
  var LABEL = data.statusLabels || {};
  var PAGE = 200;
  var SEVERITY = { critical: 0, high: 1, medium: 2, low: 3 };
  var state = { sort: "severity", dir: 1, shown: PAGE, open: {} };
  var byId = function (id) { return document.getElementById(id); };
  var filters = { rule: byId("f-rule"), path: byId("f-path"), author: byId("f-author"), status: byId("f-status"), severity: byId("f-severity") };
  var body = document.querySelector("#findings tbody");
  var count = byId("count");
  var more = byId("more");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fillSelect(select, values, label) {
    if (!select) return;
    values.forEach(function (value) {
      var option = el("option", "", label ? label(value) : value);
      option.value = value;
      select.appendChild(option);
    });
  }

  function distinct(key) {
    var seen = {};
    rows.forEach(function (row) { if (row[key]) seen[row[key]] = true; });
    return Object.keys(seen).sort();
  }

  fillSelect(filters.rule, distinct("rule"));
  fillSelect(filters.author, distinct("author"));
  fillSelect(filters.status, distinct("status"), function (value) { return LABEL[value] || value; });

  var keys = {
    severity: function (row) { return SEVERITY[row.severity]; },
    rule: function (row) { return row.rule; },
    path: function (row) { return row.path.toLowerCase() + "\\u0000" + ("000000000" + row.line).slice(-9); },
    status: function (row) { return row.status; },
    author: function (row) { return (row.author || "\\uffff").toLowerCase(); },
    date: function (row) { return row.date || ""; }
  };

  function compare(a, b) {
    var x = keys[state.sort](a);
    var y = keys[state.sort](b);
    if (x < y) return -state.dir;
    if (x > y) return state.dir;
    return a.i - b.i;
  }

  function matches(row) {
    var path = filters.path ? filters.path.value.trim().toLowerCase() : "";
    return (!filters.rule || !filters.rule.value || row.rule === filters.rule.value) &&
      (!filters.author || !filters.author.value || row.author === filters.author.value) &&
      (!filters.status || !filters.status.value || row.status === filters.status.value) &&
      (!filters.severity || !filters.severity.value || row.severity === filters.severity.value) &&
      (path === "" || row.path.toLowerCase().indexOf(path) !== -1);
  }

  function detail(row) {
    var tr = el("tr", "detail");
    tr.setAttribute("data-detail", String(row.i));
    var td = el("td");
    td.colSpan = document.querySelectorAll("#findings thead th").length;
    if (row.context) {
      td.appendChild(el("div", "", "Context (redacted)"));
      td.appendChild(el("pre", "context", row.context));
    }
    var dl = el("dl");
    function item(term, value, className) {
      if (!value) return;
      dl.appendChild(el("dt", "", term));
      dl.appendChild(el("dd", className || "", value));
    }
    item("Rule", row.rule + " — " + row.description);
    item("Secret", row.secret, "mono");
    item("Location", row.path + (row.kind === "path" ? "" : ":" + row.line + ":" + row.column), "mono");
    item("Commit", row.sha, "mono");
    item("Author", row.author ? row.author + (row.email ? " <" + row.email + ">" : "") : "");
    item("Date", row.date);
    item("Also at", (row.related || []).join("\\n"), "mono related");
    item("Fingerprint", row.fingerprint, "mono");
    item("Remedy", row.remedy, "remedy");
    td.appendChild(dl);
    tr.appendChild(td);
    return tr;
  }

  function toggle(row, tr) {
    var open = !state.open[row.i];
    state.open[row.i] = open;
    tr.querySelector("button.toggle").setAttribute("aria-expanded", String(open));
    tr.querySelector("button.toggle").textContent = open ? "\\u25BE" : "\\u25B8";
    var next = tr.nextSibling;
    if (open) body.insertBefore(detail(row), next);
    else if (next && next.className === "detail") body.removeChild(next);
  }

  function line(row) {
    var tr = el("tr", "row");
    tr.setAttribute("data-i", String(row.i));
    var first = el("td");
    var button = el("button", "toggle", state.open[row.i] ? "\\u25BE" : "\\u25B8");
    button.setAttribute("aria-expanded", String(!!state.open[row.i]));
    button.setAttribute("aria-label", "details");
    first.appendChild(button);
    tr.appendChild(first);
    tr.appendChild(el("td", "sev sev-" + row.severity, row.severity));
    tr.appendChild(el("td", "mono rule", row.rule));
    tr.appendChild(el("td", "mono path", row.path + (row.kind === "path" ? "" : ":" + row.line)));
    tr.appendChild(el("td", "mono secret", row.secret));
    tr.appendChild(el("td", "status status-" + row.status, LABEL[row.status] || row.status));
    if (data.hasCommits) {
      tr.appendChild(el("td", "author", row.author || ""));
      tr.appendChild(el("td", "date mono", row.date ? row.date.slice(0, 10) : ""));
    }
    tr.addEventListener("click", function () { toggle(row, tr); });
    return tr;
  }

  function render() {
    var list = rows.filter(matches).sort(compare);
    var fragment = document.createDocumentFragment();
    list.slice(0, state.shown).forEach(function (row) {
      fragment.appendChild(line(row));
      if (state.open[row.i]) fragment.appendChild(detail(row));
    });
    body.textContent = "";
    body.appendChild(fragment);
    var shown = Math.min(state.shown, list.length);
    count.textContent = "Showing " + shown + " of " + list.length + " matching findings (" + rows.length + " in all).";
    more.hidden = shown >= list.length;
    more.textContent = "Show " + Math.min(PAGE, list.length - shown) + " more";
    document.querySelectorAll("#findings th[data-sort]").forEach(function (th) {
      var key = th.getAttribute("data-sort");
      th.setAttribute("aria-sort", key === state.sort ? (state.dir === 1 ? "ascending" : "descending") : "none");
    });
  }

  Object.keys(filters).forEach(function (name) {
    var input = filters[name];
    if (!input) return;
    input.addEventListener(input.tagName === "INPUT" ? "input" : "change", function () { state.shown = PAGE; render(); });
  });
  document.querySelectorAll("#findings th[data-sort] button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.parentNode.getAttribute("data-sort");
      state.dir = state.sort === key ? -state.dir : 1;
      state.sort = key;
      render();
    });
  });
  more.addEventListener("click", function () { state.shown += PAGE; render(); });
  render();
})();
`;
