import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot, signIn, wcagViolations } from './browser.js';

/** Metres north of a latitude, in degrees. */
const north = (lat: number, m: number) => lat + m / 111_320;

/**
 * SYNTHETIC OCPI 2.2.1 Locations, made here for this journey, around the real OCM record
 * "Hotel Cuesta Real" (26.897669, -111.96527, Tesla): one at 10 m (merged automatically),
 * one public at 80 m under another name and one private at 60 m (both queued). The journey
 * ends with the public ones folded into OCM's record, so the public census still shows the
 * eight reference locations to the journeys that run after this one.
 */
const ocpiLocation = (id: string, name: string, lat: number, publish: boolean) => ({
  country_code: 'MX', party_id: 'SYN', id, publish, name: `${name} (sintético)`, address: 'Dirección sintética', city: 'Mulegé', country: 'MEX',
  coordinates: { latitude: lat.toFixed(6), longitude: '-111.965270' },
  operator: { name: 'Tesla' },
  evses: [{ uid: `${id}-1`, status: 'AVAILABLE', connectors: [{ id: '1', standard: 'TESLA_S', format: 'CABLE', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2025-01-01T00:00:00Z' }], last_updated: '2025-01-01T00:00:00Z' }],
  last_updated: '2025-01-01T00:00:00Z',
});
const syntheticFile = [
  ocpiLocation('SYN-SAME', 'Hotel Cuesta Real', north(26.897669, 10), true),
  ocpiLocation('SYN-NEAR', 'Tienda de conveniencia', north(26.897669, 80), true),
  ocpiLocation('SYN-PRIVATE', 'Cochera particular', north(26.897669, -60), false),
];

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  // CSP bypassed only so axe-core can be injected for the accessibility checks.
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

const pairRow = (name: string) => page.locator('[data-testid=duplicates-table] tbody tr', { hasText: name });

describe('duplicates across sources, for moderators', () => {
  it('is closed to anonymous visitors', async () => {
    await page.goto(`${baseUrl}/moderacion/duplicados`);
    await page.waitForSelector('[data-testid=not-allowed]');
  });

  it('lists the pairs an import queued, with distance, score and reasons', async () => {
    await signIn(page);
    const upload = await page.request.post(`${baseUrl}/api/v1/imports`, {
      multipart: { kind: 'charging.ocpi', file: { name: 'ocpi-sintetico.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(syntheticFile)) } },
    });
    expect(upload.status()).toBe(202);
    const runId = ((await upload.json()) as { id: string }).id;
    await expect.poll(async () => ((await (await page.request.get(`${baseUrl}/api/v1/imports/${runId}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe('completed');

    await page.goto(baseUrl);
    await page.click('#main-nav >> [data-testid=nav-group-admin]');
    await page.click('#main-nav >> text=Duplicados');
    await page.waitForSelector('[data-testid=duplicates-table]');
    expect(await page.locator('[data-testid=duplicates-total]').innerText()).toBe('Pares: 2');
    const near = await pairRow('Tienda de conveniencia').innerText();
    expect(near).toContain('Hotel Cuesta Real');
    expect(near).toMatch(/8[01] m/);
    expect(near).toContain('mismo operador');
    expect(near).toContain('nombre distinto');
    await shot(page, '40-duplicates-queue');
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('compares both records side by side, highlights what differs and decides "same location, keep B"', async () => {
    await pairRow('Tienda de conveniencia').locator('a').click();
    await page.waitForSelector('[data-testid=duplicate-map][data-map-loaded=true]', { timeout: 90_000 });
    const compare = page.locator('[data-testid=duplicate-compare]');
    expect(await compare.locator('tr[data-field=name]').getAttribute('data-differs')).toBe('true');
    expect(await compare.locator('tr[data-field=source]').innerText()).toContain('Open Charge Map');
    // Both public: the same access is not marked; connectors differ in count (2 at OCM, 1 in the OCPI record).
    expect(await compare.locator('tr[data-field=access]').getAttribute('data-differs')).toBe('false');
    expect(await compare.locator('tr[data-field=connectors]').getAttribute('data-differs')).toBe('true');
    expect(await compare.locator('tr[data-field=connectors]').innerText()).toMatch(/NACS.*×2/);
    expect(await compare.locator('tr[data-field=place]').innerText()).toContain('Mulegé');
    expect(await page.locator('[data-testid=duplicate-reasons]').innerText()).toContain('mismo operador');
    await shot(page, '41-duplicate-compare');
    expect(await wcagViolations(page)).toEqual([]);

    await page.click('[data-testid=keep-b]');
    await page.waitForSelector('[data-testid=duplicate-status][data-status=merged]');
    expect(await page.locator('[data-testid=duplicate-done]').innerText()).toContain('fusionados');
  });

  it('marks a private charger nearby as a different place', async () => {
    await page.goto(`${baseUrl}/moderacion/duplicados`);
    await pairRow('Cochera particular').locator('a').click();
    await page.waitForSelector('[data-testid=duplicate-compare]');
    expect(await page.locator('[data-testid=duplicate-compare] tr[data-field=access]').innerText()).toContain('Privad');
    await page.click('[data-testid=mark-distinct]');
    await page.waitForSelector('[data-testid=duplicate-status][data-status=distinct]');
    expect(await page.locator('[data-testid=keep-a]').count()).toBe(0);
  });

  it('undoes an automatic merge and merges again, and the public sees who else reported the site', async () => {
    await page.goto(`${baseUrl}/moderacion/duplicados?status=merged`);
    await pairRow('Hotel Cuesta Real (sintético)').locator('a').click();
    await page.waitForSelector('[data-testid=duplicate-status][data-status=merged]');
    expect(await page.locator('[data-testid=duplicate-status]').innerText()).toContain('automáticamente');
    await page.click('[data-testid=unmerge]');
    await page.waitForSelector('[data-testid=duplicate-status][data-status=pending]');
    await page.click('[data-testid=keep-b]');
    await page.waitForSelector('[data-testid=duplicate-status][data-status=merged]');

    const found = (await (await fetch(`${baseUrl}/api/v1/charging/locations?q=cuesta`)).json()) as { items: Array<{ id: string; sourceKey: string }>; total: number };
    expect(found.items.map((l) => l.sourceKey)).toEqual(['ocm:113844']);
    const also = (await (await fetch(`${baseUrl}/api/v1/charging/locations/${found.items[0]!.id}/also-reported-by`)).json()) as { items: Array<{ sourceKey: string }> };
    expect(also.items.map((i) => i.sourceKey).sort()).toEqual(['ocpi:MX*SYN:SYN-NEAR', 'ocpi:MX*SYN:SYN-SAME']);
  });

  it('reads in English too', async () => {
    await page.goto(`${baseUrl}/moderacion/duplicados?status=distinct`);
    await pairRow('Cochera particular').locator('a').click();
    await page.waitForSelector('[data-testid=duplicate-compare]');
    await page.click('[data-testid=lang-en]');
    await page.waitForSelector('[data-testid=duplicate-status] >> text=Marked as different');
    expect(await page.locator('[data-testid=duplicate-compare]').innerText()).toContain('Differs');
    await page.click('[data-testid=lang-es-MX]');
    await page.waitForFunction(() => document.documentElement.lang === 'es-MX');
  });

  it('raised no page errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
