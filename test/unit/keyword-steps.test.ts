// The keyword automaton's steps in WebAssembly must find exactly what the JavaScript loop finds.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KEYWORD_STEPS_MODULE } from "../../src/engine/keyword-steps-module.js";
import { buildPrefilter, type Candidate } from "../../src/engine/prefilter.js";
import type { ContentRule } from "../../src/model.js";
import { builtinRuleSet } from "../helpers/engine.js";
// @ts-expect-error: a build script, plain JavaScript without type declarations
import { assemble } from "../../scripts/wasm.mjs";

const contentRules = builtinRuleSet().rules.filter((rule): rule is ContentRule => rule.kind === "content");
const keywords = [...new Set(contentRules.flatMap((rule) => rule.keywords))];
const watched = ["openrouter", "trading"];

/** What a prefilter reports for a text: each candidate rule with its places, and the watched words seen. */
function found(prefilter: ReturnType<typeof buildPrefilter>, text: string) {
  const words = new Set<string>();
  const candidates = prefilter.candidates(text, words).map(({ rule, hits }: Candidate) => [rule.id, hits]);
  return { candidates, words: [...words].sort() };
}

describe("keyword steps in WebAssembly", () => {
  it("is the module keyword-steps.wat assembles to (run `npm run wasm` after editing the .wat)", async () => {
    expect([...((await assemble()) as Uint8Array)]).toEqual([...KEYWORD_STEPS_MODULE]);
  });

  const wasm = buildPrefilter(contentRules, watched, { wasmAfter: 0 });
  const js = buildPrefilter(contentRules, watched, { wasmAfter: Infinity });
  // Two hits per call: nearly every text makes the steps stop and resume.
  const resuming = buildPrefilter(contentRules, watched, { wasmAfter: 0, hitsPerCall: 2 });

  const piece = fc.oneof(
    fc.constantFrom(...keywords, ...watched),
    fc.constantFrom(...keywords).map((keyword) => keyword.toUpperCase()),
    fc.string({ maxLength: 12, unit: "binary" }),
    fc.constantFrom("é", "\u00ff", "\u00d7", "\n", "\r\n", " = ", "\t"),
  );

  it("finds exactly what the JavaScript loop finds in text of code units up to 0xFF, in any case", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = [...pieces.join("")].map((char) => (char.charCodeAt(0) > 0xff ? "?" : char[0])).join("");
        const expected = found(js, text);
        expect(found(wasm, text)).toEqual(expected);
        expect(found(resuming, text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("finds at least what the JavaScript loop finds among any characters (more only where a code unit's low byte spells a keyword)", () => {
    // U+0173 U+0165 U+0163 copy as "sec": the steps may see a keyword there, which costs a regex run, never a finding.
    const wide = fc.oneof(piece, fc.constantFrom("\u0173\u0165\u0163", "\u{1F511}", "\u0100"));
    fc.assert(
      fc.property(fc.array(wide, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const expected = found(js, text);
        const got = found(wasm, text);
        expect(got.words).toEqual(expect.arrayContaining(expected.words));
        const places = new Map(got.candidates as Array<[string, number[] | undefined]>);
        for (const [rule, hits] of expected.candidates as Array<[string, number[] | undefined]>) {
          expect(places.has(rule), rule).toBe(true);
          const mine = places.get(rule);
          // undefined: so many places that the whole text is scanned.
          if (hits === undefined) expect(mine).toBeUndefined();
          else if (mine !== undefined) expect(mine).toEqual(expect.arrayContaining(hits));
        }
        if (![...text].some((char) => char.charCodeAt(0) > 0xff)) expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("switches to WebAssembly only after the characters it was told, with the same places on both sides", () => {
    const switching = buildPrefilter(contentRules, watched, { wasmAfter: 100 });
    const texts = ["api_key = 1", "x".repeat(95), "x = \u0173\u0165\u0163ret", "token secret"];
    // The third text is the first stepped in WebAssembly: the low bytes of U+0173 U+0165 U+0163 spell "sec",
    // so there (only there) the two ways differ.
    expect(texts.map((text) => found(switching, text))).toEqual(texts.map((text, index) => found(index < 2 ? js : wasm, text)));
    expect(found(wasm, texts[2]!)).not.toEqual(found(js, texts[2]!));
  });

  describe("whether a text holds any keyword (four stretches stepped at once, from 1 KB)", () => {
    // A character no keyword holds, to fill texts with.
    const filler = [..."#~^|`@"].find((char) => !keywords.some((keyword) => keyword.includes(char)))!;
    const anyIn = (prefilter: ReturnType<typeof buildPrefilter>, text: string) => prefilter.mayFind(Buffer.from(text, "latin1"));

    it("finds a keyword wherever it falls, across the stretches' boundaries too", () => {
      for (const length of [1023, 1024, 1025, 4099, 20_000]) {
        const quarter = Math.ceil(length / 4);
        expect(anyIn(wasm, filler.repeat(length))).toBe(false);
        for (const keyword of [keywords[0]!, keywords.reduce((a, b) => (b.length > a.length ? b : a))]) {
          const places = [0, quarter - 1, quarter - keyword.length + 1, quarter, 2 * quarter - 2, 3 * quarter - 1, 3 * quarter, length - keyword.length];
          for (const at of places.filter((place) => place >= 0 && place + keyword.length <= length)) {
            const text = filler.repeat(at) + keyword.toUpperCase() + filler.repeat(length - at - keyword.length);
            expect(anyIn(wasm, text), `${keyword} at ${at} of ${length}`).toBe(true);
          }
        }
      }
    });

    it("answers as the JavaScript loop does, for texts of any length", () => {
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 40 }), fc.nat({ max: 6000 }), fc.nat(), (pieces, length, seed) => {
          const inserted = [...pieces.join("")].map((char) => (char.charCodeAt(0) > 0xff ? "?" : char[0])).join("");
          const at = seed % (length + 1);
          const text = filler.repeat(at) + inserted + filler.repeat(length - at);
          expect(anyIn(wasm, text)).toBe(anyIn(js, text));
        }),
        { numRuns: 500 },
      );
    });
  });

  it("steps through texts of megabytes, after a short one, with the same places", () => {
    const short = "api_key = 1";
    expect(found(wasm, short)).toEqual(found(js, short));
    const long = `${"x".repeat(3 << 20)} password = "a" ${"token ".repeat(50_000)} secret`;
    expect(found(wasm, long)).toEqual(found(js, long));
    expect(found(wasm, short)).toEqual(found(js, short));
  });
});
