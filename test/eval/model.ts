// The evaluation's vocabulary: what the generator plants (items), how it writes them (syntaxes)
// and what it records (labels). Types only.

/** How a file writes a name and a value: one renderer per syntax in render.ts. */
export type Syntax =
  | "env"
  | "shell"
  | "yaml"
  | "toml"
  | "ini"
  | "json"
  | "ecs"
  | "ts"
  | "py"
  | "go"
  | "php"
  | "k8s-env"
  | "k8s-secret"
  | "compose"
  | "workflow"
  | "dockerfile"
  | "tf"
  | "log"
  | "md"
  | "ipynb"
  | "npmrc"
  | "pem"
  | "sa-json"
  | "minjs";

/** The names a value is known by in the code and config around it. */
export interface Naming {
  /** The environment-variable form, e.g. BINANCE_API_SECRET; the others derive from it. */
  readonly env: string;
  /** A config section and key, e.g. [binance] api_secret; dotted sections nest (credentials.live). */
  readonly section?: string;
  readonly key?: string;
  /** The HTTP header that carries the value, if any. */
  readonly header?: string;
  /** The value travels as `Authorization: Bearer <value>`. */
  readonly bearer?: boolean;
}

export type Role = "secret" | "decoy";

/** One value to plant: a real-looking secret, or a decoy that must not be reported. */
export interface Item {
  readonly kind: string;
  readonly role: Role;
  /** For decoys: what makes it harmless (placeholder, template, reference, hash, …). */
  readonly category: string;
  readonly value: string;
  readonly naming: Naming;
  /** False for code expressions (process.env.X), written without quotes. */
  readonly quote: boolean;
  /** Where the item may be written; undefined: anywhere its shape allows. */
  readonly syntaxes?: readonly Syntax[];
  /** The labelled part of the value when it is not the whole value (the password in a URL). */
  readonly span?: readonly [number, number];
}

export type LabelScope = "content" | "path";

export interface Label {
  readonly kind: string;
  readonly role: Role;
  readonly category: string;
  readonly scope: LabelScope;
  readonly file: string;
  /** 1-based line and column (code points) of `text`'s first character in the file. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** The exact text as written in the file ("" for path labels). */
  readonly text: string;
  /** The value `text` encodes when they differ (base64 in a Secret manifest, a JSON-escaped key). */
  readonly decoded?: string;
  /** How the value was written (syntax and form), for reading the false negatives. */
  readonly form: string;
}

export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

export interface GeneratedRepository {
  readonly seed: string;
  readonly files: readonly GeneratedFile[];
  readonly labels: readonly Label[];
}
