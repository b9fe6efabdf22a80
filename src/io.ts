// What a command gets from the outside world: streams, environment, cwd, clock, where rules live.
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The folder of built-in rules (rules/ in the package). */
  readonly builtinRules: string;
  readonly version: string;
  readonly now: () => number;
  /** The scan worker script (dist/scan-worker.mjs); without it, scans use this thread only. */
  readonly scanWorker?: string;
  /** The node binary and script running this leakgate: `init` writes them into the hook as its fallback. */
  readonly program?: { readonly node: string; readonly script: string };
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
