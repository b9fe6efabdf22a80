// A channel for a child's output that is read into ONE buffer used again for every read. A child's
// ordinary stdout pipe gives a new 64 KB Buffer per read: for the 1.8 GB a history scan of babel
// reads from `git cat-file`, that is memory outside the JavaScript heap that V8 answers with a full
// collection every few tens of MB. Node offers a reused buffer (`onread`) only for sockets it
// connects itself, so this connects a local socket to itself, and the accepted end becomes the
// child's stdout.
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ReadingSocket {
  /** The end the child writes: given to spawn as stdout, then closed here (destroy()). */
  readonly writeEnd: net.Socket;
  /** The end this process reads: its bytes go to the listener, not to 'data' events. */
  readonly readEnd: net.Socket;
}

/**
 * A socket pair whose reading end hands each read to `onBytes` as a view of `buffer`, valid only
 * during the call (copy what must be kept). Undefined where it cannot be made (Windows, whose named
 * pipes other users may open; a temporary folder that refuses sockets): the caller then reads an
 * ordinary pipe.
 */
export async function openReadingSocket(buffer: Buffer, onBytes: (bytes: Buffer) => void): Promise<ReadingSocket | undefined> {
  if (process.platform === "win32") return undefined;
  const server = net.createServer();
  let folder: string | undefined;
  try {
    // A folder only this user can enter (mkdtemp makes it 0700): no one else can connect first.
    folder = await mkdtemp(join(tmpdir(), "leakgate-"));
    const path = join(folder, "s");
    server.listen(path);
    await once(server, "listening");
    const readEnd = net.connect({
      path,
      onread: {
        buffer,
        callback: (length) => {
          onBytes(buffer.subarray(0, length));
          return true;
        },
      },
    });
    // once() rejects on the emitter's 'error': a refused connection ends here too.
    const [[writeEnd]] = await Promise.all([once(server, "connection") as Promise<[net.Socket]>, once(readEnd, "connect")]);
    return { writeEnd, readEnd };
  } catch {
    return undefined;
  } finally {
    server.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true }).catch(() => {});
  }
}
