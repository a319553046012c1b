// A child process for storage/durability.test.ts: opens the store a URL names and writes k0, k1, k2 ... one
// at a time, printing `i` on stdout only after the store acknowledged k<i>. The test SIGKILLs it (or the
// server) mid-stream, then checks that every printed key is stored. Run from the repo root:
//   node --import tsx/esm test/support/durability-writer.ts <url> <namespace>
import { createStorageProvider } from '../../storage/index.ts';

const [url, namespace = 'durability'] = process.argv.slice(2);
if (!url) {
  console.error('usage: durability-writer.ts <storage url> [namespace]');
  process.exit(2);
}
const RUN_FOR_MS = 60_000; // bounded even if nobody kills it

process.stdout.on('error', () => process.exit(0)); // EPIPE: the test has gone

const provider = await createStorageProvider(url);
const store = await provider.open(namespace);
const until = Date.now() + RUN_FOR_MS;
for (let i = 0; Date.now() < until; i++) {
  await store.set(`k${i}`, { i });
  process.stdout.write(`${i}\n`); // synchronous for a pipe on Linux: printed means handed to the test
}
await provider.close();
