import { BanterError } from './banter-error.ts';

/** A plugin that could not be loaded or activated; `plugin` names it and the message says why. */
export class PluginLoadError extends BanterError {
  readonly plugin: string;

  constructor(plugin: string, reason: string, options?: { cause?: unknown }) {
    super('E_PLUGIN_LOAD', `Plugin "${plugin}" could not be loaded: ${reason}`, options);
    this.plugin = plugin;
  }
}
