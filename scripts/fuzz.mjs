// npm run fuzz [-- RUNS]: the property tests of test/property with many runs (default 5000 per
// property) and no per-test timeout. The normal suite runs them with LEAKGATE_FUZZ_RUNS unset (a few dozen).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = process.argv[2] ?? process.env.LEAKGATE_FUZZ_RUNS ?? "5000";
if (!/^\d+$/.test(runs)) {
  console.error(`fuzz: "${runs}" is not a number of runs`);
  process.exit(2);
}
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const result = spawnSync(process.execPath, [vitest, "run", "test/property", "--testTimeout=0"], {
  stdio: "inherit",
  env: { ...process.env, LEAKGATE_FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
