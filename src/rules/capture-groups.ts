// How many capture groups a (valid) regex source has, and their names, read from the text.
// Asking V8 instead (exec a probe regex) compiles every rule's regex at load time, which costs
// a pre-commit hook tens of milliseconds for rules whose keywords are not even in the text.
// The source must already have been accepted by new RegExp: syntax errors are not looked for.

export interface CaptureGroups {
  readonly count: number;
  readonly names: readonly string[];
}

/** Classes nest under the v flag, but there "(" must be escaped inside them: one level is enough. */
export function captureGroupsOf(source: string): CaptureGroups {
  let count = 0;
  const names: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      i++; // the escaped character is never syntax
    } else if (inClass) {
      if (char === "]") inClass = false;
    } else if (char === "[") {
      inClass = true;
    } else if (char === "(") {
      if (source[i + 1] !== "?") {
        count++;
      } else if (source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!") {
        count++;
        const end = source.indexOf(">", i + 3);
        names.push(source.slice(i + 3, end));
      }
    }
  }
  return { count, names };
}
