import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot, signIn, wcagViolations } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
  it.each([
    ['home map', '/', '[data-testid=home-map][data-map-loaded=true]'],
    ['state profile', '/estados/19', '[data-testid=state-profile]'],
    ['municipality profile', '/municipios/24059', '[data-testid=municipality-profile]'],
    ['sign in', '/entrar', 'input[name=email]'],
    ['sign up', '/registro', 'input[name=email]'],
    ['charging map and list', '/cargadores', '[data-testid=charging-map][data-map-loaded=true]'],
    ['charging statistics', '/cargadores/estadisticas', '[data-testid=charging-stats] [data-testid=charging-stats-table]'],
    ['charging statistics by municipality', '/cargadores/estadisticas?groupBy=municipality', '[data-testid=charging-stats-table] tr[data-code="24020"]'],
    // skills: the job board, the taxonomy search and a career pathway
    ['job board', '/empleo', '[data-testid=job-total] >> text=/[0-9]/'],
    ['skills taxonomy search', '/habilidades?q=baterias', '[data-testid=taxonomy-results] li'],
    ['career pathway', '/habilidades/trayectorias?from=esco%3A718bba63-75b7-4b3a-9912-e201b729fe4c&to=esco%3A06bd6285-13ed-4ea7-90cc-e9638a0600a9', '[data-testid=pathway-result]'],
    // skills: industry demand, training catalogue, curriculum gaps, job fairs, inclusion indicators
    ['industry demand', '/habilidades/demanda', '[data-testid=demand-map][data-map-loaded=true]'],
    ['training catalogue', '/habilidades/cursos', '[data-testid=course-total]'],
    ['curriculum gaps', '/habilidades/brechas', '[data-testid=gaps-method]'],
    ['job fairs', '/empleo/ferias', '[data-testid=fairs-page] h1'],
    ['inclusion indicators', '/empleo/inclusion', '[data-testid=inclusion-method]'],
  ])('%s has no violations', async (_name, url, ready) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(`${baseUrl}${url}`);
    await page.waitForSelector(ready, { timeout: 90_000 });
    expect(await wcagViolations(page)).toEqual([]);
    await page.close();
  });

  it('a charging location page has no violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const found = (await (await fetch(`${baseUrl}/api/v1/charging/locations?q=cuesta`)).json()) as { items: Array<{ id: string }> };
    expect(found.items).toHaveLength(1);
    await page.goto(`${baseUrl}/cargadores/${found.items[0]!.id}`);
    await page.waitForSelector('[data-testid=charging-location] [data-testid=charging-connectors]');
    expect(await wcagViolations(page)).toEqual([]);
    await page.close();
  });

  it('the import and admin pages have no violations', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await signIn(page);
    for (const [url, ready] of [['/importaciones', '[data-testid=import-form]'], ['/admin', '[data-testid=admin-users]'], ['/cuenta', 'main h1']] as const) {
      await page.goto(`${baseUrl}${url}`);
      await page.waitForSelector(ready).catch(async (error) => {
        await shot(page, `failed-${url.slice(1)}`);
        throw error;
      });
      expect(await wcagViolations(page), url).toEqual([]);
    }
    await page.close();
  });

  it('is usable with the keyboard: skip to the search, type, and reach a result', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid=home-map][data-map-loaded=true]', { timeout: 90_000 });
    let focusedSearch = false;
    for (let i = 0; i < 15 && !focusedSearch; i++) {
      await page.keyboard.press('Tab');
      focusedSearch = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'search-input');
    }
    expect(focusedSearch).toBe(true);
    await page.keyboard.type('merida');
    await page.waitForSelector('[data-testid=search-results] >> text=Mérida');
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const url of ['/', '/estados/22', '/entrar', '/cargadores', '/cargadores/estadisticas']) {
      await page.goto(`${baseUrl}${url}`);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, url).toBeLessThanOrEqual(0);
    }
    await shot(page, '08-phone-state-profile');
    await page.close();
  });
});
