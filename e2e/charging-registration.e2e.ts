import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, baseUrl, launch, shot, wcagViolations } from './browser.js';

/*
 * Registration of chargers by a private owner and by an operator. People, organisations
 * and chargers here are synthetic, made for this journey; the points are real places.
 */

const password = 'caballo correcto batería';
const suffix = Date.now().toString(36);
const owner = { email: `duena-${suffix}@example.mx`, name: 'Dueña Sintética' };
const operator = { email: `operador-${suffix}@example.mx`, name: 'Operador Sintético' };
const orgName = `Operadora E2E ${suffix} (sintética)`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  // CSP is bypassed only so axe can be injected; the app runs as served.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX', bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** Submits the registration form and waits for "Mis cargadores"; a refusal fails with the page's own message. */
async function submitRegistration(page: Page) {
  await page.click('[data-testid=registration-submit]');
  const outcome = await Promise.race([
    page.waitForURL(/\/cargadores\/mis-cargadores$/, { waitUntil: 'commit' }).then(() => 'saved'),
    page.waitForSelector('[data-testid=registration-form] .alert--error, [data-testid=registration-form] .field__error').then(async (e) => `refused: ${await e.innerText()}`),
  ]);
  expect(outcome).toBe('saved');
}

async function signUp(page: Page, who: { email: string; name: string }) {
  await page.goto(`${baseUrl}/registro`);
  await page.fill('input[name=displayName]', who.name);
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=account-link]');
  // The account link shows as soon as the session exists, just before the app moves to the
  // account page; a menu opened in between is closed by that navigation.
  await page.waitForURL(/\/cuenta$/);
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('registering chargers', () => {
  it('a new user registers a private charger by clicking the map and sees it in "Mis cargadores"', async () => {
    const page = await newPage();
    await signUp(page, owner);
    await page.click('[data-testid=nav-group-charging]');
    await page.click('[data-testid=nav-register-charger]');
    await page.waitForSelector('[data-testid=registration-form]');
    // Someone who edits no operator starts as the owner of a private charger.
    expect(await page.getByLabel('Como propietario de un cargador privado').isChecked()).toBe(true);
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid=registration-map] canvas');
      return !!canvas && (canvas as HTMLCanvasElement).width > 0;
    }, undefined, { timeout: 90_000 });
    expect(await wcagViolations(page)).toEqual([]);

    await page.locator('[data-testid=name]').fill('Cochera de casa (sintética)');
    // Click the middle of the map (central Mexico): the point and its place fill in.
    const box = (await page.locator('[data-testid=registration-map] canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => (document.querySelector('[data-testid=lat]') as HTMLInputElement | null)?.value !== '');
    await page.waitForSelector('[data-testid=placement] >> text=El punto está en');
    const lat = Number(await page.locator('[data-testid=lat]').inputValue());
    const lon = Number(await page.locator('[data-testid=lon]').inputValue());
    expect(lat).toBeGreaterThan(14);
    expect(lat).toBeLessThan(33);
    expect(lon).toBeLessThan(-86);
    expect(lon).toBeGreaterThan(-119);

    // A field-level message before anything is sent.
    await page.fill('[data-testid=power-0-0]', '-7');
    await page.click('[data-testid=registration-submit]');
    await page.waitForSelector('text=La potencia debe ser mayor que 0 y de máximo 1,200 kW.');
    await page.fill('[data-testid=power-0-0]', '7.2');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'charging-registration-form');
    await submitRegistration(page);
    await page.waitForSelector('[data-testid=my-chargers] >> text=Cochera de casa (sintética)');
    expect(await page.locator('[data-testid=mine-message]').innerText()).toContain('Cargador registrado.');
    expect(await page.locator('[data-testid=my-chargers] tbody tr').first().innerText()).toContain('Privado');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'charging-registration-mine');

    // Nobody else sees it: not the public census.
    const census = (await (await fetch(`${baseUrl}/api/v1/charging/locations?q=cochera`)).json()) as { total: number };
    expect(census.total).toBe(0);
  });

  it('an operator organisation’s editor registers a public location, then edits it', async () => {
    // The admin creates the operator organisation and makes the operator its editor.
    const adminPage = await newPage();
    await adminPage.goto(`${baseUrl}/entrar`);
    await adminPage.fill('input[name=email]', admin.email);
    await adminPage.fill('input[name=password]', admin.password);
    await adminPage.click('form button[type=submit]');
    await adminPage.waitForSelector('[data-testid=account-link]');
    const page = await newPage();
    await signUp(page, operator);
    const org = await adminPage.request.post(`${baseUrl}/api/v1/organisations`, { data: { name: orgName, type: 'charge_point_operator' } });
    expect(org.status()).toBe(201);
    const orgId = ((await org.json()) as { id: string }).id;
    const member = await adminPage.request.post(`${baseUrl}/api/v1/organisations/${orgId}/members`, { data: { email: operator.email, role: 'editor' } });
    expect(member.ok()).toBe(true);

    await page.goto(`${baseUrl}/cargadores/registrar`);
    await page.waitForSelector('[data-testid=registration-form]');
    expect(await page.getByLabel('Como operadora de puntos de carga').isChecked()).toBe(true);
    expect(await page.locator('select >> option:checked').first().innerText()).toBe(orgName);
    await page.locator('[data-testid=name]').fill('Electrolinera Plaza (sintética)');
    // Querétaro city, typed.
    await page.fill('[data-testid=lat]', '20.5888');
    await page.fill('[data-testid=lon]', '-100.3899');
    await page.waitForSelector('[data-testid=placement] >> text=Querétaro');
    await page.getByLabel('Conector', { exact: true }).selectOption('CCS1');
    await page.getByLabel('Corriente', { exact: true }).selectOption('DC');
    await page.fill('[data-testid=power-0-0]', '150');
    await page.getByLabel('Aplicación').check();
    await page.click('[data-testid=add-evse]');
    await page.fill('[data-testid=power-1-0]', '7.4');
    await submitRegistration(page);
    const row = page.locator('[data-testid=my-chargers] tbody tr', { hasText: 'Electrolinera Plaza (sintética)' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Público');
    expect(await row.innerText()).toContain('Querétaro');

    await row.getByRole('link', { name: /Editar/ }).click();
    await page.waitForSelector('[data-testid=registration-form]');
    expect(await page.locator('[data-testid=evse-1]').count()).toBe(1);
    await page.locator('[data-testid=name]').fill('Electrolinera Plaza Norte (sintética)');
    await page.getByRole('button', { name: 'Quitar EVSE 2' }).click();
    await page.click('[data-testid=registration-submit]');
    await page.waitForSelector('[data-testid=registration-done] >> text=Cambios guardados.');

    // A second save from the same page uses the new version (no stale-edit error).
    await page.getByLabel('Dirección').fill('Av. Constituyentes 100');
    await page.click('[data-testid=registration-submit]');
    await page.waitForSelector('[data-testid=registration-done] >> text=Cambios guardados.');

    await page.click('[data-testid=nav-group-charging]');
    await page.click('[data-testid=nav-my-chargers]');
    await page.waitForSelector('[data-testid=my-chargers] >> text=Electrolinera Plaza Norte (sintética)');
    // Published in the census with one EVSE left.
    const census = (await (await fetch(`${baseUrl}/api/v1/charging/locations?q=plaza%20norte`)).json()) as { items: Array<{ evseCount: number; stateName: string }> };
    expect(census.items).toEqual([expect.objectContaining({ evseCount: 1, stateName: 'Querétaro' })]);
    expect(pageErrors).toEqual([]);
  });
});
