import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot } from './browser.js';

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('the charging census', () => {
  it('shows the reference locations on the map and in the list', async () => {
    await page.goto(`${baseUrl}/cargadores`);
    await page.waitForSelector('[data-testid=charging-map][data-map-loaded=true]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=charging-total] >> text=8');
    expect(await page.locator('[data-testid=charging-list] tbody tr').count()).toBe(8);
    // Every location is on the map, in clusters or on its own.
    const onMap = await page.evaluate(() => {
      const map = (window as unknown as { __electrificaChargingMap: { querySourceFeatures(s: string): Array<{ properties: { count: number; cluster: boolean; id?: string; clusterId?: number } }> } }).__electrificaChargingMap;
      const seen = new Map<string, number>();
      for (const f of map.querySourceFeatures('charging-locations')) seen.set(f.properties.cluster ? `c${f.properties.clusterId}` : `p${f.properties.id}`, f.properties.count);
      return [...seen.values()].reduce((a, b) => a + b, 0);
    });
    expect(onMap).toBe(8);
    expect(await page.locator('[data-testid=charging-view-summary]').innerText()).toContain('8');
    expect(await page.locator('main').innerText()).toContain('Datos: Open Charge Map (CC BY-SA 4.0)');
    expect(await page.locator('[data-testid=charging-csv-link]').getAttribute('href')).toBe('/api/v1/charging/locations.csv');
    await page.locator('[data-testid=charging-map]').scrollIntoViewIfNeeded();
    await shot(page, '10-charging-map');
  });

  it('filters by state, on the list, the map and the CSV link', async () => {
    await page.selectOption('[data-testid=charging-filters] select[name=state]', { label: 'Baja California Sur' });
    await page.waitForSelector('[data-testid=charging-total] >> text=/: 1$/');
    expect(await page.locator('[data-testid=charging-list] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=charging-list]').innerText()).toContain('Hotel Cuesta Real');
    expect(await page.locator('[data-testid=charging-csv-link]').getAttribute('href')).toBe('/api/v1/charging/locations.csv?state=03');
    expect(page.url()).toContain('state=03');
    await page.waitForSelector('[data-testid=charging-view-list] >> text=Hotel Cuesta Real');
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), await page.locator('[data-testid=charging-csv-link]').getAttribute('href'));
    expect(csv.trim().split('\n')).toHaveLength(2);
    await shot(page, '11-charging-filtered');
  });

  it('opens a location with its connectors, source and licence', async () => {
    await page.click('[data-testid=charging-list] >> text=Hotel Cuesta Real');
    await page.waitForSelector('[data-testid=charging-location]');
    const text = await page.locator('[data-testid=charging-location]').innerText();
    expect(await page.locator('h1').innerText()).toBe('Hotel Cuesta Real');
    expect(text).toContain('Baja California Sur');
    expect(text).toContain('Mulegé');
    expect(text).toContain('CC BY-SA 4.0');
    expect(await page.locator('[data-testid=charging-connectors] tbody tr[data-standard=NACS]').count()).toBe(2);
    expect(await page.locator('[data-testid=charging-connectors]').innerText()).toContain('NACS');
    expect(await page.locator('a[href="/municipios/03002"]').count()).toBe(1);
    await shot(page, '12-charging-location');
  });

  it('tells when a location does not exist', async () => {
    await page.goto(`${baseUrl}/cargadores/00000000-0000-4000-8000-000000000000`);
    await page.waitForSelector('main [role=alert] >> text=No se encontró la ubicación de carga.');
  });

  it('shows the baseline statistics by state and by municipality', async () => {
    await page.goto(`${baseUrl}/cargadores/estadisticas`);
    await page.waitForSelector('[data-testid=charging-stats] [data-testid=charging-stats-table]');
    const row = page.locator('[data-testid=charging-stats-table] tbody tr[data-code="24"]');
    expect(await row.innerText()).toContain('San Luis Potosí');
    expect(await page.locator('[data-testid=charging-stats-table] tbody tr').count()).toBe(8);
    expect(await row.innerText()).toMatch(/100\s?%/);
    expect(await page.locator('[data-testid=charging-stats-csv-link]').getAttribute('href')).toBe('/api/v1/charging/stats.csv?groupBy=state');
    await shot(page, '13-charging-stats');
    await page.check('input[name=groupBy][value=municipality]');
    await page.waitForSelector('[data-testid=charging-stats-table] tbody tr[data-code="24020"]');
    expect(await page.locator('[data-testid=charging-stats-csv-link]').getAttribute('href')).toBe('/api/v1/charging/stats.csv?groupBy=municipality');
  });

  it('is in the main navigation and in English too', async () => {
    await page.goto(baseUrl);
    await page.click('#main-nav >> text=Cargadores');
    await page.waitForSelector('[data-testid=charging-map]');
    await page.click('[data-testid=lang-en]');
    await page.waitForSelector('[data-testid=charging-filters] >> text=Connector standard');
    expect(await page.locator('main').innerText()).toContain('Data: Open Charge Map (CC BY-SA 4.0)');
    await page.click('[data-testid=lang-es-MX]');
    await page.waitForFunction(() => document.documentElement.lang === 'es-MX');
  });

  it('raised no page errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
