import type { PluginClass } from 'banter';
import { HelpPlugin } from './help/index.ts';
import { StatusPlugin } from './status/index.ts';
import { UtilsPlugin } from './utils/index.ts';
import { PluginsAdminPlugin } from './plugins-admin/index.ts';
import { AuditPlugin } from './audit/index.ts';
import { RoomsPlugin } from './rooms/index.ts';
import { AclPlugin } from './acl/index.ts';
import { FlowsPlugin } from './flows/index.ts';

export { AclPlugin, AuditPlugin, FlowsPlugin, HelpPlugin, PluginsAdminPlugin, RoomsPlugin, StatusPlugin, UtilsPlugin };

/** The plugins Banter loads unless `plugins.builtins` says otherwise. */
export const BUILTIN_PLUGINS: PluginClass[] = [HelpPlugin, StatusPlugin, UtilsPlugin, PluginsAdminPlugin, AuditPlugin, RoomsPlugin, AclPlugin, FlowsPlugin];
