// npm `pretest`: makes sure the Debian packages behind the tests' real servers are installed, installing the
// missing ones with apt-get when running as root. A fast no-op when everything is present. Prints one line.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each package and the files the test fixtures run from it. */
const REQUIRED = [
  { name: 'redis-server', files: ['/usr/bin/redis-server'] },
  {
    name: 'postgresql-15',
    files: ['/usr/lib/postgresql/15/bin/postgres', '/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/15/bin/pg_isready'],
  },
  { name: 'ngircd', files: ['/usr/sbin/ngircd'] },
  { name: 'prosody', files: ['/usr/bin/prosody', '/usr/bin/prosodyctl'] },
  // The IRC and XMPP TLS tests make throwaway certificates with it.
  { name: 'openssl', files: ['/usr/bin/openssl'] },
];
const APT_TIMEOUT_MS = 15 * 60_000;

const missing = () => REQUIRED.filter((p) => !p.files.every((f) => existsSync(f))).map((p) => p.name);

function fail(message) {
  console.error(`ensure-system-packages: ${message}`);
  process.exit(1);
}

function apt(args) {
  const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: APT_TIMEOUT_MS,
  });
  if (result.error || result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(`"apt-get ${args.join(' ')}" failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
}

const wanted = missing();
const all = REQUIRED.map((p) => p.name).join(', ');
if (wanted.length === 0) {
  console.log(`ensure-system-packages: all present (${all}), nothing to do`);
  process.exit(0);
}
const command = `apt-get install -y --no-install-recommends ${wanted.join(' ')}`;
if (!existsSync('/usr/bin/apt-get')) fail(`missing ${wanted.join(', ')} and this is not a Debian-like system; install them yourself`);
if (process.getuid?.() !== 0) fail(`missing ${wanted.join(', ')}; as root, run: ${command}`);

const started = Date.now();
apt(['update']);
apt(['install', '-y', '--no-install-recommends', ...wanted]);
const still = missing();
if (still.length > 0) fail(`apt-get installed ${wanted.join(', ')} but files of ${still.join(', ')} are still missing`);
console.log(`ensure-system-packages: installed ${wanted.join(', ')} with apt-get in ${((Date.now() - started) / 1000).toFixed(1)} s`);
