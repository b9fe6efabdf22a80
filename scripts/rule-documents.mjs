// The built-in rules, parsed from rules/*.toml at build time and embedded in the bundle as JSON:
// the CLI then skips TOML parsing on every run. The TOML files stay the only source of the rules.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";

/** [{ name, document }] for every *.toml file of `folder`, in name order (as the CLI reads them). */
export function ruleDocuments(folder) {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".toml"))
    .sort()
    .map((name) => {
      const document = parse(readFileSync(join(folder, name), "utf8"));
      // JSON must carry the document unchanged (no dates, no inf/nan), or the bundle would differ.
      if (!carriedByJson(document)) {
        throw new Error(`rules/${name}: holds values JSON cannot carry (dates, inf, nan); use strings or numbers`);
      }
      return { name, document };
    });
}

function carriedByJson(value) {
  if (typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(carriedByJson);
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(carriedByJson);
}
