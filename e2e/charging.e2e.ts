import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, screenshotDir, shot, wcagViolations } from './browser.js';

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
    expect(await page.locator('[data-testid=charging-geojson-link]').getAttribute('href')).toBe('/api/v1/charging/locations.geojson');
    expect(await page.locator('[data-testid=charging-ocpi-link]').getAttribute('href')).toBe('/api/v1/charging/locations.ocpi.json');
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
    expect(await page.locator('[data-testid=charging-geojson-link]').getAttribute('href')).toBe('/api/v1/charging/locations.geojson?state=03');
    const geojson = await page.evaluate(async (href) => (await fetch(href!)).json(), await page.locator('[data-testid=charging-geojson-link]').getAttribute('href'));
    expect(geojson.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['Hotel Cuesta Real']);
    const ocpi = await page.evaluate(async (href) => (await fetch(href!)).json(), await page.locator('[data-testid=charging-ocpi-link]').getAttribute('href'));
    expect(ocpi[0]).toMatchObject({ name: 'Hotel Cuesta Real', country: 'MEX' });
    await shot(page, '11-charging-filtered');
  });

  it('filters by use, and pages the list with the cursor', async () => {
    await page.goto(`${baseUrl}/cargadores`);
    await page.waitForSelector('[data-testid=charging-total] >> text=8');
    // The reference sample does not say which uses its locations serve: none is listed for a use.
    await page.selectOption('[data-testid=charging-filters] select[name=use]', 'heavy_duty');
    await page.waitForSelector('[data-testid=charging-total] >> text=/: 0$/');
    expect(page.url()).toContain('use=heavy_duty');
    expect(await page.locator('[data-testid=charging-ocpi-link]').getAttribute('href')).toBe('/api/v1/charging/locations.ocpi.json?use=heavy_duty');
    await page.selectOption('[data-testid=charging-filters] select[name=use]', '');
    await page.waitForSelector('[data-testid=charging-total] >> text=8');
    // One page of 25 holds the 8 locations: no next page.
    expect(await page.locator('[data-testid=charging-pager] button').nth(1).isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=charging-pager]').innerText()).toContain('Página 1 de 1');
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
    expect(await page.locator('[data-testid=charging-stats-table] tbody tr[data-code]').count()).toBe(8);
    expect(await page.locator('[data-testid=charging-stats-national]').innerText()).toContain('México (total nacional)');
    expect(await row.innerText()).toMatch(/100\s?%/);
    expect(await page.locator('[data-testid=charging-stats-csv-link]').getAttribute('href')).toBe('/api/v1/charging/stats.csv?groupBy=state');
    await shot(page, '13-charging-stats');
    // The choice lives in the URL and the router applies it in a transition, so the radio turns
    // checked a moment after the click: wait for it rather than asserting it at once.
    await page.click('input[name=groupBy][value=municipality]');
    await page.waitForSelector('input[name=groupBy][value=municipality]:checked');
    await page.waitForSelector('[data-testid=charging-stats-table] tbody tr[data-code="24020"]');
    expect(await page.locator('[data-testid=charging-stats-csv-link]').getAttribute('href')).toBe('/api/v1/charging/stats.csv?groupBy=municipality');
  });

  it('shows the standards dashboard, charts with tables, and a choropleth with a legend, each with source and date', async () => {
    await page.goto(`${baseUrl}/cargadores/estadisticas`);
    await page.waitForSelector('[data-testid=standards-na-share]');
    // The 8 reference locations have 25 NACS connectors: all on the North American standard; none declares OCPP.
    expect(await page.locator('[data-testid=standards-na-share]').innerText()).toMatch(/100\s?%/);
    expect(await page.locator('[data-testid=standards-na-share]').innerText()).toContain('25 de 25 conectores');
    expect(await page.locator('[data-testid=standards-ocpp-share]').innerText()).toContain('8 no lo declaran');
    expect(await page.locator('[data-testid=charging-standards-csv-link]').getAttribute('href')).toBe('/api/v1/charging/standards.csv');
    const csv = await page.evaluate(async () => (await fetch('/api/v1/charging/standards.csv')).text());
    expect(csv).toContain('connectors_by_standard,NACS,25,');
    // Each chart has its table; the per-100k chart lists the 8 states with a location… and every state.
    await page.locator('[data-testid=chart-per100k] summary').click();
    expect(await page.locator('[data-testid=chart-per100k-table] tbody tr').count()).toBeGreaterThanOrEqual(8);
    await page.locator('[data-testid=chart-standards] summary').click();
    expect(await page.locator('[data-testid=chart-standards-table]').innerText()).toContain('NACS');
    expect(await page.locator('[data-testid=chart-standards] svg.recharts-surface').count()).toBe(1);
    expect(await page.locator('[data-testid=charging-choropleth] [data-testid=choropleth-legend] li').count()).toBeGreaterThanOrEqual(2);
    // "Fuente" and date under every figure.
    const sources = await page.locator('[data-testid=figure-source]').allInnerTexts();
    expect(sources.length).toBeGreaterThanOrEqual(6);
    for (const text of sources) expect(text).toMatch(/^Fuente: .*Open Charge Map.* · datos al \d/);
    await page.selectOption('[data-testid=charging-choropleth] select[name=metric]', 'northAmericanStandardShare');
    await page.waitForSelector('[data-testid=choropleth-legend] >> text=/100\s?%/');
    await page.waitForSelector('[data-testid=charging-choropleth][data-map-loaded=true]', { timeout: 90_000 });
    await page.screenshot({ path: `${screenshotDir}/14-charging-dashboard-full.png`, fullPage: true });
    await shot(page, '14-charging-dashboard');
  });

  it('the statistics page has no WCAG 2.1 AA violations (axe-core)', async () => {
    // axe is injected as a script: this page is opened with the CSP bypassed, the journey's page is not.
    const axePage = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
    try {
      await axePage.goto(`${baseUrl}/cargadores/estadisticas`);
      await axePage.waitForSelector('[data-testid=standards-na-share]');
      await axePage.waitForSelector('[data-testid=charging-stats-table]');
      await axePage.waitForSelector('[data-testid=charging-choropleth][data-map-loaded=true]', { timeout: 90_000 });
      await axePage.locator('[data-testid=chart-per100k] summary').click();
      expect(await wcagViolations(axePage)).toEqual([]);
    } finally {
      await axePage.close();
    }
  });

  it('is in the main navigation and in English too', async () => {
    await page.goto(baseUrl);
    await page.click('#main-nav >> [data-testid=nav-group-charging]');
    await page.click('#main-nav >> [data-testid=nav-charging]');
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
