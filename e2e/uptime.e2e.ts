import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot, signIn, wcagViolations } from './browser.js';

/*
 * Uptime per 23 CFR 680.116(b). Every status and exclusion here is SYNTHETIC, reported by
 * hand through the API for this journey on the real OCM record "Plaza Valle Orizaba"
 * (Orizaba, Veracruz; two EVSEs): both first heard of 5 days before last month; in last
 * month, one port out of order for 72 hours (24 of them recorded as vandalism), the other
 * available all month. The twelve months ending with last month hold those 5 days too.
 */

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

// Last month, and instants in it in Veracruz's time (UTC−6, no daylight saving time).
const now = new Date();
const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1, 6));
const month = `${monthStart.getUTCFullYear()}-${String(monthStart.getUTCMonth() + 1).padStart(2, '0')}`;
const inMonth = (day: number, hour: number) => new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), day, hour + 6)).toISOString();
const daysInMonth = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0)).getUTCDate();

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('uptime', () => {
  it('reports last month by port with the 97 % line, the exclusions it applied and a CSV', async () => {
    await signIn(page);
    const list = await (await page.request.get(`${baseUrl}/api/v1/charging/locations?q=valle%20orizaba`)).json();
    const locationId = list.items[0].id as string;
    const detail = await (await page.request.get(`${baseUrl}/api/v1/charging/locations/${locationId}`)).json();
    const [broken, fine] = detail.evses.map((e: { evseUid: string }) => e.evseUid) as [string, string];
    const report = (evseUid: string, status: string, occurredAt: string) =>
      page.request.post(`${baseUrl}/api/v1/live/status`, { data: { locationId, evseUid, status, info: 'SYNTHETIC e2e uptime', occurredAt } });
    const before = new Date(monthStart.getTime() - 5 * 86_400_000).toISOString();
    for (const [evse, status, at] of [[broken, 'AVAILABLE', before], [fine, 'AVAILABLE', before], [broken, 'OUTOFORDER', inMonth(10, 12)], [broken, 'AVAILABLE', inMonth(13, 12)]] as const) {
      expect((await report(evse, status, at)).status()).toBe(200);
    }
    const exclusion = await page.request.post(`${baseUrl}/api/v1/live/uptime/exclusions`, {
      data: { locationId, evseUid: broken, startsAt: inMonth(10, 12), endsAt: inMonth(11, 12), reason: 'vandalism', note: 'SYNTHETIC e2e: cable cortado, denuncia 123.' },
    });
    expect(exclusion.status()).toBe(201);

    await page.goto(`${baseUrl}/disponibilidad?month=${month}&groupBy=port`);
    await page.waitForSelector('[data-testid=uptime-table] tbody tr[data-below]');
    const belowRow = page.locator('[data-testid=uptime-table] tr[data-below=true]');
    expect(await belowRow.count()).toBe(1);
    const belowText = await belowRow.innerText();
    expect(belowText).toContain('Plaza Valle Orizaba');
    expect(belowText).toContain('Debajo de 97 %');
    expect(belowText).toContain('Vandalismo (1,440 min)');
    // The month: 48 unexcused hours over its days; the twelve months: over its days and the 5 before.
    const monthly = ((daysInMonth * 1440 - 2880) / (daysInMonth * 1440)) * 100;
    const twelve = (((daysInMonth + 5) * 1440 - 2880) / ((daysInMonth + 5) * 1440)) * 100;
    expect(await belowRow.locator('[data-testid=uptime-month-figure]').innerText()).toBe(`${monthly.toFixed(2)} %`);
    expect(await belowRow.locator('[data-testid=uptime-twelve-months]').innerText()).toBe(`${twelve.toFixed(2)} %`);
    expect(belowText).toContain('2 de 12');
    expect(await page.locator('[data-testid=uptime-table] thead').innerText()).toContain('12 meses: tiempo en servicio (680.116)');
    expect(await page.locator('[data-testid=uptime-target-line]').innerText()).toContain('más de 97 %');
    expect(await page.locator('[data-testid=uptime-provenance]').innerText()).toContain('23 CFR 680.116(b)');
    const csvHref = await page.locator('[data-testid=uptime-csv-link]').getAttribute('href');
    expect(csvHref).toBe(`/api/v1/live/uptime.csv?month=${month}&groupBy=port`);
    const csv = await (await page.request.get(`${baseUrl}${csvHref}`)).text();
    expect(csv.split('\n')[0]).toContain('uptime_pct');
    expect(csv.split('\n')[0]).toContain('twelve_month_uptime_pct');
    expect(csv).toContain(broken);
    await shot(page, 'uptime-by-port');
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('groups by state and links to the method, explained in plain words', async () => {
    await page.goto(`${baseUrl}/disponibilidad?month=${month}`);
    await page.waitForSelector('[data-testid=uptime-overall]');
    expect(await page.locator('[data-testid=uptime-table]').innerText()).toContain('Veracruz');
    await page.click('[data-testid=uptime-method-link]');
    await page.waitForSelector('[data-testid=uptime-method-page]');
    expect(await page.locator('[data-testid=uptime-formula]').innerText()).toContain('minutos fuera de servicio − minutos excluidos');
    expect(await page.locator('[data-testid=uptime-method-page]').innerText()).toContain('mes por mes, sobre los 12 meses anteriores');
    expect(await page.locator('blockquote[lang=en]').innerText()).toContain('average annual uptime of greater than 97%');
    await shot(page, 'uptime-method');
    expect(await wcagViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
