// git's "raw" diff records (`--raw -z`), as printed by diff-index and by log (also the combined
// form `::mode mode mode sha sha sha MM` of a merge under -c). Paths stay exact: -z means no quoting.

export const SUBMODULE_MODE = "160000";

/** The fields of one raw record before its path(s). */
interface RawFields {
  /** One letter per parent: A added, M modified, D deleted, T type changed, R renamed, C copied, U unmerged. */
  readonly status: string;
  /** The blob before, one per parent (all zeros when there was none). */
  readonly oldShas: readonly string[];
  readonly oldModes: readonly string[];
  readonly newSha: string;
  readonly newMode: string;
}

export interface RawChange extends RawFields {
  /** The path after the change. */
  readonly path: string;
  /** The path before a rename or copy. */
  readonly fromPath?: string;
}

export interface RawMeta extends RawFields {
  /** Renames and copies are followed by two paths, everything else by one. */
  readonly pathCount: 1 | 2;
}

/**
 * `:100644 100644 <sha> <sha> M` (or `::…` for a merge) -> its fields; undefined when it is not one.
 * Cut by hand, not by regexes and spreads: a walk of a long history parses one per changed file.
 */
export function parseRawMeta(token: string): RawMeta | undefined {
  let colons = 0;
  while (token.charCodeAt(colons) === COLON) colons++;
  if (colons === 0) return undefined;
  const fields = token.slice(colons).split(" ");
  // parents + 1 modes, parents + 1 shas, then the status letters.
  if (fields.length !== 2 * (colons + 1) + 1) return undefined;
  const letters = fields[fields.length - 1]!;
  let statusEnd = letters.length;
  while (statusEnd > 0 && isDigit(letters.charCodeAt(statusEnd - 1))) statusEnd--;
  const status = statusEnd === letters.length ? letters : letters.slice(0, statusEnd); // R100 -> R
  return {
    status,
    oldModes: fields.slice(0, colons),
    newMode: fields[colons]!,
    oldShas: fields.slice(colons + 1, 2 * colons + 1),
    newSha: fields[2 * colons + 1]!,
    pathCount: colons === 1 && (status === "R" || status === "C") ? 2 : 1,
  };
}

const COLON = 58;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** The whole `git diff-index --raw -z` output -> changes. */
export function parseRawDiff(output: string): RawChange[] {
  const tokens = output.split("\0");
  const changes: RawChange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const meta = parseRawMeta(tokens[i]!.replace(/^\n/, ""));
    if (!meta) continue;
    if (meta.pathCount === 2) {
      changes.push(toChange(meta, tokens[i + 2] ?? "", tokens[i + 1]));
      i += 2;
    } else {
      changes.push(toChange(meta, tokens[i + 1] ?? ""));
      i += 1;
    }
  }
  return changes;
}

export function toChange(meta: RawMeta, path: string, fromPath?: string): RawChange {
  const change = { status: meta.status, oldShas: meta.oldShas, oldModes: meta.oldModes, newSha: meta.newSha, newMode: meta.newMode, path };
  return fromPath === undefined ? change : { ...change, fromPath };
}

/** Whether a sha is git's "no object" (all zeros, in any hash length). */
export function isNullSha(sha: string): boolean {
  // A real object id starts with a zero once in 16, and is rarely zero a few places on.
  for (let i = 0; i < sha.length; i++) if (sha.charCodeAt(i) !== ZERO) return false;
  return sha.length > 0;
}

const ZERO = 48;
