import { BanterError } from '../errors/banter-error.ts';

/**
 * Check that a decorator was applied the legacy way (`experimentalDecorators`), as Banter's decorators and
 * inversify require. Without it the compiler passes a context object instead of the method name, and the
 * user would get a cryptic failure far from the cause.
 */
export function assertLegacyDecorator(decorator: string, key: unknown): asserts key is string {
  if (typeof key !== 'string') {
    throw new BanterError(
      'E_DECORATORS',
      `@${decorator} was compiled as a standard (TC39) decorator. Banter needs "experimentalDecorators": true: ` +
        'make sure the file is in the "include" of a tsconfig.json that sets it (see docs/getting-started.md).',
    );
  }
}
