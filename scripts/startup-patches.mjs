// esbuild plugins for startup time: a pre-commit hook pays for every run, and yargs spends it on
// help text that is almost never shown. Behaviour is unchanged; each patch checks the shape of the
// source it edits and fails the build if a new version of the package no longer has it.
import { readFile } from "node:fs/promises";

// string-width (three copies in the tree, under cliui, wrap-ansi and yargs) builds an
// Intl.Segmenter when it is loaded: ~20 ms for the first one. Here the segmenter is built on first
// use, and printable ASCII (one column per character, as string-width itself computes) skips it.
const SEGMENTER = "const segmenter = new Intl.Segmenter();";
const ENTRY = /export default function stringWidth\((\w+), options = \{\}\) \{/;

// Its module-level Unicode-property regexes are built when it is loaded too: esbuild turns /…/v
// literals into new RegExp(…) for node20, and \p{RGI_Emoji} alone costs ~15 ms to build. Each is
// built on first use instead (never, for the ASCII text leakgate prints).
const TOP_LEVEL_REGEX = /^const (\w+) = (\/.+\/[a-z]*);$/gm;

/** The source with each top-level `const name = /regex/;` built on first use of `name`. */
export function lazyRegexSource(source) {
  const names = [];
  const declared = source.replace(TOP_LEVEL_REGEX, (line, name, literal) => {
    names.push(name);
    return `let ${name}__lazy;\nconst ${name}__make = () => ${literal};`;
  });
  if (names.length === 0) return source;
  // \b keeps the renamed declarations (name__lazy, name__make) out: `_` is a word character.
  const uses = new RegExp(`\\b(?:${names.join("|")})\\b`, "g");
  return declared.replace(uses, (name) => `(${name}__lazy ??= ${name}__make())`);
}

/** string-width's source with the segmenter and regexes made lazy and an ASCII fast path at the entry. */
export function lazySegmenterSource(source, file) {
  if (!source.includes(SEGMENTER) || !ENTRY.test(source) || !TOP_LEVEL_REGEX.test(source)) {
    throw new Error(`${file}: string-width changed shape; update scripts/startup-patches.mjs`);
  }
  TOP_LEVEL_REGEX.lastIndex = 0;
  return lazyRegexSource(source)
    .replace(SEGMENTER, "let segmenter;")
    .replace(/\bsegmenter\.segment\(/g, "(segmenter ??= new Intl.Segmenter()).segment(")
    .replace(ENTRY, (entry, input) =>
      `${entry}\n\tif (typeof ${input} === 'string' && /^[\\x20-\\x7E]*$/.test(${input})) {\n\t\treturn ${input}.length;\n\t}\n`);
}

// After running a command, yargs renders the whole help text and caches it, for a later
// showHelp()/getHelp() from inside an async handler. leakgate calls neither (its commands have
// no yargs handlers; --help takes another path), so the rendering is skipped.
const CACHE_HELP = "yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();";

export function noHelpCacheSource(source, file) {
  if (!source.includes(CACHE_HELP)) throw new Error(`${file}: yargs changed shape; update scripts/startup-patches.mjs`);
  return source.replace(CACHE_HELP, "/* help text not pre-rendered: see scripts/startup-patches.mjs */");
}

const patch = (filter, edit) => (build) =>
  build.onLoad({ filter }, async ({ path }) => ({ contents: edit(await readFile(path, "utf8"), path), loader: "js" }));

export const startupPatches = {
  name: "startup-patches",
  setup(build) {
    patch(/[\\/]string-width[\\/]index\.js$/, lazySegmenterSource)(build);
    patch(/[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/, noHelpCacheSource)(build);
  },
};
