// `npm run eval`: bundles test/eval/run.ts with esbuild (already a dev dependency, as for the CLI
// build; Node 20 cannot run TypeScript itself) into node_modules/.cache, then runs it.
import { mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}node_modules/.cache/leakgate-eval`;
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [`${root}test/eval/run.ts`],
  outfile: `${outdir}/run.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  define: { LEAKGATE_VERSION: '"eval"' },
  logLevel: "warning",
});
const { parseEvalArgs, runEval } = await import(pathToFileURL(`${outdir}/run.mjs`).href);

let options;
try {
  options = parseEvalArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`leakgate eval: ${error.message}\n`);
  process.exitCode = 2;
}
if (options) {
  const { exitCode } = await runEval(options, {
    cwd: process.cwd(),
    rulesFolder: `${root}rules/`,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  process.exitCode = exitCode;
}
