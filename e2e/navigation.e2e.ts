import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, baseUrl, launch, shot, signIn, wcagViolations } from './browser.js';

/** Every part of the header on the brand's row, inside the dark header, and no sideways scrolling. */
async function headerLayout(page: Page) {
  return page.evaluate(() => {
    const rect = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const header = rect('.site-header');
    const brand = rect('.brand');
    const parts = ['.main-nav__list', '.main-nav__account', '.lang-switch'].map((selector) => ({ selector, box: rect(selector) }));
    return {
      outside: parts.filter(({ box }) => box.bottom > header.bottom || box.right > header.right).map((p) => p.selector),
      offTheBrandRow: parts.filter(({ box }) => box.top >= brand.bottom).map((p) => p.selector),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

/** Signs in, then loads the account page afresh: the sign-in's own client-side redirect would otherwise close menus and move focus mid-test. */
async function signedIn(page: Page) {
  await signIn(page);
  await page.goto(`${baseUrl}/cuenta`);
  await page.waitForSelector('main h1');
}

const expanded = (page: Page, testId: string) => page.getAttribute(`[data-testid=${testId}]`, 'aria-expanded');
const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the site header', () => {
  it('fits one row at 1280 px for a visitor, in both languages', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true });
    await page.goto(`${baseUrl}/cargadores/estadisticas`);
    await page.waitForSelector('[data-testid=sign-in-link]');
    expect(await headerLayout(page)).toEqual({ outside: [], offTheBrandRow: [], overflow: 0 });
    expect(await page.getAttribute('[data-testid=nav-group-charging]', 'class')).toContain('main-nav__section-button--current');
    await page.click('[data-testid=nav-group-charging]');
    expect(await page.locator('[data-testid=nav-uptime]').isVisible()).toBe(true);
    expect(await page.getAttribute('[data-testid=nav-charging-stats]', 'aria-current')).toBe('page');
    await shot(page, '70-header-visitor-1280');
    expect(await wcagViolations(page)).toEqual([]);
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await headerLayout(page)).toEqual({ outside: [], offTheBrandRow: [], overflow: 0 });
    await page.click('[data-testid=lang-es-MX]');
    await page.close();
  });

  it('fits one row at 1280 px for an admin, with every section, and opens uptime from the menu', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-MX', bypassCSP: true });
    await signedIn(page);
    expect(await headerLayout(page)).toEqual({ outside: [], offTheBrandRow: [], overflow: 0 });
    for (const [group, links] of [
      ['nav-group-charging', ['nav-charging', 'nav-charging-stats', 'nav-uptime', 'nav-register-charger', 'nav-my-chargers']],
      ['nav-group-operations', ['nav-live-national', 'nav-maintenance', 'nav-charge-points']],
      ['nav-group-admin', ['nav-imports', 'nav-duplicates', 'nav-admin']],
    ] as const) {
      await page.click(`[data-testid=${group}]`);
      for (const link of links) expect(await page.locator(`[data-testid=${link}]`).isVisible(), link).toBe(true);
    }
    // One section open at a time.
    expect(await expanded(page, 'nav-group-charging')).toBe('false');
    expect(await expanded(page, 'nav-group-admin')).toBe('true');
    await shot(page, '71-header-admin-1280');
    expect(await wcagViolations(page)).toEqual([]);

    await page.click('[data-testid=nav-group-charging]');
    await page.click('[data-testid=nav-uptime]');
    await page.waitForURL(/\/disponibilidad$/);
    await page.waitForSelector('[data-testid=nav-group-charging][aria-expanded=false]');
    expect(await page.locator('[data-testid=nav-uptime]').isVisible()).toBe(false);

    // A press outside closes the open section.
    await page.click('[data-testid=nav-group-operations]');
    await page.mouse.click(640, 600);
    expect(await expanded(page, 'nav-group-operations')).toBe('false');
    await page.close();
  });

  it('works from the keyboard: Enter opens, Tab reaches the links, Escape closes and returns focus', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
    await signedIn(page);
    await page.focus('[data-testid=nav-group-operations]');
    await page.keyboard.press('Enter');
    expect(await expanded(page, 'nav-group-operations')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('nav-live-national');
    await page.keyboard.press('Escape');
    expect(await expanded(page, 'nav-group-operations')).toBe('false');
    expect(await focusedTestId(page)).toBe('nav-group-operations');

    // Tabbing on past the last link closes the section.
    await page.keyboard.press('Enter');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('nav-group-admin');
    expect(await expanded(page, 'nav-group-operations')).toBe('false');

    // Enter on a link navigates and closes the section.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedTestId(page)).toBe('nav-imports');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/importaciones$/);
    await page.waitForSelector('[data-testid=nav-group-admin][aria-expanded=false]');
    await page.close();
  });

  for (const who of ['visitor', 'admin'] as const) {
    it(`on a 390 px phone, shows the navigation behind a menu button (${who})`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-MX', bypassCSP: true });
      if (who === 'admin') {
        // The sign-in helper waits for the account link, which a phone shows only in the menu.
        const signedIn = await page.request.post(`${baseUrl}/api/v1/auth/sign-in`, { data: { email: admin.email, password: admin.password } });
        expect(signedIn.status()).toBe(200);
      }
      await page.goto(baseUrl);
      await page.waitForSelector(who === 'admin' ? '[data-testid=account-link]' : '[data-testid=sign-in-link]', { state: 'attached' });
      expect(await page.locator('#main-nav').isVisible()).toBe(false);
      await shot(page, `72-header-${who}-390-closed`);
      await page.click('[data-testid=menu-toggle]');
      expect(await expanded(page, 'menu-toggle')).toBe('true');
      await page.click('[data-testid=nav-group-charging]');
      expect(await page.locator('[data-testid=nav-uptime]').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await shot(page, `73-header-${who}-390-open`);
      expect(await wcagViolations(page)).toEqual([]);
      // Escape closes the section first, then the menu, handing focus back each time.
      await page.keyboard.press('Escape');
      expect(await focusedTestId(page)).toBe('nav-group-charging');
      await page.keyboard.press('Escape');
      expect(await expanded(page, 'menu-toggle')).toBe('false');
      expect(await focusedTestId(page)).toBe('menu-toggle');
      // Following a link closes the menu.
      await page.click('[data-testid=menu-toggle]');
      await page.click('[data-testid=nav-group-charging]');
      await page.click('[data-testid=nav-charging-stats]');
      await page.waitForURL(/\/cargadores\/estadisticas$/);
      await page.waitForSelector('#main-nav', { state: 'hidden' });
      await page.close();
    });
  }
});
