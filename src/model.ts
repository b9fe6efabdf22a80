// The vocabulary shared by every stage: source -> Fragment -> engine -> Finding -> filters -> reporter.
// Types only; read this file first.

export type Origin = "worktree" | "staged" | "history" | "stdin";

export interface Commit {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  readonly date: string; // ISO 8601
  readonly message?: string;
  /** Position in the history walk, oldest first: which of two commits came first, whatever order findings arrive in. */
  readonly ordinal?: number;
}

/** Why a file produced no content to scan. Path rules still see it. */
export type SkipReason = "binary" | "too-large" | "unreadable";

/** A 1-based line and column (columns count Unicode code points). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** An inclusive range of 1-based line numbers. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

export interface Fragment {
  readonly path: string; // repo-relative, "/" separators
  readonly content: string; // decoded text; "" when skipped
  readonly startLine: number; // line number of the content's first line
  readonly origin: Origin;
  readonly commit?: Commit;
  /** What kind of thing the content is: a file's text, or a commit message. */
  readonly kind?: "file" | "message";
  /** Whether path rules judge this fragment (false for files deleted, or merely modified in a diff). */
  readonly checkPath?: boolean;
  /** When set, only findings that touch these lines are reported (what a commit adds). */
  readonly lines?: readonly LineRange[];
  /** Set (1, 2, ...) on the further parts of one version of a file cut into parts: counted once. */
  readonly part?: number;
  readonly skipped?: SkipReason;
  readonly bytes: number;
  /**
   * A working-tree file handed on unread (content "", bytes 0): the scanner reads it first, on
   * whichever thread scans it (sources/read-file.ts), and the fragment it reads is what is counted.
   */
  readonly readFrom?: { readonly file: string; readonly maxFileSize: number };
}

export type Severity = "critical" | "high" | "medium" | "low";
export type FindingKind = "content" | "path" | "policy";

export interface AllowList {
  readonly regexes: readonly RegExp[];
  readonly regexTarget: "secret" | "match" | "line";
  readonly stopwords: readonly string[]; // lower-cased
  readonly paths: (path: string) => boolean;
}

interface RuleBase {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remedy?: string;
  readonly tags: readonly string[];
  readonly file: string; // where the rule was defined, for messages
}

export interface ContentRule extends RuleBase {
  readonly kind: "content";
  readonly regex: RegExp; // compiled with the g and d flags
  readonly secretGroup: number | string;
  readonly keywords: readonly string[]; // lower-cased
  /** Every match starts where a keyword starts: the regex is tried only there, sticky (y flag). */
  readonly sticky?: RegExp;
  readonly entropy: number;
  readonly appliesTo: ((path: string) => boolean) | undefined;
  readonly allow: AllowList | undefined;
  /** A structural test the secret must also pass (a checksum, a decoding): see engine/checks.ts. */
  readonly check?: (secret: string) => boolean;
  /** Which finding is kept when rules report overlapping spans: the higher (default 0). */
  readonly priority?: number;
}

export interface PathRule extends RuleBase {
  readonly kind: "path";
  readonly matches: (path: string) => boolean;
}

export type Rule = ContentRule | PathRule;

/** One way a scoped secret is referenced: a name in any naming style, or a regex. */
export interface ScopeReference {
  readonly regex: RegExp; // compiled with the g flag
  /** Names must stand alone as an identifier (or a camelCase/snake_case part of one); regexes match anywhere. */
  readonly identifier: boolean;
  /** Lower-cased words one of which a file (or, with `near`, its path) holds if it holds a match; empty: always run. */
  readonly keywords: readonly string[];
  /** Lower-cased words one of which must occur within a few lines or in the path; empty: none needed. */
  readonly near: readonly string[];
}

/** Least privilege for a secret's names: the paths where a reference to them is allowed. */
export interface ScopeRule {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remedy?: string;
  readonly file: string;
  readonly references: readonly ScopeReference[];
  /** Whether a reference at this path is within the scope (allowed and not forbidden). */
  readonly permits: (path: string) => boolean;
  /** Where the names may be referenced, in words, for messages. */
  readonly where: string;
}

/** Another place a finding is about (credential reuse: where else the same value is). */
export interface RelatedLocation {
  readonly path: string;
  readonly start: Position;
  readonly end: Position;
  readonly commit?: Commit;
  /** What this place is, e.g. the scope it belongs to. */
  readonly label: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly kind: FindingKind;
  readonly path: string;
  readonly start: Position;
  readonly end: Position; // the secret's last character, inclusive
  readonly secret: string; // raw only in memory; reporters redact
  /** The secret's lines, for context in reports. Raw: reporters redact them too. */
  readonly line: string;
  readonly fingerprint: string;
  readonly origin: Origin;
  readonly commit?: Commit;
  readonly remedy?: string;
  readonly entropy?: number;
  /** Other places this finding is about (credential reuse); never holds a value. */
  readonly related?: readonly RelatedLocation[];
  /** History findings: whether the file at HEAD still holds the secret (set by sources/head-presence.ts). */
  readonly status?: PresenceStatus;
}

/** "present": still in the file at HEAD; "history-only": only in past commits, so deleting it now does not help. */
export type PresenceStatus = "present" | "history-only";

export interface ScanStats {
  files: number;
  bytes: number;
  commits: number;
  skippedBinary: number;
  skippedTooLarge: number;
  skippedUnreadable: number;
  rules: number;
  durationMs: number;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  readonly stats: ScanStats;
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export type Source = AsyncIterable<Fragment>;
