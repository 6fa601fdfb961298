import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the admin UI into dist/admin (the api serves it from there). */
export function buildAdminUi(): void {
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
