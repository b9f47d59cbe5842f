import { chromium, type Browser, type Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const baseUrl = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
export const admin = { email: process.env.E2E_ADMIN_EMAIL ?? 'admin@example.mx', password: process.env.E2E_ADMIN_PASSWORD ?? 'caballo correcto batería' };
export const screenshotDir = path.resolve(process.env.E2E_SCREENSHOTS ?? '.tmp/e2e');

/** Debian's Chromium, headless, with no network beyond this machine. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: false });
}

export async function signIn(page: Page) {
  await page.goto(`${baseUrl}/entrar`);
  await page.fill('input[name=email]', admin.email);
  await page.fill('input[name=password]', admin.password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=account-link]');
}
