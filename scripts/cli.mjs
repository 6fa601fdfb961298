// `npm run cli -- <command>`: the command line of dist/ (run `npm run build` first), with the settings of .env, as
// `npm start` has them.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadEnvFile } from './env-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
loadEnvFile(path.join(root, '.env'));
await import('../dist/apps/api/apps/api/src/cli.js');
