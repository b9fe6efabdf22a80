// A scan worker's entry (bundled as dist/scan-worker.mjs): builds the scanner from the spec, then
// answers each batch of fragments with their findings, as plain objects.
import { workerData, type MessagePort } from "node:worker_threads";
import { loadRuleSet } from "../config.js";
import { createFingerprinter } from "../filters/fingerprint.js";
import type { Fragment } from "../model.js";
import type { BatchReply } from "./pool.js";
import { scannerFor, type ScannerSpec } from "./spec.js";

const { spec, port, replies } = workerData as { spec: ScannerSpec; port: MessagePort; replies: Int32Array };
const warnings: string[] = [];
const scanner = scannerFor(loadRuleSet(spec.builtinRules, spec.configFile), createFingerprinter(spec.fingerprintKey), (message) => warnings.push(message));

port.on("message", (batch: Fragment[]) => {
  let reply: BatchReply;
  try {
    reply = { findings: batch.flatMap((fragment) => scanner.scanFragment(fragment)), warnings: warnings.splice(0) };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
  // Wakes the main thread if it sleeps waiting for a free worker (see pool.ts).
  Atomics.add(replies, 0, 1);
  Atomics.notify(replies, 0);
});
