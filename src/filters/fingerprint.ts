// Fingerprints that survive a file moving lines (no line numbers) and never hold the secret:
// rule id + path + a keyed, salted, deliberately slow hash of the value, so a fingerprint in a
// report or a baseline cannot be turned back into a short password by trying a dictionary.
import { createHash, scryptSync } from "node:crypto";

export type Fingerprinter = {
  /** A stable id for one finding: which rule, which file, which value. */
  finding(ruleId: string, path: string, secret: string): string;
  /** A keyed hash of the value alone: equal values in different places share it. */
  value(secret: string): string;
};

/** Cost of one value hash: scrypt with N=2^10 takes about 3 ms here, and is cached per value. */
const SCRYPT_COST = { N: 1 << 10, r: 8, p: 1 };

export function createFingerprinter(key: string): Fingerprinter {
  const cache = new Map<string, string>();
  const value = (secret: string): string => {
    let hash = cache.get(secret);
    if (hash === undefined) {
      hash = scryptSync(secret, `leakgate:${key}`, 16, SCRYPT_COST).toString("hex");
      cache.set(secret, hash);
    }
    return hash;
  };
  return {
    value,
    finding(ruleId, path, secret) {
      const digest = createHash("sha256").update(`${ruleId}\0${path}\0${secret === "" ? "" : value(secret)}`);
      return digest.digest("hex").slice(0, 32);
    },
  };
}
