import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, baseUrl, launch, shot, signUp, wcagViolations } from './browser.js';

/*
 * Suppliers: a company registers itself and a plant with the guided form, another company
 * claims a real RETC plant, a moderator (the admin) approves the claim, and the company
 * edits the plant. People, companies and the registered plant are SYNTHETIC, made for this
 * journey; the claimed plant is a real record of SEMARNAT's RETC from the reference data.
 */

const password = 'caballo correcto batería';
const suffix = Date.now().toString(36);
const company = { email: `arneses-${suffix}@example.mx`, name: 'Gerente Sintética' };
const claimant = { email: `reclamante-${suffix}@example.mx`, name: 'Reclamante Sintético' };
const legalName = `Arneses Sintéticos ${suffix}, S.A. de C.V.`;
const plantName = `Planta Ramos ${suffix} (sintética)`;
const claimOrg = `Empresa Reclamante ${suffix} (sintética)`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  // CSP is bypassed only so axe can be injected; the app runs as served.
  const context = await browser.newContext({ viewport, locale: 'es-MX', bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

async function signInAsAdmin(page: Page) {
  await page.goto(`${baseUrl}/entrar`);
  await page.fill('input[name=email]', admin.email);
  await page.fill('input[name=password]', admin.password);
  await page.click('form button[type=submit]');
  await page.waitForSelector('[data-testid=account-link]');
}

/** The step the guided form shows now. */
const currentStep = (page: Page) => page.locator('[data-testid=supplier-registration-form] section').getAttribute('data-step');

async function next(page: Page, expected: string) {
  await page.click('[data-testid=step-next]');
  await page.waitForSelector(`[data-testid=supplier-registration-form] section[data-step=${expected}]`);
}

/** A real plant of the RETC reference data (the server starts from a fresh database: nobody manages it yet). */
async function realRetcPlant(): Promise<{ id: string; name: string }> {
  const list = (await (await fetch(`${baseUrl}/api/v1/suppliers/establishments?limit=100&sort=name`)).json()) as { items: Array<{ id: string; name: string; source: string }> };
  // Some RETC rows name the plant "."; a claimant looks for one with a real name.
  const plant = list.items.find((e) => e.source === 'retc' && e.name.replace(/[^\p{L}]/gu, '').length >= 3);
  if (!plant) throw new Error('No RETC establishment in the reference data: the claim journey needs the real RETC plants (data/reference/suppliers).');
  return plant;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

describe('company self-registration', () => {
  it('a new company registers itself and a plant step by step, and sees it in "Mis plantas"', async () => {
    const page = await newPage();
    await signUp(page, company, password);
    // Signing up lands on the account page; a menu opened while it loads would close.
    await page.waitForSelector('#profile-heading');
    await page.click('[data-testid=nav-group-suppliers]');
    await page.click('[data-testid=nav-register-supplier]');
    await page.waitForSelector('[data-testid=supplier-registration-form]');
    expect(await currentStep(page)).toBe('company');
    expect(await wcagViolations(page)).toEqual([]);

    // Step 1: the company. A mistyped RFC is caught before anything is sent.
    await page.fill('[data-testid=legal-name]', legalName);
    await page.fill('[data-testid=rfc]', 'NO-ES-RFC');
    await page.click('[data-testid=step-next]');
    await page.waitForSelector('text=El RFC tiene 12 caracteres');
    expect(await currentStep(page)).toBe('company');
    // Well formed but with a wrong check digit: only the server can tell (see below).
    await page.fill('[data-testid=rfc]', 'ASI010101AB1');
    await page.getByLabel('Tamaño de la empresa').selectOption('medium');
    await shot(page, 'suppliers-register-1-company');
    await next(page, 'location');

    // Step 2: where the plant is (Ramos Arizpe, Coahuila, typed); the map tells the place.
    await page.fill('[data-testid=plant-name]', plantName);
    // The map is named for what it places: a plant, not a charger.
    expect(await page.getByRole('region', { name: 'Mapa para elegir el punto de la planta' }).count()).toBe(1);
    await page.fill('[data-testid=lat]', '25.5406');
    await page.fill('[data-testid=lon]', '-100.9512');
    await page.waitForSelector('[data-testid=placement] >> text=Coahuila');
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid=registration-map] canvas');
      return !!canvas && (canvas as HTMLCanvasElement).width > 0;
    }, undefined, { timeout: 90_000 });
    await page.getByLabel('Código postal').fill('25900');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-register-2-location');
    await next(page, 'activity');

    // Step 3: what it makes.
    await page.waitForSelector('[data-testid=tiers] input');
    await page.locator('[data-testid=tiers]').getByLabel('Nivel 2 (partes)').check();
    await page.locator('[data-testid=processes]').getByLabel('Arneses eléctricos').check();
    await page.locator('[data-testid=components] summary', { hasText: 'Sistema eléctrico y electrónico' }).click();
    await page.getByLabel('Arnés de alta tensión').check();
    await page.locator('[data-testid=certifications]').getByLabel('IATF 16949 (calidad automotriz)').check();
    await page.getByLabel('Vence (IATF 16949 (calidad automotriz))').fill('2030-06-30');
    await page.locator('[data-testid=ev-readiness]').getByLabel('Ya fabrica partes para vehículos eléctricos').check();
    await page.locator('[data-testid=export-markets]').getByLabel('Estados Unidos').check();
    expect(await wcagViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'suppliers-register-3-activity');
    await next(page, 'contact');

    // Step 4: contact and consent; the declaration is required.
    await page.fill('[data-testid=phone]', '844 000 0000');
    await page.fill('[data-testid=email]', `ventas-${suffix}@example.mx`);
    await page.check('[data-testid=contact-consent]');
    await page.click('[data-testid=step-next]');
    await page.waitForSelector('text=Confirma la declaración para enviar el registro.');
    await page.check('[data-testid=declaration]');
    await next(page, 'review');

    // Step 5: review and send.
    const review = await page.locator('[data-testid=review]').innerText();
    expect(review).toContain(legalName);
    expect(review).toContain('Arnés de alta tensión');
    expect(review).toContain('Estados Unidos');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-register-5-review');

    // The server refuses the RFC: the form goes back to the company step and says why, next to the field.
    await page.click('[data-testid=registration-submit]');
    await page.waitForSelector('[data-testid=supplier-registration-form] section[data-step=company]');
    const rfcField = page.locator('.field', { has: page.locator('[data-testid=rfc]') });
    await rfcField.locator('.field__error').waitFor();
    expect(await rfcField.locator('.field__error').innerText()).toContain('check digit');
    expect(await page.locator('[data-testid=supplier-registration-form] .alert--error').innerText()).toContain('El RFC no es válido.');
    await shot(page, 'suppliers-register-server-error');
    await page.fill('[data-testid=rfc]', '');
    await page.click('[data-testid=step-review]');
    await page.waitForSelector('[data-testid=supplier-registration-form] section[data-step=review]');
    await page.click('[data-testid=registration-submit]');
    const outcome = await Promise.race([
      page.waitForURL(/\/proveedores\/mis-plantas$/, { waitUntil: 'commit' }).then(() => 'saved'),
      page.waitForSelector('[data-testid=supplier-registration-form] .alert--error').then(async (e) => `refused: ${await e.innerText()}`),
    ]);
    expect(outcome).toBe('saved');
    const row = page.locator('[data-testid=my-plants] tbody tr', { hasText: plantName });
    await row.waitFor();
    expect(await row.innerText()).toContain('Ramos Arizpe');
    expect(await row.innerText()).toContain('Visible para miembros');
    expect(await page.locator('[data-testid=mine-message]').innerText()).toContain(plantName);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-my-plants');

    // It is in the public directory, declared by the company.
    const found = (await (await fetch(`${baseUrl}/api/v1/suppliers/establishments?q=${encodeURIComponent(`planta ramos ${suffix}`)}`)).json()) as { items: Array<{ name: string; source: string }> };
    expect(found.items).toEqual([expect.objectContaining({ name: plantName, source: 'reg' })]);
  });

  it('shows the form on a phone', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signUp(page, { email: `telefono-${suffix}@example.mx`, name: 'Teléfono Sintético' }, password);
    await page.goto(`${baseUrl}/proveedores/registrar`);
    await page.waitForSelector('[data-testid=supplier-registration-form]');
    await page.fill('[data-testid=legal-name]', 'Empresa en teléfono (sintética)');
    await next(page, 'location');
    await page.fill('[data-testid=plant-name]', 'Planta en teléfono (sintética)');
    await page.fill('[data-testid=lat]', '20.5888');
    await page.fill('[data-testid=lon]', '-100.3899');
    await page.waitForSelector('[data-testid=placement] >> text=Querétaro');
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-register-phone');
    await next(page, 'activity');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'suppliers-register-phone-activity');
  });
});

describe('claiming a real plant', () => {
  let plant: { id: string; name: string };
  let claimantPage: Page;

  it('another company claims a real RETC plant from its page', async () => {
    plant = await realRetcPlant();
    claimantPage = await newPage();
    // Anonymous visitors are asked to sign in first.
    await claimantPage.goto(`${baseUrl}/proveedores/${plant.id}`);
    await claimantPage.waitForSelector('[data-testid=claim-sign-in]');
    await signUp(claimantPage, claimant, password);
    await claimantPage.goto(`${baseUrl}/proveedores/${plant.id}`);
    await claimantPage.click('[data-testid=claim-open]');
    await claimantPage.waitForSelector('[data-testid=claim-form]');
    await claimantPage.fill('[data-testid=claim-organisation-name]', claimOrg);
    await claimantPage.fill('[data-testid=claim-job-title]', 'Gerente de planta');
    await claimantPage.fill('[data-testid=claim-evidence]', 'corto');
    await claimantPage.click('[data-testid=claim-submit]');
    await claimantPage.waitForSelector('text=Cuéntanos un poco más');
    await claimantPage.fill('[data-testid=claim-evidence]', `Escríbanme a reclamante-${suffix}@example.mx; el teléfono de la planta lo confirma (datos sintéticos).`);
    expect(await wcagViolations(claimantPage)).toEqual([]);
    await shot(claimantPage, 'suppliers-claim-form');
    await claimantPage.click('[data-testid=claim-submit]');
    await claimantPage.waitForSelector('[data-testid=claim-state][data-state=pending]');
    expect(await claimantPage.locator('[data-testid=claim-state]').innerText()).toContain(claimOrg);

    // "Mis plantas" lists the claim as pending; the plant is not editable yet.
    await claimantPage.goto(`${baseUrl}/proveedores/mis-plantas`);
    const claimRow = claimantPage.locator('[data-testid=my-claims] tbody tr', { hasText: plant.name });
    await claimRow.waitFor();
    expect(await claimRow.getAttribute('data-status')).toBe('pending');
    expect(await claimantPage.locator('[data-testid=my-plants] tbody tr', { hasText: plant.name }).count()).toBe(0);
  });

  it('a moderator approves it from the claims queue', async () => {
    const page = await newPage();
    // Not for members.
    await claimantPage.goto(`${baseUrl}/moderacion/reclamos`);
    await claimantPage.waitForSelector('[data-testid=not-allowed]');

    await signInAsAdmin(page);
    await page.goto(`${baseUrl}/moderacion/reclamos`);
    const card = page.locator('[data-testid=claim-card]', { hasText: claimOrg });
    await card.waitFor();
    expect(await card.innerText()).toContain(plant.name);
    expect(await card.innerText()).toContain(claimant.email);
    expect(await card.locator('[data-testid=claim-evidence]').innerText()).toContain('datos sintéticos');
    // A rejection needs a note; an approval does not.
    await card.locator('[data-testid=claim-reject]').click();
    await card.locator('text=Escribe por qué rechazas el reclamo').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-claims-queue');
    await card.locator('[data-testid=claim-note]').fill('Verificado por teléfono (sintético).');
    await card.locator('[data-testid=claim-approve]').click();
    await card.locator('[data-testid=claim-decision]').waitFor();
    expect(await card.getAttribute('data-status')).toBe('approved');
    expect(await card.locator('[data-testid=claim-decision]').innerText()).toContain('Aprobado');
  });

  it('the company edits the plant it now manages and consents to show its contact', async () => {
    const page = claimantPage;
    await page.goto(`${baseUrl}/proveedores/mis-plantas`);
    const row = page.locator('[data-testid=my-plants] tbody tr', { hasText: plant.name });
    await row.waitFor();
    expect(await page.locator('[data-testid=my-claims] tbody tr', { hasText: plant.name }).getAttribute('data-status')).toBe('approved');
    await row.locator('[data-testid=edit-plant]').click();
    await page.waitForSelector('[data-testid=plant-edit-form]');
    await page.fill('[data-testid=phone]', '844 111 2233');
    await page.check('[data-testid=contact-consent]');
    await page.waitForSelector('[data-testid=tiers] input');
    await page.locator('[data-testid=tiers]').getByLabel('Nivel 1 (sistemas y componentes)').check();
    await page.click('[data-testid=save-plant]');
    await page.waitForSelector('[data-testid=edit-done] >> text=Cambios guardados.');
    expect(await wcagViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'suppliers-plant-edit');

    // A second save from the same page uses the new version (no stale edit).
    await page.locator('[data-testid=processes]').getByLabel('Estampado').check();
    await page.click('[data-testid=save-plant]');
    await page.waitForSelector('[data-testid=edit-done] >> text=Cambios guardados.');

    // An edit based on an old version is refused with a reload offered.
    const mine = (await (await page.request.get(`${baseUrl}/api/v1/suppliers/mine`)).json()) as { establishments: Array<{ id: string; updatedAt: string; tiers: string[] }> };
    const own = mine.establishments.find((e) => e.id === plant.id)!;
    expect(own.tiers).toContain('tier1');
    const stale = await page.request.patch(`${baseUrl}/api/v1/suppliers/establishments/${plant.id}`, { data: { updatedAt: '2000-01-01T00:00:00.000Z', phone: '844 999 9999' } });
    expect(stale.status()).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('SUPPLIERS.STALE_EDIT');
    await page.goto(`${baseUrl}/proveedores/mis-plantas/${plant.id}`);
    await page.waitForSelector('[data-testid=plant-edit-form]');
    // Someone else saves meanwhile (the same organisation's API, simulated with a PATCH).
    const other = await page.request.patch(`${baseUrl}/api/v1/suppliers/establishments/${plant.id}`, { data: { updatedAt: own.updatedAt, website: 'https://planta.example.mx' } });
    expect(other.ok()).toBe(true);
    await page.fill('[data-testid=phone]', '844 222 3344');
    await page.click('[data-testid=save-plant]');
    await page.waitForSelector('[data-testid=stale-edit]');
    await page.click('[data-testid=reload]');
    await page.waitForFunction(() => (document.querySelector('[data-testid=phone]') as HTMLInputElement | null)?.value === '844 111 2233');
    expect(pageErrors).toEqual([]);
  });
});

describe('moderation queues', () => {
  it('the matches queue is closed to anonymous visitors and open to moderators', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/moderacion/proveedores`);
    await page.waitForSelector('[data-testid=not-allowed]');
    await signInAsAdmin(page);
    await page.goto(`${baseUrl}/moderacion/proveedores`);
    await page.waitForSelector('[data-testid=matches-total]');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, 'suppliers-matches-queue');
  });
});
