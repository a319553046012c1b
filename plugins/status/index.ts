import { Plugin, command, formatDuration, VERSION, type Message } from 'banter';

/** `!about`, `!status`, `!uptime`, and for admins `!shutdown` and `!restart` (both ask for confirmation). */
export class StatusPlugin extends Plugin {
  static override metadata = { name: 'status', description: 'About the bot, its health and uptime' };

  @command({ help: 'What this bot is' })
  about(): string {
    return `${this.bot.botName} runs Banter ${VERSION}, a ChatOps bot framework, on the ${this.bot.mode} backend.`;
  }

  @command({ help: 'Backend, storage, plugins and counters' })
  async status(): Promise<string> {
    const s = this.bot.status();
    const storageProblem = await this.bot.checkStorage();
    const plugins = this.bot.plugins();
    const failed = plugins.filter((p) => p.state === 'failed');
    const lines = [
      `backend: ${s.backend} (${s.connected ? 'connected' : 'disconnected'})`,
      `storage: ${s.storage} (${storageProblem ? `unavailable: ${storageProblem}` : 'answering'})`,
      `uptime: ${formatDuration(Date.now() - s.startedAt.getTime())}`,
      `plugins: ${plugins.filter((p) => p.state === 'active').length} active, ${plugins.filter((p) => p.state === 'inactive').length} inactive, ${failed.length} failed`,
      ...failed.map((p) => `  ${p.name} failed: ${p.error}`),
      `messages received: ${s.messagesIn}; commands run: ${s.commandsRun}, failed: ${s.commandsFailed}`,
    ];
    return lines.join('\n');
  }

  @command({ help: 'Stop the bot', admin: true, confirm: true })
  shutdown(): string {
    this.bot.shutdown();
    return 'Shutting down.';
  }

  @command({ help: 'Restart the bot, reading config.ts again', admin: true, confirm: true })
  restart(): string {
    this.bot.restart();
    return 'Restarting.';
  }

  @command({ help: 'How long the bot has been up' })
  uptime(_msg: Message): string {
    return `I have been up for ${formatDuration(Date.now() - this.bot.status().startedAt.getTime())}.`;
  }
}
