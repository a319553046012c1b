import { DelegatingRoom, type Person, type RoomOccupant, type RoomOperations } from 'banter';
import { formatPerson, formatRoom } from './identifier-text.ts';

/** What Slack told us about a member (users.info / users.list / user_change). */
export interface SlackUserInfo {
  /** `U…`/`W…`, or a bot's `B…` id for a bot message without a user. */
  readonly id: string;
  /** The unique handle (`name`), e.g. `alice`; undefined when not known yet. */
  readonly name?: string;
  readonly displayName?: string;
  readonly realName?: string;
  readonly email?: string;
  readonly isBot?: boolean;
}

/** What a room handle asks of the backend; the Slack backend implements it with conversations.* calls. */
export type SlackRoomOperations = RoomOperations<SlackRoom>;

/**
 * A member of the workspace. `id` and `aclattr` are the user id (`U…`): Slack never reuses or lets anyone choose
 * it, unlike display names, which are neither unique nor stable. `nick` is the display name (or the handle when
 * there is none), `fullname` the real name. It prints as `@handle` (or `<@U…>` before the handle is known).
 */
export class SlackPerson implements Person {
  readonly kind: 'person' | 'occupant' = 'person';
  readonly id: string;
  /** The unique handle, when known: what `@name` in text and in `buildIdentifier` refers to. */
  readonly userName: string | undefined;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined;
  readonly client: string | undefined = undefined;
  readonly isBot: boolean;
  /** The profile this person was built from. */
  readonly info: SlackUserInfo;

  constructor(info: SlackUserInfo) {
    this.info = info;
    this.id = info.id;
    this.userName = info.name || undefined;
    this.nick = info.displayName || info.name || info.id;
    this.fullname = info.realName || this.nick;
    this.email = info.email || undefined;
    this.isBot = info.isBot ?? false;
  }

  get aclattr(): string {
    return this.id;
  }

  toString(): string {
    return formatPerson(this.id, this.userName);
  }
}

/** A member as seen in a conversation, printed `#channel/@handle`. Same `aclattr` as the person. */
export class SlackRoomOccupant extends SlackPerson implements RoomOccupant {
  override readonly kind = 'occupant' as const;
  readonly room: SlackRoom;

  constructor(info: SlackUserInfo, room: SlackRoom) {
    super(info);
    this.room = room;
  }

  /** The person without the conversation: where a direct message goes. */
  get person(): SlackPerson {
    return new SlackPerson(this.info);
  }

  override toString(): string {
    return `${this.room}/${formatPerson(this.id, this.userName)}`;
  }
}

/**
 * A public or private channel (or a group DM). `name` is `#name` as people type it, and also the `aclattr`
 * that access rules on rooms match (`allowRooms: ['#ops']`); `channelId` is Slack's id once known. Every
 * operation asks Slack, so each reflects the workspace as it is now.
 */
export class SlackRoom extends DelegatingRoom<SlackRoom> {
  readonly name: string;
  readonly channelId: string | undefined;

  constructor(ref: { readonly id?: string; readonly name?: string }, ops: SlackRoomOperations) {
    super(ops);
    if (ref.id === undefined && ref.name === undefined) throw new TypeError('SlackRoom needs an id or a name');
    this.channelId = ref.id;
    this.name = formatRoom(ref.id, ref.name);
  }

  /** The channel name without `#`, when known. */
  get bareName(): string | undefined {
    return this.name.startsWith('#') ? this.name.slice(1) : undefined;
  }

  get aclattr(): string {
    return this.name;
  }

  toString(): string {
    return this.name;
  }
}
