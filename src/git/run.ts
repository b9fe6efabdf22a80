// The one way leakgate runs git: a runner that is passed in (cwd, environment), so tests use
// real temporary repositories and nothing reads process.cwd() deep inside.
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { GitError } from "../errors.js";
import { openReadingSocket } from "./reading-socket.js";

export interface GitRunner {
  readonly cwd: string;
  /** Runs git to completion and returns stdout; a non-zero exit throws with git's own message. */
  run(args: readonly string[], options?: { input?: string; allowFailure?: boolean }): Promise<GitOutput>;
  /** Starts git and streams its stdout (for output too large to buffer). */
  spawn(args: readonly string[]): ReturnType<typeof spawn>;
  /**
   * Starts git with its stdout read into `buffer`, used again for every read, and handed to
   * `onBytes` as a view valid only during the call; `stdout` is the stream to pause, resume and
   * wait for the end of. For output of gigabytes: no new memory per read (see reading-socket.ts).
   */
  spawnReading(args: readonly string[], buffer: Buffer, onBytes: (bytes: Buffer) => void): Promise<ReadingChild>;
}

export interface ReadingChild {
  readonly child: ChildProcess;
  readonly stdout: Readable;
}

export interface GitOutput {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly code: number;
}

// Git processes still running. Process-wide on purpose: an interrupted scan (cli.ts, on SIGINT)
// stops them all, wherever they were started, instead of leaving `git log -p` of a big history behind.
const running = new Set<ChildProcess>();

/** Stops every git process leakgate started that is still running. */
export function stopGitProcesses(): void {
  for (const child of running) child.kill("SIGTERM");
}

export function createGitRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): GitRunner {
  const start = (args: readonly string[], stdout: "pipe" | Readable = "pipe") => {
    const child = spawn("git", [...args], { cwd, env: { ...env, GIT_TERMINAL_PROMPT: "0" }, stdio: ["pipe", stdout, "pipe"] });
    running.add(child);
    child.once("exit", () => running.delete(child));
    return child;
  };
  return {
    cwd,
    spawn: start,
    async spawnReading(args, buffer, onBytes) {
      const socket = await openReadingSocket(buffer, onBytes);
      if (!socket) {
        const child = start(args);
        child.stdout!.on("data", onBytes);
        return { child, stdout: child.stdout! };
      }
      try {
        return { child: start(args, socket.writeEnd), stdout: socket.readEnd };
      } finally {
        // The child holds its own copy: git's exit is then the reading end's end.
        socket.writeEnd.destroy();
      }
    },
    run(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = start(args);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout!.on("data", (chunk: Buffer) => out.push(chunk));
        child.stderr!.on("data", (chunk: Buffer) => err.push(chunk));
        child.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") {
            reject(new GitError("git is not installed or not on PATH", "install git (2.20 or newer) and try again"));
          } else reject(error);
        });
        child.on("close", (code) => {
          const result = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), code: code ?? 1 };
          if (result.code !== 0 && !options.allowFailure) {
            const message = result.stderr.trim().split("\n")[0] || `git ${args[0]} exited ${result.code}`;
            reject(new GitError(`git ${args[0]} failed: ${message}`, "check the repository and the revision you named"));
          } else resolve(result);
        });
        child.stdin!.on("error", () => {});
        child.stdin!.end(options.input ?? "");
      });
    },
  };
}

/** The repository's top-level folder, or undefined when `cwd` is not inside a work tree. */
export async function findWorkTreeRoot(git: GitRunner): Promise<string | undefined> {
  const result = await git.run(["rev-parse", "--show-toplevel"], { allowFailure: true });
  if (result.code !== 0) return undefined;
  return result.stdout.toString("utf8").trim() || undefined;
}
