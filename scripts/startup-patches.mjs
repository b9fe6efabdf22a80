// esbuild plugins for startup time: a pre-commit hook pays for every run, and yargs spends it on
// help text that is almost never shown. Behaviour is unchanged; each patch checks the shape of the
// source it edits and fails the build if a new version of the package no longer has it.
import { readFile } from "node:fs/promises";

// string-width (three copies in the tree, under cliui, wrap-ansi and yargs) builds an
// Intl.Segmenter when it is loaded: ~20 ms for the first one. Here the segmenter is built on first
// use, and printable ASCII (one column per character, as string-width itself computes) skips it.
const SEGMENTER = "const segmenter = new Intl.Segmenter();";
const ENTRY = /export default function stringWidth\((\w+), options = \{\}\) \{/;

/** string-width's source with the segmenter made lazy and an ASCII fast path at the entry. */
export function lazySegmenterSource(source, file) {
  if (!source.includes(SEGMENTER) || !ENTRY.test(source)) {
    throw new Error(`${file}: string-width changed shape; update scripts/startup-patches.mjs`);
  }
  return source
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
