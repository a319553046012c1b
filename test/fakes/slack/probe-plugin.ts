import { ChangeWaiter } from 'banter/testing';
import { Plugin, command, type Bot, type Card, type CardActionEvent, type Message, type Person, type Reaction, type RoomEvent } from 'banter';

/**
 * A plugin for the Slack end-to-end tests: commands that use each capability the Slack backend offers, and
 * hooks that record what the backend delivers, so a test can wait for an event instead of sleeping.
 */
export class SlackProbe extends Plugin {
  static override metadata = { name: 'probe', description: 'Uses every Slack capability and records every event' };

  readonly reactions: Reaction[] = [];
  readonly cardActions: CardActionEvent[] = [];
  readonly joined: RoomEvent[] = [];
  readonly left: RoomEvent[] = [];
  readonly topics: RoomEvent[] = [];
  readonly mentions: Array<{ body: string; people: string[] }> = [];
  connects = 0;
  disconnects = 0;
  /** Commands run (name and what they received), in order. */
  readonly ran: Array<{ command: string; body: string; from: string }> = [];
  /** `!wait` answers when a test opens this gate. */
  gate: Promise<void> = Promise.resolve();
  readonly #waiter = new ChangeWaiter();

  /** The probe of a running bot. */
  static of(bot: Bot): SlackProbe {
    return bot.pluginManager.instance('probe') as SlackProbe;
  }

  /** Resolve once `probe()` answers, checked after every recorded event (bounded by `timeoutMs`). */
  until<T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
    return this.#waiter.until(probe, timeoutMs, () => new Error(`probe: gave up after ${timeoutMs} ms waiting for ${what}`));
  }

  #record(command: string, message: Message): void {
    this.ran.push({ command, body: message.body, from: message.frm.aclattr });
    this.#changed();
  }

  #changed(): void {
    this.#waiter.changed();
  }

  @command({ help: 'Says how the bot sees you' })
  whoami(message: Message): string {
    this.#record('whoami', message);
    const who = message.frm;
    return `nick=${who.nick} aclattr=${who.aclattr} fullname=${who.fullname} email=${who.email ?? '-'} string=${String(who)}`;
  }

  @command({ help: 'Repeats what it was given' })
  repeat(message: Message, args: string): string {
    this.#record('repeat', message);
    return args;
  }

  @command({ help: 'Greets the sender by mention' })
  hello(message: Message): string {
    this.#record('hello', message);
    return `hello ${String(message.frm).replace(/^#[^/]*\//, '')}, and <!channel> stays text`;
  }

  @command({ help: 'Answers in a thread', thread: true })
  threaded(message: Message): string {
    this.#record('threaded', message);
    return 'in a thread';
  }

  @command({ help: 'Answers only to the sender', private: true })
  secret(message: Message): string {
    this.#record('secret', message);
    return 'only for you';
  }

  @command({ help: 'Answers with n characters of words', syntax: '<n>' })
  long(message: Message, args: string): string {
    this.#record('long', message);
    const n = Number.parseInt(args, 10);
    const words: string[] = [];
    for (let i = 0; words.join(' ').length < n; i++) words.push(`w${i}`);
    return words.join(' ').slice(0, n);
  }

  @command({ help: 'Answers with a card with buttons' })
  card(message: Message): Card {
    this.#record('card', message);
    return {
      title: 'Deploy api v1.4.2?',
      summary: 'Asked by *someone* <for> you',
      fields: [['env', 'prod'], ['by', String(message.frm.nick)]],
      actions: [{ id: 'deploy-yes', label: 'Deploy', value: 'v1.4.2' }, { id: 'deploy-no', label: 'Cancel' }],
    };
  }

  @command({ help: 'Reacts to the command with eyes, then with a unicode check mark' })
  async look(message: Message): Promise<void> {
    this.#record('look', message);
    await this.react(message, 'eyes');
    await this.react(message, '✅');
    await this.bot.unreact(message, 'eyes');
  }

  @command({ help: 'Uploads a small report in the thread of the command' })
  async report(message: Message): Promise<void> {
    this.#record('report', message);
    await this.uploadFile(message.room ?? message.frm, { name: 'report.txt', content: 'all green\n', comment: 'the *report*' }, { inReplyTo: message });
  }

  @command({ help: 'Posts a draft, edits it, posts a mistake and deletes it' })
  async revise(message: Message): Promise<string> {
    this.#record('revise', message);
    const where = message.room ?? message.frm;
    const [draft] = await this.send(where, 'draft');
    await this.edit(draft!, 'final');
    const [mistake] = await this.send(where, 'mistake');
    await this.bot.delete(mistake!);
    return 'revised';
  }

  @command({ help: 'Answers once the test opens the gate' })
  async wait(message: Message): Promise<string> {
    this.#record('wait', message);
    await this.gate;
    return 'waited';
  }

  override onReaction(reaction: Reaction): void {
    this.reactions.push(reaction);
    this.#changed();
  }

  override onCardAction(event: CardActionEvent): void {
    this.cardActions.push(event);
    this.#changed();
  }

  override onRoomJoined(event: RoomEvent): void {
    this.joined.push(event);
    this.#changed();
  }

  override onRoomLeft(event: RoomEvent): void {
    this.left.push(event);
    this.#changed();
  }

  override onRoomTopic(event: RoomEvent): void {
    this.topics.push(event);
    this.#changed();
  }

  override onMention(message: Message, people: readonly Person[]): void {
    this.mentions.push({ body: message.body, people: people.map((p) => p.aclattr) });
    this.#changed();
  }

  override onConnect(): void {
    this.connects += 1;
    this.#changed();
  }

  override onDisconnect(): void {
    this.disconnects += 1;
    this.#changed();
  }
}
