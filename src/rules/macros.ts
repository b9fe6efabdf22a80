// Named pieces of regex that rules share, written {{name}} or {{name:argument}} in a rule's regex.
// A secret without a prefix is found by its name, and names meet values in a dozen syntaxes
// (NAME=v, "name": "v", name := "v", - name: X / value: v, [section] then key = v …): writing
// those once keeps every context rule consistent, and a fix to one syntax reaches all of them.
//
//   {{assign}}      from the end of a name to the start of its value, in any of those syntaxes
//   {{end}}         the value ends here: not followed by more value characters, nor by what makes
//                   it a reference or an expression (process.env.X, vault:…, f(x), ${…})
//   {{near:KW}}     KW (a regex alternation), then anything up to 300 characters (lines included)
//                   that does not cross an [ini] section header: for a vendor named in a section,
//                   a YAML/JSON parent key or a client constructor, with the key name below it

/** An optional quote, possibly escaped as in JSON strings and notebooks. */
const QUOTE = String.raw`(?:\\?["'\x60])`;
const NEWLINE = String.raw`(?:\r?\n[ \t]*)`;

const ASSIGN = [
  // Close the name: its quote, an index bracket (env["X"]).
  String.raw`${QUOTE}?\]?`,
  "(?:",
  // NAME=v, NAME: v, "name": "v", name := v, name => v, NAME ||= v, then maybe the value on the next
  // line (JSON, YAML) or as a YAML block scalar.
  String.raw`[ \t]*(?:=>|:=|\|\|=|\?\?=|\+=|==?|:)[ \t]*${NEWLINE}?(?:[|>][-+]?[ \t]*${NEWLINE})?`,
  // A name and its value in an env list: - name: X / value: v, {"name": "X", "value": "v"}.
  String.raw`|[ \t]*,?[ \t]*${NEWLINE}?${QUOTE}?value${QUOTE}?[ \t]*[:=][ \t]*`,
  // Function arguments: setdefault("X", "v"), getenv("X", "default").
  String.raw`|[ \t]*,[ \t]*`,
  // Dockerfile ENV X v, setenv X v.
  String.raw`|[ \t]+`,
  ")",
  // Open the value: a quote, maybe a bytes or raw string prefix.
  String.raw`(?:[bBrRuU]?${QUOTE})?`,
].join("");

const END = String.raw`(?![\w+/=:(\[{$@%*-])(?!\.[\w/])`;

function near(keyword: string): string {
  return String.raw`(?:${keyword})(?:(?!\r?\n[ \t]*\[)[\s\S]){0,300}?`;
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
