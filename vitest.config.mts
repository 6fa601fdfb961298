import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = Object.fromEntries(
  ['config', 'db', 'domain', 'events', 'access', 'queue', 'webhooks', 'observability', 'feeds'].map((name) => [
    `@app/${name}`,
    path.resolve(import.meta.dirname, `libs/${name}/src`),
  ]),
);

// SWC compiles the TypeScript so Nest's decorator metadata is emitted as tsc would.
const plugins = [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'prisma/**/*.spec.ts'],
          exclude: ['apps/admin/**', 'node_modules/**'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The admin UI's logic (dates at precision, diffs, filter builder, problem mapping), in a DOM.
        test: {
          name: 'admin',
          include: ['apps/admin/src/**/*.spec.{ts,tsx}'],
          environment: 'happy-dom',
          sequence: { groupOrder: 2 },
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // expect.poll waits on a browser or a worker; its 1 s default is too short on a slow, busy 2-core machine.
          expect: { poll: { timeout: 15_000 } },
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
