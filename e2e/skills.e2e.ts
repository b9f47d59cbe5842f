import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, horizontalOverflow, launch, pick, shot, signUp, wcagViolations } from './browser.js';

/*
 * The job board and the skills taxonomy: an employer posts a vacancy (with the server's
 * per-field errors on the way), a candidate keeps a profile, applies and sees the match
 * explained, exports and deletes their data; the taxonomy and a career pathway; phone size.
 * People, organisations and vacancies are synthetic, made for this journey; occupations and
 * skills are the real reference taxonomy (ESCO, O*NET, Electrifica's curated EV entries).
 */

// Reference taxonomy entries the journey uses (see data/reference/skills/).
const batteryTechnician = 'esco:06bd6285-13ed-4ea7-90cc-e9638a0600a9'; // técnico de baterías de automoción
const batteryAssembler = 'esco:718bba63-75b7-4b3a-9912-e201b729fe4c'; // montador de baterías
const highVoltageSafety = 'local:ev-high-voltage-safety';
const packAssembly = 'local:ev-battery-module-assembly';

const password = 'caballo correcto batería';
const suffix = Date.now().toString(36);
const employer = { email: `empleadora-${suffix}@example.mx`, name: 'Empleadora Sintética' };
const candidate = { email: `candidata-${suffix}@example.mx`, name: 'Candidata Sintética' };
const orgName = `Baterías del Norte ${suffix} (sintética)`;
const title = `Técnica de baterías de alto voltaje ${suffix}`;
const activities = 'Diagnóstico y reemplazo de módulos de batería.\n<script>alert("no")</script> se muestra como texto.';

let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let vacancyUrl = '';
let candidatePage: Page | null = null;

async function newPage(viewport = { width: 1280, height: 900 }, isMobile = false): Promise<Page> {
  // CSP is bypassed only so axe can be injected; the app runs as served.
  const context = await browser.newContext({ viewport, isMobile, locale: 'es-MX', bypassCSP: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    pageErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
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

describe('the skills taxonomy', () => {
  it('finds an occupation without accents in Spanish and opens its page with skills and sources', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/habilidades`);
    await page.fill('[data-testid=taxonomy-search] input[name=q]', 'tecnico baterias automocion');
    await page.waitForURL(/q=tecnico/);
    await page.waitForSelector(`[data-testid=taxonomy-results] li[data-id="${batteryTechnician}"]`);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '80-skills-taxonomy-search');
    await page.locator(`[data-testid=taxonomy-results] li[data-id="${batteryTechnician}"] h3 a`).click();
    await page.waitForSelector('[data-testid=occupation-title]');
    expect(await page.locator('[data-testid=occupation-title]').innerText()).toMatch(/baterías/i);
    expect(decodeURIComponent(page.url())).toContain(`/habilidades/ocupaciones/${batteryTechnician}`);
    expect(await page.locator('[data-testid=occupation-essential] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=taxonomy-sources]').innerText()).toContain('This service uses the ESCO classification of the European Commission.');
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '81-skills-occupation');
    // A skill page from the occupation's list.
    await page.locator('[data-testid=occupation-essential] li a').first().click();
    await page.waitForSelector('[data-testid=skill-title]');
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('finds the curated EV skills in English too', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/habilidades?tipo=habilidades&q=high+voltage&ev=true`);
    await page.waitForSelector(`[data-testid=taxonomy-results] li[data-id="${highVoltageSafety}"]`);
    expect(await page.locator('input[name=ev]').isChecked()).toBe(true);
  });
});

describe('the job board', () => {
  it('lets an organisation editor post a vacancy, with the server’s errors next to each field', async () => {
    const page = await newPage();
    await signUp(page, employer, password);
    // Creating an organisation makes its creator an editor; the page reloads the session.
    const org = await page.request.post(`${baseUrl}/api/v1/organisations`, { data: { name: orgName, type: 'company' } });
    expect(org.status()).toBe(201);
    await page.goto(`${baseUrl}/empleo/publicar`);
    await page.waitForSelector('[data-testid=vacancy-form]');

    // Sending it empty: the form's own checks, each next to its field.
    await page.click('[data-testid=vacancy-submit]');
    await page.waitForSelector('[data-testid=editor-errors]');
    expect(await page.locator('[data-testid=vacancy-form] .field__error').count()).toBeGreaterThanOrEqual(5);

    await page.fill('input[name=title]', title);
    await pick(page, 'occupation', 'tecnico baterias', batteryTechnician);
    await page.fill('textarea[name=activities]', activities);
    await page.selectOption('select[name=stateCode]', '05');
    // A municipality code of another state: only the server knows, and says so on the field.
    await page.fill('input[name=municipalityCode]', '19039');
    await page.fill('input[name=salaryMin]', '18,000');
    await page.fill('input[name=salaryMax]', '24,000');
    await page.locator('[data-testid=checks-benefits] input[value=aguinaldo]').check();
    await page.locator('[data-testid=checks-benefits] input[value=imss]').check();
    await pick(page, 'requiredSkills', 'alto voltaje', highVoltageSafety);
    await pick(page, 'requiredSkills', 'modulos de bateria', packAssembly);
    await page.locator('[data-testid=checks-inclusion] input[value=childcare]').check();
    await page.click('[data-testid=vacancy-submit]');
    const municipalityField = page.locator('.field--invalid', { has: page.locator('input[name=municipalityCode]') });
    await municipalityField.locator('.field__error').waitFor();
    expect(await municipalityField.locator('.field__error').innerText()).toMatch(/19039/);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '82-jobs-editor-server-error');

    await page.fill('input[name=municipalityCode]', '05030');
    await page.click('[data-testid=vacancy-submit]');
    await page.waitForSelector('[data-testid=vacancy-title]');
    vacancyUrl = page.url();
    expect(await page.locator('[data-testid=vacancy-title]').innerText()).toBe(title);
    // Markup typed by the employer is text on the page, never HTML.
    expect(await page.locator('[data-testid=vacancy-activities]').innerText()).toContain('<script>alert("no")</script>');
    expect(await page.locator('[data-testid=vacancy-activities] script').count()).toBe(0);
    expect(await page.locator('[data-testid=vacancy-salary]').innerText()).toMatch(/\$18,000 – \$24,000 al mes/);
    expect(await page.locator('[data-testid=vacancy-location]').innerText()).toContain('Coahuila');
    expect(await page.locator('[data-testid=vacancy-required-skills] li').count()).toBe(2);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '83-jobs-vacancy');
  });

  it('lets a candidate keep a private profile, find the vacancy, apply and see what matches and what is missing', async () => {
    expect(vacancyUrl).not.toBe('');
    const page = await newPage();
    candidatePage = page;
    await signUp(page, candidate, password);
    await page.goto(`${baseUrl}/empleo/perfil`);
    await page.waitForSelector('[data-testid=profile-form]');
    expect(await page.locator('input[name=openToEmployers]').isChecked()).toBe(false);
    await pick(page, 'skills', 'alto voltaje', highVoltageSafety);
    await page.selectOption('[data-testid=profile-form] select[name=stateCode]', '05');
    await page.locator('input[name=authorisedMx]').check();
    await page.selectOption('select[name=gender]', 'woman');
    await page.click('[data-testid=profile-save]');
    await page.waitForSelector('[data-testid=profile-message] >> text=Perfil guardado');
    await page.waitForSelector(`[data-testid=recommended] [data-id]`);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '84-jobs-candidate-profile');

    // The board: search by words without accents, filter by state and inclusion.
    await page.goto(`${baseUrl}/empleo?q=tecnica+baterias+${suffix}&country=MX&state=05&inclusion=childcare`);
    await page.waitForSelector('[data-testid=job-results] [data-testid=vacancy-card]');
    expect(await page.locator('[data-testid=job-total]').innerText()).toMatch(/^1 vacante/);
    expect(await wcagViolations(page)).toEqual([]);
    // The employer's industry (SCIAN) narrows the list and stays in the address; this vacancy names none.
    await page.fill('input[name=industry]', '336');
    await page.waitForURL(/industry=336/);
    await page.waitForSelector('[data-testid=job-total] >> text=/^0 vacantes/');
    await page.fill('input[name=industry]', '');
    await page.waitForSelector('[data-testid=job-total] >> text=/^1 vacante/');
    await page.locator('[data-testid=job-results] h3 a').first().click();
    await page.waitForSelector('[data-testid=apply-button]');
    await page.fill('textarea[name=coverNote]', 'Tengo certificación en alto voltaje.');
    await page.click('[data-testid=apply-button]');
    await page.waitForSelector('[data-testid=apply-sent]');
    expect(await page.locator(`[data-testid=match-matched] li[data-id="${highVoltageSafety}"]`).count()).toBe(1);
    expect(await page.locator(`[data-testid=match-missing] li[data-id="${packAssembly}"]`).count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '85-jobs-applied-match');
  });

  it('shows the employer the applicant with the match, in “my vacancies”', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/entrar`);
    await page.fill('input[name=email]', employer.email);
    await page.fill('input[name=password]', password);
    await page.click('form button[type=submit]');
    await page.waitForSelector('[data-testid=account-link]');
    await page.goto(`${baseUrl}/empleo/mis-vacantes`);
    await page.waitForSelector('[data-testid=my-vacancies-table] tbody tr');
    await page.locator('[data-testid=my-vacancies-table] a', { hasText: title }).click();
    await page.waitForSelector('[data-testid=applicants] .applicant');
    expect(await page.locator('[data-testid=applicants] .applicant > h3').innerText()).toBe(candidate.name);
    expect(await page.locator(`[data-testid=applicants] [data-testid=match-matched] li[data-id="${highVoltageSafety}"]`).count()).toBe(1);
    // Self-reported gender is the candidate's own: employers never see it.
    expect(await page.locator('[data-testid=applicants]').innerText()).not.toMatch(/Mujer/);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '86-jobs-applicants');
  });

  it('lets the candidate download all their data and delete it, after a confirmation', async () => {
    const page = candidatePage!;
    await page.goto(`${baseUrl}/empleo/perfil`);
    await page.waitForSelector('[data-testid=export-data]');
    const exported = await page.evaluate(async (href) => (await fetch(href!)).json(), await page.locator('[data-testid=export-data]').getAttribute('href'));
    expect(JSON.stringify(exported)).toContain(highVoltageSafety);
    await page.click('[data-testid=delete-data]');
    await page.click('[data-testid=delete-confirm]');
    await page.waitForSelector('[data-testid=data-deleted]');
    expect(await page.locator('input[name=openToEmployers]').isChecked()).toBe(false);
    expect(await page.locator('[data-testid=profile-skills] li').count()).toBe(0);
  });

  it('works on a phone: the board and a vacancy fit the screen', async () => {
    const page = await newPage({ width: 390, height: 844 }, true);
    await page.goto(`${baseUrl}/empleo`);
    await page.waitForSelector('[data-testid=job-results] [data-testid=vacancy-card]');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '87-jobs-board-phone');
    await page.locator('[data-testid=job-results]').scrollIntoViewIfNeeded();
    await shot(page, '87b-jobs-board-phone-results');
    await page.goto(vacancyUrl);
    await page.waitForSelector('[data-testid=vacancy-title]');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, '88-jobs-vacancy-phone');
    await page.goto(`${baseUrl}/empleo/publicar`);
    await page.waitForSelector('h1');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

describe('career pathways', () => {
  it('shows shared skills, skills to gain (essential first) and pay from one occupation to another', async () => {
    const page = await newPage();
    const query = new URLSearchParams({ from: batteryAssembler, to: batteryTechnician });
    // A training centre publishes an online course teaching the first skill to gain: the pathway lists it under that skill.
    await signUp(page, { email: `cecati-${suffix}@example.mx`, name: 'Centro de Capacitación Sintético' }, password);
    const centre = await page.request.post(`${baseUrl}/api/v1/organisations`, { data: { name: `CECATI sintético ${suffix}`, type: 'training_centre' } });
    expect(centre.status()).toBe(201);
    const before = await (await page.request.get(`${baseUrl}/api/v1/skills/pathways?${query}`)).json();
    const skillToGain: string = before.skillsToGain[0].id;
    const courseTitle = `Curso sintético en línea ${suffix}`;
    const course = await page.request.post(`${baseUrl}/api/v1/skills/courses`, {
      data: { organisationId: (await centre.json()).id, kind: 'course', title: courseTitle, level: 'short_course', modality: 'online', durationHours: 40, languages: ['es'], skills: [skillToGain], isFree: true },
    });
    expect(course.status(), await course.text()).toBe(201);
    await page.goto(`${baseUrl}/habilidades/trayectorias?${query}`);
    await page.waitForSelector('[data-testid=pathway-result]');
    expect(await page.locator(`[data-testid=pathway-to-gain] > li:has(a[href*="${encodeURIComponent(skillToGain)}"]) [data-testid=pathway-courses]`).innerText()).toContain(courseTitle);
    const relations = await page.locator('[data-testid=pathway-to-gain] > li').evaluateAll((items) => items.map((i) => i.getAttribute('data-relation')));
    expect(relations.length).toBeGreaterThan(0);
    // Essential ones first, then optional ones.
    expect(relations.join(',')).toMatch(/^(essential,)*(optional,?)*$/);
    // The vacancy posted above gives the technician a Mexican pay range.
    expect(await page.locator('[data-testid=pathway-salary-mx]').innerText()).toMatch(/18,000/);
    expect(await wcagViolations(page)).toEqual([]);
    await shot(page, '89-skills-pathway');
  });
});
