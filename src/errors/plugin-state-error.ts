import { BanterError } from './banter-error.ts';

/** A plugin lifecycle request that cannot be honoured (unknown plugin, dependency not active, …). */
export class PluginStateError extends BanterError {
  readonly plugin: string;

  constructor(plugin: string, message: string) {
    super('E_PLUGIN_STATE', message);
    this.plugin = plugin;
  }
}
