import type { BackendEventSink } from 'banter';

const ignore = async (): Promise<void> => undefined;

/** A sink for a backend tested without a bot: every event is accepted and goes nowhere. */
export const NULL_SINK: BackendEventSink = {
  message: ignore,
  presence: ignore,
  reaction: ignore,
  roomJoined: ignore,
  roomLeft: ignore,
  roomTopic: ignore,
  cardAction: ignore,
  connected: ignore,
  disconnected: ignore,
  ended: ignore,
};
