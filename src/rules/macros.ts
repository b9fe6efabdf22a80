// Named pieces of regex that rules share, written {{name}} or {{name:argument}} in a rule's regex.
// A secret without a prefix is found by its name, and names meet values in a dozen syntaxes
// (NAME=v, "name": "v", name := "v", - name: X / value: v, [section] then key = v …): writing
// those once keeps every context rule consistent, and a fix to one syntax reaches all of them.
//
//   {{assign}}      from the end of a name to the start of its value, in any of those syntaxes
//   {{end}}         the value ends here: not followed by more value characters, nor by what makes
//                   it a reference, an expression or a placeholder (process.env.X, f(x), ab<…>, ab…)
//   {{near:KW}}     KW (a regex alternation), then the rest of its identifier, or anything up to 300
//                   characters (lines included) that does not cross an [ini] section header and ends
//                   where an identifier starts: for a vendor named in a variable, a section, a
//                   YAML/JSON parent key or a client constructor, with the key name after it

/** An optional quote, possibly escaped as in JSON strings and notebooks. */
const QUOTE = String.raw`(?:\\?["'\x60])`;
const NEWLINE = String.raw`(?:\r?\n[ \t]*)`;

const ASSIGN = [
  // Close the name: its quote, an index bracket (env["X"]).
  String.raw`${QUOTE}?\]?`,
  "(?:",
  // NAME=v, NAME: v, "name": "v", name := v, name => v, NAME ||= v, then maybe the value on the next
  // line (JSON, YAML) or as a YAML block scalar.
  String.raw`[ \t]*(?:=>|:=|:-|\|\|=|\?\?=|\+=|==?|:)[ \t]*${NEWLINE}?(?:[|>][-+]?[ \t]*${NEWLINE})?`,
  // A name and its value in an env list: - name: X / value: v, {"name": "X", "value": "v"}.
  // ([ \t]*,?[ \t]* would try every split of a run of blanks between its two stars: quadratic.)
  String.raw`|[ \t]*(?:,[ \t]*)?${NEWLINE}?${QUOTE}?value${QUOTE}?[ \t]*[:=][ \t]*`,
  // A call's first two arguments, when the name is the first: env('X', 'v'), os.Setenv("X", "v"),
  // req.Header.Set("X-Key", "v"). (Not any list of strings: the name must open the call.)
  String.raw`|(?<=\([ \t]*\\?["'\x60][^"'\x60\r\n]{1,80}\\?["'\x60])[ \t]*,[ \t]*`,
  // A fallback after a lookup: process.env.X ?? "v", os.environ.get("X") or "v".
  String.raw`|\)?[ \t]*(?:\|\||\?\?|\bor\b)[ \t]*`,
  // Prose and Markdown: set `X` to `v`; the key is v; a table row | `X` | `v` |.
  String.raw`|[ \t]+(?:to|is|as|was)[ \t]+|[ \t]*\|[ \t]*`,
  // Dockerfile ENV X v, setenv X v.
  String.raw`|[ \t]+`,
  ")",
  // Open the value: a quote, maybe a bytes or raw string prefix.
  String.raw`(?:[bBrRuU]?${QUOTE})?`,
].join("");

// \u0041 or \x41 after the value: an escaped character, so the value goes on.
// A value followed by "<" or "…" is part of a placeholder or a redaction (xoxe.xoxp-1-<token>, sk-or-v1-ab…cd).
const END = String.raw`(?![\w+/=:(\[{$@%*<…-])(?!\.[\w/])(?!\\[ux][0-9a-fA-F]{2})`;

/**
 * KW, then either the rest of the same identifier (BINANCE_TESTNET_API_KEY) or anything up to the
 * start of another identifier within 300 characters ([binance] / api_key = …): never the tail of
 * an unrelated one (cache_key under a binance: section is not a Binance key).
 */
function near(keyword: string): string {
  return String.raw`(?:${keyword})(?:[\w.-]{0,24}?|(?:(?!\r?\n[ \t]*\[)[\s\S]){0,300}?(?<!\w))`;
}

const MACRO = /(?<!\\)\{\{(assign|end|near)(?::([^{}]+))?\}\}/g;

/** Expands the {{macros}} of a rule's regex; text that is not a known macro is left as it is. */
export function expandMacros(source: string): string {
  return source.replace(MACRO, (whole, name: string, argument: string | undefined) => {
    if (name === "near") return argument === undefined ? whole : near(argument);
    if (argument !== undefined) return whole;
    return name === "assign" ? ASSIGN : END;
  });
}
