// npm runs `prepare` after `npm install` and `npm ci`: build the CLI, then install this project's
// own git hooks (.husky/pre-commit scans staged files with the CLI just built).
await import("./build.mjs");
await import("./install-hooks.mjs");
