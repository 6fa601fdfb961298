// `npm start`: install what is missing, build, migrate, seed, then run api + worker and supervise both.
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadEnvFile } from './env-file.mjs';
import { GC_FLAGS, withHeapLimits } from './node-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

// Settings from .env (KEY=value lines) unless the environment already has them. On first start,
// an admin key is generated into .env so a new user can write right away.
const envFile = path.join(root, '.env');
if (!process.env.ADMIN_API_KEY && !existsSync(envFile)) {
  writeFileSync(
    envFile,
    [
      '# Local settings for npm start (not committed).',
      `ADMIN_API_KEY=tt_admin_${randomBytes(24).toString('base64url')}`,
      '# Local development: let webhooks reach receivers on this machine. Remove this line in production.',
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS=true',
      '# Webhook secrets are stored sealed with this key: keep it, or every sealed secret must be rotated.',
      `WEBHOOK_SECRETS_KEY=${randomBytes(32).toString('base64')}`,
      '',
    ].join('\n'),
  );
  console.log('Generated an admin API key in .env (ADMIN_API_KEY).');
}
loadEnvFile(envFile);

run('node scripts/ensure-install.mjs');
run('npm run build');
run('node scripts/migrate.mjs');
run('npm run --silent db:seed');

const children = [
  ['api', 'dist/apps/api/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/apps/worker/src/main.js'],
].map(([name, entry]) => {
  const child = spawn(process.execPath, [...GC_FLAGS, entry], { cwd: root, stdio: 'inherit', env: withHeapLimits() });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} exited (${signal ?? code}); stopping the other process`);
    shutdown(code || 1);
  });
  return child;
});

if (process.env.ADMIN_API_KEY)
  console.log(`Admin API key: ${process.env.ADMIN_API_KEY} (from ${existsSync(envFile) ? '.env' : 'the environment'})`);

let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => process.exit(code), 20_000);
  timer.unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
