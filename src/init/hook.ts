// The pre-commit gate as shell text: one block, delimited by markers, that runs
// `leakgate scan --staged` through the first leakgate it finds and fails the commit when it finds
// none. The same block goes into a husky hook or a plain git hook. Pure: text in, text out.

/** The leakgate that ran `leakgate init`: the hook's fallback when the project has no copy of its own. */
export interface Launcher {
  readonly node: string;
  readonly script: string;
}

export const GATE_BEGIN = "# >>> leakgate pre-commit gate >>>";
export const GATE_END = "# <<< leakgate pre-commit gate <<<";
/** Where a plain hook that was there before init is kept, and run first. */
export const CHAINED_HOOK = "pre-commit.before-leakgate";

/** A word the shell reads back unchanged, whatever it contains. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface GateOptions {
  readonly launcher?: Launcher | undefined;
  /** Run the hook that was there before (kept beside this one as CHAINED_HOOK) first. */
  readonly chained?: boolean;
}

export function gateBlock(options: GateOptions): string {
  const lines = [
    GATE_BEGIN,
    "# Written by leakgate init (edit outside these markers): refuses a commit that adds a secret.",
    "# git commit --no-verify skips every hook; the CI gate (leakgate ci) still checks what is pushed.",
  ];
  if (options.chained) {
    lines.push(`"$(dirname "$0")/${CHAINED_HOOK}" "$@" || exit $?`);
  }
  lines.push(
    "leakgate_root=$(git rev-parse --show-toplevel) || exit 2",
    // The project's own copy first: its version is the one the team agreed on.
    'if [ -x "$leakgate_root/node_modules/.bin/leakgate" ]; then',
    '  "$leakgate_root/node_modules/.bin/leakgate" scan --staged || exit $?',
  );
  if (options.launcher) {
    const node = shellQuote(options.launcher.node);
    const script = shellQuote(options.launcher.script);
    lines.push(`elif [ -f ${script} ] && [ -x ${node} ]; then`, `  ${node} ${script} scan --staged || exit $?`);
  }
  lines.push(
    "elif command -v leakgate >/dev/null 2>&1; then",
    "  leakgate scan --staged || exit $?",
    "else",
    `  echo "leakgate: the pre-commit gate cannot find leakgate — run npm install --save-dev leakgate (or leakgate init again); git commit --no-verify skips the gate once" >&2`,
    "  exit 2",
    "fi",
    GATE_END,
  );
  return `${lines.join("\n")}\n`;
}

export function hasGate(text: string): boolean {
  return text.includes(GATE_BEGIN) && text.includes(GATE_END);
}

/**
 * A hook script with the gate in it: a new script when there is none, the old block replaced when
 * there is one, else the gate put first (after a shebang or husky's loader line), so it runs before
 * slower checks and before any `exit` the script may end with.
 */
export function hookWithGate(existing: string | undefined, block: string): string {
  if (existing === undefined || existing.trim() === "") return `#!/bin/sh\n${block}`;
  if (hasGate(existing)) {
    const start = existing.indexOf(GATE_BEGIN);
    const end = existing.indexOf(GATE_END, start) + GATE_END.length;
    const after = existing[end] === "\n" ? end + 1 : end;
    return existing.slice(0, start) + block + existing.slice(after);
  }
  const lines = existing.split("\n");
  let head = 0;
  while (head < lines.length && (lines[head]!.startsWith("#!") || lines[head]!.includes("husky.sh"))) head++;
  return [...lines.slice(0, head), block.trimEnd(), ...lines.slice(head)].join("\n");
}
