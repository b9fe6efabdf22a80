// One pass over the text finds every rule's keywords at once, and where they are; only rules
// whose keyword occurs (and rules without keywords) run their regex, and only around those places
// (engine/windows.ts). The cost grows with the text and what is found in it, not with the number
// of rules or keywords.
//
// The pass is an Aho-Corasick automaton over the keywords, case-insensitive, as one table of
// transitions: a step per character, whatever the number of keywords. A regular expression that
// alternates ~160 keywords was 2.5 times slower on the same text (V8 tries the alternatives one by
// one at each position).
import type { ContentRule } from "../model.js";
import { wasmSteps, type WasmSteps } from "./wasm-steps.js";

const ASCII = /^[\x00-\x7f]*$/;

export interface Candidate {
  readonly rule: ContentRule;
  /**
   * Where the rule's keywords start in the text, in order; undefined when the rule has no keywords
   * or its keywords occur so often that the whole text is scanned anyway.
   */
  readonly hits: readonly number[] | undefined;
}

export interface Prefilter {
  /**
   * The rules that may match `text`, in rule order, with where their keywords are. The watched
   * words (see buildPrefilter) that occur in the text are added to `words`, in the same pass.
   */
  candidates(text: string, words?: Set<string>): Candidate[];
  /**
   * Whether the text of these bytes (UTF-8, or any ASCII-compatible encoding) may hold a candidate
   * or a watched word: false only when no keyword occurs in them and every rule has keywords. A
   * text holds an ASCII keyword (both cases alike) only where its bytes hold it, so false is sure;
   * with a keyword that is not ASCII it is always true.
   */
  mayFind(bytes: Uint8Array): boolean;
}

/** Past this many keyword places a rule scans the whole text: windows around each would cover it. */
export const MAX_HITS = 64;
/** A rule tried only at its keywords' places (ContentRule.sticky) keeps far more of them: each try is cheap. */
export const MAX_STARTS = 1 << 16;

interface Automaton {
  /**
   * Next state: transitions[state + classOf(char)]. A state is stored as its row's offset in the
   * table (state number * width), so a step is one addition and one load.
   */
  readonly transitions: Int32Array;
  /** The character class of each UTF-16 code unit, both cases alike; 0 for characters in no keyword. */
  readonly classes: Uint16Array;
  /** 1 at the rows of states where some keyword ends. */
  readonly ending: Uint8Array;
  /** The keywords (indexes) that end in each state, by row offset. */
  readonly outputs: ReadonlyMap<number, readonly number[]>;
}

function buildAutomaton(keywords: readonly string[]): Automaton {
  const classes = new Uint16Array(65536);
  let width = 1;
  const classOf = (code: number): number => {
    if (classes[code] === 0) {
      const lower = String.fromCharCode(code).toLowerCase();
      const upper = String.fromCharCode(code).toUpperCase();
      const id = width++;
      for (const variant of [code, lower.charCodeAt(0), upper.charCodeAt(0)]) if (lower.length === 1 && upper.length === 1) classes[variant] = id;
      classes[code] = id;
    }
    return classes[code]!;
  };
  // The trie: goto[state] maps a class to the next state.
  const goto: Array<Map<number, number>> = [new Map()];
  const ends: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const id = classOf(keyword.charCodeAt(i));
      let next = goto[state]!.get(id);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        ends.push([]);
        goto[state]!.set(id, next);
      }
      state = next;
    }
    ends[state]!.push(index);
  });
  // Breadth first: each state's failure link, outputs and full row of transitions. States are
  // stored as their row's offset (state number * width) from the start.
  const transitions = new Int32Array(goto.length * width);
  const failure = new Int32Array(goto.length);
  const outputs: Array<number[] | undefined> = new Array(goto.length).fill(undefined);
  const ending = new Uint8Array(transitions.length);
  const byRow = new Map<number, readonly number[]>();
  const order = [0];
  for (let at = 0; at < order.length; at++) {
    const state = order[at]!;
    const row = state * width;
    const fallback = failure[state]!;
    const inherited = state === 0 ? undefined : outputs[fallback];
    const found = inherited ? [...ends[state]!, ...inherited] : ends[state]!;
    if (found.length > 0) {
      outputs[state] = found;
      ending[row] = 1;
      byRow.set(row, found);
    }
    // A missing transition is the failure state's: copy its row, then set the trie's own.
    if (state !== 0) transitions.copyWithin(row, fallback * width, fallback * width + width);
    for (const [id, next] of goto[state]!) {
      failure[next] = state === 0 ? 0 : transitions[fallback * width + id]! / width;
      transitions[row + id] = next * width;
      order.push(next);
    }
  }
  return { transitions, classes, ending, outputs: byRow };
}

/**
 * Characters stepped in JavaScript before the WebAssembly steps are built (3-5 ms): a pre-commit
 * hook's few files never pay for them.
 */
const WASM_AFTER = 1 << 20;

/** How the automaton steps (tests compare the two ways). */
export interface PrefilterOptions {
  /** Characters stepped in JavaScript before switching to WebAssembly; Infinity: never. */
  readonly wasmAfter?: number;
  /** Hits the WebAssembly steps store before they hand them over (tests make it small). */
  readonly hitsPerCall?: number;
}

/** Finds every occurrence of a set of keywords in one pass, case-insensitively. */
interface KeywordScanner {
  /** Calls `visit` with each occurrence (keyword index, start offset), in order of where it ends. */
  scan(text: string, visit: (keyword: number, start: number) => void): void;
  /** Whether some keyword occurs in the bytes; true whenever it cannot tell (a keyword that is not ASCII). */
  any(bytes: Uint8Array): boolean;
}

function keywordScanner(keywords: readonly string[], options: PrefilterOptions): KeywordScanner {
  if (keywords.length === 0) return { scan() {}, any: () => false };
  const automaton = buildAutomaton(keywords);
  const { transitions, classes, ending, outputs } = automaton;
  const lengths = keywords.map((keyword) => keyword.length);
  // The same steps in WebAssembly, twice as fast, when every keyword is ASCII (see wasm-steps.ts),
  // once a scan is large enough for them to pay.
  const ascii = keywords.every((keyword) => ASCII.test(keyword));
  const wasmAfter = options.wasmAfter ?? WASM_AFTER;
  let stepper: WasmSteps | undefined;
  let stepped = 0;
  const inWasm = (length: number): WasmSteps | undefined => {
    if (stepper || !ascii || stepped > wasmAfter) return stepper;
    stepped += length;
    if (stepped > wasmAfter) stepper = wasmSteps({ ...automaton, longest: Math.max(...lengths) }, options.hitsPerCall);
    return stepper;
  };
  return {
    scan(text, visit) {
      const steps = inWasm(text.length);
      if (steps) {
        steps.run(text, (end, state) => {
          for (const keyword of outputs.get(state)!) visit(keyword, end - lengths[keyword]!);
        });
        return;
      }
      let state = 0;
      for (let i = 0, end = text.length; i < end; i++) {
        state = transitions[state + classes[text.charCodeAt(i)]!]!;
        if (ending[state] === 0) continue;
        for (const keyword of outputs.get(state)!) visit(keyword, i + 1 - lengths[keyword]!);
      }
    },
    any(bytes) {
      // A byte of a multi-byte character is no character of the text: only ASCII keywords can be judged.
      if (!ascii) return true;
      const steps = inWasm(bytes.length);
      if (steps) return steps.any(bytes);
      let state = 0;
      for (let i = 0, end = bytes.length; i < end; i++) {
        state = transitions[state + classes[bytes[i]!]!]!;
        if (ending[state] !== 0) return true;
      }
      return false;
    },
  };
}

/**
 * `watched`: more words (lower-cased) to look for in the same pass, for another check of the text
 * (scopes look for the names they guard this way), reported through candidates()' `words`.
 */
export function buildPrefilter(rules: readonly ContentRule[], watched: readonly string[] = [], options: PrefilterOptions = {}): Prefilter {
  const keywords = [...new Set([...rules.flatMap((rule) => rule.keywords), ...watched])];
  const keywordIndex = new Map(keywords.map((keyword, index) => [keyword, index]));
  // For each keyword, the rules (indexes) it stands for.
  const rulesOf: number[][] = keywords.map(() => []);
  rules.forEach((rule, index) => {
    for (const keyword of new Set(rule.keywords)) rulesOf[keywordIndex.get(keyword)!]!.push(index);
  });
  const always = rules.flatMap((rule, index) => (rule.keywords.length === 0 ? [index] : []));
  const limits = rules.map((rule) => (rule.sticky ? MAX_STARTS : MAX_HITS));
  const isWatched = new Set(watched);
  const watchedAt = keywords.map((keyword) => isWatched.has(keyword));
  const scanner = keywordScanner(keywords, options);

  return {
    candidates(text, words) {
      // Per rule: undefined (no keyword seen), its places, or EVERYWHERE (too many to use).
      const hits: Array<number[] | typeof EVERYWHERE | undefined> = new Array(rules.length);
      for (const index of always) hits[index] = EVERYWHERE;
      scanner.scan(text, (keyword, start) => {
        if (watchedAt[keyword]) words?.add(keywords[keyword]!);
        for (const index of rulesOf[keyword]!) {
          const places = hits[index];
          if (places === EVERYWHERE) continue;
          if (places === undefined) hits[index] = [start];
          else if (places[places.length - 1] !== start) {
            places.push(start);
            if (places.length > limits[index]!) hits[index] = EVERYWHERE;
          }
        }
      });
      const found: Candidate[] = [];
      hits.forEach((places, index) => {
        if (places === undefined) return;
        // Keywords ending at the same place are found longest first: put the places in order.
        found.push({ rule: rules[index]!, hits: places === EVERYWHERE ? undefined : places.sort((a, b) => a - b) });
      });
      return found;
    },
    mayFind(bytes) {
      return always.length > 0 || scanner.any(bytes);
    },
  };
}

const EVERYWHERE = "everywhere";
