#!/usr/bin/env node
// tsx compiles the bot project's TypeScript (config.ts, plugin folders) on the fly, so a bot project needs no
// build step. Banter itself runs from its sources in a checkout of the repository, and from the compiled
// dist/ in an installed package, which ships no src/ (tsx would not apply the decorator settings to
// TypeScript under node_modules).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const source = new URL('../src/cli/main.ts', import.meta.url);
const { main } = existsSync(fileURLToPath(source)) ? await import(source.href) : await import('../dist/src/cli/main.js');
const code = await main(process.argv.slice(2));
// Exit explicitly: a plugin's forgotten timer must not keep a stopped bot alive. Logs are written
// synchronously, so nothing is lost.
process.exit(code);
