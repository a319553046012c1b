import type { PluginClass } from 'banter';
import { HelpPlugin } from './help/index.ts';
import { StatusPlugin } from './status/index.ts';
import { UtilsPlugin } from './utils/index.ts';

export { HelpPlugin, StatusPlugin, UtilsPlugin };

/** The plugins Banter loads unless `plugins.builtins` says otherwise. */
export const BUILTIN_PLUGINS: PluginClass[] = [HelpPlugin, StatusPlugin, UtilsPlugin];
