// .gitignore lines for the files the policy says must never be committed, each added once.
// Pure: text in, text out.

/** In this order: a negation only works after the pattern it excepts. */
export const SECRET_PATTERNS = [".env", ".env.*", "!.env.example", "*.pem", "*.key", ".nanobot/"] as const;

const HEADER = "# Secrets must never be committed (added by leakgate init)";

export interface GitignoreChange {
  readonly text: string;
  /** The patterns appended, in order; empty when the file already had them all. */
  readonly added: string[];
}

/** `text` (a .gitignore, "" when there is none) with every missing secret pattern appended once. */
export function gitignoreWithSecretPatterns(text: string): GitignoreChange {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  let lines = text === "" ? [] : text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const present = new Set(lines.map((line) => line.trim()));
  // `.env.*` appended after an older `!.env.example` would re-ignore the template: move the exception.
  if (!present.has(".env.*") && present.has("!.env.example")) {
    lines = lines.filter((line) => line.trim() !== "!.env.example");
    present.delete("!.env.example");
  }
  const added = SECRET_PATTERNS.filter((pattern) => !present.has(pattern));
  if (added.length === 0) return { text, added: [] };
  const block = [...(lines.length > 0 ? [""] : []), HEADER, ...added];
  return { text: [...lines, ...block].join(newline) + newline, added };
}
