// Bundles the CLI: a pre-commit hook pays for every module it resolves and every function it
// compiles at startup. dist/ holds:
//   cli.js          the bin entry: a small loader that runs leakgate.js with V8's code cache
//   leakgate.js     the CLI, one CommonJS bundle, its first line the build id
//   leakgate.cache  the code V8 compiled for a small scan (scripts/code-cache.mjs)
//   scan-worker.mjs the worker threads' entry (ESM), loaded only by large scans
//   package.json    {"type": "commonjs"}: the .js files above are CommonJS, whatever the root says
import { readFileSync, rmSync, writeFileSync, mkdirSync, chmodSync } from "node:fs";
import { build } from "esbuild";
import { startupPatches } from "./startup-patches.mjs";
import { ruleDocuments } from "./rule-documents.mjs";
import { BUNDLE, buildId, bundleHead, loaderSource, writeCodeCache } from "./code-cache.mjs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const dist = new URL("../dist/", import.meta.url).pathname;

const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  define: {
    LEAKGATE_VERSION: JSON.stringify(version),
    // The built-in rules, parsed once here (a string the CLI JSON.parses: cheaper than TOML at every run).
    LEAKGATE_BUILTIN_RULES: JSON.stringify(JSON.stringify(ruleDocuments("rules"))),
  },
  legalComments: "none",
  logLevel: "warning",
  plugins: [startupPatches],
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
writeFileSync(`${dist}package.json`, `${JSON.stringify({ type: "commonjs" })}\n`);

// The CLI as CommonJS: V8's code cache (vm.Script) takes scripts, not ES modules. Its paths are
// resolved from dist/cli.js, as they were when the bundle was the entry itself.
const cli = await build({
  ...shared,
  entryPoints: ["src/cli.ts"],
  format: "cjs",
  write: false,
  define: { ...shared.define, "import.meta.url": "__leakgateEntryUrl" },
  banner: { js: 'const __leakgateEntryUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "cli.js")).href;' },
});
const bundle = cli.outputFiles[0].text;
const id = buildId(bundle);
writeFileSync(`${dist}${BUNDLE}`, bundleHead(id) + bundle);
writeFileSync(`${dist}cli.js`, loaderSource(id));
chmodSync(`${dist}cli.js`, 0o755);

// The scan worker is its own entry: worker threads load it only when a scan is large.
await build({
  ...shared,
  entryPoints: { "scan-worker": "src/parallel/worker.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  format: "esm",
  // CommonJS dependencies (micromatch) call require() for Node built-ins; ESM has none.
  banner: {
    js: "import { createRequire as __leakgateCreateRequire } from 'node:module';\nconst require = __leakgateCreateRequire(import.meta.url);",
  },
});

// Without the cache the CLI only starts slower: a build where the warm-up scan cannot run (no git)
// still succeeds.
try {
  writeCodeCache(dist, id);
} catch (error) {
  process.stderr.write(`build: no code cache (the CLI will start slower): ${error.message}\n`);
}
