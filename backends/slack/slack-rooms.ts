import type { Person } from 'banter';
import { SlackRoom, SlackRoomOccupant, type SlackRoomOperations } from './identifiers.ts';
import { USER_ID } from './identifier-text.ts';
import type { SlackApi } from './slack-api.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { ChannelInfo, SlackDirectory } from './slack-directory.ts';

// Profiles read at once when listing a big channel's members (users.info is Tier 4, but not unlimited).
const PROFILE_BATCH = 20;

/**
 * Rooms as Slack conversations: join (conversations.join; a channel that does not exist is created), leave,
 * create (conversations.create), destroy (conversations.archive: apps cannot delete channels), topic, members
 * and invitations. Refusals come back as SlackApiError with the scope or step that is missing; things that are
 * already so (joined, archived, invited) are not errors.
 */
export class SlackRooms implements SlackRoomOperations {
  readonly #api: SlackApi;
  readonly #directory: SlackDirectory;

  constructor(api: SlackApi, directory: SlackDirectory) {
    this.#api = api;
    this.#directory = directory;
  }

  /** A room handle for a conversation the directory knows. */
  room(info: { readonly id?: string; readonly name?: string }): SlackRoom {
    return new SlackRoom({ id: info.id, name: info.name }, this);
  }

  async join(room: SlackRoom): Promise<void> {
    const found = await this.#find(room);
    if (!found) {
      if (!(await this.#create(room))) {
        // The name is taken by a channel the bot cannot see: a private one, which takes an invitation.
        throw new SlackApiError('conversations.join', 'channel_not_found');
      }
      return;
    }
    if (found.isMember) return;
    const result = await this.#api.call('conversations.join', { channel: found.id });
    this.#directory.rememberChannel(result.channel as Record<string, unknown>);
    this.#directory.updateChannel(found.id, { isMember: true });
  }

  async leave(room: SlackRoom): Promise<void> {
    const id = await this.#require(room, 'conversations.leave');
    try {
      await this.#api.call('conversations.leave', { channel: id });
    } catch (error) {
      if (!(error instanceof SlackApiError && error.error === 'not_in_channel')) throw error;
    }
    this.#directory.updateChannel(id, { isMember: false });
  }

  /** Create the channel (public, unless the room is known to be private); the bot is its first member. */
  async create(room: SlackRoom): Promise<void> {
    if (await this.#find(room)) return;
    await this.#create(room);
  }

  /** conversations.create; false when the name is taken (by a channel the bot cannot see, as it looked first). */
  async #create(room: SlackRoom): Promise<boolean> {
    const name = room.bareName;
    if (!name) throw new SlackApiError('conversations.create', 'invalid_name_required');
    try {
      const result = await this.#api.call('conversations.create', { name });
      this.#directory.rememberChannel(result.channel as Record<string, unknown>);
      return true;
    } catch (error) {
      if (error instanceof SlackApiError && error.error === 'name_taken') return false;
      throw error;
    }
  }

  /**
   * `room.destroy()`: Slack apps cannot delete channels, so this archives it (conversations.archive), which hides it
   * from everyone; nothing to do when it is gone or archived already.
   */
  async destroy(room: SlackRoom): Promise<void> {
    const found = await this.#find(room, true);
    if (!found || found.archived) return;
    // Slack archives only channels the bot is in.
    if (!found.isMember && found.kind === 'public') await this.join(room);
    try {
      await this.#api.call('conversations.archive', { channel: found.id });
    } catch (error) {
      if (!(error instanceof SlackApiError && error.error === 'already_archived')) throw error;
    }
    this.#directory.updateChannel(found.id, { archived: true });
  }

  async exists(room: SlackRoom): Promise<boolean> {
    const found = await this.#find(room, true);
    return found !== undefined && !found.archived;
  }

  async joined(room: SlackRoom): Promise<boolean> {
    const found = await this.#find(room, true);
    return found?.isMember === true;
  }

  async topic(room: SlackRoom): Promise<string | undefined> {
    const id = await this.#require(room, 'conversations.info');
    const result = await this.#api.call('conversations.info', { channel: id });
    const value = ((result.channel as { topic?: { value?: string } }).topic?.value ?? '').trim();
    return value === '' ? undefined : value;
  }

  async setTopic(room: SlackRoom, topic: string): Promise<void> {
    const id = await this.#require(room, 'conversations.setTopic');
    await this.#api.call('conversations.setTopic', { channel: id, topic });
  }

  async occupants(room: SlackRoom): Promise<SlackRoomOccupant[]> {
    const id = await this.#require(room, 'conversations.members');
    const members = await this.#api.all<string>('conversations.members', { channel: id }, 'members');
    const named = this.room({ id, name: room.bareName ?? this.#directory.channelName(id) });
    const occupants: SlackRoomOccupant[] = [];
    for (let i = 0; i < members.length; i += PROFILE_BATCH) {
      const infos = await Promise.all(members.slice(i, i + PROFILE_BATCH).map((member) => this.#directory.fetchUser(member)));
      occupants.push(...infos.map((info) => new SlackRoomOccupant(info, named)));
    }
    return occupants;
  }

  async invite(room: SlackRoom, people: readonly Person[]): Promise<void> {
    const users = people.map((p) => p.id).filter((id) => USER_ID.test(id));
    if (users.length === 0) return;
    const id = await this.#require(room, 'conversations.invite');
    try {
      await this.#api.call('conversations.invite', { channel: id, users: users.join(',') });
    } catch (error) {
      if (!(error instanceof SlackApiError && error.error === 'already_in_channel')) throw error;
    }
  }

  /** The channels the bot is in (users.conversations), archived ones left out. */
  async list(): Promise<SlackRoom[]> {
    const channels = await this.#api.all<Record<string, unknown>>('users.conversations', { types: 'public_channel,private_channel', exclude_archived: true }, 'channels');
    return channels.map((raw) => this.room(this.#directory.rememberChannel(raw)));
  }

  /** The conversation as Slack knows it now, or undefined when there is none by that id or name. */
  async #find(room: SlackRoom, fresh = false): Promise<ChannelInfo | undefined> {
    if (room.channelId) return this.#directory.fetchChannel(room.channelId, fresh);
    const known = await this.#directory.findChannel(room.name);
    return known && fresh ? this.#directory.fetchChannel(known.id, true) : known;
  }

  async #require(room: SlackRoom, method: string): Promise<string> {
    const found = await this.#find(room);
    if (!found) throw new SlackApiError(method, 'channel_not_found');
    return found.id;
  }
}
