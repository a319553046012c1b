/** Exit codes of the `banter` command, as a shell user expects them. */
export const EXIT = {
  ok: 0,
  /** The bot or the command failed at run time. */
  failure: 1,
  /** Bad usage or a bad configuration: fix the command line or config.ts. */
  usage: 2,
} as const;
