import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../config.js';
import type { MergeContext, ValidRow } from '../../../platform/imports/import-kind.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { createEstablishmentMerge, type ImportedEstablishment } from './establishment-merge.js';
import { loadScian, scianCataloguePath } from './scian.js';

/*
 * The merge on its own, with chunks of two rows so that a few rows cross several chunks and
 * the pipeline (a chunk planned while the previous ones are written) is exercised. Every
 * establishment here is SYNTHETIC.
 */
const scian = loadScian(path.join(repoRoot, 'data/reference', scianCataloguePath));
const merge = createEstablishmentMerge({ scian, rowsPerChunk: 2 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const context: MergeContext = {
  actor: { userId: null, label: 'test:merge' },
  importId: '00000000-0000-7000-8000-000000000001',
  provenance: (rowNumber) => ({ source: 'test-merge', method: 'import', rowNumber }),
};

/** A synthetic plant in Saltillo (Coahuila), with some fields replaced. */
function plant(n: number, patch: Partial<ImportedEstablishment> = {}): ValidRow<ImportedEstablishment> {
  const value: ImportedEstablishment = {
    sourceKey: `mergetest:${n}`, name: `Planta Sintética ${n}`, company: null, street: null, exteriorNumber: null, neighbourhood: null,
    postalCode: null, locality: null, industrialPark: null, municipalityAsGiven: null, stateAsGiven: null, cvegeoAsGiven: '05030',
    cveEntAsGiven: null, lat: 25.4232 + n * 0.001, lon: -101.0053, scian: '336390', employeesStratum: null, sizeClass: null, tiers: [],
    processes: [], components: [], certifications: [], oemCustomers: [], exportMarkets: [], evReadiness: null, phone: null, email: null,
    website: null, contactConsent: false, registeredOn: null, ...patch,
  };
  return { rowNumber: n + 1, key: value.sourceKey, value };
}
const company = (legalName: string, patch: Partial<NonNullable<ImportedEstablishment['company']>> = {}) => ({
  legalName, rfc: null, tradeNames: [], sizeClass: null, ownershipCountry: null, website: null, ...patch,
});
const run = (rows: ValidRow<ImportedEstablishment>[]) => t.database.db.transaction().execute((tx) => merge(tx, rows, context));
const stored = (n: number) =>
  t.database.db.selectFrom('supplier_establishment').select(['id', 'company_id', 'cvegeo', 'cve_ent', 'employees_stratum', 'name'])
    .where('source_key', '=', `mergetest:${n}`).executeTakeFirst();

describe('the establishment merge, chunk after chunk', () => {
  it('finds a company named in an earlier chunk, fills it once, and keeps the order of outcomes', async () => {
    const rows = [
      plant(1, { company: company('Forjas Sintéticas S.A. de C.V.') }),
      plant(2),
      plant(3, { company: company('Resortes Sintéticos S.A. de C.V.', { rfc: 'RSI010101AB1' }) }),
      plant(4, { company: company('Resortes del Norte Sintéticos S.A. de C.V.', { rfc: 'RSI010101AB1' }) }),
      plant(5),
      // Three chunks after its first mention: written before this chunk was read, or not, the company is the same.
      plant(6, { company: company('FORJAS SINTETICAS, S.A. DE C.V.', { website: 'https://forjas.example', tradeNames: ['Forsin'] }) }),
      plant(7, { company: company('Forjas Sintéticas S.A. de C.V.', { website: 'https://otra.example', tradeNames: ['Forsin', 'FS'] }) }),
    ];
    expect(await run(rows)).toEqual(['new', 'new', 'new', 'new', 'new', 'new', 'new']);

    const [p1, p3, p4, p6, p7] = await Promise.all([stored(1), stored(3), stored(4), stored(6), stored(7)]);
    expect(p1!.company_id).not.toBeNull();
    expect(p6!.company_id).toBe(p1!.company_id);
    expect(p7!.company_id).toBe(p1!.company_id);
    expect(p4!.company_id).toBe(p3!.company_id); // the same RFC
    const forjas = await t.database.db.selectFrom('supplier_company').select(['website', 'trade_names']).where('id', '=', p1!.company_id!).executeTakeFirstOrThrow();
    // The first website given stays; trade names accumulate across chunks.
    expect(forjas).toEqual({ website: 'https://forjas.example', trade_names: ['Forsin', 'FS'] });
    const companies = await sql<{ n: number }>`select count(*)::int as n from supplier_company where legal_name like '%Sint%'`.execute(t.database.db);
    expect(companies.rows[0]!.n).toBe(2);
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'after']).where('entity_id', '=', p1!.company_id!).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(audit[1]!.after).toEqual({ website: 'https://forjas.example', trade_names: ['Forsin'] });
    expect(audit[2]!.after).toEqual({ trade_names: ['Forsin', 'FS'] });

    // Placed in SQL (no placement from the pipeline): Saltillo.
    expect(p1).toMatchObject({ cvegeo: '05030', cve_ent: '05' });
  });

  it('finds every row unchanged on a second run, and updates only what changed', async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => plant(n, n === 1 ? { company: company('Forjas Sintéticas S.A. de C.V.') } : {}));
    rows[2] = plant(3, { company: company('Resortes Sintéticos S.A. de C.V.', { rfc: 'RSI010101AB1' }) });
    rows[3] = plant(4, { company: company('Resortes del Norte Sintéticos S.A. de C.V.', { rfc: 'RSI010101AB1' }), employeesStratum: '51-100' });
    expect(await run(rows)).toEqual(['unchanged', 'unchanged', 'unchanged', 'updated', 'unchanged']);
    expect((await stored(4))!.employees_stratum).toBe('51-100');
  });

  it('takes the municipality the pipeline placed the point in, without searching the boundaries again', async () => {
    // A placement that disagrees with the boundaries shows which one was used.
    const row = { ...plant(20), placement: { cvegeo: '05035', cveEnt: '05', usStateAbbr: null } };
    await run([row]);
    expect(await stored(20)).toMatchObject({ cvegeo: '05035', cve_ent: '05' });
  });

  it('reports the statement that failed in a later chunk, and stores nothing of the run', async () => {
    const rows = [30, 31, 32, 33, 34, 35].map((n) => plant(n));
    // Refused by the table's check constraint when the third chunk is written.
    rows[4] = plant(34, { employeesStratum: 'muchos' as never });
    await expect(run(rows)).rejects.toThrow(/employees_stratum_check/);
    expect(await stored(30)).toBeUndefined();
    expect(await stored(35)).toBeUndefined();
  });
});
