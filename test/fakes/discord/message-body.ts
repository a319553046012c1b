import { API_ERRORS } from './rest.ts';
import type { FormPart } from './multipart.ts';

/** A message body the API accepted: what to store. */
export interface MessageBody {
  readonly content: string | undefined;
  readonly embeds: unknown[] | undefined;
  readonly components: unknown[] | undefined;
  readonly files: Array<{ filename: string; contentType: string | undefined; data: Buffer }>;
  readonly reference: { messageId: string; failIfNotExists: boolean } | undefined;
  readonly flags: number;
}

// Discord's limits on a message and its embeds (characters).
const LIMIT = { content: 2000, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000, embeds: 10 };
const PARSE = new Set(['users', 'roles', 'everyone']);

/**
 * Check a create/edit message body as Discord does, refusing with 50035 Invalid Form Body (the field named
 * in `errors`) or 50006 for an empty message. `partial` is for edits, where every field may be left out.
 */
export function readMessageBody(json: Record<string, unknown> | undefined, parts: readonly FormPart[], partial = false): MessageBody {
  const body = json ?? {};
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string') throw API_ERRORS.invalidForm(['content'], 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  if (typeof content === 'string' && content.length > LIMIT.content) {
    throw API_ERRORS.invalidForm(['content'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.content} or fewer in length.`);
  }
  const embeds = body.embeds === undefined || body.embeds === null ? undefined : checkEmbeds(body.embeds);
  const components = body.components === undefined || body.components === null ? undefined : checkComponents(body.components);
  checkAllowedMentions(body.allowed_mentions);
  const files = attachedFiles(body.attachments, parts);
  const reference = body.message_reference as { message_id?: unknown; fail_if_not_exists?: unknown } | undefined;
  if (reference !== undefined && typeof reference?.message_id !== 'string') {
    throw API_ERRORS.invalidForm(['message_reference', 'message_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  const hasSomething = (typeof content === 'string' && content.length > 0) || (embeds?.length ?? 0) > 0 || (components?.length ?? 0) > 0 || files.length > 0;
  if (!partial && !hasSomething) throw API_ERRORS.emptyMessage();
  return {
    content: typeof content === 'string' ? content : undefined,
    embeds,
    components,
    files,
    reference: reference ? { messageId: reference.message_id as string, failIfNotExists: reference.fail_if_not_exists !== false } : undefined,
    flags: typeof body.flags === 'number' ? body.flags : 0,
  };
}

function checkEmbeds(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw API_ERRORS.invalidForm(['embeds'], 'LIST_TYPE_CONVERT', 'Must be an array.');
  if (value.length > LIMIT.embeds) throw API_ERRORS.invalidForm(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.embeds} or fewer in length.`);
  value.forEach((raw, index) => {
    const embed = raw as Record<string, unknown>;
    const text = (key: string, max: number, value: unknown = embed[key], path: (string | number)[] = ['embeds', index, key]): number => {
      if (value === undefined || value === null) return 0;
      if (typeof value !== 'string') throw API_ERRORS.invalidForm(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
      if (value.length > max) throw API_ERRORS.invalidForm(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
      return value.length;
    };
    let total = text('title', LIMIT.title) + text('description', LIMIT.description);
    if (embed.url !== undefined && !/^https?:\/\//.test(String(embed.url))) throw API_ERRORS.invalidForm(['embeds', index, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    if (embed.color !== undefined && (!Number.isInteger(embed.color) || (embed.color as number) < 0 || (embed.color as number) > 0xffffff)) {
      throw API_ERRORS.invalidForm(['embeds', index, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
    const fields = (embed.fields ?? []) as Array<Record<string, unknown>>;
    if (fields.length > LIMIT.fields) throw API_ERRORS.invalidForm(['embeds', index, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMIT.fields} or fewer in length.`);
    fields.forEach((field, f) => {
      for (const key of ['name', 'value'] as const) {
        if (typeof field[key] !== 'string' || (field[key] as string).length === 0) {
          throw API_ERRORS.invalidForm(['embeds', index, 'fields', f, key], 'BASE_TYPE_REQUIRED', 'This field is required');
        }
      }
      total += text('name', LIMIT.fieldName, field.name, ['embeds', index, 'fields', f, 'name']);
      total += text('value', LIMIT.fieldValue, field.value, ['embeds', index, 'fields', f, 'value']);
    });
    for (const key of ['image', 'thumbnail'] as const) {
      const media = embed[key] as { url?: unknown } | undefined;
      if (media !== undefined && (typeof media?.url !== 'string' || !/^(https?|attachment):\/\//.test(media.url))) {
        throw API_ERRORS.invalidForm(['embeds', index, key, 'url'], 'URL_TYPE_INVALID_URL', 'Scheme must be one of (\'http\', \'https\', \'attachment\').');
      }
    }
    if (total > LIMIT.total) throw API_ERRORS.invalidForm(['embeds', index], 'BASE_TYPE_MAX_LENGTH', `Embed size exceeds maximum size of ${LIMIT.total}`);
    if (total === 0 && !embed.image && !embed.thumbnail) throw API_ERRORS.invalidForm(['embeds', index, 'description'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  return value;
}

function checkComponents(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw API_ERRORS.invalidForm(['components'], 'LIST_TYPE_CONVERT', 'Must be an array.');
  value.forEach((row: { type?: unknown; components?: unknown }, r) => {
    if (row?.type !== 1 || !Array.isArray(row.components) || row.components.length === 0 || row.components.length > 5) {
      throw API_ERRORS.invalidForm(['components', r], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'An action row holds 1 to 5 buttons.');
    }
    row.components.forEach((button: Record<string, unknown>, b) => {
      const customId = button.custom_id;
      if (button.type !== 2 || typeof customId !== 'string' || customId.length === 0 || customId.length > 100) {
        throw API_ERRORS.invalidForm(['components', r, 'components', b, 'custom_id'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      }
      if (typeof button.label !== 'string' || button.label.length > 80) {
        throw API_ERRORS.invalidForm(['components', r, 'components', b, 'label'], 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
      }
    });
  });
  return value;
}

function checkAllowedMentions(value: unknown): void {
  if (value === undefined || value === null) return;
  const allowed = value as { parse?: unknown; users?: unknown };
  if (allowed.parse !== undefined && (!Array.isArray(allowed.parse) || allowed.parse.some((p) => !PARSE.has(String(p))))) {
    throw API_ERRORS.invalidForm(['allowed_mentions', 'parse'], 'ENUM_TYPE_COERCE', 'Value must be one of {\'users\', \'roles\', \'everyone\'}.');
  }
  if (Array.isArray(allowed.parse) && allowed.parse.includes('users') && Array.isArray(allowed.users) && allowed.users.length > 0) {
    throw API_ERRORS.invalidForm(['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids] are mutually exclusive.');
  }
}

/** The uploaded files, matched to the body's `attachments` by `files[n]` part names. */
function attachedFiles(attachments: unknown, parts: readonly FormPart[]): MessageBody['files'] {
  const files = parts.filter((p) => /^files\[\d+\]$/.test(p.name));
  if (parts.some((p) => !/^files\[\d+\]$/.test(p.name))) throw API_ERRORS.invalidForm(['attachments'], 'BASE_TYPE_BAD_NAME', 'File parts must be named files[n].');
  if (files.some((f) => !f.filename)) throw API_ERRORS.invalidForm(['attachments'], 'BASE_TYPE_REQUIRED', 'Each file needs a filename.');
  if (Array.isArray(attachments)) {
    for (const attachment of attachments as Array<{ id?: unknown }>) {
      if (!files.some((f) => f.name === `files[${String(attachment.id)}]`)) {
        throw API_ERRORS.invalidForm(['attachments'], 'ATTACHMENT_NOT_FOUND', `Attachment ${String(attachment.id)} has no files[${String(attachment.id)}] part.`);
      }
    }
  }
  return files.map((f) => ({ filename: f.filename!, contentType: f.contentType, data: f.data }));
}
