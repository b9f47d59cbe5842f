import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, shot, signIn } from './browser.js';

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'es-MX' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
});

describe('a visitor', () => {
  it('sees the 32 states of Mexico on the home map, drawn from Electrifica’s own tiles', async () => {
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid=home-map][data-map-loaded=true]', { timeout: 90_000 });
    const states = await page.evaluate(() => {
      const map = (window as unknown as { __electrificaMap: { querySourceFeatures(s: string, o: object): Array<{ properties: { cveEnt: string } }> } }).__electrificaMap;
      return new Set(map.querySourceFeatures('states', { sourceLayer: 'states' }).map((f) => f.properties.cveEnt)).size;
    });
    expect(states).toBe(32);
    await expect(page.locator('[data-testid=state-list]')).toBeDefined();
    expect(await page.locator('[data-testid=state-list]').innerText()).toContain('Querétaro');
    await shot(page, '01-home-map');
  });

  it('finds "queretaro" without the accent and opens the state profile', async () => {
    await page.fill('[data-testid=search-input]', 'queretaro');
    await page.waitForSelector('[data-testid=search-results] >> text=Querétaro');
    await page.goto(`${baseUrl}/estados/22`);
    await page.waitForSelector('[data-testid=state-profile]');
    expect(await page.locator('[data-testid=population]').innerText()).toMatch(/2,368,467|2 368 467/);
    await shot(page, '02-state-profile');
  });

  it('is told when a municipality has no boundary in the 2010 shapes', async () => {
    await page.goto(`${baseUrl}/municipios/24059`);
    await page.waitForSelector('[data-testid=boundary-notes]');
    expect(await page.locator('[data-note-code=no_boundary_in_vintage]').count()).toBe(1);
    expect(await page.locator('[data-testid=population]').innerText()).toBe('No registrada en el censo');
    await shot(page, '03-municipality-without-boundary');
  });

  it('switches the interface to English', async () => {
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('[data-testid=sign-in-link]');
    expect(await page.locator('[data-testid=sign-in-link]').innerText()).toMatch(/Sign in/i);
    await page.click('[data-testid=lang-es-MX]');
    await page.waitForFunction(() => document.documentElement.lang === 'es-MX');
  });
});

describe('an admin', () => {
  it('signs in', async () => {
    await signIn(page);
    await shot(page, '04-signed-in');
  });

  async function upload(kind: string, file: string, content: string | Buffer) {
    await page.goto(`${baseUrl}/importaciones`);
    await page.waitForSelector('[data-testid=import-form]');
    await page.selectOption('select[name=kind]', kind);
    const tmp = path.resolve('.tmp/e2e-files');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, file), content);
    await page.setInputFiles('input[name=file]', path.join(tmp, file));
    await page.click('[data-testid=import-form] button[type=submit]');
    await page.waitForSelector('[data-testid=import-progress]');
    await page.waitForSelector('[data-testid=import-report]', { timeout: 90_000 });
    return page.locator('[data-testid=import-report]');
  }

  it('imports a broken file and sees why each row was rejected, with nothing changed', async () => {
    const swapped = 'cvegeo,nom_localidad,poblacion_total,latitud,longitud\n220149901,Prueba sintética A,1200,-100.39,20.59\n220149902,Prueba sintética B,1500,-100.41,20.61\n';
    const report = await upload('geo.localities', 'coordenadas-volteadas.csv', swapped);
    expect(await report.getAttribute('data-status')).toBe('rejected');
    expect(await page.locator('[data-testid=import-file-error]').innerText()).toContain('IMPORT.ALL_ROWS_REJECTED');
    await page.waitForSelector('[data-testid=import-rejections] >> text=IMPORT.ROW_SWAPPED_COORDINATES');
    expect(await page.locator('[data-testid=import-count-rejected]').innerText()).toContain('2');
    await shot(page, '05-import-broken-file');
    const search = await page.evaluate(async () => (await fetch('/api/v1/geo/search?q=prueba%20sintetica')).json());
    expect(search.total).toBe(0);
  });

  it('imports a file cut off inside a quote and is told the line, with no row read and nothing changed', async () => {
    const cut = 'cvegeo,nom_localidad,poblacion_total,latitud,longitud\n220149903,Prueba sintética C,1200,20.59,-100.39\n220149904,"Prueba sintética D,1500,20.61,-100.41\n';
    const report = await upload('geo.localities', 'cortado.csv', cut);
    expect(await report.getAttribute('data-status')).toBe('rejected');
    const fileError = await page.locator('[data-testid=import-file-error]').innerText();
    expect(fileError).toContain('IMPORT.TRUNCATED');
    expect(fileError).toContain('Line 3');
    // A run that ended is not "reading the file" any more.
    expect(await page.locator('[data-testid=import-status]').innerText()).not.toMatch(/Leyendo el archivo|Reading the file/);
    expect(await page.locator('[data-testid=import-count-rejected]').innerText()).toContain('0');
    const search = await page.evaluate(async () => (await fetch('/api/v1/geo/search?q=prueba%20sintetica')).json());
    expect(search.total).toBe(0);
    await shot(page, '05b-import-cut-off-file');
  });

  it('imports a real file (INEGI census by state) and sees the report', async () => {
    const real = fs.readFileSync(path.resolve('data/reference/geo/censo_2020_mexico_estandarizado.csv'));
    const report = await upload('geo.states', 'censo_2020_estados.csv', real);
    expect(await report.getAttribute('data-status')).toBe('completed');
    // Already loaded at first start: every state is unchanged; the national total row is rejected (code 00).
    expect(await page.locator('[data-testid=import-count-unchanged]').innerText()).toContain('32');
    expect(await page.locator('[data-testid=import-count-rejected]').innerText()).toContain('1');
    await shot(page, '06-import-real-file');
  });

  it('sees users and a record’s history on the admin pages', async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.waitForSelector('[data-testid=admin-users]');
    expect(await page.locator('[data-testid=admin-users]').innerText()).toContain('@');
    await shot(page, '07-admin');
  });

  it('raised no page errors on the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
