import { chromium, type Browser, type Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

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

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA violations found by axe-core on the page as rendered, one line each. */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  })) as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** Creates an account through the sign-up page. On a phone the account link sits in the closed menu: present, not visible. */
export async function signUp(page: Page, who: { email: string; name: string }, password: string) {
  await page.goto(`${baseUrl}/registro`);
  await page.fill('input[name=displayName]', who.name);
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=account-link]', { state: 'attached' });
}

/** How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Types into a taxonomy picker (within `scope`, a selector, when given) and chooses the option with this id. */
export async function pick(page: Page, name: string, text: string, id: string, scope = '') {
  const picker = page.locator(`${scope} [data-testid="picker-${name}"]`.trim());
  await picker.locator('input').fill(text);
  const option = picker.locator(`[role=option][data-id="${id}"]`);
  await option.waitFor();
  await option.dispatchEvent('mousedown');
}
