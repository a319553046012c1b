import { BanterError } from './banter-error.ts';

/** One problem found in a configuration: where it is, and what to do about it. */
export interface ConfigIssue {
  /** Dotted path of the field, e.g. `plugins.dirs.0`; empty for the whole file. */
  readonly path: string;
  /** What is wrong and how to fix it, written for the person editing config.ts. */
  readonly message: string;
}

/**
 * A configuration that cannot be used. The message lists every bad field with its fix, one per line, so a
 * user can correct them all in one go.
 */
export class ConfigError extends BanterError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], source = 'config') {
    const lines = issues.map((i) => `  - ${i.path ? `${i.path}: ` : ''}${i.message}`);
    super('E_CONFIG', `Invalid ${source}:\n${lines.join('\n')}`);
    this.issues = issues;
  }
}
