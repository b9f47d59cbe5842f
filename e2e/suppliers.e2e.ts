import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot, signIn, wcagViolations } from './browser.js';

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  // CSP bypassed so axe-core can be injected.
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

/** The number in "Plantas encontradas: 1,234". */
async function total(target: Page): Promise<number> {
  const text = await target.locator('[data-testid=supplier-total]').innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

describe('the supplier directory', () => {
  // Altos Hornos de México (Monclova, Coahuila) files the RETC: a real plant of the reference data.
  it('finds a real RETC plant by name, without accents, and opens its page', async () => {
    await page.goto(`${baseUrl}/proveedores`);
    await page.waitForSelector('[data-testid=supplier-total] >> text=/[0-9]/');
    expect(await total(page)).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=supplier-facets] details[data-facet=state] input[type=checkbox]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=supplier-figure-source]').innerText()).toContain('RETC');
    await shot(page, '60-suppliers-directory');

    await page.fill('[data-testid=supplier-search] input[name=q]', 'altos hornos mexico');
    await page.waitForURL(/q=altos/);
    await page.waitForSelector('[data-testid=supplier-results] >> text=/ALTOS HORNOS/i');
    expect(await page.locator('[data-testid=supplier-csv-link]').getAttribute('href')).toBe('/api/v1/suppliers/establishments.csv?q=altos+hornos+mexico');
    await page.locator('[data-testid=supplier-results] h3 a', { hasText: /ALTOS HORNOS/i }).first().click();
    await page.waitForSelector('[data-testid=supplier-establishment] h1');
    expect(await page.locator('h1').innerText()).toMatch(/ALTOS HORNOS/i);
    expect(await page.locator('[data-testid=supplier-state]').innerText()).toBe('Coahuila de Zaragoza');
    expect(await page.locator('[data-testid=supplier-scian]').innerText()).toMatch(/^33/);
    expect(await page.locator('[data-testid=supplier-provenance] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=supplier-sources]').innerText()).toContain('RETC');
    // No contact without sign-in; the claim area is there.
    expect(await page.locator('[data-testid=supplier-contact]').count()).toBe(0);
    await page.waitForSelector('[data-testid=claim-slot]');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '61-supplier-establishment');
    await page.locator('[data-testid=supplier-provenance]').scrollIntoViewIfNeeded();
    await shot(page, '61b-supplier-provenance');
    // The company page lists its plants, this one among them.
    await page.locator('.lead a').first().click();
    await page.waitForSelector('[data-testid=company-plants] li');
    expect(await page.locator('[data-testid=company-plants]').innerText()).toMatch(/ALTOS HORNOS/i);
  });

  it('filters by state with the facet, in the address bar, the list and the exports', async () => {
    await page.goto(`${baseUrl}/proveedores`);
    await page.waitForSelector('[data-testid=supplier-total] >> text=/[0-9]/');
    const all = await total(page);
    const coahuila = page.locator('[data-testid=supplier-facets] details[data-facet=state] label', { hasText: 'Coahuila' });
    const count = Number((await coahuila.locator('.supplier-facet__count').innerText()).replace(/[^0-9]/g, ''));
    await coahuila.locator('input').click();
    await page.waitForURL(/state=05/);
    await page.waitForFunction((n) => document.querySelector('[data-testid=supplier-total]')?.textContent?.replace(/[^0-9]/g, '') === String(n), count);
    expect(count).toBeLessThan(all);
    const places = await page.locator('[data-testid=supplier-results] li.supplier-result').allInnerTexts();
    expect(places.length).toBeGreaterThan(0);
    for (const text of places) expect(text).toContain('Coahuila');
    expect(await page.locator('[data-testid=supplier-csv-link]').getAttribute('href')).toBe('/api/v1/suppliers/establishments.csv?state=05');
    const csvTotal = await page.evaluate(async (href) => (await fetch(href!)).headers.get('x-total-count'), await page.locator('[data-testid=supplier-csv-link]').getAttribute('href'));
    expect(Number(csvTotal)).toBe(count);
    const geojson = await page.evaluate(async (href) => (await fetch(href!)).json(), await page.locator('[data-testid=supplier-geojson-link]').getAttribute('href'));
    expect(geojson.features).toHaveLength(count);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '62-suppliers-filtered');

    // The same filters on the clustered map.
    // The address bar drives the view: click, then wait for it (the radio follows the URL).
    await page.locator('input[name=view][value=map]').click();
    await page.waitForURL(/view=map/);
    await page.waitForSelector('[data-testid=suppliers-map][data-map-loaded=true]', { timeout: 90_000 });
    expect(page.url()).toContain('view=map');
    await page.waitForSelector('[data-testid=suppliers-view-summary] >> text=/[0-9]/');
    const onMap = await page.evaluate(() => {
      const map = (window as unknown as { __electrificaSuppliersMap: { querySourceFeatures(s: string): Array<{ properties: { count: number; cluster: boolean; id?: string; clusterId?: number } }> } }).__electrificaSuppliersMap;
      const seen = new Map<string, number>();
      for (const f of map.querySourceFeatures('supplier-establishments')) seen.set(f.properties.cluster ? `c${f.properties.clusterId}` : `p${f.properties.id}`, f.properties.count);
      return [...seen.values()].reduce((a, b) => a + b, 0);
    });
    expect(onMap).toBeGreaterThan(0);
    expect(onMap).toBeLessThanOrEqual(count);
    await shot(page, '63-suppliers-map');
  });

  it('searches within a radius of a place, nearest first', async () => {
    await page.goto(`${baseUrl}/proveedores?near=25.4232,-101.0053&radiusKm=100&place=Saltillo`);
    await page.waitForSelector('[data-testid=supplier-radius-active] >> text=Saltillo');
    await page.waitForSelector('[data-testid=supplier-total] >> text=/[0-9]/');
    const distances = (await page.locator('.supplier-result__distance').allInnerTexts()).map((t) => Number(t.replace(/[^0-9.]/g, '')));
    expect(distances.length).toBeGreaterThan(0);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(Math.max(...distances)).toBeLessThanOrEqual(100);
    expect(await page.locator('[data-testid=supplier-csv-link]').getAttribute('href')).toContain('near=25.4232%2C-101.0053&radiusKm=100');
    await page.locator('[data-testid=supplier-radius] button', { hasText: /Quitar/ }).click();
    await page.waitForFunction(() => !location.search.includes('near='));

    // The same through the place search: a municipality, then a smaller radius.
    await page.fill('[data-testid=supplier-radius] [data-testid=search-input]', 'Saltillo');
    await page.locator('[data-testid=supplier-radius] [data-testid=search-results] button', { hasText: 'Saltillo' }).first().click();
    await page.waitForURL(/near=/);
    await page.waitForSelector('[data-testid=supplier-radius-active] >> text=Saltillo');
    // The place search closes, and focus lands on what it did.
    expect(await page.locator('[data-testid=supplier-radius] [data-testid=search-results] li').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('supplier-radius-active');
    await page.waitForSelector('.supplier-result__distance');
    const within100 = await total(page);
    await page.selectOption('[data-testid=supplier-radius] select[name=radiusKm]', '25');
    await page.waitForURL(/radiusKm=25/);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=supplier-total]')?.textContent?.replace(/[^0-9]/g, '')) < n, within100);
    const near = (await page.locator('.supplier-result__distance').allInnerTexts()).map((t) => Number(t.replace(/[^0-9.]/g, '')));
    expect(Math.max(...near)).toBeLessThanOrEqual(25);
    await shot(page, '63b-suppliers-radius');
  });

  it('works on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX', isMobile: true });
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await phone.goto(`${baseUrl}/proveedores?state=05`);
    await phone.waitForSelector('[data-testid=supplier-results] li');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, '64-suppliers-phone');
    await phone.locator('[data-testid=supplier-results]').scrollIntoViewIfNeeded();
    await shot(phone, '65-suppliers-phone-results');
    await phone.locator('[data-testid=supplier-results] h3 a').first().click();
    await phone.waitForSelector('[data-testid=supplier-establishment] h1');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(phone, '66-supplier-establishment-phone');
    await phone.close();
  });
});

describe('the EV catalogue and coverage', () => {
  it('lists the catalogue by group with HS codes, and a component with its suppliers', async () => {
    await page.goto(`${baseUrl}/proveedores/catalogo`);
    await page.waitForSelector('[data-testid=catalogue-battery] tr[data-code=battery_cell]');
    const cells = page.locator('[data-testid=catalogue-battery] tr[data-code=battery_cell]');
    expect(await cells.innerText()).toContain('8507.60');
    expect(await cells.innerText()).toContain('Exclusivo de EV');
    expect(await page.locator('[data-testid=curation-new]').count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '67-suppliers-catalogue');
    await cells.locator('a').first().click();
    await page.waitForSelector('[data-testid=supplier-component] h1');
    expect(await page.locator('[data-testid=component-hs-codes]').innerText()).toContain('8507.60');
    expect(page.url()).toContain('/proveedores/catalogo/battery_cell');
  });

  it('shows coverage per component, the gaps, a choropleth and CSV tables with sources', async () => {
    await page.goto(`${baseUrl}/proveedores/cobertura`);
    await page.waitForSelector('[data-testid=coverage-components] tbody tr');
    await page.waitForSelector('[data-testid=coverage-gaps]');
    const gapRowsCount = await page.locator('[data-testid=coverage-components] tr[data-gap=true]').count();
    const gapsText = await page.locator('[data-testid=coverage-gaps]').innerText();
    if (gapRowsCount > 0) expect(gapsText).toMatch(/componentes sin proveedor nacional/);
    await page.waitForSelector('[data-testid=coverage-choropleth][data-map-loaded=true]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=coverage-legend] li');
    expect(await page.locator('[data-testid=supplier-figure-source]').count()).toBeGreaterThanOrEqual(4);
    for (const groupBy of ['component', 'state', 'tier', 'process']) {
      const href = await page.locator(groupBy === 'component' ? '[data-testid=coverage-csv-component]' : `[data-testid=coverage-chart-${groupBy}] a[download]`).getAttribute('href');
      expect(href).toBe(`/api/v1/suppliers/stats.csv?groupBy=${groupBy}`);
    }
    const csv = await page.evaluate(async () => (await fetch('/api/v1/suppliers/stats.csv?groupBy=component')).text());
    expect(csv.split('\n')[0]).toContain('establishments');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '68-suppliers-coverage');
    await page.locator('[data-testid=coverage-choropleth]').scrollIntoViewIfNeeded();
    await shot(page, '69-suppliers-coverage-map');

    // English everywhere: the same page, labels from the English locale and the taxonomy.
    await page.click('[data-testid=lang-en]');
    await page.waitForSelector('h1 >> text=Supplier coverage by component');
    await page.waitForSelector('[data-testid=coverage-gaps] >> text=/components with no domestic supplier/');
    expect(await page.locator('[data-testid=coverage-components] tbody').innerText()).toContain('Lithium-ion battery cells');
    await page.locator('h1').scrollIntoViewIfNeeded();
    await shot(page, '69b-suppliers-coverage-en');
    await page.click('[data-testid=lang-es-MX]');
  });

  it('lets an admin add a component and rename it', async () => {
    await signIn(page);
    await page.goto(`${baseUrl}/proveedores/catalogo`);
    await page.waitForSelector('[data-testid=curation-new]');
    const code = `e2e_part_${Date.now().toString(36)}`;
    await page.fill('[data-testid=curation-new] input[name=code]', code);
    await page.selectOption('[data-testid=curation-new] select[name=group]', 'battery');
    await page.fill('[data-testid=curation-new] input[name=nameEs]', 'Pieza de prueba e2e');
    await page.fill('[data-testid=curation-new] input[name=nameEn]', 'E2E test part');
    await page.fill('[data-testid=curation-new] input[name=hsCodes]', '8507.90, 12');
    await page.click('[data-testid=curation-new] button[type=submit]');
    await page.waitForSelector('[data-testid=curation-new] >> text=Fracción no válida: 12');
    await page.fill('[data-testid=curation-new] input[name=hsCodes]', '8507.90');
    await page.click('[data-testid=curation-new] button[type=submit]');
    await page.waitForURL(new RegExp(`/proveedores/catalogo/${code}$`));
    await page.waitForSelector('[data-testid=supplier-component] h1 >> text=Pieza de prueba e2e');
    await page.fill('[data-testid=curation-edit] input[name=nameEs]', 'Pieza de prueba e2e (renombrada)');
    await page.click('[data-testid=curation-edit] button[type=submit]');
    await page.waitForSelector('[data-testid=supplier-component] h1 >> text=Pieza de prueba e2e (renombrada)');
    expect(await page.locator('[data-testid=supplier-component]').innerText()).toContain('Sin proveedor nacional');
    await shot(page, '70-suppliers-curation');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
