// zod's classic API switches on its English messages when it loads; zod/mini and zod's core leave them off, so a
// process that loads only those reads "Invalid input" for every issue whose schema has no message of its own.
// Every module of Banter that builds or runs a zod schema imports this one first.
import { config, globalConfig } from 'zod/v4/core';
import { en } from 'zod/v4/locales';

// A locale the application chose itself (config(fr())) stays.
if (globalConfig.localeError === undefined) config(en());
