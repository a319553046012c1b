import { Plugin, PluginLoadError, UserError, command, type Message } from 'banter';

/**
 * `!plugin …`: list plugins, see and set their configuration, activate, deactivate and restart them. Admin
 * only; written against the public API like any third-party plugin.
 */
export class PluginsAdminPlugin extends Plugin {
  static override metadata = { name: 'plugins-admin', description: 'Manage plugins and their configuration' };

  @command({ name: 'plugin list', help: 'Plugins and their state', admin: true })
  list(): string {
    return this.bot
      .plugins()
      .map((p) => `${p.name}: ${p.state}${p.error ? ` (${p.error})` : ''}${p.description ? ` — ${p.description}` : ''}`)
      .join('\n');
  }

  @command({ name: 'plugin config', help: 'Show a plugin\'s configuration, or set it from JSON', syntax: '<plugin> [json]', admin: true })
  async configure(_msg: Message, args: string): Promise<string> {
    const [name] = args.split(/\s+/);
    if (!name) throw new UserError(`Usage: ${this.bot.prefix}plugin config <plugin> [json]`);
    const json = args.slice(name.length).trim();
    if (!json) {
      const { value, source } = await this.bot.pluginConfiguration(name);
      return `Configuration of ${name} (from ${source}):\n\`\`\`\n${JSON.stringify(value, null, 2)}\n\`\`\``;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw new UserError(`That is not valid JSON (${(err as Error).message}). Example: ${this.bot.prefix}plugin config ${name} {"key": "value"}`);
    }
    await this.bot.configurePlugin(name, parsed);
    const state = this.bot.plugins().find((p) => p.name === name);
    return state?.state === 'failed'
      ? `Configuration of ${name} saved, but the plugin failed to restart: ${state.error}`
      : `Configuration of ${name} saved and applied.`;
  }

  @command({ name: 'plugin activate', help: 'Activate a plugin', syntax: '<plugin>', admin: true })
  async activatePlugin(_msg: Message, name: string): Promise<string> {
    try {
      await this.bot.activatePlugin(this.required(name));
    } catch (err) {
      // An admin asked for this plugin: its failure reason is what they need, not an error id.
      if (err instanceof PluginLoadError) throw new UserError(err.message);
      throw err;
    }
    return `${name} is active.`;
  }

  @command({ name: 'plugin deactivate', help: 'Deactivate a plugin', syntax: '<plugin>', admin: true })
  async deactivatePlugin(_msg: Message, name: string): Promise<string> {
    if (this.required(name) === this.name) throw new UserError('I cannot deactivate myself; you would lose these commands.');
    await this.bot.deactivatePlugin(name);
    return `${name} is inactive.`;
  }

  @command({ name: 'plugin info', help: 'What a plugin is, where it comes from, and its commands', syntax: '<plugin>', admin: true })
  info(_msg: Message, name: string): string {
    const plugin = this.bot.plugins().find((p) => p.name === this.required(name));
    if (!plugin) throw new UserError(`There is no plugin "${name.trim()}"; plugin list shows them.`);
    return [
      `${plugin.name}${plugin.version ? ` ${plugin.version}` : ''}: ${plugin.state}${plugin.error ? ` (${plugin.error})` : ''}`,
      plugin.description,
      `from: ${plugin.source}`,
      plugin.dependsOn.length ? `depends on: ${plugin.dependsOn.join(', ')}` : '',
      `commands: ${plugin.commands.join(', ') || 'none'}`,
    ]
      .filter(Boolean)
      .join('\n');
  }

  @command({ name: 'plugin reload', help: 'Load a plugin\'s code again from its file and restart it', syntax: '<plugin>', admin: true })
  async reloadPlugin(_msg: Message, name: string): Promise<string> {
    await this.bot.reloadPlugin(this.required(name));
    const state = this.bot.plugins().find((p) => p.name === name.trim())?.state;
    return `${name.trim()} reloaded${state === 'active' ? ' and active' : ` (${state})`}.`;
  }

  @command({ name: 'plugin restart', help: 'Restart a plugin with its current configuration', syntax: '<plugin>', admin: true })
  async restartPlugin(_msg: Message, name: string): Promise<string> {
    await this.bot.restartPlugin(this.required(name));
    return `${name} restarted.`;
  }

  private required(name: string): string {
    if (!name.trim()) throw new UserError('Name a plugin; plugin list shows them.');
    return name.trim();
  }
}
