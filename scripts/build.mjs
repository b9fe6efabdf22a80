// Bundles the CLI into one file: a pre-commit hook pays for every module it resolves at startup.
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { startupPatches } from "./startup-patches.mjs";
import { ruleDocuments } from "./rule-documents.mjs";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  // The scan worker is its own entry: worker threads load it only when a scan is large.
  entryPoints: { cli: "src/cli.ts", "scan-worker": "src/parallel/worker.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies (micromatch) call require() for Node built-ins; ESM has none.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __leakgateCreateRequire } from 'node:module';\nconst require = __leakgateCreateRequire(import.meta.url);",
  },
  define: {
    LEAKGATE_VERSION: JSON.stringify(version),
    // The built-in rules, parsed once here (a string the CLI JSON.parses: cheaper than TOML at every run).
    LEAKGATE_BUILTIN_RULES: JSON.stringify(JSON.stringify(ruleDocuments("rules"))),
  },
  splitting: false,
  legalComments: "none",
  logLevel: "warning",
  plugins: [startupPatches],
});
