// Types for scripts/startup-patches.mjs (tested in test/unit/startup-patches.test.ts).
export function lazyRegexSource(source: string): string;
export function lazySegmenterSource(source: string, file: string): string;
export function noHelpCacheSource(source: string, file: string): string;
export const startupPatches: { name: string; setup(build: unknown): void };
