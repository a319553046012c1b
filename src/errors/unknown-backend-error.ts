import { BanterError } from './banter-error.ts';

/** The configured backend name matches no built-in backend and no installed package. */
export class UnknownBackendError extends BanterError {
  readonly backend: string;
  readonly available: readonly string[];

  constructor(backend: string, available: readonly string[]) {
    super(
      'E_UNKNOWN_BACKEND',
      `Unknown backend "${backend}". Built-in backends: ${available.join(', ')}. Set \`backend\` in config.ts ` +
        `(or --backend) to one of them, or to the name of an installed backend package (npm install <package>).`,
    );
    this.backend = backend;
    this.available = available;
  }
}
