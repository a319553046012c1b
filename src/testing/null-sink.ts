import type { BackendEventSink } from '../backend.ts';

const ignore = async (): Promise<void> => undefined;

/**
 * A sink for a backend tested without a bot (the conformance suite, connection tests): every event is accepted
 * and goes nowhere. Attach it before `connect()`, as a bot would attach itself.
 */
export const NULL_SINK: BackendEventSink = Object.freeze({
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
});
