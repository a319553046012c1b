import { BanterError } from './banter-error.ts';

/** The configured backend name matches no built-in backend and no installed package. */
export class UnknownBackendError extends BanterError {
  readonly backend: string;
  readonly available: readonly string[];

  /** `projectDir`: the bot project the package was looked for in, named in the `npm install` advice. */
  constructor(backend: string, available: readonly string[], projectDir?: string) {
    super(
      'E_UNKNOWN_BACKEND',
      `Unknown backend "${backend}". Built-in backends: ${available.join(', ')}. Set \`backend\` in config.ts ` +
        `(or --backend) to one of them, or to the name of an installed backend package: if "${backend}" is one, ` +
        `run \`npm install ${backend}\`${projectDir ? ` in ${projectDir}` : ''}.`,
    );
    this.backend = backend;
    this.available = available;
  }
}
