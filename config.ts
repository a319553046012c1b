import { defineConfig } from 'banter';

// The bot's configuration. `npm start` runs it: the console backend, storage in ./data/banter.sqlite,
// no credentials needed. docs/configuration.md describes every field.
export default defineConfig({
  name: 'banter',
  backend: 'text',
  backends: {
    text: { user: '@me' },
  },
  prefix: '!',
  // Identities (aclattr) allowed to run admin commands. On the console, `/as @admin` speaks as this person.
  admins: ['@admin'],
  plugins: {
    builtins: true,
    dirs: [],
  },
  storage: { url: 'sqlite://./data/banter.sqlite' },
  log: { level: 'warn' },
});
