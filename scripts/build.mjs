// Bundles the CLI into one file: a pre-commit hook pays for every module it resolves at startup.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies (micromatch) call require() for Node built-ins; ESM has none.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __leakgateCreateRequire } from 'node:module';\nconst require = __leakgateCreateRequire(import.meta.url);",
  },
  define: { LEAKGATE_VERSION: JSON.stringify(version) },
  splitting: false,
  legalComments: "none",
  logLevel: "warning",
});
