import type { CommandSpec } from '../commands/command-spec.ts';

/** A registered command: its spec, its plugin, and the bound handler. */
export interface CommandEntry {
  readonly spec: CommandSpec;
  readonly plugin: string;
  // The handler's argument depends on the kind (text, match, parsed args).
  readonly handler: (message: never, arg: never) => unknown;
}
