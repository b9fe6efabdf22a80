// Writing an item into a file: one renderer per syntax, each with the forms real files use
// (NAME=value, NAME: value, "name": "value", := , =>, export, env lists, sections, headers, base64
// Secret data …). The Doc records where each labelled value lands, in lines and code points.
import type { Item, Label, Role, Syntax } from "./model.js";
import type { Rng } from "./random.js";

export type DocLabel = Omit<Label, "file" | "scope">;

export class Doc {
  private readonly chunks: string[] = [];
  private line = 1;
  private column = 1;
  readonly labels: DocLabel[] = [];

  text(text: string): this {
    this.chunks.push(text);
    for (const char of text) {
      if (char === "\n") {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    return this;
  }

  lines(...lines: string[]): this {
    return this.text(lines.map((line) => `${line}\n`).join(""));
  }

  /** Writes an item's value (or the form it takes in this file) and labels it. */
  item(item: Item, form: string, written = item.value): this {
    if (written === item.value && item.span) {
      const [from, to] = item.span;
      this.text(written.slice(0, from));
      this.record(item.kind, item.role, item.category, form, written.slice(from, to));
      return this.text(written.slice(to));
    }
    return this.record(item.kind, item.role, item.category, form, written, written === item.value ? undefined : item.value);
  }

  /** Writes a value the file itself brings (a lock-file hash, an image in a notebook) as a labelled decoy. */
  decoy(kind: string, category: string, form: string, written: string): this {
    return this.record(kind, "decoy", category, form, written);
  }

  private record(kind: string, role: Role, category: string, form: string, text: string, decoded?: string): this {
    const line = this.line;
    const column = this.column;
    this.text(text);
    this.labels.push({ kind, role, category, form, line, column, endLine: this.line, text, ...(decoded !== undefined ? { decoded } : {}) });
    return this;
  }

  toString(): string {
    return this.chunks.join("");
  }
}

export interface RenderContext {
  readonly rng: Rng;
  readonly service: string;
  /** Whether this is the last entry of a JSON list or object (no trailing comma). */
  readonly last?: boolean;
  /** Secret manifests: base64 `data` or plain `stringData`; compose: list or map environment. */
  readonly mode?: string;
}

type Renderer = (doc: Doc, item: Item, context: RenderContext) => void;

export const isMultiline = (item: Item): boolean => item.value.includes("\n");
export const MULTILINE_SYNTAXES: ReadonlySet<Syntax> = new Set(["env", "shell", "yaml", "toml", "json", "ts", "py", "go", "md", "k8s-secret", "tf", "pem", "sa-json"]);

const snake = (env: string): string => env.toLowerCase();
const camel = (text: string): string => text.replace(/[_-]([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]+(?=[a-z]|$)/, (s) => s.toLowerCase());
const camelEnv = (env: string): string => camel(env.toLowerCase());
const pascal = (text: string): string => camel(text).replace(/^./, (c) => c.toUpperCase());
const keyOf = (item: Item): string => item.naming.key ?? snake(item.naming.env);
const sectionsOf = (item: Item, fallback: string): string[] => (item.naming.section ?? fallback).split(".");
const jsonInner = (value: string): string => JSON.stringify(value).slice(1, -1);
const ts = (rng: Rng): string => `2024-0${rng.between(1, 9)}-${String(rng.between(10, 28))}T${String(rng.between(10, 23))}:${String(rng.between(10, 59))}:${String(rng.between(10, 59))}.${rng.between(100, 999)}Z`;

/** A YAML scalar's quotes: the value itself is written verbatim between them. */
function yamlQuotes(item: Item, rng: Rng): [string, string] {
  if (!item.quote) return ["", ""];
  if (item.value.includes('"')) return ["'", "'"];
  if (/^[{[*&!%@`|>'#]|: | #|^\$\{/.test(item.value) || rng.chance(0.4)) return ['"', '"'];
  return ["", ""];
}
function codeQuotes(item: Item, preferred = '"'): [string, string] {
  if (!item.quote) return ["", ""];
  const q = item.value.includes(preferred) ? (preferred === '"' ? "'" : '"') : preferred;
  return [q, q];
}

/** Where a value of this name is sent, for log lines and curl examples. */
export function endpointFor(env: string): { host: string; path: string } {
  const table: [RegExp, string, string][] = [
    [/OPENROUTER_(MANAGEMENT|PROVISIONING)/, "openrouter.ai", "/api/v1/credits"],
    [/OPENROUTER|LLM/, "openrouter.ai", "/api/v1/chat/completions"],
    [/OPENAI/, "api.openai.com", "/v1/chat/completions"],
    [/ANTHROPIC|CLAUDE/, "api.anthropic.com", "/v1/messages"],
    [/SLACK/, "slack.com", "/api/chat.postMessage"],
    [/BINANCE|TRADING_VENUE/, "api.binance.com", "/api/v3/account"],
    [/COINBASE|CB_/, "api.exchange.coinbase.com", "/accounts"],
    [/KRAKEN/, "api.kraken.com", "/0/private/Balance"],
    [/BYBIT|X_BAPI/, "api.bybit.com", "/v5/account/wallet-balance"],
    [/OKX|OK_ACCESS/, "www.okx.com", "/api/v5/account/balance"],
    [/KUCOIN|KC_API/, "api.kucoin.com", "/api/v1/accounts"],
    [/BFX|BITFINEX/, "api.bitfinex.com", "/v2/auth/r/wallets"],
    [/GEMINI/, "api.gemini.com", "/v1/balances"],
    [/APCA|ALPACA/, "api.alpaca.markets", "/v2/account"],
    [/GITHUB|GH_/, "api.github.com", "/repos/acme/trading/actions/runs"],
    [/GOOGLE|FIREBASE/, "maps.googleapis.com", "/maps/api/geocode/json"],
    [/STRIPE/, "api.stripe.com", "/v1/charges"],
  ];
  for (const [pattern, host, path] of table) if (pattern.test(env)) return { host, path };
  return { host: "api.internal.example.com", path: "/v1/status" };
}

const env: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  if (isMultiline(item)) {
    doc.text(`${name}="`).item(item, "env:escaped-newlines", item.value.replace(/\n/g, "\\n")).text('"\n');
    return;
  }
  const [open, close] = item.quote ? rng.pick([["", ""], ['"', '"'], ["'", "'"]] as const) : ["", ""];
  doc.text(`${name}=${open}`).item(item, "env:assign").text(`${close}\n`);
};

const shell: Renderer = (doc, item, { rng, service }) => {
  const name = item.naming.env;
  if (isMultiline(item)) {
    doc.lines(`cat > /tmp/${service}-${snake(name)}.pem <<'EOF'`).item(item, "shell:heredoc").text("\nEOF\n");
    return;
  }
  const form = rng.pick(["export-quoted", "export", "default"]);
  if (form === "default" && item.quote) doc.text(`: "\${${name}:=`).item(item, "shell:default").text('}"\n');
  else if (form === "export-quoted" && item.quote) doc.text(`export ${name}="`).item(item, "shell:export").text('"\n');
  else doc.text(`export ${name}=`).item(item, "shell:export").text("\n");
};

function yamlBlock(doc: Doc, item: Item, key: string, indent: string, form: string): void {
  const written = item.value.split("\n").join(`\n${indent}  `);
  doc.text(`${indent}${key}: |\n${indent}  `).item(item, `${form}:block`, written).text("\n");
}

const yaml: Renderer = (doc, item, { rng, service }) => {
  const form = item.naming.section && rng.chance(0.6) ? "section" : rng.pick(["flat", "env", "folded"]);
  let indent = "";
  let key = form === "env" ? item.naming.env : snake(item.naming.env);
  if (form === "section") {
    for (const section of sectionsOf(item, service)) {
      doc.lines(`${indent}${section}:`);
      indent += "  ";
    }
    key = keyOf(item);
  }
  if (isMultiline(item)) return yamlBlock(doc, item, key, indent, `yaml:${form}`);
  if (form === "folded" && item.quote) {
    doc.text(`${indent}${key}: >-\n${indent}  `).item(item, "yaml:folded").text("\n");
    return;
  }
  const [open, close] = yamlQuotes(item, rng);
  doc.text(`${indent}${key}: ${open}`).item(item, `yaml:${form}`).text(`${close}\n`);
};

const toml: Renderer = (doc, item, { rng, service }) => {
  const section = item.naming.section ?? service.replace(/-/g, "_");
  const key = item.naming.section ? keyOf(item) : snake(item.naming.env);
  doc.lines("", `[${section}]`);
  if (isMultiline(item)) {
    doc.text(`${key} = """\n`).item(item, "toml:multiline").text('\n"""\n');
    return;
  }
  const q = item.value.includes('"') || rng.chance(0.25) ? "'" : '"';
  doc.text(`${key} = ${q}`).item(item, "toml:section").text(`${q}\n`);
};

const ini: Renderer = (doc, item, { rng, service }) => {
  const section = item.naming.section ?? service;
  const key = item.naming.section ? keyOf(item) : snake(item.naming.env);
  doc.lines("", `[${section}]`);
  const separator = rng.pick([" = ", "=", ": "]);
  doc.text(`${key}${separator}`).item(item, "ini:section").text("\n");
};

const json: Renderer = (doc, item, { rng, last }) => {
  const comma = last ? "" : ",";
  const written = jsonInner(item.value);
  const form = item.naming.section && rng.chance(0.5) ? "nested" : rng.pick(["camel", "env"]);
  if (form === "nested") {
    const sections = item.naming.section!.split(".");
    let indent = "  ";
    for (const section of sections) {
      doc.lines(`${indent}"${camel(section)}": {`);
      indent += "  ";
    }
    doc.text(`${indent}"${camel(keyOf(item))}": "`).item(item, "json:nested", written).text('"\n');
    for (let i = sections.length; i > 0; i--) {
      indent = indent.slice(2);
      doc.lines(`${indent}}${i === 1 ? comma : ""}`);
    }
    return;
  }
  const key = form === "env" ? item.naming.env : camelEnv(item.naming.env);
  doc.text(`  "${key}": "`).item(item, `json:${form}`, written).text(`"${comma}\n`);
};

const ecs: Renderer = (doc, item, { rng, last }) => {
  const comma = last ? "" : ",";
  const written = jsonInner(item.value);
  if (rng.chance(0.6)) {
    doc.lines("        {", `          "name": "${item.naming.env}",`);
    doc.text('          "value": "').item(item, "ecs:name-then-value", written).text('"\n');
    doc.lines(`        }${comma}`);
  } else {
    doc.text(`        { "name": "${item.naming.env}", "value": "`).item(item, "ecs:one-line", written).text(`" }${comma}\n`);
  }
};

const typescript: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  const id = camelEnv(name);
  if (isMultiline(item)) {
    doc.text(`const ${id} = \``).item(item, "ts:template-literal").text("`;\n");
    return;
  }
  const [open, close] = codeQuotes(item, rng.pick(['"', "'"]));
  const forms = ["const", "export-const", "env-default", "object"];
  if (item.naming.header && item.quote) forms.push("header", "header");
  if (item.naming.bearer && item.quote) forms.push("bearer", "bearer");
  const form = rng.pick(forms);
  const { host, path } = endpointFor(name);
  switch (form) {
    case "export-const":
      doc.text(`export const ${name} = ${open}`).item(item, "ts:export-const").text(`${close};\n`);
      break;
    case "env-default":
      doc.text(`const ${id} = process.env.${name} ?? ${open}`).item(item, "ts:env-default").text(`${close};\n`);
      break;
    case "object":
      doc.lines(`const ${camel(sectionsOf(item, "client").join("_"))}Options = {`);
      doc.text(`  ${camel(keyOf(item))}: ${open}`).item(item, "ts:object-property").text(`${close},\n`);
      doc.lines("  timeoutMs: 10_000,", "};");
      break;
    case "header":
      doc.lines(`const response = await fetch("https://${host}${path}", {`, "  method: \"GET\",");
      doc.text(`  headers: { "${item.naming.header}": ${open}`).item(item, "ts:header").text(`${close} },\n`);
      doc.lines("});");
      break;
    case "bearer":
      doc.lines(`const res = await fetch("https://${host}${path}", {`);
      doc.text("  headers: { Authorization: `Bearer ").item(item, "ts:bearer").text("`, \"Content-Type\": \"application/json\" },\n");
      doc.lines("  body: JSON.stringify(payload),", "});");
      break;
    default:
      doc.text(`const ${id} = ${open}`).item(item, "ts:const").text(`${close};\n`);
  }
};

const python: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  if (isMultiline(item)) {
    doc.text(`${name} = """`).item(item, "py:triple-quoted").text('"""\n');
    return;
  }
  const [open, close] = codeQuotes(item, rng.pick(['"', "'"]));
  const forms = ["assign", "getenv-default", "environ-set", "dict", "kwarg"];
  if (item.naming.header && item.quote) forms.push("header");
  if (item.naming.bearer && item.quote) forms.push("bearer");
  if (!item.quote) forms.splice(1, 2);
  const form = rng.pick(forms);
  const { host, path } = endpointFor(name);
  switch (form) {
    case "getenv-default":
      doc.text(`${snake(name)} = os.getenv("${name}", ${open}`).item(item, "py:getenv-default").text(`${close})\n`);
      break;
    case "environ-set":
      doc.text(`os.environ["${name}"] = ${open}`).item(item, "py:environ-set").text(`${close}\n`);
      break;
    case "dict":
      doc.lines(`${sectionsOf(item, "settings").join("_").toUpperCase()}_CONFIG = {`);
      doc.text(`    "${keyOf(item)}": ${open}`).item(item, "py:dict").text(`${close},\n`);
      doc.lines('    "timeout": 10,', "}");
      break;
    case "kwarg":
      doc.lines(`client = ${sectionsOf(item, "api").map(pascal).join("")}Client(`);
      doc.text(`    ${snake(keyOf(item))}=${open}`).item(item, "py:kwarg").text(`${close},\n`);
      doc.lines("    timeout=10,", ")");
      break;
    case "header":
      doc.text(`headers = {"${item.naming.header}": ${open}`).item(item, "py:header").text(`${close}}\n`);
      doc.lines(`resp = requests.get("https://${host}${path}", headers=headers, timeout=10)`);
      break;
    case "bearer":
      doc.text('headers = {"Authorization": "Bearer ').item(item, "py:bearer").text('"}\n');
      doc.lines(`resp = requests.post("https://${host}${path}", headers=headers, json=payload, timeout=30)`);
      break;
    default:
      doc.text(`${name} = ${open}`).item(item, "py:assign").text(`${close}\n`);
  }
};

const go: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  if (isMultiline(item)) {
    doc.text(`\t${camelEnv(name)} := \``).item(item, "go:raw-string").text("`\n");
    return;
  }
  const [open, close] = codeQuotes(item);
  const forms = ["short-assign", "struct", "setenv"];
  if (item.naming.header && item.quote) forms.push("header");
  if (!item.quote) forms.splice(1, 2);
  switch (rng.pick(forms)) {
    case "struct":
      doc.lines(`\tcfg := ${sectionsOf(item, "client").map(pascal).join("")}Config{`);
      doc.text(`\t\t${pascal(keyOf(item))}: ${open}`).item(item, "go:struct-field").text(`${close},\n`);
      doc.lines("\t\tTimeout: 10 * time.Second,", "\t}");
      break;
    case "setenv":
      doc.text(`\tos.Setenv("${name}", ${open}`).item(item, "go:setenv").text(`${close})\n`);
      break;
    case "header":
      doc.text(`\treq.Header.Set("${item.naming.header}", ${open}`).item(item, "go:header").text(`${close})\n`);
      break;
    default:
      doc.text(`\t${camelEnv(name)} := ${open}`).item(item, "go:short-assign").text(`${close}\n`);
  }
};

const php: Renderer = (doc, item, { rng }) => {
  // Laravel-style config: a venue's keys sit in an array named for the venue.
  const section = item.naming.section?.split(".").pop();
  const key = section ? keyOf(item) : snake(item.naming.env);
  const indent = section ? "            " : "        ";
  if (section) doc.lines(`        '${section}' => [`);
  if (!item.quote) {
    doc.text(`${indent}'${key}' => `).item(item, "php:arrow").text(",\n");
  } else if (rng.chance(0.5)) {
    doc.text(`${indent}'${key}' => env('${item.naming.env}', '`).item(item, "php:env-default").text("'),\n");
  } else {
    doc.text(`${indent}'${key}' => '`).item(item, "php:arrow").text("',\n");
  }
  if (section) doc.lines("        ],");
};

const k8sEnv: Renderer = (doc, item, { rng }) => {
  const [open, close] = yamlQuotes(item, rng);
  doc.lines(`            - name: ${item.naming.env}`);
  doc.text(`              value: ${open}`).item(item, "k8s:env-list").text(`${close}\n`);
};

const k8sSecret: Renderer = (doc, item, { rng, mode }) => {
  if (mode === "data") {
    doc.text(`  ${item.naming.env}: `).item(item, "k8s:secret-data-base64", Buffer.from(item.value).toString("base64")).text("\n");
    return;
  }
  const key = snake(item.naming.env).replace(/_/g, "-");
  if (isMultiline(item)) return yamlBlock(doc, item, key, "  ", "k8s:stringData");
  const [open, close] = yamlQuotes(item, rng);
  doc.text(`  ${key}: ${open}`).item(item, "k8s:stringData").text(`${close}\n`);
};

const compose: Renderer = (doc, item, { rng, mode }) => {
  if (mode === "list") {
    doc.text(`      - ${item.naming.env}=`).item(item, "compose:env-list").text("\n");
    return;
  }
  const [open, close] = yamlQuotes(item, rng);
  doc.text(`      ${item.naming.env}: ${open}`).item(item, "compose:env-map").text(`${close}\n`);
};

const workflow: Renderer = (doc, item, { rng }) => {
  const [open, close] = yamlQuotes(item, rng);
  doc.text(`      ${item.naming.env}: ${open}`).item(item, "workflow:env").text(`${close}\n`);
};

const dockerfile: Renderer = (doc, item, { rng }) => {
  const word = rng.pick(["ENV", "ENV", "ARG"]);
  const quoted = item.quote && /[\s$]/.test(item.value);
  doc.text(`${word} ${item.naming.env}=${quoted ? '"' : ""}`).item(item, `dockerfile:${word.toLowerCase()}`).text(`${quoted ? '"' : ""}\n`);
};

const terraform: Renderer = (doc, item) => {
  const key = snake(item.naming.env);
  if (isMultiline(item)) {
    doc.text(`  ${key} = <<-EOT\n`).item(item, "tf:heredoc").text("\n  EOT\n");
    return;
  }
  const [open, close] = codeQuotes(item);
  doc.text(`  ${key} = ${open}`).item(item, "tf:attribute").text(`${close}\n`);
};

const log: Renderer = (doc, item, { rng, service }) => {
  const name = item.naming.env;
  const { host, path } = endpointFor(name);
  const forms = ["kv", "json"];
  if (item.naming.header) forms.push("header", "header", "header");
  if (item.naming.bearer) forms.push("bearer", "bearer");
  if (/^[a-z+]+:\/\//.test(item.value)) forms.push("url", "url");
  const form = rng.pick(forms);
  const stamp = ts(rng);
  switch (form) {
    case "header":
      doc.lines(`${stamp} DEBUG ${service} http: request dump`, `> ${rng.pick(["GET", "POST"])} ${path} HTTP/1.1`, `> Host: ${host}`);
      doc.text(`> ${item.naming.header}: `).item(item, "log:http-header").text("\n");
      doc.lines("> Accept: application/json", ">");
      break;
    case "bearer":
      doc.lines(`${stamp} DEBUG ${service} outgoing request ${rng.pick(["GET", "POST"])} https://${host}${path}`);
      doc.text("    Authorization: Bearer ").item(item, "log:bearer").text("\n");
      doc.lines("    User-Agent: python-httpx/0.27.0");
      break;
    case "url":
      doc.text(`${stamp} ERROR ${service} connection failed url=`).item(item, "log:url").text(` error="${rng.pick(["timeout after 30s", "connection refused", "certificate verify failed"])}"\n`);
      break;
    case "json":
      doc.text(`{"ts":"${stamp}","level":"debug","service":"${service}","msg":"effective settings","${snake(name)}":"`).item(item, "log:json", jsonInner(item.value)).text('"}\n');
      break;
    default:
      doc.text(`${stamp} INFO  ${service} config loaded ${name}=`).item(item, "log:kv").text(` region=eu-west-1\n`);
  }
};

const markdown: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  const { host, path } = endpointFor(name);
  if (isMultiline(item)) {
    doc.lines(`Paste the key into \`${name}\` (or mount it as a file):`, "", "```");
    doc.item(item, "md:code-block").text("\n```\n\n");
    return;
  }
  const forms = ["code-env", "table", "prose", "code-yaml"];
  if ((item.naming.header || item.naming.bearer) && item.quote) forms.push("curl", "curl");
  switch (rng.pick(forms)) {
    case "table":
      doc.lines("| Variable | Value | Notes |", "| --- | --- | --- |");
      doc.text(`| \`${name}\` | \``).item(item, "md:table").text(`\` | ${rng.pick(["staging", "shared by the bots", "rotate quarterly"])} |\n\n`);
      break;
    case "prose":
      doc.text(`For the staging environment set \`${name}\` to \``).item(item, "md:prose").text("` and restart the worker.\n\n");
      break;
    case "code-yaml":
      doc.lines("```yaml", `${sectionsOf(item, "credentials").join(".")}:`);
      doc.text(`  ${keyOf(item)}: `).item(item, "md:code-yaml").text("\n```\n\n");
      break;
    case "curl": {
      const header = item.naming.header ?? "Authorization";
      const prefix = item.naming.header ? "" : "Bearer ";
      doc.lines("```sh", `curl -s https://${host}${path} \\`);
      doc.text(`  -H "${header}: ${prefix}`).item(item, "md:curl-header").text('"\n```\n\n');
      break;
    }
    default:
      doc.lines("```bash");
      doc.text(`export ${name}=`).item(item, "md:code-env").text("\n```\n\n");
  }
};

const notebook: Renderer = (doc, item, { rng }) => {
  const name = item.naming.env;
  const written = jsonInner(item.value);
  const count = rng.between(1, 40);
  doc.lines("  {", '   "cell_type": "code",', `   "execution_count": ${count},`, '   "metadata": {},');
  if (item.quote && rng.chance(0.4)) {
    doc.lines('   "outputs": [', "    {", '     "name": "stdout",', '     "output_type": "stream",', '     "text": [');
    doc.text(`      "${name}=`).item(item, "ipynb:output", written).text('\\n"\n');
    doc.lines("     ]", "    }", "   ],", '   "source": [', '    "!cat ../.env | grep ' + name.split("_")[0] + '"', "   ]", "  },");
    return;
  }
  doc.lines('   "outputs": [],', '   "source": [', '    "import os\\n",');
  if (item.quote) doc.text(`    "os.environ[\\"${name}\\"] = \\"`).item(item, "ipynb:source", written).text('\\"\\n",\n');
  else doc.text(`    "${snake(name)} = `).item(item, "ipynb:source", written).text('\\n",\n');
  doc.lines('    "client = make_client()"', "   ]", "  },");
};

const npmrc: Renderer = (doc, item, { rng }) => {
  doc.text(`//${rng.pick(["registry.npmjs.org", "npm.pkg.github.com"])}/:_authToken=`).item(item, "npmrc:authToken").text("\n");
};

const pemFile: Renderer = (doc, item) => {
  doc.item(item, "pem:file").text("\n");
};

const saJson: Renderer = (doc, item) => {
  doc.text('  "private_key": "').item(item, "sa-json:private_key", jsonInner(item.value)).text('",\n');
};

/** A property inside one long minified line: no newline, no spaces. */
const minified: Renderer = (doc, item) => {
  const [open, close] = codeQuotes(item);
  doc.text(`,${camel(keyOf(item))}:${open}`).item(item, "minjs:property").text(close);
};

export const RENDERERS: Record<Syntax, Renderer> = {
  env,
  shell,
  yaml,
  toml,
  ini,
  json,
  ecs,
  ts: typescript,
  py: python,
  go,
  php,
  "k8s-env": k8sEnv,
  "k8s-secret": k8sSecret,
  compose,
  workflow,
  dockerfile,
  tf: terraform,
  log,
  md: markdown,
  ipynb: notebook,
  npmrc,
  pem: pemFile,
  "sa-json": saJson,
  minjs: minified,
};
