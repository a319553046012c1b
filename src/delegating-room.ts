import type { JoinOptions, Person, Room, RoomOccupant } from './identifiers.ts';

/**
 * What a {@link DelegatingRoom} asks its backend to do. `Key` is how the backend names a room: the room object
 * itself (the default), or something it keeps, such as the room's name.
 */
export interface RoomOperations<Key> {
  join(room: Key, options?: JoinOptions): Promise<void>;
  leave(room: Key, reason?: string): Promise<void>;
  create(room: Key): Promise<void>;
  destroy(room: Key): Promise<void>;
  exists(room: Key): Promise<boolean>;
  joined(room: Key): boolean | Promise<boolean>;
  topic(room: Key): Promise<string | undefined>;
  setTopic(room: Key, topic: string): Promise<void>;
  occupants(room: Key): Promise<RoomOccupant[]>;
  invite(room: Key, people: readonly Person[]): Promise<void>;
}

/**
 * A {@link Room} that is a plain value — its name and `aclattr` — and hands every operation to the backend's
 * room service, so that service holds the connection and the state. Backends extend it with their own fields
 * and `toString()`; `key` says what the operations receive (the room itself unless overridden).
 *
 * @example
 * ```ts
 * import { DelegatingRoom, type RoomOperations } from 'banter';
 *
 * export class ChatRoom extends DelegatingRoom<string> {
 *   readonly name: string;
 *   readonly aclattr: string;
 *   constructor(name: string, ops: RoomOperations<string>) {
 *     super(ops);
 *     this.name = name;
 *     this.aclattr = name;
 *   }
 *   protected override get key(): string {
 *     return this.name;
 *   }
 *   toString(): string {
 *     return this.name;
 *   }
 * }
 * ```
 */
export abstract class DelegatingRoom<Key = Room> implements Room {
  readonly kind = 'room' as const;
  abstract readonly name: string;
  abstract readonly aclattr: string;
  readonly #ops: RoomOperations<Key>;

  protected constructor(ops: RoomOperations<Key>) {
    this.#ops = ops;
  }

  /** What the operations receive for this room: the room itself, unless a subclass says otherwise. */
  protected get key(): Key {
    return this as unknown as Key;
  }

  join(options?: JoinOptions): Promise<void> {
    return this.#ops.join(this.key, options);
  }

  leave(reason?: string): Promise<void> {
    return this.#ops.leave(this.key, reason);
  }

  create(): Promise<void> {
    return this.#ops.create(this.key);
  }

  destroy(): Promise<void> {
    return this.#ops.destroy(this.key);
  }

  exists(): Promise<boolean> {
    return this.#ops.exists(this.key);
  }

  async joined(): Promise<boolean> {
    return this.#ops.joined(this.key);
  }

  topic(): Promise<string | undefined> {
    return this.#ops.topic(this.key);
  }

  setTopic(topic: string): Promise<void> {
    return this.#ops.setTopic(this.key, topic);
  }

  occupants(): Promise<RoomOccupant[]> {
    return this.#ops.occupants(this.key);
  }

  invite(...people: Person[]): Promise<void> {
    return this.#ops.invite(this.key, people);
  }

  /** Text that `buildIdentifier` turns back into this room. */
  abstract toString(): string;
}
