import fc from "fast-check";
import micromatch from "micromatch";
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { globMatcher, requiredLiteral } from "../../src/rules/compile.js";
import { BUILTIN_RULES } from "../helpers/engine.js";

/** Every glob the built-in rules and scopes use. */
function builtinGlobs(): string[] {
  const globs = new Set<string>();
  const collect = (value: unknown, key = ""): void => {
    if (Array.isArray(value)) {
      if (["globs", "paths", "allowed", "forbidden", "except"].includes(key)) for (const item of value) if (typeof item === "string") globs.add(item);
      for (const item of value) collect(item);
    } else if (value && typeof value === "object") {
      for (const [name, inner] of Object.entries(value)) collect(inner, name);
    }
  };
  for (const file of readdirSync(BUILTIN_RULES).filter((name) => name.endsWith(".toml"))) collect(parse(readFileSync(`${BUILTIN_RULES}/${file}`, "utf8")));
  return [...globs];
}

const reference = (glob: string, path: string) => micromatch.isMatch(path, glob.includes("/") ? glob : `**/${glob}`, { dot: true });

describe("glob matching", () => {
  const globs = builtinGlobs();

  it("finds the globs of the built-in rules and scopes", () => {
    expect(globs.length).toBeGreaterThan(20);
  });

  it("a glob's required literal is in every path it matches", () => {
    expect(requiredLiteral("**/execution_gateway/**")).toBe("execution_gateway");
    expect(requiredLiteral("*.{yml,yaml}")).toBe(".");
    expect(requiredLiteral("**/*")).toBe("");
    expect(requiredLiteral("!secret/**")).toBe("");
  });

  it("matches exactly as micromatch does, on paths built from the globs' own words", () => {
    const words = [...new Set(globs.flatMap((glob) => glob.split(/[^A-Za-z0-9_.-]+/)).filter(Boolean)), "src", "a", ".hidden", "x.md"];
    const path = fc
      .array(fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[a-zA-Z._-]{1,6}$/)), { minLength: 1, maxLength: 5 })
      .map((segments) => segments.join("/"));
    fc.assert(
      fc.property(path, fc.constantFrom(...globs), fc.subarray(globs, { minLength: 2, maxLength: 6 }), (candidate, glob, list) => {
        expect(globMatcher([glob])(candidate)).toBe(reference(glob, candidate));
        // A list is screened by one regex of its literals first: it must still match as any of them does.
        expect(globMatcher(list)(candidate)).toBe(list.some((each) => reference(each, candidate)));
      }),
      { numRuns: 3000 },
    );
  });
});
