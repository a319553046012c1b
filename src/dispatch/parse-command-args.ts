import type { ArgCommandSpec } from '../commands/command-spec.ts';

/** Parsed arguments, or the text to answer instead (usage with the error, or the `--help` output). */
export type ParsedArgs =
  | { readonly ok: true; readonly args: Record<string, unknown> }
  | { readonly ok: false; readonly reply: string };

// Phones and chat clients turn quotes and double dashes into typographic ones; shells would not accept those.
const TYPOGRAPHIC = /[\u201c\u201d\u2018\u2019\u2014]/g;
const PLAIN: Record<string, string> = { '\u201c': '"', '\u201d': '"', '\u2018': "'", '\u2019': "'", '\u2014': '--' };

/**
 * Parse an argument command's text with yargs: quoting like a shell, positionals from the spec's usage,
 * options from its builder, unknown options refused. Never exits the process or prints.
 */
export async function parseCommandArgs(spec: ArgCommandSpec, invokedAs: string, text: string): Promise<ParsedArgs> {
  // Loaded on first use: yargs is a large share of start-up, and many bots have no argument commands.
  const [{ default: yargs }, { parseArgsStringToArgv }] = await Promise.all([import('yargs'), import('string-argv')]);
  let argv: string[];
  try {
    argv = parseArgsStringToArgv(text.replace(TYPOGRAPHIC, (c) => PLAIN[c] ?? c));
  } catch {
    return { ok: false, reply: `Could not read the arguments of ${invokedAs}: check the quotes.` };
  }
  const parser = yargs()
    .scriptName(invokedAs)
    .command(spec.usage ? `$0 ${spec.usage}` : '$0', spec.help, (y) => (spec.configure ? spec.configure(y) : y))
    .exitProcess(false)
    .strict()
    .version(false)
    .help('help')
    .alias('help', 'h')
    .wrap(null);
  let failure: Error | undefined;
  let output = '';
  const parsed = await parser.parseAsync(argv, {}, (err, _argv, out) => {
    failure = err ?? undefined;
    output = out;
  });
  if (failure || parsed['help']) return { ok: false, reply: '```\n' + output.trim() + '\n```' };
  const { _: _rest, $0: _script, ...args } = parsed;
  return { ok: true, args };
}
