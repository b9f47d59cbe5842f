import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launch, pick, shot, signIn, signUp, wcagViolations } from './browser.js';

/*
 * Industry demand, the training catalogue, curriculum gaps, job fairs and inclusion
 * indicators: a company reports a need (with the server's per-field errors on the way) and
 * sees it withheld in the public aggregates; a training centre publishes a course found by
 * the catalogue's accent-free search and sees the unmet skills near it; a fair is organised
 * and a person registers interest; phone size. People, organisations, reports, courses and
 * fairs are synthetic, made for this journey; occupations and skills are the real reference
 * taxonomy.
 */

// Reference taxonomy entries the journey uses (see data/reference/skills/).
const batteryTechnician = 'esco:06bd6285-13ed-4ea7-90cc-e9638a0600a9'; // técnico de baterías de automoción
const highVoltageSafety = 'local:ev-high-voltage-safety';

const password = 'caballo correcto batería';
const suffix = Date.now().toString(36);
const company = { email: `demanda-${suffix}@example.mx`, name: 'Empresa Sintética' };
const provider = { email: `cursos-${suffix}@example.mx`, name: 'Centro Sintético' };
const visitor = { email: `asistente-${suffix}@example.mx`, name: 'Asistente Sintética' };
const courseTitle = `Seguridad en alta tensión para vehículos eléctricos ${suffix}`;
const fairTitle = `Feria sintética de electromovilidad ${suffix}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1280, height: 900 }, isMobile = false): Promise<Page> {
  const context = await browser.newContext({ viewport, isMobile, locale: 'es-MX', bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The withdraw buttons confirm first: accept.
  page.on('dialog', (d) => void d.accept());
  return page;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  expect(pageErrors).toEqual([]);
});

describe('industry demand', () => {
  it('lets a company report a need, shows the server’s errors by field, and withholds a cell of one organisation', async () => {
    const page = await newPage();
    await signUp(page, company, password);
    const org = await page.request.post(`${baseUrl}/api/v1/organisations`, { data: { name: `Ensambladora ${suffix} (sintética)`, type: 'company' } });
    expect(org.status()).toBe(201);
    await page.goto(`${baseUrl}/habilidades/demanda`);
    await page.waitForSelector('[data-testid=demand-map][data-map-loaded=true]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=demand-form]');

    // Empty: the page's own checks, each next to its field.
    await page.click('[data-testid=demand-submit]');
    await page.waitForSelector('[data-testid=demand-form-errors]');
    expect(await page.locator('[data-testid=demand-form] .field__error').count()).toBeGreaterThanOrEqual(5);

    await pick(page, 'occupation', 'tecnico baterias', batteryTechnician, '[data-testid=demand-form]');
    await pick(page, 'skills', 'alto voltaje', highVoltageSafety, '[data-testid=demand-form]');
    await page.fill('[data-testid=demand-form] input[name=people]', '25');
    await page.selectOption('[data-testid=demand-form] select[name=level]', 'technical');
    await page.selectOption('[data-testid=demand-form] select[name=horizon]', '1_3_years');
    await page.selectOption('[data-testid=demand-form] select[name=stateCode]', '05');
    // A municipality of Nuevo León with Coahuila as the state: only the server knows.
    await page.fill('[data-testid=demand-form] input[name=municipalityCode]', '19039');
    await page.click('[data-testid=demand-submit]');
    await page.waitForSelector('[data-testid=demand-form-errors]');
    const municipality = page.locator('[data-testid=demand-form] .field--invalid', { has: page.locator('input[name=municipalityCode]') });
    expect(await municipality.locator('.field__error').innerText()).toContain('19039');

    await page.fill('[data-testid=demand-form] input[name=municipalityCode]', '05030');
    await page.click('[data-testid=demand-submit]');
    await page.waitForSelector('[data-testid=demand-saved]');
    await page.waitForSelector('[data-testid=demand-mine] tr[data-status=active]');
    expect(await page.locator('[data-testid=demand-mine] tbody tr').count()).toBe(1);

    // One organisation in Coahuila: the public cell is listed, its figures withheld.
    await page.goto(`${baseUrl}/habilidades/demanda?por=occupation`);
    const row = page.locator(`[data-testid=demand-table] tr[data-key="${batteryTechnician}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-suppressed')).toBe('true');
    expect(await row.innerText()).toContain('retenido (menos de 3 organizaciones)');
    expect(await page.locator('[data-testid=demand-method]').innerText()).toContain('3 organizaciones');
    expect(await page.locator('[data-testid=demand-method-sources]').innerText()).toContain('Electrifica');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '90-skills-demand');

    // Edit, then withdraw: the report stays in the own list as withdrawn.
    await page.click('[data-testid=demand-mine] [data-testid=demand-edit]');
    await page.fill('[data-testid=demand-form] input[name=people]', '30');
    await page.click('[data-testid=demand-submit]');
    await page.waitForSelector('[data-testid=demand-mine] td.num >> text=30');
    await page.click('[data-testid=demand-mine] [data-testid=demand-withdraw]');
    await page.waitForSelector('[data-testid=demand-mine] tr[data-status=withdrawn]');
    // The reporting side fits a phone too (its tables scroll inside their box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.waitForSelector('[data-testid=demand-mine] tr[data-status=withdrawn]');
    await page.waitForSelector('[data-testid=demand-map][data-map-loaded=true]', { timeout: 90_000 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it('reads in English', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/habilidades/demanda`);
    await page.evaluate(() => localStorage.setItem('electrifica.lang', 'en'));
    await page.reload();
    await page.waitForSelector('[data-testid=demand-method]');
    expect(await page.locator('h1').innerText()).toBe('Industry demand for talent');
    expect(await page.locator('[data-testid=demand-method]').innerText()).toContain('at least 3 distinct organisations');
  });
});

describe('training catalogue and gaps', () => {
  it('lets a training centre publish a course that the catalogue finds without accents', async () => {
    const page = await newPage();
    await signUp(page, provider, password);
    const org = await page.request.post(`${baseUrl}/api/v1/organisations`, { data: { name: `Centro de capacitación ${suffix} (sintético)`, type: 'training_centre' } });
    expect(org.status()).toBe(201);
    await page.goto(`${baseUrl}/habilidades/cursos/mis-cursos`);
    await page.waitForSelector('[data-testid=course-form]');
    await page.fill('[data-testid=course-form] input[name=title]', courseTitle);
    await page.selectOption('[data-testid=course-form] select[name=level]', 'short_course');
    await page.selectOption('[data-testid=course-form] select[name=modality]', 'in_person');
    await page.fill('[data-testid=course-form] input[name=durationHours]', '40');
    await page.selectOption('[data-testid=course-form] select[name=stateCode]', '05');
    await pick(page, 'skills', 'alto voltaje', highVoltageSafety, '[data-testid=course-form]');
    await page.fill('[data-testid=course-form] input[name=costAmount]', '2500');
    // A currency that does not exist: the server names the field.
    await page.fill('[data-testid=course-form] input[name=costCurrency]', 'XXZ');
    await page.click('[data-testid=course-submit]');
    await page.waitForSelector('[data-testid=course-form-errors]');
    expect(await page.locator('[data-testid=course-form] .field--invalid input[name=costCurrency]').count()).toBe(1);
    await page.fill('[data-testid=course-form] input[name=costCurrency]', 'MXN');
    await page.fill('[data-testid=course-form] input[name=seatsPerYear]', '10');
    await page.click('[data-testid=course-submit]');
    await page.waitForSelector('[data-testid=course-saved]');
    await page.waitForSelector('[data-testid=courses-mine] tr[data-status=published]');

    await page.goto(`${baseUrl}/habilidades/cursos`);
    await page.fill('[data-testid=course-search] input[name=q]', `seguridad alta tension ${suffix}`);
    await page.waitForURL(/q=seguridad/);
    const result = page.locator('[data-testid=course-results] li h3 a', { hasText: courseTitle });
    await result.waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '91-skills-courses');
    await result.click();
    await page.waitForSelector('[data-testid=course-title]');
    expect(await page.locator('[data-testid=course-skills] li').count()).toBe(1);
    expect(await page.locator('[data-testid=course-provenance]').innerText()).toContain('Declarado por el proveedor');
    expect(await wcagViolations(page)).toEqual([]);

    // The gap report, and the provider's own view of unmet skills near it.
    await page.goto(`${baseUrl}/habilidades/brechas?estado=05`);
    await page.waitForSelector('[data-testid=gaps-provider]');
    await page.waitForSelector(`[data-testid=gaps-table] tr[data-skill="${highVoltageSafety}"]`);
    expect(await page.locator('[data-testid=gaps-method]').innerText()).toContain('Brecha');
    expect(await wcagViolations(page)).toEqual([]);
  });
});

describe('job fairs and inclusion', () => {
  it('lets an admin organise a fair and a signed-in person register interest', async () => {
    const admin = await newPage();
    await signIn(admin);
    await admin.goto(`${baseUrl}/empleo/ferias`);
    await admin.click('[data-testid=fair-new] summary');
    await admin.fill('[data-testid=fair-form] input[name=title]', fairTitle);
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await admin.fill('[data-testid=fair-form] input[name=startsOn]', start);
    await admin.fill('[data-testid=fair-form] input[name=endsOn]', start);
    await admin.selectOption('[data-testid=fair-form] select[name=mode]', 'hybrid');
    await admin.selectOption('[data-testid=fair-form] select[name=stateCode]', '19');
    await admin.fill('[data-testid=fair-form] input[name=venue]', 'Cintermex, Monterrey');
    // Hybrid needs an address to join: the server says so on the field.
    await admin.click('[data-testid=fair-submit]');
    await admin.waitForSelector('[data-testid=fair-form] .field--invalid input[name=url]');
    await admin.fill('[data-testid=fair-form] input[name=url]', 'https://example.mx/feria');
    await admin.click('[data-testid=fair-submit]');
    const link = admin.locator('[data-testid=fair-results] h2 a', { hasText: fairTitle });
    await link.waitFor();

    const page = await newPage();
    await signUp(page, visitor, password);
    await page.goto(`${baseUrl}/empleo/ferias`);
    await page.locator('[data-testid=fair-results] h2 a', { hasText: fairTitle }).click();
    await page.waitForSelector('[data-testid=fair-interest-toggle]');
    expect(await page.locator('[data-testid=fair-interest-count]').innerText()).toContain('0');
    await page.click('[data-testid=fair-interest-toggle]');
    await page.waitForSelector('[data-testid=fair-interest-toggle][aria-pressed=true]');
    expect(await page.locator('[data-testid=fair-interest-count]').innerText()).toContain('1 persona');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '92-skills-fair');
  });

  it('shows the inclusion indicators with their method', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/empleo/inclusion`);
    await page.waitForSelector('[data-testid=inclusion-method]');
    expect(await page.locator('[data-testid=inclusion-method]').innerText()).toContain('retienen');
    expect(await wcagViolations(page)).toEqual([]);
  });
});

describe('on a phone', () => {
  it('the demand page and the catalogue fit the screen', async () => {
    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${baseUrl}/habilidades/demanda`);
    await page.waitForSelector('[data-testid=demand-method]');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '93-skills-demand-phone');
    await page.goto(`${baseUrl}/habilidades/cursos?q=${encodeURIComponent(courseTitle)}`);
    await page.waitForSelector('[data-testid=course-results] li');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '94-skills-courses-phone');
  });
});
