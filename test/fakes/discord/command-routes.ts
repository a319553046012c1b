import { API_ERRORS, type Route } from './rest.ts';
import type { FakeCommand, World } from './world.ts';

// Discord's rules for chat-input command and option names (CHAT_INPUT names must be lower-case).
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMANDS = 100;

/**
 * The application's commands, global and per guild: GET lists them, PUT overwrites the whole set (keeping the
 * id of a command whose name stays, and bumping its version when it changed), each refused with 50035 when a
 * name, description or option breaks Discord's rules.
 */
export function commandRoutes(world: World): Route[] {
  const scope = (applicationId: string, guildId: string | undefined) => {
    if (applicationId !== world.applicationId) throw API_ERRORS.missingAccess();
    if (guildId !== undefined) {
      const guild = world.guilds.get(guildId);
      if (!guild) throw API_ERRORS.unknownGuild();
      if (!guild.members.has(world.bot.id)) throw API_ERRORS.missingAccess();
    }
    return [...world.commands.values()].filter((c) => c.guildId === guildId);
  };
  const json = (command: FakeCommand) => command.json;

  const list = (applicationId: string, guildId: string | undefined) => scope(applicationId, guildId).map(json);

  const overwrite = (applicationId: string, guildId: string | undefined, body: unknown) => {
    const existing = scope(applicationId, guildId);
    if (!Array.isArray(body)) throw API_ERRORS.invalidForm([], 'LIST_TYPE_CONVERT', 'Must be an array.');
    if (body.length > MAX_COMMANDS) throw API_ERRORS.invalidForm([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_COMMANDS} or fewer in length.`);
    const names = new Set<string>();
    body.forEach((command: Record<string, unknown>, index) => {
      validate(command, [index]);
      if (names.has(String(command.name))) throw API_ERRORS.invalidForm([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
      names.add(String(command.name));
    });
    for (const command of existing) world.commands.delete(command.id);
    return body.map((command: Record<string, unknown>) => {
      const before = existing.find((c) => c.json.name === command.name);
      const id = before?.id ?? world.ids.next();
      const stored: Record<string, unknown> = {
        id,
        application_id: world.applicationId,
        version: world.ids.next(),
        default_member_permissions: command.default_member_permissions ?? null,
        type: command.type ?? 1,
        name: command.name,
        name_localizations: null,
        description: command.description,
        description_localizations: null,
        ...(guildId ? { guild_id: guildId } : { dm_permission: command.dm_permission ?? true }),
        contexts: command.contexts ?? null,
        integration_types: command.integration_types ?? [0],
        nsfw: command.nsfw ?? false,
        ...(Array.isArray(command.options) && command.options.length ? { options: command.options } : {}),
      };
      const unchanged = before && JSON.stringify({ ...before.json, id: 0, version: 0 }) === JSON.stringify({ ...stored, id: 0, version: 0 });
      if (unchanged) stored.version = before.json.version;
      world.commands.set(id, { id, guildId, version: String(stored.version), json: stored });
      return stored;
    });
  };

  return [
    { method: 'GET', path: /^\/applications\/(\d+)\/commands$/, auth: true, handle: (_r, [app]) => list(app!, undefined) },
    { method: 'PUT', path: /^\/applications\/(\d+)\/commands$/, auth: true, handle: ({ json }, [app]) => overwrite(app!, undefined, json) },
    { method: 'GET', path: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, auth: true, handle: (_r, [app, guild]) => list(app!, guild) },
    { method: 'PUT', path: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, auth: true, handle: ({ json }, [app, guild]) => overwrite(app!, guild, json) },
  ];
}

function validate(command: Record<string, unknown>, path: (string | number)[]): void {
  const type = command.type ?? 1;
  if (type !== 1) throw API_ERRORS.invalidForm([...path, 'type'], 'BASE_TYPE_CHOICES', 'This fake registers chat-input commands (type 1) only.');
  checkName(command.name, [...path, 'name']);
  checkDescription(command.description, [...path, 'description']);
  if (command.default_member_permissions !== undefined && command.default_member_permissions !== null && !/^\d+$/.test(String(command.default_member_permissions))) {
    throw API_ERRORS.invalidForm([...path, 'default_member_permissions'], 'NUMBER_TYPE_COERCE', 'Value is not a valid permission set.');
  }
  const options = command.options;
  if (options === undefined) return;
  if (!Array.isArray(options) || options.length > 25) throw API_ERRORS.invalidForm([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let optionalSeen = false;
  options.forEach((option: Record<string, unknown>, index) => {
    const at = [...path, 'options', index];
    if (typeof option.type !== 'number' || option.type < 1 || option.type > 11) throw API_ERRORS.invalidForm([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of 1 to 11.');
    checkName(option.name, [...at, 'name']);
    checkDescription(option.description, [...at, 'description']);
    if (option.required === true && optionalSeen) {
      throw API_ERRORS.invalidForm([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    optionalSeen ||= option.required !== true;
  });
}

function checkName(name: unknown, path: (string | number)[]): void {
  if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase()) {
    throw API_ERRORS.invalidForm(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(description: unknown, path: (string | number)[]): void {
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    throw API_ERRORS.invalidForm(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}
