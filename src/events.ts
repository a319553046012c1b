import type { Message } from './message.ts';
import type { Identifier, Person, Room } from './identifiers.ts';

/** Presence statuses every backend understands; services may report others as plain strings. */
export type PresenceStatus = 'online' | 'away' | 'dnd' | 'offline' | (string & {});

/** Someone's presence changed. */
export interface Presence {
  readonly who: Person;
  readonly status: PresenceStatus;
  readonly message?: string;
}

/** A reaction was added to or removed from a message. */
export interface Reaction {
  readonly reactor: Person;
  readonly action: 'added' | 'removed';
  /** Reaction name without colons (`thumbsup`) or the emoji itself. */
  readonly name: string;
  /** Where the reacted-to message is. */
  readonly target: Identifier;
  /** Service id of the reacted-to message. */
  readonly messageId: string;
}

/** A room joined, left, or whose topic changed. */
export interface RoomEvent {
  readonly room: Room;
  /** Who joined/left (the bot itself when absent) or who changed the topic. */
  readonly who?: Person;
  /** For joins and departures caused by someone else (invite, kick). */
  readonly by?: Person;
  /** For topic changes: the new topic. */
  readonly topic?: string;
}

/** A button on a card was pressed. */
export interface CardActionEvent {
  readonly who: Person;
  readonly actionId: string;
  readonly value?: string;
  /** Where the card was. */
  readonly target: Identifier;
  readonly message?: Message;
}

/** A file to upload. */
export interface FileUpload {
  readonly name: string;
  readonly content: Uint8Array | string;
  readonly mimeType?: string;
  /** Message to post with the file. */
  readonly comment?: string;
}
