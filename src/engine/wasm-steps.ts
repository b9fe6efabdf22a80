// The keyword automaton's steps in WebAssembly (keyword-steps.wat): the same transitions as the
// JavaScript loop in prefilter.ts, at twice its speed on source code. The text is copied into the
// module's memory one byte per UTF-16 code unit (latin1), so offsets stay those of the string.
// Only for keywords that are all ASCII: a code unit above 0xFF is cut to its low byte by that copy,
// which can only add hits (the rules' regexes then find nothing there), never lose one of an ASCII
// keyword, since every character of those is below 0x80.
import { KEYWORD_STEPS_MODULE } from "./keyword-steps-module.js";

/** The automaton's tables as prefilter.ts builds them (states are row offsets: state * width). */
export interface AutomatonTables {
  readonly transitions: Int32Array;
  readonly classes: Uint16Array;
  readonly ending: Uint8Array;
  /** Characters in the longest keyword. */
  readonly longest: number;
}

export interface WasmSteps {
  /** Calls `hit` with (offset just after a keyword's end, row offset of the state there), in order. */
  run(text: string, hit: (end: number, state: number) => void): void;
  /**
   * Whether some keyword occurs in these bytes: the steps stop at the first. From 1 KB, four
   * stretches are stepped at once (1.6 times as fast over babel's files, most of which hold none).
   */
  any(bytes: Uint8Array): boolean;
}

type Steps = (from: number, to: number, state: number, text: number, classes: number, hits: number, cap: number) => number;
type AnyStep = (text: number, classes: number, q: number, span: number, root: number) => number;

/** The little of the WebAssembly API used here (this project's TypeScript libraries do not declare it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => unknown;
  readonly Instance: new (module: unknown, imports: object) => { readonly exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Hits stored per call; more make another call, from where it stopped. */
const HITS_PER_CALL = 4096;
const TRANSITIONS = 16;
const PAGE = 65536;
/** Bytes from which `any` steps four stretches at once (below, the stretches' overlap costs more). */
const STRETCHES_FROM = 1024;

/** Undefined where WebAssembly cannot run: the caller keeps its JavaScript loop. */
export function wasmSteps(tables: AutomatonTables, hitsPerCall = HITS_PER_CALL): WasmSteps | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) return undefined;
  let exports: Record<string, unknown>;
  try {
    // 179 bytes: compiled for each scanner (once per thread), in well under a millisecond.
    exports = new api.Instance(new api.Module(KEYWORD_STEPS_MODULE), {}).exports;
  } catch {
    return undefined;
  }
  const memory = exports["memory"] as WasmMemory;
  const steps = exports["steps"] as Steps;
  const anyStep = exports["any"] as AnyStep;
  const { transitions, classes, ending, longest } = tables;
  const classesAt = TRANSITIONS + transitions.length * 4;
  const hitsAt = classesAt + 256 * 2;
  const textAt = hitsAt + hitsPerCall * 8;
  // A state in the module is its row's byte address: TRANSITIONS + row offset * 4.
  const address = (state: number): number => TRANSITIONS + state * 4;

  let words = new Int32Array(0);
  let bytes = Buffer.alloc(0);
  const fit = (textLength: number): void => {
    const needed = textAt + textLength;
    if (memory.buffer.byteLength < needed) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    if (bytes.buffer !== memory.buffer) {
      // Growing replaces the memory's buffer: views are made again.
      words = new Int32Array(memory.buffer);
      bytes = Buffer.from(memory.buffer);
    }
  };
  fit(0);
  const table = new Int32Array(memory.buffer, TRANSITIONS, transitions.length);
  for (let at = 0; at < transitions.length; at++) {
    const next = transitions[at]!;
    table[at] = address(next) | (ending[next] === 0 ? 0 : 1);
  }
  const classTable = new Uint16Array(memory.buffer, classesAt, 256);
  for (let code = 0; code < 256; code++) classTable[code] = classes[code]! * 4;

  return {
    run(text, hit) {
      fit(text.length);
      bytes.write(text, textAt, text.length, "latin1");
      let from = 0;
      let state = address(0);
      while (from < text.length) {
        const count = steps(from, text.length, state, textAt, classesAt, hitsAt, hitsPerCall);
        for (let k = 0, at = hitsAt >> 2; k < count; k++, at += 2) hit(words[at]!, (words[at + 1]! - TRANSITIONS) / 4);
        from = words[0]!;
        state = words[1]!;
      }
    },
    any(input) {
      const length = input.length;
      if (length < STRETCHES_FROM) {
        fit(length);
        bytes.set(input, textAt);
        return steps(0, length, address(0), textAt, classesAt, hitsAt, 1) > 0;
      }
      const q = Math.ceil(length / 4);
      const span = q + longest - 1;
      const end = 3 * q + span;
      fit(end);
      bytes.set(input, textAt);
      bytes.fill(0, textAt + length, textAt + end);
      return anyStep(textAt, classesAt, q, span, address(0)) !== 0;
    },
  };
}
