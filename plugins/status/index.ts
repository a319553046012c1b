import { Plugin, command, formatDuration, VERSION, type Message } from 'banter';

/** `!about`, `!status` and `!uptime`: what is running and how it is doing. */
export class StatusPlugin extends Plugin {
  static override metadata = { name: 'status', description: 'About the bot, its health and uptime' };

  @command({ help: 'What this bot is' })
  about(): string {
    return `${this.bot.botName} runs Banter ${VERSION}, a ChatOps bot framework, on the ${this.bot.mode} backend.`;
  }

  @command({ help: 'Backend, storage, plugins and counters' })
  status(): string {
    const s = this.bot.status();
    const plugins = this.bot.plugins();
    const failed = plugins.filter((p) => p.state === 'failed');
    const lines = [
      `backend: ${s.backend} (${s.connected ? 'connected' : 'disconnected'})`,
      `storage: ${s.storage}`,
      `uptime: ${formatDuration(Date.now() - s.startedAt.getTime())}`,
      `plugins: ${plugins.filter((p) => p.state === 'active').length} active, ${plugins.filter((p) => p.state === 'inactive').length} inactive, ${failed.length} failed`,
      ...failed.map((p) => `  ${p.name} failed: ${p.error}`),
      `messages received: ${s.messagesIn}; commands run: ${s.commandsRun}, failed: ${s.commandsFailed}`,
    ];
    return lines.join('\n');
  }

  @command({ help: 'How long the bot has been up' })
  uptime(_msg: Message): string {
    return `I have been up for ${formatDuration(Date.now() - this.bot.status().startedAt.getTime())}.`;
  }
}
