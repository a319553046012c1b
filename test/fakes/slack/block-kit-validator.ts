import { SlackMethodError } from './method-context.ts';

/**
 * Block Kit as Slack checks it when a message is posted: known block types, required fields and the documented
 * length limits (50 blocks, header 150, section text 3000, 10 fields of 2000, 25 action elements, button text 75…).
 * A violation is answered like Slack does: `invalid_blocks` with a JSON pointer to the offending field.
 */
export function validateBlocks(blocks: unknown, where = '/blocks'): void {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) {
    throw new SlackMethodError('invalid_blocks_format', { response_metadata: { messages: ['[ERROR] blocks must be an array'] } });
  }
  if (blocks.length > 50) problems.push(`no more than 50 items allowed [json-pointer:${where}]`);
  blocks.forEach((block, i) => checkBlock(block, `${where}/${i}`, problems));
  if (problems.length > 0) {
    throw new SlackMethodError('invalid_blocks', { errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBlock(block: unknown, at: string, problems: string[]): void {
  if (!isObject(block)) {
    problems.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > 255)) {
    problems.push(`must be a string of at most 255 characters [json-pointer:${at}/block_id]`);
  }
  switch (block.type) {
    case 'header':
      checkText(block.text, `${at}/text`, problems, { max: 150, plainOnly: true, required: true });
      return;
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.push(`must provide either text or fields [json-pointer:${at}]`);
      if (block.text !== undefined) checkText(block.text, `${at}/text`, problems, { max: 3000, required: true });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0) problems.push(`must be a non-empty array [json-pointer:${at}/fields]`);
        else {
          if (block.fields.length > 10) problems.push(`no more than 10 items allowed [json-pointer:${at}/fields]`);
          block.fields.forEach((field, i) => checkText(field, `${at}/fields/${i}`, problems, { max: 2000, required: true }));
        }
      }
      if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, problems);
      return;
    }
    case 'divider':
      return;
    case 'image':
      checkUrl(block.image_url, `${at}/image_url`, problems);
      checkString(block.alt_text, `${at}/alt_text`, problems, 2000);
      if (block.title !== undefined) checkText(block.title, `${at}/title`, problems, { max: 2000, plainOnly: true, required: true });
      return;
    case 'actions': {
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        problems.push(`must be a non-empty array [json-pointer:${at}/elements]`);
        return;
      }
      if (block.elements.length > 25) problems.push(`no more than 25 items allowed [json-pointer:${at}/elements]`);
      const ids = new Set<unknown>();
      block.elements.forEach((element, i) => {
        checkElement(element, `${at}/elements/${i}`, problems);
        if (isObject(element) && element.action_id !== undefined) {
          if (ids.has(element.action_id)) problems.push(`action_id must be unique within the block [json-pointer:${at}/elements/${i}/action_id]`);
          ids.add(element.action_id);
        }
      });
      return;
    }
    case 'context': {
      if (!Array.isArray(block.elements) || block.elements.length === 0) {
        problems.push(`must be a non-empty array [json-pointer:${at}/elements]`);
        return;
      }
      if (block.elements.length > 10) problems.push(`no more than 10 items allowed [json-pointer:${at}/elements]`);
      block.elements.forEach((element, i) => {
        if (isObject(element) && element.type === 'image') checkElement(element, `${at}/elements/${i}`, problems);
        else checkText(element, `${at}/elements/${i}`, problems, { max: 3000, required: true });
      });
      return;
    }
    case 'markdown':
      checkString(block.text, `${at}/text`, problems, 12_000);
      return;
    case 'rich_text':
      if (!Array.isArray(block.elements)) problems.push(`must be an array [json-pointer:${at}/elements]`);
      return;
    default:
      problems.push(`unsupported type: ${String(block.type)} [json-pointer:${at}/type]`);
  }
}

function checkElement(element: unknown, at: string, problems: string[]): void {
  if (!isObject(element)) {
    problems.push(`must be an object [json-pointer:${at}]`);
    return;
  }
  if (element.type === 'button') {
    checkText(element.text, `${at}/text`, problems, { max: 75, plainOnly: true, required: true });
    if (element.action_id !== undefined) checkString(element.action_id, `${at}/action_id`, problems, 255);
    if (element.value !== undefined) checkString(element.value, `${at}/value`, problems, 2000);
    if (element.url !== undefined) checkUrl(element.url, `${at}/url`, problems);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      problems.push(`must be one of primary, danger [json-pointer:${at}/style]`);
    }
    return;
  }
  if (element.type === 'image') {
    checkUrl(element.image_url, `${at}/image_url`, problems);
    checkString(element.alt_text, `${at}/alt_text`, problems, 2000);
    return;
  }
  problems.push(`unsupported element type: ${String(element.type)} [json-pointer:${at}/type]`);
}

function checkText(text: unknown, at: string, problems: string[], rules: { max: number; plainOnly?: boolean; required?: boolean }): void {
  if (!isObject(text)) {
    problems.push(`must be a text object [json-pointer:${at}]`);
    return;
  }
  if (text.type !== 'plain_text' && (rules.plainOnly || text.type !== 'mrkdwn')) {
    problems.push(`must be ${rules.plainOnly ? 'plain_text' : 'plain_text or mrkdwn'} [json-pointer:${at}/type]`);
  }
  checkString(text.text, `${at}/text`, problems, rules.max);
}

function checkString(value: unknown, at: string, problems: string[], max: number): void {
  if (typeof value !== 'string' || value.length === 0) problems.push(`must be a non-empty string [json-pointer:${at}]`);
  else if (value.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${at}]`);
}

function checkUrl(value: unknown, at: string, problems: string[]): void {
  checkString(value, at, problems, 3000);
  if (typeof value === 'string' && !/^https?:\/\//.test(value)) problems.push(`must be an http(s) URL [json-pointer:${at}]`);
}
