/** A console switch typed by the person at the keyboard. */
export type ConsoleSwitch =
  | { readonly kind: 'as'; readonly user: string }
  | { readonly kind: 'in'; readonly room: string }
  | { readonly kind: 'dm' }
  | { readonly kind: 'who' }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'error'; readonly message: string };

/** What the console's switches do, for `/help`. */
export const SWITCH_HELP = [
  '/as @name   speak as another person (an admin only if config.ts lists @name in admins)',
  '/in #room   speak in a room (the bot joins it)',
  '/dm         speak in a direct message to the bot again',
  '/who        show who and where you are',
  '/quit       leave',
].join('\n');

/** Parse a line starting with `/`; anything else is not a switch. */
export function parseSwitch(line: string): ConsoleSwitch | undefined {
  if (!line.startsWith('/')) return undefined;
  const [word, argument = ''] = line.trim().split(/\s+/, 2);
  switch (word) {
    case '/as':
      return /^@?[\w.-]+$/.test(argument) ? { kind: 'as', user: argument.replace(/^@/, '') } : { kind: 'error', message: 'usage: /as @name' };
    case '/in':
      return /^#?[\w.-]+$/.test(argument) ? { kind: 'in', room: argument.startsWith('#') ? argument : `#${argument}` } : { kind: 'error', message: 'usage: /in #room' };
    case '/dm':
      return { kind: 'dm' };
    case '/who':
      return { kind: 'who' };
    case '/help':
      return { kind: 'help' };
    case '/quit':
    case '/exit':
      return { kind: 'quit' };
    default:
      return { kind: 'error', message: `unknown switch ${word}; /help lists them` };
  }
}
