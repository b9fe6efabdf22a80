// Checks a SARIF log against the OASIS SARIF 2.1.0 schema (draft-04, hence ajv-draft-04).
// The schema is a copy of the OASIS file, kept in test/fixtures so the check runs on any clone.
import { readFileSync } from "node:fs";
import AjvModule from "ajv-draft-04";
import { expect } from "vitest";

const SCHEMA = new URL("../fixtures/sarif-schema-2.1.0.json", import.meta.url);
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
let validator: Validator | undefined;

export function expectValidSarif(log: unknown): void {
  if (!validator) {
    const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
    const ajv = new (Ajv as unknown as new (options: object) => import("ajv").default)({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8"))) as Validator;
  }
  expect(validator(log), JSON.stringify(validator.errors, null, 2)).toBe(true);
}
