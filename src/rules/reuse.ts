// The [reuse] table (rules/scopes.toml, replaced by the user's .leakgate.toml): which folders count as
// separate services when looking for one credential used in two places.
import micromatch from "micromatch";
import { RuleError } from "../errors.js";
import { unknownKeys } from "./raw.js";

export interface ReuseSettings {
  /** The service a path belongs to: its folder, or "." for files at the root. */
  readonly scopeOf: (path: string) => string;
  /** The globs it was made from, for messages and tests. */
  readonly globs: readonly string[];
}

const REUSE_KEYS = new Set(["scopes"]);

/** The scope globs of a document's [reuse] table, if it has one, and warnings for unknown keys. */
export function readReuse(document: Record<string, unknown>, file: string): { globs: string[] | undefined; warnings: string[] } {
  const table = document["reuse"];
  if (table === undefined) return { globs: undefined, warnings: [] };
  if (typeof table !== "object" || table === null || Array.isArray(table)) {
    throw new RuleError(`${file}: "reuse" must be a table`, 'write it as [reuse] with scopes = ["services/*"]');
  }
  const scopes = (table as Record<string, unknown>)["scopes"];
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((glob) => typeof glob !== "string" || glob === ""))) {
    throw new RuleError(`${file}: [reuse] scopes must be a list of folder globs`, 'write scopes = ["**/services/*", "apps/*"]');
  }
  return { globs: scopes as string[] | undefined, warnings: unknownKeys(table, REUSE_KEYS, `${file} [reuse]`) };
}

/**
 * A file's scope is the shortest chain of its leading folders that one of the globs matches
 * (`**\/services/*` makes `backend/services/gateway` a scope); else its top-level folder; else ".".
 */
export function compileReuse(globs: readonly string[]): ReuseSettings {
  const matchers = globs.map((glob) => micromatch.matcher(glob, { dot: true }));
  const isScope = (folder: string): boolean => matchers.some((matches) => matches(folder));
  return {
    globs,
    scopeOf(path) {
      const folders = path.split("/").slice(0, -1);
      for (let depth = 1; depth <= folders.length; depth++) {
        const folder = folders.slice(0, depth).join("/");
        if (isScope(folder)) return folder;
      }
      return folders[0] ?? ".";
    },
  };
}
