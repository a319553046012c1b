#!/usr/bin/env node
// The CLI and the user's config.ts are TypeScript: tsx compiles them on the fly, so a bot project
// needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: a plugin's forgotten timer must not keep a stopped bot alive. Logs are written
// synchronously, so nothing is lost.
process.exit(code);
