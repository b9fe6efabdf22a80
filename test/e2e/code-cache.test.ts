// The bundled CLI runs with V8's code cache (scripts/code-cache.mjs): the cache the build wrote
// must belong to the bundle beside it and be one this Node accepts, or every hook run compiles
// the whole bundle again.
import { readFileSync } from "node:fs";
import { wrap } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { CLI } from "../helpers/cli.js";

describe("dist: the code cache", () => {
  it("is headed by the bundle's build id, which the loader checks, and V8 accepts it", () => {
    const dist = join(CLI, "..");
    const bundle = readFileSync(join(dist, "leakgate.js"), "utf8");
    const cache = readFileSync(join(dist, "leakgate.cache"));
    const id = /^\/\/([0-9a-f]{16})\n/.exec(bundle)?.[1];
    expect(id).toBeDefined();
    expect(cache.toString("latin1", 0, id!.length)).toBe(id);
    expect(readFileSync(CLI, "utf8")).toContain(`const BUILD = "${id}";`);
    const script = new Script(wrap(bundle), { filename: join(dist, "leakgate.js"), cachedData: cache.subarray(id!.length) });
    expect(script.cachedDataRejected).toBe(false);
  });
});
