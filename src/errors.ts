// Expected failures: a user can cause them, and each one prints as one line and exits 2.

export class LeakgateError extends Error {
  constructor(
    readonly what: string,
    readonly todo: string,
  ) {
    super(`${what} — ${todo}`);
    this.name = new.target.name;
  }
}

/** A flag or argument that makes no sense. */
export class UsageError extends LeakgateError {}
/** A config file that cannot be read or parsed. */
export class ConfigError extends LeakgateError {}
/** A rule that cannot be compiled: bad regex, no capture group, duplicate id. */
export class RuleError extends LeakgateError {}
/** Git is missing, the directory is not a repository, a revision does not exist. */
export class GitError extends LeakgateError {}
/** Input that cannot be read. */
export class InputError extends LeakgateError {}

export function isLeakgateError(error: unknown): error is LeakgateError {
  return error instanceof LeakgateError;
}
