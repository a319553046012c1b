import { Plugin, command, type Message, type Person, type PluginClass, type Presence, type RoomEvent } from 'banter';
import type { EventLog } from './event-log.ts';

/** What {@link watcherPlugin} records. */
export type Watched =
  | { readonly type: 'command'; readonly name: string; readonly args: string; readonly aclattr: string }
  | { readonly type: 'mention'; readonly body: string; readonly people: readonly string[] }
  | { readonly type: 'presence'; readonly who: string; readonly aclattr: string; readonly status: string; readonly message?: string }
  | { readonly type: 'joined' | 'left'; readonly room: string; readonly who?: string }
  | { readonly type: 'topic'; readonly room: string; readonly who?: string; readonly topic?: string }
  | { readonly type: 'connect' | 'disconnect' };

/** Holds `!slow` until the test opens it. */
export class Gate {
  #open!: () => void;
  #entered!: () => void;
  readonly opened = new Promise<void>((resolve) => (this.#open = resolve));
  /** Resolves once a `!slow` command is waiting at the gate. */
  readonly entered = new Promise<void>((resolve) => (this.#entered = resolve));
  open(): void {
    this.#open();
  }
  enter(): Promise<void> {
    this.#entered();
    return this.opened;
  }
}

/**
 * A plugin for the XMPP tests: commands that record, echo, wait, type, answer at length or only to admins, and
 * hooks that write every room, presence, mention and connection event to `log`.
 */
export function watcherPlugin(log: EventLog<Watched>, gate = new Gate()): PluginClass {
  class Watcher extends Plugin {
    static override metadata = { name: 'watcher', description: 'Records what the XMPP tests do' };

    @command({ help: 'Records its arguments' })
    record(msg: Message, args: string): string {
      log.push({ type: 'command', name: 'record', args, aclattr: msg.frm.aclattr });
      return `recorded ${args}`;
    }

    @command({ help: 'Says something in a room: parrot <room> <text>' })
    async parrot(_msg: Message, args: string): Promise<void> {
      const [room, ...words] = args.split(' ');
      await this.send(this.bot.queryRoom(room!), words.join(' '));
    }

    @command({ help: 'Answers once the test opens the gate' })
    async slow(msg: Message): Promise<string> {
      log.push({ type: 'command', name: 'slow', args: '', aclattr: msg.frm.aclattr });
      await gate.enter();
      return 'done';
    }

    @command({ help: 'Shows the typing indicator, then answers' })
    async typing(msg: Message): Promise<string> {
      await this.bot.startTyping(msg.room ?? msg.frm);
      return 'typed';
    }

    @command({ help: 'Answers with 30 numbered words' })
    long(): string {
      return Array.from({ length: 30 }, (_, i) => `word${String(i + 1).padStart(2, '0')}`).join(' ');
    }

    @command({ help: 'For bot admins only', admin: true })
    secret(): string {
      return 'the secret is 42';
    }

    @command({ help: 'Says who the bot thinks you are' })
    whoami(msg: Message): string {
      return `you are ${msg.frm.aclattr}`;
    }

    override onMention(message: Message, people: readonly Person[]): void {
      log.push({ type: 'mention', body: message.body, people: people.map((p) => p.nick) });
    }

    override onPresence(presence: Presence): void {
      log.push({ type: 'presence', who: String(presence.who), aclattr: presence.who.aclattr, status: presence.status, message: presence.message });
    }

    override onRoomJoined(event: RoomEvent): void {
      log.push({ type: 'joined', room: event.room.name, who: event.who && String(event.who) });
    }

    override onRoomLeft(event: RoomEvent): void {
      log.push({ type: 'left', room: event.room.name, who: event.who && String(event.who) });
    }

    override onRoomTopic(event: RoomEvent): void {
      log.push({ type: 'topic', room: event.room.name, who: event.who && String(event.who), topic: event.topic });
    }

    override onConnect(): void {
      log.push({ type: 'connect' });
    }

    override onDisconnect(): void {
      log.push({ type: 'disconnect' });
    }
  }
  return Watcher;
}

/** Whether a recorded event happened in `room`. */
export function inRoom(room: string): (event: Watched) => boolean {
  return (event) => 'room' in event && event.room === room;
}
