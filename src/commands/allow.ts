// leakgate allow FINGERPRINT --reason …: accept one finding a report printed, adding one entry to
// the baseline without rewriting the others. The fingerprint must belong to a current finding of
// the working tree: the entry needs its rule and path, and a mistyped fingerprint would otherwise
// become an entry that silently suppresses nothing.
import { BASELINE_FILE, emptyBaseline, fingerprintKey, newSalt, readBaseline, writeBaseline } from "../baseline-file.js";
import { UsageError } from "../errors.js";
import { dayOf, isCalendarDate, withEntry, type BaselineEntry } from "../filters/baseline.js";
import { createFingerprinter } from "../filters/fingerprint.js";
import { reportFailure } from "../failure.js";
import { EXIT, type Io } from "../io.js";
import type { Options } from "../options.js";
import { scanWholeTree } from "./baseline.js";
import { configRoot } from "./load-rules.js";

/** --expires as given, checked: a real date, not already past (an entry that never suppresses is a mistake). */
export function checkedExpiry(expires: string | undefined, today: string): string | undefined {
  if (expires === undefined) return undefined;
  if (!isCalendarDate(expires)) throw new UsageError(`--expires "${expires}" is not a date`, "write it as YYYY-MM-DD, e.g. 2030-01-31");
  if (expires < today) throw new UsageError(`--expires ${expires} is in the past`, "give today or a later date");
  return expires;
}

export async function allowCommand(options: Options, io: Io): Promise<number> {
  const fingerprint = (options.fingerprint ?? "").trim();
  const reason = (options.reason ?? "").trim();
  if (reason === "") throw new UsageError("--reason is empty", 'say why this finding is accepted, e.g. --reason "test fixture, not a real key"');
  const expires = checkedExpiry(options.expires, dayOf(new Date()));
  const root = await configRoot(options, io);
  const existing = readBaseline(root);
  const run = await scanWholeTree(options, io, root, createFingerprinter(fingerprintKey(existing)));
  if (run.error !== undefined) return reportFailure(run.error, io);
  const finding = run.findings.find((each) => each.fingerprint === fingerprint);
  if (!finding) {
    throw new UsageError(
      `no current finding in the working tree has fingerprint ${fingerprint}`,
      "copy it from a leakgate scan report of this repository (--format json lists every finding's fingerprint)",
    );
  }
  // The first entry gives the repository its own salt, which changes every fingerprint once.
  const baseline = existing ?? emptyBaseline(newSalt());
  const stored = existing ? fingerprint : createFingerprinter(baseline.salt).finding(finding.ruleId, finding.path, finding.secret);
  const entry: BaselineEntry = {
    ruleId: finding.ruleId,
    path: finding.path,
    fingerprint: stored,
    reason,
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
  const replaced = baseline.entries.some((each) => each.fingerprint === stored);
  writeBaseline(root, withEntry(baseline, entry));
  io.stderr.write(
    `leakgate: ${replaced ? "updated" : "added"} ${finding.ruleId} in ${finding.path} (${stored}) in ${BASELINE_FILE}${expires ? `, until ${expires}` : ""}\n`,
  );
  if (!existing) {
    io.stderr.write(`leakgate: ${BASELINE_FILE} is new and holds this repository's own fingerprint salt: fingerprints in reports change once (this one is now ${stored})\n`);
  }
  return EXIT.clean;
}
