import type { ServiceIdentifier } from 'inversify';
import type { Backend } from '../backend.ts';
import type { BanterConfig } from '../config/config-schema.ts';
import type { Logger } from '../logger.ts';
import type { StorageProvider } from '../storage.ts';
import type { LoadedPlugin } from '../plugins/plugin-loader.ts';

/** Injection tokens of the values a bot is built from (classes are their own tokens). */
export const TOKENS = {
  Config: Symbol.for('banter.Config') as ServiceIdentifier<BanterConfig>,
  Logger: Symbol.for('banter.Logger') as ServiceIdentifier<Logger>,
  Backend: Symbol.for('banter.Backend') as ServiceIdentifier<Backend>,
  Storage: Symbol.for('banter.Storage') as ServiceIdentifier<StorageProvider>,
  /** Plugins found by the loaders, registered by `Bot.start()`. */
  PluginSources: Symbol.for('banter.PluginSources') as ServiceIdentifier<readonly LoadedPlugin[]>,
} as const;
