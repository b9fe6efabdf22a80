// --format names -> reporters. A new format is one new file and one line here.
import type { Reporter } from "./context.js";
import { github } from "./github.js";
import { html } from "./html.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { pretty } from "./pretty.js";
import { sarif } from "./sarif.js";

export const REPORTERS = { pretty, json, sarif, junit, github, html } satisfies Record<string, Reporter>;
export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];
