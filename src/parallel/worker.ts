// A scan worker's entry (bundled as dist/scan-worker.mjs): builds the scanner from the spec, says
// it is ready, then answers each batch of fragments with their findings, as plain objects. A file
// handed on unread it reads itself, and sends back what it read, without the text, to be counted.
import { workerData, type MessagePort } from "node:worker_threads";
import { loadRuleSet } from "../config.js";
import { createFingerprinter } from "../filters/fingerprint.js";
import type { Finding, Fragment } from "../model.js";
import { createFileReader, readDeferred } from "../sources/read-file.js";
import type { BatchReply } from "./pool.js";
import { scannerFor, type ScannerSpec } from "./spec.js";

const { spec, port, replies } = workerData as { spec: ScannerSpec; port: MessagePort; replies: Int32Array };
const warnings: string[] = [];
const scanner = scannerFor(loadRuleSet(spec.builtinRules, spec.configFile), createFingerprinter(spec.fingerprintKey), (message) => warnings.push(message));
const reader = createFileReader(scanner.wantsText);

function answer(reply: BatchReply): void {
  port.postMessage(reply);
  // Wakes the main thread if it sleeps waiting for a free worker (see pool.ts).
  Atomics.add(replies, 0, 1);
  Atomics.notify(replies, 0);
}

function scanBatch(batch: readonly Fragment[]): BatchReply {
  const findings: Finding[] = [];
  const read: Fragment[] = [];
  for (const fragment of batch) {
    const scanned = fragment.readFrom ? readDeferred(fragment, reader) : fragment;
    if (!scanned) continue;
    if (fragment.readFrom) read.push({ ...scanned, content: "" });
    for (const finding of scanner.scanFragment(scanned)) findings.push(finding);
  }
  return read.length > 0 ? { findings, read, warnings: warnings.splice(0) } : { findings, warnings: warnings.splice(0) };
}

port.on("message", (batch: Fragment[]) => {
  let reply: BatchReply;
  try {
    reply = scanBatch(batch);
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  answer(reply);
});
answer({ ready: true });
