import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { loadScian, scianCataloguePath } from './import/scian.js';
import { createSupplierClusterService } from './suppliers.clusters.js';
import { createSuppliersRepository } from './suppliers.repository.js';
import { createSuppliersService } from './suppliers.service.js';
import { insertEstablishments, saltillo } from './suppliers.fixtures.js';
import { emptyFilter, facetNames } from './suppliers.search.js';
import { componentCatalogue, processes } from './suppliers.taxonomy.js';

/**
 * SYNTHETIC establishments (not real plants) named "Zafiro" so every assertion is scoped to
 * them, whatever reference data the test database holds; figures are compared before and
 * after they are added.
 */
let t: TestApp;
const tokens: Record<'member' | 'analyst' | 'moderator', string> = { member: '', analyst: '', moderator: '' };
const ids: Record<'arneses' | 'estampados' | 'fundicion' | 'celdas' | 'folded', string> = { arneses: '', estampados: '', fundicion: '', celdas: '', folded: '' };
let statsBefore: Record<string, any> = {};

const labels = (componentCodes: string[], processCodes: string[]) => [
  ...componentCatalogue.filter((c) => componentCodes.includes(c.code)).flatMap((c) => [c.es, c.en]),
  ...processes.filter((p) => processCodes.includes(p.code)).flatMap((p) => [p.es, p.en]),
];
const nextYear = `${new Date().getFullYear() + 1}-06-30`;

const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
const list = async (query: string) => {
  const res = await get(`/api/v1/suppliers/establishments?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const namesOf = (body: { items: Array<{ name: string }> }) => body.items.map((i) => i.name).sort();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const groupBy of ['state', 'tier', 'component'] as const) statsBefore[groupBy] = (await get(`/api/v1/suppliers/stats?groupBy=${groupBy}`)).json();
  await db.insertInto('data_source').values({
    id: 'test', name: 'Datos sintéticos de prueba', publisher: 'Pruebas', licence: 'none (synthetic)', attribution: 'Synthetic test data',
    vintage: 'test', url: null, notes: 'Made in code for tests; not real establishments.',
  }).onConflict((oc) => oc.column('id').doNothing()).execute();
  const made = await insertEstablishments(db, [
    {
      name: 'Arneses Zafiro Saltillo', scian: '336320', tiers: ['tier1'], processes: ['wire_harness'], components: ['wire_harness', 'hv_harness'],
      certifications: [{ code: 'iatf_16949', expiresOn: nextYear }], sizeClass: 'large', employeesStratum: '251+', evReadiness: 'makes_ev_parts',
      phone: '844 000 0000', email: 'ventas@zafiro.example', website: 'https://zafiro.example', contactConsent: true,
      searchWords: labels(['wire_harness', 'hv_harness'], ['wire_harness']),
    },
    {
      name: 'Estampados Zafiro Ramos', lat: 25.5394, lon: -100.9477, scian: '336370', tiers: ['tier2'], processes: ['stamping'], components: ['body_stampings'],
      certifications: [{ code: 'iatf_16949', expiresOn: '2020-01-31' }, { code: 'iso_9001' }], sizeClass: 'medium', evReadiness: 'could_convert',
      phone: '844 111 1111', contactConsent: false, searchWords: labels(['body_stampings'], ['stamping']),
    },
    {
      name: 'Fundición Zafiro Monterrey', lat: 25.6866, lon: -100.3161, scian: '331420', tiers: ['tier2'], processes: ['die_casting'],
      components: ['battery_enclosure'], sizeClass: 'large', searchWords: labels(['battery_enclosure'], ['die_casting']),
    },
    {
      name: 'Celdas Zafiro Hermosillo', lat: 29.0729, lon: -110.9559, scian: '335910', tiers: ['tier1'], processes: ['cell_manufacturing'],
      components: ['battery_cell'], evReadiness: 'makes_ev_parts', searchWords: labels(['battery_cell'], ['cell_manufacturing']),
    },
    { name: 'ARNESES ZAFIRO SALTILLO (RETC)', lat: saltillo.lat + 0.0005, tiers: ['tier1'], components: ['wire_harness'], sizeClass: 'large' },
  ]);
  [ids.arneses, ids.estampados, ids.fundicion, ids.celdas, ids.folded] = made as [string, string, string, string, string];
  await db.updateTable('supplier_establishment').set({ merged_into: ids.arneses }).where('id', '=', ids.folded).execute();

  const password = 'caballo correcto batería';
  await t.services.accounts.createAdmin({ email: 'boss@example.mx', password, displayName: 'Boss' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'boss@example.mx', password }, null);
  for (const role of ['member', 'analyst', 'moderator'] as const) {
    const { principal } = await t.services.accounts.signUp({ email: `${role}@example.mx`, password, displayName: role }, null);
    if (role !== 'member') await t.services.accounts.setUserRole(admin, principal.userId, role);
    tokens[role] = (await t.services.accounts.createApiToken(principal, 'h4')).token;
  }
});
afterAll(async () => {
  await t?.dispose();
});

describe('GET /api/v1/suppliers/establishments — search', () => {
  it('finds accent-insensitively in Spanish and English, leaving folded records out', async () => {
    expect((await list('q=zafiro')).total).toBe(4);
    expect(namesOf(await list('q=arnes'))).toEqual(['Arneses Zafiro Saltillo']);
    expect(namesOf(await list('q=ARNÉS%20zafiro'))).toEqual(['Arneses Zafiro Saltillo']);
    expect(namesOf(await list('q=harness%20zafiro'))).toEqual(['Arneses Zafiro Saltillo']);
    expect(namesOf(await list('q=fundicion%20zaf'))).toEqual(['Fundición Zafiro Monterrey']);
    expect(namesOf(await list('q=battery%20zafiro'))).toEqual(['Celdas Zafiro Hermosillo', 'Fundición Zafiro Monterrey']);
    // tsquery operators typed by a user are plain text, not syntax.
    expect((await list(`q=${encodeURIComponent("zafiro & !(arnes) | ':*")}`)).total).toBe(1);
  });

  it('applies every filter, OR within a parameter and AND across', async () => {
    const count = async (q: string) => (await list(`q=zafiro&${q}`)).total;
    expect(await count('state=05')).toBe(2);
    expect(await count('state=05&state=26')).toBe(3);
    expect(await count('municipality=05030')).toBe(1);
    expect(await count('scian=3314')).toBe(1);
    expect(await count('scian=3363')).toBe(2);
    expect(await count('scian=33')).toBe(4);
    expect(await count('tier=tier1')).toBe(2);
    expect(await count('tier=tier1&tier=tier2')).toBe(4);
    expect(await count('tier=tier1,tier2')).toBe(4);
    expect(await count('process=stamping')).toBe(1);
    expect(await count('component=battery_cell&component=battery_enclosure')).toBe(2);
    expect(await count('certification=iatf_16949')).toBe(1); // the expired certificate does not count
    expect(await count('certification=iso_9001')).toBe(1);
    expect(await count('size=large')).toBe(2);
    expect(await count('evReadiness=makes_ev_parts')).toBe(2);
    expect(await count('tier=tier2&size=large')).toBe(1);
    expect(await count('tier=tier1&state=05&evReadiness=makes_ev_parts')).toBe(1);
  });

  it('searches within a radius of Saltillo, nearest first, with distances', async () => {
    const near = `near=${saltillo.lat},${saltillo.lon}`;
    const within50 = await list(`q=zafiro&${near}&radiusKm=50`);
    expect(within50.items.map((i: { name: string }) => i.name)).toEqual(['Arneses Zafiro Saltillo', 'Estampados Zafiro Ramos']);
    expect(within50.items[0].distanceKm).toBeLessThan(0.5);
    expect(within50.items[1].distanceKm).toBeGreaterThan(10);
    expect(within50.items[1].distanceKm).toBeLessThan(20);
    const within100 = await list(`q=zafiro&${near}&radiusKm=100&sort=distance`);
    expect(within100.items.map((i: { name: string }) => i.name)).toEqual(['Arneses Zafiro Saltillo', 'Estampados Zafiro Ramos', 'Fundición Zafiro Monterrey']);
    expect(within100.total).toBe(3);
  });

  it('pages with limit and offset, every page carrying the total', async () => {
    const first = await list('q=zafiro&sort=name&limit=2&offset=0');
    const second = await list('q=zafiro&sort=name&limit=2&offset=2');
    expect(first).toMatchObject({ total: 4, limit: 2, offset: 0 });
    expect(second.total).toBe(4);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(2);
    const all = [...first.items, ...second.items].map((i: { name: string }) => i.name);
    expect(all).toEqual(['Arneses Zafiro Saltillo', 'Celdas Zafiro Hermosillo', 'Estampados Zafiro Ramos', 'Fundición Zafiro Monterrey']);
    expect(first.items[0]).toMatchObject({ cveEnt: '05', cvegeo: '05030', tiers: ['tier1'], certifications: ['iatf_16949'], source: 'test', sizeClass: 'large' });
    expect(first.items[0].scianTitle).toBeTruthy();
    expect(first.items[0]).not.toHaveProperty('phone');
  });

  it('counts facets, each ignoring its own filter (drill-down)', async () => {
    const body = await list('q=zafiro&tier=tier1&facets=true');
    expect(body.total).toBe(2);
    const counts = (facet: string) => Object.fromEntries(body.facets[facet].map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(counts('tier')).toEqual({ tier1: 2, tier2: 2 });
    expect(counts('state')).toEqual({ '05': 1, '26': 1 });
    expect(body.facets.state.find((f: { value: string }) => f.value === '05').name).toBe('Coahuila de Zaragoza');
    expect(counts('component')).toEqual({ wire_harness: 1, hv_harness: 1, battery_cell: 1 });
    expect(counts('evReadiness')).toEqual({ makes_ev_parts: 2 });
    expect(counts('certification')).toEqual({ iatf_16949: 1 });

    const two = await list('q=zafiro&tier=tier2&size=large&facets=true');
    expect(two.total).toBe(1);
    const c2 = (facet: string) => Object.fromEntries(two.facets[facet].map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(c2('size')).toEqual({ large: 1, medium: 1 }); // tier2 plants by size
    expect(c2('tier')).toEqual({ tier1: 1, tier2: 1 }); // large plants by tier (the folded one is not counted)
    expect(c2('certification')).toEqual({}); // the one large tier2 plant holds none
    // Unfiltered (the directory's landing page): the facet total is the list's total.
    const everything = await list('facets=true&limit=1');
    expect(everything.total).toBe((await list('limit=1')).total);
    const tierCounts = Object.fromEntries(everything.facets.tier.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(tierCounts.tier1).toBeGreaterThanOrEqual(2);
    expect(everything.facets.state.reduce((n: number, f: { count: number }) => n + f.count, 0)).toBeLessThanOrEqual(everything.total);
    // A selected value with nothing behind it is still listed.
    const none = await list('q=zafiro&process=forging&facets=true');
    expect(none.total).toBe(0);
    expect(none.facets.process.find((f: { value: string }) => f.value === 'forging').count).toBe(0);
    expect(none.facets.process.find((f: { value: string }) => f.value === 'stamping').count).toBe(1);
  });

  it('refuses invalid parameters with SUPPLIERS.INVALID_QUERY', async () => {
    for (const q of ['tier=tier9', 'component=flux_capacitor', 'near=saltillo', 'radiusKm=20', 'state=99', 'sort=distance', 'certification=iso_1']) {
      const res = await get(`/api/v1/suppliers/establishments?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe('SUPPLIERS.INVALID_QUERY');
    }
    expect((await get('/api/v1/suppliers/establishments?tier=tier9')).json().detail).toContain('tier1, tier2, tier3');
  });
});

describe('establishment and company pages', () => {
  it('shows the public record, contact only when signed in and the company consented', async () => {
    const anonymous = (await get(`/api/v1/suppliers/establishments/${ids.arneses}`)).json();
    expect(anonymous).toMatchObject({
      name: 'Arneses Zafiro Saltillo', cveEnt: '05', cvegeo: '05030', stateName: 'Coahuila de Zaragoza', scian: '336320', contact: null, contactHidden: 'sign_in',
      mergedInto: null, cite: { source: 'Synthetic test data', licence: 'none (synthetic)' },
    });
    expect(anonymous.scianTitle).toBeTruthy();
    expect(anonymous.company.legalName).toBe('Arneses Zafiro Saltillo S.A. de C.V.');
    expect(anonymous.alsoReportedBy).toEqual([expect.objectContaining({ id: ids.folded, name: 'ARNESES ZAFIRO SALTILLO (RETC)', source: 'test' })]);
    expect(anonymous.sources.map((s: { id: string }) => s.id)).toEqual(['test']);
    expect(anonymous.provenance).toEqual({ record: { source: 'test', method: 'manual' } });
    expect(JSON.stringify(anonymous)).not.toContain('844 000 0000');
    const member = (await get(`/api/v1/suppliers/establishments/${ids.arneses}`, tokens.member)).json();
    expect(member.contact).toEqual({ phone: '844 000 0000', email: 'ventas@zafiro.example', website: 'https://zafiro.example' });
    expect(member.contactHidden).toBeNull();

    const noConsent = (await get(`/api/v1/suppliers/establishments/${ids.estampados}`, tokens.member)).json();
    expect(noConsent.contact).toBeNull();
    expect(noConsent.contactHidden).toBe('no_consent');
    expect(JSON.stringify(noConsent)).not.toContain('844 111 1111');
    expect(noConsent.certifications).toEqual([
      expect.objectContaining({ code: 'iatf_16949', expiresOn: '2020-01-31', expired: true }),
      expect.objectContaining({ code: 'iso_9001', expiresOn: null, expired: false }),
    ]);
  });

  it('answers for a folded record, pointing to the record that stands for the plant', async () => {
    const res = await get(`/api/v1/suppliers/establishments/${ids.folded}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mergedInto).toEqual({ id: ids.arneses, name: 'Arneses Zafiro Saltillo' });
    const missing = await get('/api/v1/suppliers/establishments/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SUPPLIERS.ESTABLISHMENT_NOT_FOUND');
  });

  it('shows a company with its establishments', async () => {
    const e = (await get(`/api/v1/suppliers/establishments/${ids.celdas}`)).json();
    const company = (await get(`/api/v1/suppliers/companies/${e.company.id}`)).json();
    expect(company.legalName).toBe('Celdas Zafiro Hermosillo S.A. de C.V.');
    expect(company.establishments.map((x: { id: string }) => x.id)).toEqual([ids.celdas]);
    expect((await get('/api/v1/suppliers/companies/00000000-0000-4000-8000-000000000000')).json().code).toBe('SUPPLIERS.COMPANY_NOT_FOUND');
  });

  it('lists the vocabularies with Spanish and English labels', async () => {
    const taxonomy = (await get('/api/v1/suppliers/taxonomy')).json();
    expect(taxonomy.tiers.find((x: { code: string }) => x.code === 'tier1')).toMatchObject({ es: 'Nivel 1 (sistemas y componentes)' });
    expect(taxonomy.components.find((x: { code: string }) => x.code === 'hv_harness')).toMatchObject({ en: 'High-voltage wiring harness' });
    expect(taxonomy.employeeStrata).toHaveLength(7);
  });
});

describe('catalogue and coverage', () => {
  it('lists components with their suppliers, states and tiers', async () => {
    const body = (await get('/api/v1/suppliers/components')).json();
    const cell = body.items.find((c: { code: string }) => c.code === 'battery_cell');
    expect(cell.establishments).toBeGreaterThanOrEqual(1);
    expect(cell.states).toContain('26');
    expect(cell.tiers.tier1).toBeGreaterThanOrEqual(1);
    expect(cell.hasDomesticSupplier).toBe(true);
    expect(body.withoutDomesticSupplier).not.toContain('battery_cell');
    expect(body.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'test' })]));
  });

  it('lists the suppliers of a component near a plant', async () => {
    const body = (await get(`/api/v1/suppliers/components/wire_harness?near=${saltillo.lat},${saltillo.lon}&radiusKm=30&q=zafiro`)).json();
    expect(body).toMatchObject({ code: 'wire_harness', nameEn: 'Wiring harnesses', hasDomesticSupplier: true });
    expect(body.states).toContain('05');
    expect(body.tiers.tier1).toBeGreaterThanOrEqual(1);
    expect(body.suppliers.total).toBe(1); // the folded RETC record is not a second supplier
    expect(body.suppliers.items[0].name).toBe('Arneses Zafiro Saltillo');
    expect((await get('/api/v1/suppliers/components/flux_capacitor')).statusCode).toBe(404);
  });

  it('gives coverage by state, tier and component, with a national row, sources and date', async () => {
    const after = (groupBy: string) => get(`/api/v1/suppliers/stats?groupBy=${groupBy}`).then((r) => r.json());
    const delta = (before: any, now: any, code: string | null, field = 'establishments') =>
      (now.items.find((i: any) => i.code === code)?.[field] ?? 0) - (before.items.find((i: any) => i.code === code)?.[field] ?? 0);
    const state = await after('state');
    expect(delta(statsBefore.state, state, '05')).toBe(2);
    expect(delta(statsBefore.state, state, '26')).toBe(1);
    expect(state.national.establishments - statsBefore.state.national.establishments).toBe(4);
    expect(state.items.find((i: any) => i.code === '05').name).toBe('Coahuila de Zaragoza');
    expect(state.method).toContain('declares');
    expect(state.sources.map((s: { id: string }) => s.id)).toContain('test');
    expect(state.asOf).not.toBeNull();
    const tier = await after('tier');
    expect(delta(statsBefore.tier, tier, 'tier1')).toBe(2);
    expect(delta(statsBefore.tier, tier, 'tier2')).toBe(2);
    expect(tier.items.find((i: any) => i.code === 'oem')).toBeDefined(); // listed even when empty
    const component = await after('component');
    expect(delta(statsBefore.component, component, 'battery_enclosure')).toBe(1);
    expect(component.items.find((i: any) => i.code === 'battery_enclosure').hasDomesticSupplier).toBe(true);
    expect(component.items.find((i: any) => i.code === 'battery_enclosure').states).toContain('19');
    // Every catalogue component is a row, those nobody declares too.
    expect(component.items.filter((i: any) => i.code !== null).length).toBeGreaterThanOrEqual(componentCatalogue.length);
    const bad = await get('/api/v1/suppliers/stats?groupBy=colour');
    expect(bad.statusCode).toBe(400);
  });

  it('downloads the coverage table as CSV with method, sources and date on every row', async () => {
    const res = await get('/api/v1/suppliers/stats.csv?groupBy=tier');
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = res.body.trim().split('\n');
    expect(header).toContain('tier_tier1');
    expect(header).toContain('size_large');
    expect(header).toContain('as_of');
    expect(rows.at(-1)).toContain('MX');
    expect(rows.every((r) => r.includes('Synthetic test data'))).toBe(true);
  });
});

describe('curation of the catalogue', () => {
  const post = (body: object, token?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/suppliers/components', payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const patch = (code: string, body: object, token?: string) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/suppliers/components/${code}`, payload: body, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const solidState = { code: 'h4_solid_state_cell', group: 'battery', evSpecific: true, nameEs: 'Celdas de estado sólido', nameEn: 'Solid-state cells', hsCodes: ['8507.60'] };

  it('lets analysts add and moderators change components, audited, and no one else', async () => {
    expect((await post(solidState)).statusCode).toBe(401);
    expect((await post(solidState, tokens.member)).statusCode).toBe(403);
    const created = await post(solidState, tokens.analyst);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'h4_solid_state_cell', establishments: 0, hasDomesticSupplier: false, hsCodes: ['8507.60'] });
    expect((await post(solidState, tokens.analyst)).json().code).toBe('SUPPLIERS.COMPONENT_EXISTS');
    const badGroup = await post({ ...solidState, code: 'h4_other', group: 'toys' }, tokens.analyst);
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.json().detail).toContain('battery');

    // A new component is a valid filter at once, and stands out as having no supplier.
    expect((await list('component=h4_solid_state_cell')).total).toBe(0);
    expect((await get('/api/v1/suppliers/components')).json().withoutDomesticSupplier).toContain('h4_solid_state_cell');

    expect((await patch('h4_solid_state_cell', { nameEn: 'Solid-state battery cells' }, tokens.member)).statusCode).toBe(403);
    const changed = await patch('h4_solid_state_cell', { nameEn: 'Solid-state battery cells', retired: true }, tokens.moderator);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ nameEn: 'Solid-state battery cells', retired: true });
    expect(changed.json().provenance.curated.nameEn).toMatchObject({ method: 'manual', source: 'electrifica-taxonomy' });
    expect(changed.json().provenance.curated.nameEn).not.toHaveProperty('userId');
    expect((await get('/api/v1/suppliers/components')).json().items.map((c: { code: string }) => c.code)).not.toContain('h4_solid_state_cell');
    expect((await get('/api/v1/suppliers/components?includeRetired=true')).json().items.map((c: { code: string }) => c.code)).toContain('h4_solid_state_cell');

    // Renaming a component makes plants findable by the new name (the old one stays a synonym).
    expect((await list('q=loom%20zafiro')).total).toBe(0);
    expect((await patch('hv_harness', { nameEn: 'High-voltage cable loom' }, tokens.analyst)).statusCode).toBe(200);
    expect(namesOf(await list('q=loom%20zafiro'))).toEqual(['Arneses Zafiro Saltillo']);
    expect(namesOf(await list('q=harness%20zafiro'))).toEqual(['Arneses Zafiro Saltillo']);

    const shipped = await patch('battery_pack', { descriptionEn: 'Packs of modules with their BMS and enclosure' }, tokens.moderator);
    expect(shipped.json().provenance).toMatchObject({ source: 'electrifica-taxonomy', method: 'derived' }); // the shipped provenance stays
    expect((await patch('flux_capacitor', { nameEn: 'x' }, tokens.analyst)).json().code).toBe('SUPPLIERS.COMPONENT_NOT_FOUND');

    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'entity_id', 'after']).where('entity_type', '=', 'suppliers.component')
      .orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['create', 'h4_solid_state_cell'], ['update', 'h4_solid_state_cell'], ['update', 'hv_harness'], ['update', 'battery_pack'],
    ]);
    expect(audit[1]!.after).toEqual({ nameEn: 'Solid-state battery cells', retired: true });
  });
});

describe('exports and map', () => {
  it('exports the filtered establishments as CSV, GeoJSON and JSON, public fields only', async () => {
    const csv = await get('/api/v1/suppliers/establishments.csv?q=zafiro');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['x-total-count']).toBe('4');
    expect(csv.headers['x-export-truncated']).toBe('false');
    const [header, ...rows] = csv.body.trim().split('\n');
    expect(header).toContain('scian_title');
    expect(header).not.toMatch(/phone|email|website/);
    expect(rows).toHaveLength(4);
    expect(csv.body).not.toContain('844 000 0000');
    expect(rows[0]).toContain('Arneses Zafiro Saltillo');
    expect(rows[0]).toContain('Synthetic test data');

    const geo = await get('/api/v1/suppliers/establishments.geojson?q=zafiro&state=05');
    const fc = geo.json();
    expect(fc).toMatchObject({ type: 'FeatureCollection', total: 2, truncated: false });
    expect(fc.features.map((f: any) => f.properties.name)).toEqual(['Arneses Zafiro Saltillo', 'Estampados Zafiro Ramos']);
    expect(fc.features[0].geometry.coordinates).toEqual([saltillo.lon, saltillo.lat]);
    expect(JSON.stringify(fc)).not.toContain('ventas@zafiro.example');

    const json = (await get('/api/v1/suppliers/establishments.json?q=zafiro&tier=tier1', tokens.analyst)).json();
    expect(json.items.map((i: { name: string }) => i.name)).toEqual(['Arneses Zafiro Saltillo', 'Celdas Zafiro Hermosillo']);
    expect(JSON.stringify(json)).not.toContain('844 000 0000'); // no contacts, whoever asks

    const empty = await get('/api/v1/suppliers/establishments.csv?q=nadaquecoincida');
    expect(empty.body.trim().split('\n')).toHaveLength(1);
    expect((await get('/api/v1/suppliers/establishments.csv?tier=tier7')).json().code).toBe('SUPPLIERS.INVALID_QUERY');
  });

  it('caps an export and says so', async () => {
    const repository = createSuppliersRepository(t.database.db);
    const small = createSuppliersService({
      db: t.database.db, repository, clusters: createSupplierClusterService(repository), exportRowLimit: 3,
      scian: loadScian(path.join(t.config.referenceDataDir, scianCataloguePath)),
    });
    const csv = await small.exportCsv({ q: 'zafiro' });
    let text = '';
    for await (const chunk of csv.body) text += chunk;
    expect(csv).toMatchObject({ total: 4, capped: true, limit: 3 });
    expect(csv.notice).toContain('first 3 of 4');
    expect(text.trim().split('\n')).toHaveLength(4); // header and 3 rows
    const geo = await small.exportGeoJson({ q: 'zafiro' });
    let doc = '';
    for await (const chunk of geo.body) doc += chunk;
    expect(JSON.parse(doc)).toMatchObject({ total: 4, truncated: true, notice: expect.stringContaining('narrow the filters') });
    expect(JSON.parse(doc).features).toHaveLength(3);
  });

  it('clusters the filtered establishments for the map', async () => {
    const national = (await get('/api/v1/suppliers/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4&q=zafiro')).json();
    expect(national.type).toBe('FeatureCollection');
    expect(national.features.reduce((n: number, f: any) => n + f.properties.count, 0)).toBe(4);
    const city = (await get('/api/v1/suppliers/clusters?bbox=-111.1,28.9,-110.8,29.2&zoom=15&q=zafiro')).json();
    expect(city.features).toHaveLength(1);
    expect(city.features[0].properties).toMatchObject({ cluster: false, id: ids.celdas, name: 'Celdas Zafiro Hermosillo' });
    const tier2 = (await get('/api/v1/suppliers/clusters?bbox=-118.5,14.5,-86.5,32.8&zoom=4&q=zafiro&tier=tier2')).json();
    expect(tier2.features.reduce((n: number, f: any) => n + f.properties.count, 0)).toBe(2);
    expect((await get('/api/v1/suppliers/clusters?bbox=nope&zoom=4')).statusCode).toBe(400);
  });
});

describe('sources, dates and management on every read', () => {
  it('gives the list, the plant, the company and the component their sources and date', async () => {
    const body = await list('q=zafiro');
    expect(body.sources.map((s: { id: string }) => s.id)).toContain('test');
    expect(body.asOf).not.toBeNull();
    const plant = (await get(`/api/v1/suppliers/establishments/${ids.celdas}`)).json();
    expect(plant).toMatchObject({ managed: false, asOf: body.asOf });
    const company = (await get(`/api/v1/suppliers/companies/${plant.company.id}`)).json();
    expect(company).toMatchObject({ managed: false, total: 1, asOf: body.asOf });
    expect(company.sources.map((s: { id: string }) => s.id)).toEqual(['test']);
    const component = (await get(`/api/v1/suppliers/components/wire_harness?q=zafiro`)).json();
    expect(component.byState['05']).toBeGreaterThanOrEqual(1);
    expect(component.sources.map((s: { id: string }) => s.id)).toContain('test');
    expect(component.suppliers.sources.map((s: { id: string }) => s.id)).toContain('test');
    expect(component.asOf).not.toBeNull();
  });

  it('says a plant is managed once its company is linked to an organisation (an approved claim)', async () => {
    const db = t.database.db;
    const plant = (await get(`/api/v1/suppliers/establishments/${ids.fundicion}`)).json();
    const org = await db.insertInto('organisation').values({ name: 'Fundición Zafiro (sintética)', type: 'company' } as never).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('supplier_company').set({ organisation_id: org.id }).where('id', '=', plant.company.id).execute();
    expect((await get(`/api/v1/suppliers/establishments/${ids.fundicion}`)).json().managed).toBe(true);
    expect((await get(`/api/v1/suppliers/companies/${plant.company.id}`)).json().managed).toBe(true);
  });

  it('leaves folded records out of a company', async () => {
    const folded = (await get(`/api/v1/suppliers/establishments/${ids.folded}`)).json();
    if (folded.company) {
      const company = (await get(`/api/v1/suppliers/companies/${folded.company.id}`)).json();
      expect(company.establishments.map((x: { id: string }) => x.id)).not.toContain(ids.folded);
    }
  });
});

describe('cached counts stay exact', () => {
  const counts = (body: any, facet: string) => Object.fromEntries(body.facets[facet].map((f: { value: string; count: number }) => [f.value, f.count]));

  it('counts a write at once: insert, edit, fold, unfold and delete', async () => {
    const db = t.database.db;
    const query = 'q=topacio&facets=true';
    const before = await list(query);
    expect(before.total).toBe(0);
    expect((await list(query)).total).toBe(0); // served again, from the cache
    const [a, b] = await insertEstablishments(db, [
      { name: 'Topacio Maquinados Saltillo', tiers: ['tier2'], components: ['wire_harness'], sizeClass: 'small' },
      { name: 'Topacio Forjas Hermosillo', lat: 29.0729, lon: -110.9559, tiers: ['tier3'], sizeClass: 'small' },
    ]) as [string, string];
    const inserted = await list(query);
    expect(inserted.total).toBe(2);
    expect(counts(inserted, 'tier')).toEqual({ tier2: 1, tier3: 1 });
    expect(counts(inserted, 'state')).toEqual({ '05': 1, '26': 1 });

    await db.updateTable('supplier_establishment').set({ tiers: ['tier1'] }).where('id', '=', b).execute();
    expect(counts(await list(query), 'tier')).toEqual({ tier2: 1, tier1: 1 });

    await db.updateTable('supplier_establishment').set({ merged_into: a }).where('id', '=', b).execute();
    const folded = await list(query);
    expect(folded.total).toBe(1);
    expect(counts(folded, 'state')).toEqual({ '05': 1 });

    await db.updateTable('supplier_establishment').set({ merged_into: null }).where('id', '=', b).execute();
    expect((await list(query)).total).toBe(2);

    await db.deleteFrom('supplier_establishment').where('id', 'in', [a, b]).execute();
    expect((await list(query)).total).toBe(0);
  });

  it('gives the unfiltered directory from the summary the writes keep, equal to counting every row', async () => {
    const db = t.database.db;
    const repository = createSuppliersRepository(db);
    const live = async () => {
      const rows = await repository.facets(emptyFilter());
      const total = rows.find((r) => r.facet === 'total')!.n;
      const byFacet: Record<string, Record<string, number>> = {};
      for (const r of rows) if (r.facet !== 'total' && r.value !== null) (byFacet[r.facet] ??= {})[String(r.value).trimEnd()] = r.n;
      return { total, byFacet };
    };
    const api = async () => {
      const body = await list('facets=true&limit=1');
      return { total: body.total, byFacet: Object.fromEntries(facetNames.map((f) => [f, counts(body, f)])) };
    };
    const same = async () => {
      const [x, y] = [await api(), await live()];
      expect(x.total).toBe(y.total);
      for (const f of facetNames) expect(x.byFacet[f], f).toEqual(y.byFacet[f] ?? {});
    };
    await same();
    // A certificate that expired yesterday no longer counts; one that expires tomorrow does.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const [c] = await insertEstablishments(db, [
      { name: 'Topacio Certificada', tiers: ['tier1', 'tier2'], processes: ['stamping'], certifications: [{ code: 'iso_14001', expiresOn: yesterday }, { code: 'iso_45001', expiresOn: tomorrow }] },
    ]);
    await same();
    await db.updateTable('supplier_establishment').set({ tiers: ['oem'], size_class: 'large', ev_readiness: 'not_yet' }).where('id', '=', c!).execute();
    await repository.foldFacetSummary();
    await same();
    const rows = await sql<{ n: number }>`select count(*)::int as n from supplier_search_facet`.execute(db);
    expect(rows.rows[0]!.n).toBeLessThan(5000); // one row per value after folding
    await db.deleteFrom('supplier_establishment').where('id', '=', c!).execute();
    await same();
  });

  it('keeps the data version growing when its log is folded', async () => {
    const repository = createSuppliersRepository(t.database.db);
    const { version } = await repository.version();
    await repository.foldVersionLog();
    const after = await repository.version();
    expect(after.version).toEqual(version);
    expect(after.pending).toBe(0);
    await t.database.db.updateTable('supplier_establishment').set({ updated_at: new Date() }).where('id', '=', ids.celdas).execute();
    expect((await repository.version()).version.writes).toBe(version.writes + 1);
  });
});
