// Fail closed: an internal error in a gate mode exits 2 (the gate stays shut) with a line saying how
// to get past it knowingly and how to report it. main() runs in-process on a real repository, with
// an output stream that breaks the way only a bug would.
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/main.js";
import { fake } from "../helpers/fake-secrets.js";
import { BUILTIN_RULES } from "../helpers/engine.js";
import { commitAll, git, GIT_ENV, tempRepo, writeFiles } from "../helpers/repo.js";

function brokenIo(cwd: string): { io: Io; stderr: () => string } {
  let stderr = "";
  const io: Io = {
    stdout: {
      write: () => {
        throw new TypeError("a bug in a reporter");
      },
    },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...GIT_ENV, NO_COLOR: "1" },
    cwd,
    builtinRules: BUILTIN_RULES,
    version: "0.0.0",
    now: () => 0,
  };
  return { io, stderr: () => stderr };
}

describe("an internal error in a gate mode", () => {
  it("--staged: exit 2, how to report it, and how to commit anyway knowingly", async () => {
    const root = tempRepo({ "a.txt": "ok\n" });
    commitAll(root, "start");
    writeFiles(root, { "b.txt": `k=${fake.openrouterKey()}\n` });
    git(root, "add", "b.txt");
    const { io, stderr } = brokenIo(root);
    expect(await main(["scan", "--staged", "--format", "json"], io)).toBe(2);
    expect(stderr()).toMatch(/^leakgate: internal error, so the scan is incomplete and exits 2 — please report it at https:\/\/\S+ with the lines below$/m);
    expect(stderr()).toContain("to commit anyway, knowingly: git commit --no-verify");
    expect(stderr()).toContain("a bug in a reporter");
  });

  it("--history: exit 2 and how to report it", async () => {
    const root = tempRepo({ "a.txt": `k=${fake.openrouterKey()}\n` });
    commitAll(root, "start");
    const { io, stderr } = brokenIo(root);
    expect(await main(["scan", "--history"], io)).toBe(2);
    expect(stderr()).toMatch(/internal error, so the scan is incomplete and exits 2 — please report it at/);
  });
});
