import type { Workspace } from './workspace.ts';

/**
 * What a Slack client sends for what a person typed: `&`, `<` and `>` escaped, `@name` of a member turned into
 * `<@U…>` and `#channel` into `<#C…|name>` (the client's autocomplete does that), bare URLs wrapped in `<…>`.
 */
export function typedBySomeone(workspace: Workspace, typed: string): string {
  const escaped = typed.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return escaped
    .replace(/\bhttps?:\/\/[^\s<>|]+/g, (url) => `<${url}>`)
    .replace(/(^|[\s(])@([a-z0-9._-]+)/g, (whole, before: string, name: string) => {
      const user = workspace.userByName(name);
      return user ? `${before}<@${user.id}>` : whole;
    })
    .replace(/(^|[\s(])#([a-z0-9_-]+)/g, (whole, before: string, name: string) => {
      const channel = workspace.channelByName(name);
      return channel ? `${before}<#${channel.id}|${channel.name}>` : whole;
    });
}

/**
 * What a person sees of a message the app posted: mentions shown as `@name` / `#name`, links as their label,
 * the three escaped characters unescaped. Formatting marks (`*bold*`) are left as they are.
 */
export function seenBySomeone(workspace: Workspace, text: string): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_whole, id: string) => `@${workspace.users.get(id)?.name ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_whole, id: string, label?: string) => `#${label || workspace.channels.get(id)?.name || id}`)
    .replace(/<!(here|channel|everyone)>/g, '@$1')
    .replace(/<([a-z][a-z0-9+.-]*:[^|>]+)(?:\|([^>]*))?>/g, (_whole, url: string, label?: string) => label ?? url)
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
