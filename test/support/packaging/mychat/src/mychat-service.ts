/** One message on the service: in a room, or directly to a user. */
export interface Post {
  readonly id: string;
  readonly from: string;
  readonly room?: string;
  readonly to?: string;
  readonly text: string;
}

/** Where a post goes: a room the sender is in, or a user. */
export type Destination = { readonly room: string } | { readonly to: string };

/** Receives what a connected user can see; the poster waits until it has been handled. */
export type Deliver = (post: Post) => Promise<void>;

interface RoomState {
  topic: string | undefined;
  readonly members: Set<string>;
}

/**
 * mychat: a small chat service that lives in memory. Users connect by id, rooms have members and a topic,
 * posts go to a room's members or to one user. A post resolves once every recipient has handled it, so a
 * conversation with a bot on it needs no sleeps.
 */
export class MychatService {
  /** Every post, in order. */
  readonly log: Post[] = [];
  readonly #rooms = new Map<string, RoomState>();
  readonly #connections = new Map<string, Deliver>();
  #next = 0;

  /** Connect as `user`; returns the function that disconnects. */
  connect(user: string, deliver: Deliver): () => void {
    this.#connections.set(user, deliver);
    return () => {
      if (this.#connections.get(user) === deliver) this.#connections.delete(user);
    };
  }

  async post(from: string, where: Destination, text: string): Promise<Post> {
    const post: Post = 'room' in where ? { id: this.#id(), from, room: where.room, text } : { id: this.#id(), from, to: where.to, text };
    let recipients: string[];
    if ('room' in where) {
      const room = this.#room(where.room);
      if (!room.members.has(from)) throw new Error(`${from} is not in ${where.room}`);
      recipients = [...room.members].filter((member) => member !== from);
    } else {
      recipients = [where.to];
    }
    this.log.push(post);
    await Promise.all(recipients.map((user) => this.#connections.get(user)?.(post)));
    return post;
  }

  createRoom(name: string): void {
    if (!this.#rooms.has(name)) this.#rooms.set(name, { topic: undefined, members: new Set() });
  }

  destroyRoom(name: string): void {
    this.#rooms.delete(name);
  }

  roomExists(name: string): boolean {
    return this.#rooms.has(name);
  }

  /** Join a room, creating it the way most services do on first join. */
  join(name: string, user: string): void {
    this.createRoom(name);
    this.#room(name).members.add(user);
  }

  leave(name: string, user: string): void {
    this.#rooms.get(name)?.members.delete(user);
  }

  members(name: string): string[] {
    return [...(this.#rooms.get(name)?.members ?? [])];
  }

  roomsOf(user: string): string[] {
    return [...this.#rooms].filter(([, room]) => room.members.has(user)).map(([name]) => name);
  }

  topic(name: string): string | undefined {
    return this.#rooms.get(name)?.topic;
  }

  setTopic(name: string, topic: string): void {
    this.#room(name).topic = topic;
  }

  #room(name: string): RoomState {
    const room = this.#rooms.get(name);
    if (!room) throw new Error(`there is no room ${name}`);
    return room;
  }

  #id(): string {
    return `p${++this.#next}`;
  }
}
