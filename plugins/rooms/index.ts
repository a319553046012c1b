import { Plugin, UserError, command, isPerson, type Message, type Person } from 'banter';

/** `!room …`: join, leave, list and look after the bot's rooms (admin only). */
export class RoomsPlugin extends Plugin {
  static override metadata = { name: 'rooms', description: 'Join, leave and look after rooms' };

  @command({ name: 'room join', help: 'Join a room', syntax: '<room> [password]', admin: true })
  async join(_msg: Message, args: string): Promise<string> {
    const [name, password] = this.words(args, 1);
    const room = this.queryRoom(name!);
    await room.join(password ? { password } : undefined);
    return `Joined ${room}.`;
  }

  @command({ name: 'room leave', help: 'Leave a room', syntax: '<room>', admin: true })
  async leave(_msg: Message, args: string): Promise<string> {
    const room = this.queryRoom(this.words(args, 1)[0]!);
    await room.leave();
    return `Left ${room}.`;
  }

  @command({ name: 'room list', help: 'The rooms the bot is in', admin: true })
  async list(): Promise<string> {
    const rooms = await this.bot.rooms();
    return rooms.length ? rooms.map(String).join('\n') : 'I am in no rooms.';
  }

  @command({ name: 'room occupants', help: 'Who is in a room', syntax: '<room>', admin: true })
  async occupants(_msg: Message, args: string): Promise<string> {
    const room = this.queryRoom(this.words(args, 1)[0]!);
    const people = await room.occupants();
    return people.length ? people.map((p) => `${p.nick} (${p.aclattr})`).join('\n') : `Nobody is in ${room}.`;
  }

  @command({ name: 'room topic', help: 'Show or set a room\'s topic', syntax: '<room> [topic]', admin: true })
  async topic(_msg: Message, args: string): Promise<string> {
    const [name] = this.words(args, 1);
    const room = this.queryRoom(name!);
    const topic = args.trim().slice(name!.length).trim();
    if (!topic) return `${room}: ${(await room.topic()) ?? '(no topic)'}`;
    await room.setTopic(topic);
    return `Topic of ${room} set.`;
  }

  @command({ name: 'room invite', help: 'Invite people to a room', syntax: '<room> <person>…', admin: true })
  async invite(_msg: Message, args: string): Promise<string> {
    const [name, ...names] = this.words(args, 2);
    const people: Person[] = names.map((n) => {
      const identifier = this.buildIdentifier(n);
      if (!isPerson(identifier)) throw new UserError(`${n} is not a person.`);
      return identifier;
    });
    const room = this.queryRoom(name!);
    await room.invite(...people);
    return `Invited ${people.map(String).join(', ')} to ${room}.`;
  }

  private words(args: string, least: number): string[] {
    const words = args.split(/\s+/).filter(Boolean);
    if (words.length < least) throw new UserError(`Not enough arguments; ${this.bot.prefix}help room lists the syntax.`);
    return words;
  }
}
