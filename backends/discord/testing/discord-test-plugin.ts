import { Plugin, command, type CardActionEvent, type Message, type Person, type PluginClass, type Presence, type Reaction, type RoomEvent, type SentMessage } from 'banter';
import { ChangeWaiter } from 'banter/testing';

/** What the {@link discordTestPlugin} saw, in order. */
export type Seen =
  | { readonly type: 'message'; readonly body: string; readonly from: string; readonly room?: string; readonly threadId?: string; readonly mentions: readonly string[] }
  | { readonly type: 'reaction'; readonly action: string; readonly name: string; readonly reactor: string; readonly messageId: string; readonly target: string }
  | { readonly type: 'topic'; readonly room: string; readonly topic?: string }
  | { readonly type: 'presence'; readonly who: string; readonly status: string }
  | { readonly type: 'card action'; readonly actionId: string; readonly value?: string; readonly who: string; readonly target: string }
  | { readonly type: 'connect' | 'disconnect' };

/** A record the tests read and wait on: every push wakes the waiters. */
export class SeenLog {
  readonly entries: Seen[] = [];
  readonly #waiter = new ChangeWaiter();

  push(entry: Seen): void {
    this.entries.push(entry);
    this.#waiter.changed();
  }

  /** The first entry matching `match`, waiting up to `timeoutMs` for it. */
  waitFor<T extends Seen>(match: (entry: Seen) => entry is T, timeoutMs?: number): Promise<T>;
  waitFor(match: (entry: Seen) => boolean, timeoutMs?: number): Promise<Seen>;
  waitFor(match: (entry: Seen) => boolean, timeoutMs = 5_000): Promise<Seen> {
    return this.#waiter.until(
      () => this.entries.find(match),
      timeoutMs,
      () => new Error(`waited ${timeoutMs} ms in vain; seen: ${JSON.stringify(this.entries)}`),
    );
  }
}

/**
 * A plugin that exercises what Discord can do beyond text: reactions, edits, deletion, files, cards with
 * buttons, threads, private answers, typing, mentions; and records every message, reaction, topic change,
 * button press and connection event it gets.
 */
export function discordTestPlugin(seen: SeenLog): PluginClass {
  class DiscordTest extends Plugin {
    static override metadata = { name: 'discordtest', description: 'Exercises the Discord backend' };
    #last: SentMessage | undefined;

    override onMessage(message: Message): void {
      seen.push({
        type: 'message',
        body: message.body,
        from: message.frm.aclattr,
        room: message.room?.name,
        threadId: message.threadId,
        mentions: message.mentions.map((p: Person) => p.aclattr),
      });
    }

    override onReaction(reaction: Reaction): void {
      seen.push({ type: 'reaction', action: reaction.action, name: reaction.name, reactor: reaction.reactor.aclattr, messageId: reaction.messageId, target: String(reaction.target) });
    }

    override onPresence(presence: Presence): void {
      seen.push({ type: 'presence', who: presence.who.aclattr, status: presence.status });
    }

    override onRoomTopic(event: RoomEvent): void {
      seen.push({ type: 'topic', room: event.room.name, topic: event.topic });
    }

    override onCardAction(event: CardActionEvent): void {
      seen.push({ type: 'card action', actionId: event.actionId, value: event.value, who: event.who.aclattr, target: String(event.target) });
    }

    override onConnect(): void {
      seen.push({ type: 'connect' });
    }

    override onDisconnect(): void {
      seen.push({ type: 'disconnect' });
    }

    @command({ help: 'Reacts to the command with the given emoji', syntax: '<emoji>' })
    async react_to(msg: Message, args: string): Promise<void> {
      await this.react(msg, args.trim());
    }

    @command({ help: 'Reacts, then takes the reaction back', syntax: '<emoji>' })
    async unreact(msg: Message, args: string): Promise<string> {
      await this.react(msg, args.trim());
      await this.bot.unreact(msg, args.trim());
      return 'reacted and took it back';
    }

    @command({ help: 'Says something, then edits it, then says it is done' })
    async revise(msg: Message): Promise<string> {
      const [sent] = await this.send(msg.room ?? msg.frm, 'first draft');
      this.#last = await this.edit(sent!, 'final text');
      return 'revised';
    }

    @command({ help: 'Deletes what revise said' })
    async retract(): Promise<string> {
      if (!this.#last) return 'nothing to delete';
      await this.bot.delete(this.#last);
      return 'deleted';
    }

    @command({ help: 'Uploads a file', syntax: '<name>' })
    async upload(msg: Message, args: string): Promise<void> {
      await this.uploadFile(msg.room ?? msg.frm, { name: args.trim() || 'report.txt', content: 'line 1\nline 2\n', mimeType: 'text/plain', comment: 'here is the report' });
    }

    @command({ help: 'Answers with a card that has buttons' })
    status() {
      return {
        title: 'Deploy api',
        link: 'https://ci.example.org/deploys/42',
        summary: 'Waiting for approval',
        color: 'warning',
        fields: [['env', 'prod'], ['version', '1.4.2']] as Array<[string, string]>,
        actions: [{ id: 'approve', label: 'Approve', value: '42' }, { id: 'reject', label: 'Reject' }],
      };
    }

    @command({ help: 'Answers in a thread', thread: true })
    threaded(): string {
      return 'answered in a thread';
    }

    @command({ help: 'Answers twice in a thread', thread: true })
    async *twice(): AsyncGenerator<string> {
      yield 'first in the thread';
      yield 'second in the thread';
    }

    @command({ help: 'Answers privately', private: true })
    secret(): string {
      return 'just for you';
    }

    @command({ help: 'Shows the typing indicator, then answers' })
    async typing(msg: Message): Promise<string> {
      await this.bot.startTyping(msg.room ?? msg.frm);
      return 'typed';
    }

    @command({ help: 'Says its arguments as they are (mentions included)', syntax: '<text>' })
    say(_msg: Message, args: string): string {
      return args;
    }

    @command({ help: 'Answers with a long text', syntax: '<characters>' })
    long(_msg: Message, args: string): string {
      const words = Math.ceil((Number.parseInt(args, 10) || 3000) / 5);
      return Array.from({ length: words }, (_, i) => `w${String(i % 1000).padStart(3, '0')}`).join(' ');
    }

    @command({ help: 'Does its work and says nothing' })
    quiet(): void {
      return undefined;
    }
  }
  return DiscordTest;
}
