// Text from the repository (file names above all) shown on a terminal: a file name may hold a
// newline that fakes a line of the report, or escape sequences that rewrite the screen, colour it
// or hide what follows. Such characters are shown as escapes instead, as git does with core.quotePath.

// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a line appears to say.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every control character written as an escape (\n, \x1b, \u202e). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    return NAMED[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}
