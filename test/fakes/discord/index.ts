export { FakeDiscord, type FakeDiscordOptions } from './fake-discord.ts';
export { CLOSE, OP, INTENT, type GatewayLog } from './gateway.ts';
export { P as PERMISSIONS, BOT_DEFAULT } from './permissions.ts';
export type { FakeChannel, FakeGuild, FakeMessage, FakeUser } from './world.ts';
export type { FakeInteraction } from './interactions.ts';
export type { RestCall } from './rest.ts';
export type { RateLimitRule, RateLimitHit } from './rate-limits.ts';
