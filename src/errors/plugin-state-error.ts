import { UserError } from './user-error.ts';

/**
 * A plugin lifecycle request that cannot be honoured (unknown plugin, dependency not active, …). It is a
 * UserError: its message is safe and useful to show to whoever asked.
 */
export class PluginStateError extends UserError {
  readonly plugin: string;

  constructor(plugin: string, message: string) {
    super(message, { code: 'E_PLUGIN_STATE' });
    this.plugin = plugin;
  }
}
