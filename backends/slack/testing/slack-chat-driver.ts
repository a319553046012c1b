import type { ChatDriver } from 'banter/testing';

/** A person in a test workspace, as the shared end-to-end suite needs them. */
export interface SlackChatPeer {
  /** A position in the workspace's message log; what the bot posts later comes after it. */
  mark(): number;
  /** Say `text` in `where` (`dm` for the direct conversation with the bot, or `#channel`). */
  say(where: string, text: string): Promise<unknown>;
  /** The first `count` messages the bot posted in `where` after `since`, as the person reads them. */
  botTexts(where: string, count: number, since: number): Promise<string[]>;
}

/**
 * The human's side of the shared end-to-end suite on Slack: say something in a DM with the bot or in `room`,
 * and resolve with what the bot posted there, in order, as the person sees it (mentions and escapes rendered).
 */
export function slackChatDriver(peer: SlackChatPeer, room: string): ChatDriver {
  return {
    room,
    async say(text, options) {
      const where = options?.room ?? 'dm';
      const since = peer.mark();
      await peer.say(where, text);
      return peer.botTexts(where, options?.replies ?? 1, since);
    },
  };
}
