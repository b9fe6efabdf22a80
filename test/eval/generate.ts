// The labelled evaluation repository: a seeded plan of services, configs, deployments, CI, docs,
// logs, notebooks and lock files, with secrets of every kind planted in the forms real files use
// and at least twice as many decoys of each kind. Every planted value is labelled with its kind,
// file, line, column and exact text. Nothing here reads leakgate's rules: the values and their
// contexts come from the catalogue (kinds.ts), so the rules are measured, not mirrored.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { planFiles, SERVICE_NAMES, serviceAccountPlan, type FilePlan, type Lang, type Service } from "./files.js";
import { KINDS, type KindSpec } from "./kinds.js";
import type { GeneratedFile, GeneratedRepository, Item, Label, Syntax } from "./model.js";
import { createRng, type Rng } from "./random.js";
import { MULTILINE_SYNTAXES } from "./render.js";

export interface GenerateOptions {
  readonly seed?: string | number;
  /** Multiplies the planted counts and the number of services (1 = a few hundred files). */
  readonly scale?: number;
}

/** Decoys planted per secret, per kind (the issue asks for at least 2). */
export const DECOY_RATIO = 2.5;

/** Syntaxes any item may go to; the others take only items that name them. */
const GENERAL: readonly Syntax[] = [
  "env", "shell", "yaml", "toml", "ini", "json", "ecs", "ts", "py", "go", "php", "k8s-env", "k8s-secret",
  "compose", "workflow", "dockerfile", "tf", "log", "md", "ipynb",
];
/** Kinds that also live in special files. */
const EXTRA: Record<string, readonly Syntax[]> = {
  "npm-token": ["npmrc"],
  "github-token": ["npmrc"],
  "google-api-key": ["minjs"],
  "stripe-secret-key": ["minjs"],
  "private-key-rsa": ["pem"],
  "private-key-pkcs8": ["pem"],
  "private-key-openssh": ["pem"],
  "private-key-ec": ["pem"],
};

function itemsOf(spec: KindSpec, rng: Rng, scale: number): Item[] {
  const items: Item[] = [];
  const secrets = Math.max(1, Math.round(spec.count * scale));
  for (let i = 0; i < secrets; i++) {
    const value = spec.value(rng);
    const span = spec.span?.(value);
    items.push({
      kind: spec.kind,
      role: "secret",
      category: "planted",
      value,
      naming: spec.names[i % spec.names.length]!,
      quote: true,
      ...(spec.syntaxes ? { syntaxes: spec.syntaxes } : {}),
      ...(span ? { span } : {}),
    });
  }
  const decoys = Math.ceil(secrets * DECOY_RATIO);
  for (let j = 0, attempt = 0; items.length < secrets + decoys; attempt++) {
    if (attempt > decoys * 20) throw new Error(`kind ${spec.kind}: its decoys fit none of its syntaxes`);
    const maker = spec.decoys[(j + attempt) % spec.decoys.length]!;
    const naming = spec.names[j % spec.names.length]!;
    const made = maker(rng, spec, naming);
    const syntaxes = made.syntaxes && spec.syntaxes ? made.syntaxes.filter((s) => spec.syntaxes!.includes(s)) : (made.syntaxes ?? spec.syntaxes);
    if (syntaxes && syntaxes.length === 0) continue;
    const span = spec.span && /^[a-z+]+:\/\/[^/]*:[^/@]*@/.test(made.value) ? spec.span(made.value) : undefined;
    items.push({
      kind: spec.kind,
      role: "decoy",
      category: made.category,
      value: made.value,
      naming: made.naming ?? naming,
      quote: made.quote ?? true,
      ...(syntaxes ? { syntaxes } : {}),
      ...(span ? { span } : {}),
    });
    j++;
  }
  return items;
}

function allowedSyntaxes(item: Item, present: ReadonlySet<Syntax>): Syntax[] {
  let allowed: readonly Syntax[] = item.syntaxes ?? [...GENERAL, ...(EXTRA[item.kind] ?? [])];
  if (item.value.includes("\n")) allowed = allowed.filter((s) => MULTILINE_SYNTAXES.has(s));
  // Items that are code expressions or quoted specially only fit where they were made for.
  if (!item.quote && !item.syntaxes) allowed = allowed.filter((s) => s !== "pem");
  if (item.role === "decoy" && !item.value.includes("PRIVATE")) allowed = allowed.filter((s) => s !== "pem");
  if (item.value.length > 200 || /\s/.test(item.value)) allowed = allowed.filter((s) => s !== "minjs" && s !== "npmrc");
  return allowed.filter((s) => present.has(s));
}

/** Assigns every item to a file: secrets of one kind spread over as many syntaxes as they can. */
function assign(items: readonly Item[], plans: readonly FilePlan[], rng: Rng): Map<FilePlan, Item[]> {
  const assigned = new Map<FilePlan, Item[]>(plans.map((plan) => [plan, []]));
  const present = new Set(plans.flatMap((plan) => (plan.syntax ? [plan.syntax] : [])));
  const used = new Map<string, number>();
  for (const item of rng.shuffle(items)) {
    const allowed = allowedSyntaxes(item, present);
    if (allowed.length === 0) throw new Error(`no file can hold a ${item.role} of ${item.kind} (${item.category})`);
    const count = (s: Syntax): number => used.get(`${item.kind}|${item.role}|${s}`) ?? 0;
    const hasRoom = (s: Syntax): boolean => plans.some((plan) => plan.syntax === s && assigned.get(plan)!.length < plan.capacity);
    const roomy = allowed.filter(hasRoom);
    const pool = roomy.length > 0 ? roomy : allowed;
    const least = Math.min(...pool.map(count));
    const syntax = rng.pick(pool.filter((s) => count(s) === least));
    used.set(`${item.kind}|${item.role}|${syntax}`, least + 1);
    const candidates = plans.filter((plan) => plan.syntax === syntax);
    const open = candidates.filter((plan) => assigned.get(plan)!.length < plan.capacity);
    assigned.get(rng.pick(open.length ? open : candidates))!.push(item);
  }
  return assigned;
}

function pickServices(rng: Rng, scale: number): Service[] {
  // At least one service per language, so that every syntax has a file at any scale.
  const count = Math.max(4, Math.min(SERVICE_NAMES.length, Math.round(12 * scale)));
  const langs: Lang[] = ["ts", "py", "go", "php", "ts", "py", "go"];
  return rng.shuffle(SERVICE_NAMES).slice(0, count).map((name, index) => ({ name, lang: langs[index % langs.length]! }));
}

export function generateRepository(options: GenerateOptions = {}): GeneratedRepository {
  const seed = String(options.seed ?? 1);
  const scale = options.scale ?? 1;
  const rng = createRng(`leakgate-eval:${seed}`);
  const items = KINDS.flatMap((spec) => itemsOf(spec, rng.fork(`items:${spec.kind}`), scale));
  const plans = planFiles(rng.fork("plan"), pickServices(rng.fork("services"), scale));
  const accounts = items.filter((item) => item.syntaxes?.length === 1 && item.syntaxes[0] === "sa-json");
  const accountRng = rng.fork("accounts");
  accounts.forEach((_, index) => plans.push(serviceAccountPlan(index, accountRng)));
  const assigned = assign(items, plans, rng.fork("assign"));

  const files: GeneratedFile[] = [];
  const labels: Label[] = [];
  const seen = new Set<string>();
  for (const plan of plans) {
    if (seen.has(plan.path)) throw new Error(`two files planned at ${plan.path}`);
    seen.add(plan.path);
    const doc = plan.build(assigned.get(plan)!, rng.fork(`file:${plan.path}`));
    files.push({ path: plan.path, content: doc.toString() });
    for (const label of doc.labels) labels.push({ ...label, scope: "content", file: plan.path });
    if (plan.pathLabel) {
      labels.push({ kind: plan.pathLabel.kind, role: plan.pathLabel.role, category: plan.pathLabel.role === "secret" ? "planted" : "template-file", scope: "path", file: plan.path, line: 1, column: 1, endLine: 1, text: "", form: "path" });
    }
  }
  return { seed, files, labels };
}

/** Writes the repository into `folder` and its labels beside it (`labels.json` is outside the scanned tree). */
export function writeRepository(repository: GeneratedRepository, folder: string, labelsFile: string): void {
  for (const file of repository.files) {
    const path = join(folder, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  writeFileSync(labelsFile, `${JSON.stringify({ seed: repository.seed, labels: repository.labels }, null, 1)}\n`);
}
