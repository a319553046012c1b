import { Plugin, command, type Message, type PluginClass, type RoomEvent } from 'banter';

/** What a {@link chatterPlugin} saw, for tests to assert on. */
export interface Heard {
  readonly messages: Message[];
  readonly mentions: Message[];
  readonly roomEvents: Array<{ readonly kind: 'joined' | 'left' | 'topic'; readonly event: RoomEvent }>;
  connects: number;
  disconnects: number;
  /** Resolves the next time the backend reconnects (onConnect after an outage). */
  nextConnect(): Promise<void>;
  /** Resolves the next time the backend loses its connection (onDisconnect). */
  nextDisconnect(): Promise<void>;
}

/**
 * A plugin for the IRC tests that records every message, mention, room event and (re)connect, and answers a
 * few commands that exercise the wire: `!lines <n>` (one reply of n lines), `!repeat <n> <word>` (one long
 * line), `!inject` (a reply with CR, LF and NUL in it) and `!markdown`.
 */
export function chatterPlugin(): { plugin: PluginClass; heard: Heard } {
  let wake: Array<() => void> = [];
  let wakeOnDrop: Array<() => void> = [];
  const heard: Heard = {
    messages: [],
    mentions: [],
    roomEvents: [],
    connects: 0,
    disconnects: 0,
    nextConnect: () => new Promise<void>((resolve) => wake.push(resolve)),
    nextDisconnect: () => new Promise<void>((resolve) => wakeOnDrop.push(resolve)),
  };

  class Chatter extends Plugin {
    static override metadata = { name: 'chatter', description: 'Records what happens on IRC for the tests' };

    @command({ help: 'One reply of n lines, numbered', syntax: '<n>' })
    lines(_msg: Message, args: string): string {
      const n = Number.parseInt(args, 10) || 1;
      return Array.from({ length: n }, (_, i) => String(i + 1)).join('\n');
    }

    @command({ help: 'One line: the word n times, numbered', syntax: '<n> <word>' })
    repeat(_msg: Message, args: string): string {
      const [count = '1', word = 'x'] = args.split(' ');
      return Array.from({ length: Number.parseInt(count, 10) || 1 }, (_, i) => `${word}-${i}`).join(' ');
    }

    @command({ help: 'For admins only', admin: true })
    secret(): string {
      return 'granted';
    }

    @command({ help: 'A reply that tries to inject IRC commands' })
    inject(): string {
      return 'before\r\nQUIT :x\r\nPRIVMSG #elsewhere :injected\0after';
    }

    @command({ help: 'A markdown reply' })
    markdown(): string {
      return '**Deploy** of `api`: *done* — [log](https://ci.example/1)';
    }

    override onMessage(message: Message): void {
      heard.messages.push(message);
    }

    override onMention(message: Message): void {
      heard.mentions.push(message);
    }

    override onRoomJoined(event: RoomEvent): void {
      heard.roomEvents.push({ kind: 'joined', event });
    }

    override onRoomLeft(event: RoomEvent): void {
      heard.roomEvents.push({ kind: 'left', event });
    }

    override onRoomTopic(event: RoomEvent): void {
      heard.roomEvents.push({ kind: 'topic', event });
    }

    override onConnect(): void {
      heard.connects++;
      const waiting = wake;
      wake = [];
      for (const resolve of waiting) resolve();
    }

    override onDisconnect(): void {
      heard.disconnects++;
      const waiting = wakeOnDrop;
      wakeOnDrop = [];
      for (const resolve of waiting) resolve();
    }
  }

  return { plugin: Chatter, heard };
}
