import { BanterError } from '../errors/banter-error.ts';

interface RoomState {
  topic: string | undefined;
  password: string | undefined;
  readonly members: Set<string>;
}

/** The state of an in-memory chat service: which rooms exist, who is in them, their topics. */
export class MemoryChat {
  readonly #rooms = new Map<string, RoomState>();

  exists(room: string): boolean {
    return this.#rooms.has(room);
  }

  /** Create a room (optionally with a password); does nothing if it exists. */
  create(room: string, password?: string): void {
    if (!this.#rooms.has(room)) this.#rooms.set(room, { topic: undefined, password, members: new Set() });
  }

  destroy(room: string): void {
    this.#rooms.delete(room);
  }

  /** Put `member` in `room`, creating the room; refuses a wrong password. */
  add(room: string, member: string, password?: string): void {
    this.create(room);
    const state = this.#rooms.get(room)!;
    if (state.password !== undefined && state.password !== password) {
      throw new BanterError('E_ROOM_PASSWORD', `Room ${room} needs the right password to join.`);
    }
    state.members.add(member);
  }

  remove(room: string, member: string): void {
    this.#rooms.get(room)?.members.delete(member);
  }

  has(room: string, member: string): boolean {
    return this.#rooms.get(room)?.members.has(member) ?? false;
  }

  members(room: string): string[] {
    return [...(this.#rooms.get(room)?.members ?? [])];
  }

  topic(room: string): string | undefined {
    return this.#rooms.get(room)?.topic;
  }

  setTopic(room: string, topic: string): void {
    const state = this.#rooms.get(room);
    if (!state) throw new BanterError('E_ROOM_MISSING', `Room ${room} does not exist.`);
    state.topic = topic;
  }

  /** Rooms `member` is in. */
  roomsOf(member: string): string[] {
    return [...this.#rooms].filter(([, state]) => state.members.has(member)).map(([name]) => name);
  }
}
