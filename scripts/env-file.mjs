// Settings from the project's .env (KEY=value lines, # comments), for `npm start`, `npm run cli`, `db:migrate` and
// `db:seed`: each applies unless the environment already has it.
import { existsSync, readFileSync } from 'node:fs';

export function loadEnvFile(envFile) {
  if (!existsSync(envFile)) return;
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}
