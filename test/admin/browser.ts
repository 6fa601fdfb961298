import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ADMIN_SOURCES = [path.join(ROOT, 'apps/admin'), path.join(ROOT, 'package-lock.json')];
const BUILT = path.join(ROOT, 'dist/admin/index.html');
const LOCK = path.join(ROOT, 'dist/.admin-build.lock');

/** The newest modification time of a file or of any file below a directory. */
function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the admin UI into dist/admin (the api serves it from there) unless the build is newer than its
 * sources. Test files run in parallel processes: a lock directory lets one build while the others wait,
 * and they then find the build fresh (two builds at once would empty each other's output).
 */
export function buildAdminUi(): void {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock left by a killed run is stale after a few minutes.
      if (Date.now() - statSync(LOCK).mtimeMs > 170_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK}`);
      sleep(250);
    }
  }
  try {
    const fresh = existsSync(BUILT) && statSync(BUILT).mtimeMs > Math.max(...ADMIN_SOURCES.map(newestMtime));
    if (fresh) return;
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/admin/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
        // NODE_ENV is 'test' under vitest: the UI must still be built as production (React's production build).
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      },
    );
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface AdminBrowser {
  context: BrowserContext;
  page: Page;
  /** Console errors, less the failed requests the tests provoke on purpose (a wrong key's 401, a refused publish's 400, a stale save's 412). */
  consoleErrors(): string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile (a new --user-data-dir) and no background networking (the machine has no network). */
export async function openBrowser(baseUrl: string): Promise<AdminBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(path.join(tmpdir(), 'tt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    consoleErrors: () => errors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|409|412)/.test(e)),
    screenshot: async (name) => {
      // Let MUI's transitions (dialogs fade in) and debounced fetches settle before the picture.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login page. */
export async function signIn(page: Page, key: string): Promise<void> {
  await page.goto('/admin/');
  // The first load in a cold browser parses ~1 MB of script on a small machine: allow it time.
  await page.getByLabel('API key').waitFor({ timeout: 30_000 });
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
