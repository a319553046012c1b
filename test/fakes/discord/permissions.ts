/** Discord permission bits the fake checks (the API's values). */
export const P = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Every bit, what Administrator grants. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** What @everyone may do in a new guild (Discord's defaults for the everyday permissions). */
export const EVERYONE_DEFAULT =
  P.CreateInstantInvite | P.AddReactions | P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.ReadMessageHistory |
  P.UseExternalEmojis | P.UseApplicationCommands | P.CreatePublicThreads | P.CreatePrivateThreads | P.SendMessagesInThreads;

/** The bot role's permissions from the invite URL in docs/backends/discord.md (a test keeps the two equal). */
export const BOT_DEFAULT =
  P.ViewChannel | P.SendMessages | P.SendMessagesInThreads | P.CreatePublicThreads | P.EmbedLinks | P.AttachFiles |
  P.ReadMessageHistory | P.AddReactions | P.ManageChannels | P.ManageRoles | P.ManageThreads;

/** A channel permission overwrite (type 0 role, 1 member). */
export interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/**
 * A member's permissions in a channel, as Discord computes them: @everyone and role permissions, then the
 * channel's overwrites (@everyone, roles, the member), Administrator overriding everything.
 */
export function channelPermissions(
  guildId: string,
  roles: ReadonlyMap<string, bigint>,
  memberRoles: readonly string[],
  memberId: string,
  overwrites: readonly Overwrite[],
  isOwner: boolean,
): bigint {
  if (isOwner) return ALL_PERMISSIONS;
  let base = roles.get(guildId) ?? 0n;
  for (const role of memberRoles) base |= roles.get(role) ?? 0n;
  if (base & P.Administrator) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) if (o.type === 0 && memberRoles.includes(o.id)) {
    allow |= o.allow;
    deny |= o.deny;
  }
  permissions = (permissions & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === memberId);
  if (member) permissions = (permissions & ~member.deny) | member.allow;
  return permissions;
}
