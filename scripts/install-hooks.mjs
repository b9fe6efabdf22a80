// Installs this project's own git hooks with husky (core.hooksPath = .husky/_), from the folder it
// runs in. Hooks are a convenience for developers, so their absence never fails an install: in CI
// (CI set), outside a git checkout (a packed tarball) or without dev dependencies (no husky), it
// says why it skipped them and exits 0.
import { existsSync } from "node:fs";

const ci = process.env.CI !== undefined && !["", "0", "false"].includes(process.env.CI);
const skipped = ci ? "CI is set" : !existsSync(".git") ? "not a git checkout" : undefined;
if (skipped) {
  console.log(`prepare: git hooks not installed (${skipped})`);
} else {
  try {
    const { default: installHusky } = await import("husky");
    const problem = installHusky();
    if (problem) console.log(`prepare: git hooks not installed (husky: ${problem.trim()})`);
  } catch (error) {
    console.log(`prepare: git hooks not installed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
}
