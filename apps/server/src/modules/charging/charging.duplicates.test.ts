import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { matchDuplicates } from './charging.duplicates.js';
import { mergeLocations, type ImportedLocation } from './import/location-merge.js';

/**
 * Cross-source duplicates on the real Open Charge Map sample (loaded in the test database)
 * against SYNTHETIC records of another source, `test:…`, made here in code: the same
 * site with the same operator (merged automatically), a record 80 m away under another
 * name (queued), a registered location (queued, never folded automatically) and a
 * private charger (merged, never shown to the public).
 */
let t: TestApp;
const tokens: Record<'admin' | 'moderator' | 'member', string> = { admin: '', moderator: '', member: '' };
const ids: Record<string, string> = {};

/** Metres north of a latitude, in degrees (111,320 m per degree is close enough for tens of metres). */
const north = (lat: number, m: number) => lat + m / 111_320;

const synthetic = (sourceKey: string, lat: number, lon: number, fields: Partial<ImportedLocation> = {}): ImportedLocation => ({
  sourceKey, name: `Sitio sintético ${sourceKey}`, address: null, city: null, postalCode: null, countryCode: 'MX', stateAsGiven: null,
  lat, lon, access: 'public', operatorName: 'Tesla', lifecycleStatus: 'operational', lastVerifiedAt: null,
  evses: [{ evseUid: '1', connectors: [{ connectorId: '1', standard: 'NACS', sourceCode: 'test:tesla', sourceLabel: 'Tesla', format: 'CABLE', powerType: 'AC_3_PHASE', maxVoltageV: null, maxAmperageA: null, maxPowerKw: 11 }] }],
  ...fields,
});

/** Merges synthetic records the way an importer of the `test` source would, in one transaction. */
const mergeSynthetic = (locations: ImportedLocation[]) =>
  t.database.db.transaction().execute((trx) =>
    mergeLocations(trx, locations.map((value, i) => ({ rowNumber: i + 2, key: value.sourceKey, value })), {
      actor: { userId: null, label: 'test:synthetic' },
      importId: '00000000-0000-4000-8000-000000000001',
      provenance: (rowNumber) => ({ source: 'test', vintage: 'synthetic', method: 'import', rowNumber }),
    }),
  );

const locationBy = (sourceKey: string) => t.database.db.selectFrom('charging_location').selectAll().where('source_key', '=', sourceKey).executeTakeFirstOrThrow();
const pairsOf = (locationId: string) =>
  t.database.db.selectFrom('charging_duplicate').selectAll().where((eb) => eb.or([eb('location_id', '=', locationId), eb('match_id', '=', locationId)])).execute();
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();

const request = (method: 'GET' | 'POST', url: string, who?: keyof typeof tokens, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload }) });

beforeAll(async () => {
  t = await createTestApp();
  const password = 'caballo correcto batería';
  await t.services.accounts.createAdmin({ email: 'admin@example.mx', password, displayName: 'Admin' });
  const { principal: admin } = await t.services.accounts.signIn({ email: 'admin@example.mx', password }, null);
  tokens.admin = (await t.services.accounts.createApiToken(admin, 'admin')).token;
  for (const role of ['moderator', 'member'] as const) {
    const { principal } = await t.services.accounts.signUp({ email: `${role}@example.mx`, password, displayName: role }, null);
    if (role !== 'member') await t.services.accounts.setUserRole(admin, principal.userId, role);
    tokens[role] = (await t.services.accounts.createApiToken((await t.services.accounts.principalFor(principal.userId, 'token'))!, role)).token;
  }
  for (const key of ['ocm:113844', 'ocm:106519', 'ocm:125560']) ids[key] = (await locationBy(key)).id;
});
afterAll(async () => {
  await t?.dispose();
});

describe('matching through the shared merge', () => {
  it('merges a record of another source at the same site with the same operator, keeping the older record', async () => {
    // Hotel Cuesta Real (OCM, Tesla Motors (Worldwide), NACS) at 26.897669, -111.96527.
    const outcomes = await mergeSynthetic([
      synthetic('test:same-site', north(26.897669, 10), -111.96527, { name: 'Hotel Cuesta Real Mulegé' }),
      synthetic('test:near', north(26.897669, 80), -111.96527, { name: 'Tienda de conveniencia' }),
    ]);
    expect(outcomes).toEqual(['new', 'new']);
    const ocm = await locationBy('ocm:113844');
    const same = await locationBy('test:same-site');
    const near = await locationBy('test:near');
    ids['test:same-site'] = same.id;
    ids['test:near'] = near.id;

    expect(same.merged_into).toBe(ocm.id);
    expect(ocm.merged_into).toBeNull();
    expect(ocm.provenance['duplicate:test:same-site']).toMatchObject({ source: 'test', method: 'derived', rowNumber: 2 });
    const [merged] = await pairsOf(same.id);
    expect(merged).toMatchObject({ location_id: same.id, match_id: ocm.id, status: 'merged', decided_by: null });
    expect(merged!.reasons).toEqual(expect.arrayContaining(['distance_10m', 'same_operator', 'connectors_compatible']));
    // Both changes are audited, by the import that caused them.
    expect((await auditOf(same.id)).map((e) => [e.action, e.after])).toContainEqual(['update', { merged_into: ocm.id }]);
    expect((await auditOf(ocm.id)).some((e) => e.actor_label === 'test:synthetic' && JSON.stringify(e.after).includes('duplicate:test:same-site'))).toBe(true);
  });

  it('queues a record 80 m away under another name for a moderator', async () => {
    const pairs = await pairsOf(ids['test:near']!);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ location_id: ids['test:near'], match_id: ids['ocm:113844'], status: 'pending', decided_by: null });
    expect(pairs[0]!.distance_m).toBeGreaterThan(75);
    expect(pairs[0]!.distance_m).toBeLessThan(85);
    expect(pairs[0]!.reasons).toEqual(expect.arrayContaining(['distance_80m', 'name_differs', 'same_operator']));
    expect((await locationBy('test:near')).merged_into).toBeNull();
  });

  it('never stores the same pair twice, whether re-imported, moved or matched again', async () => {
    const before = await t.database.db.selectFrom('charging_duplicate').select('id').execute();
    expect(await mergeSynthetic([
      synthetic('test:same-site', north(26.897669, 10), -111.96527, { name: 'Hotel Cuesta Real Mulegé' }),
      synthetic('test:near', north(26.897669, 82), -111.96527, { name: 'Tienda de conveniencia' }),
    ])).toEqual(['unchanged', 'updated']);
    await t.database.db.transaction().execute((trx) => matchDuplicates(trx, [ids['test:near']!, ids['ocm:113844']!, ids['test:same-site']!], { userId: null, label: 'test' }));
    expect(await t.database.db.selectFrom('charging_duplicate').select('id').execute()).toHaveLength(before.length);
  });

  it('queues a registered location instead of folding it, even at the same spot', async () => {
    // Matehuala, SLP Supercharger (OCM) at 23.721462, -100.607074.
    await mergeSynthetic([synthetic('reg:synthetic-1', north(23.721462, 3), -100.607074, { name: 'Matehuala Supercharger' })]);
    const reg = await locationBy('reg:synthetic-1');
    expect(reg.merged_into).toBeNull();
    const [pair] = await pairsOf(reg.id);
    expect(pair).toMatchObject({ match_id: ids['ocm:106519'], status: 'pending' });
    expect(pair!.reasons).toContain('registered_location');
  });

  it('merges a private charger but never lists it publicly', async () => {
    // Santa Fe, CDMX Supercharger (OCM) at 19.376999, -99.253381.
    await mergeSynthetic([synthetic('test:private', north(19.376999, 5), -99.253381, { access: 'private', name: 'Santa Fe Supercharger' })]);
    expect((await locationBy('test:private')).merged_into).toBe(ids['ocm:125560']);
    const res = await request('GET', `/api/v1/charging/locations/${ids['ocm:125560']}/also-reported-by`);
    expect(res.json()).toEqual({ locationId: ids['ocm:125560'], items: [] });
    // The pair is for admins only: moderators review public data.
    const forModerator = (await request('GET', '/api/v1/charging/duplicates?status=merged', 'moderator')).json();
    const forAdmin = (await request('GET', '/api/v1/charging/duplicates?status=merged', 'admin')).json();
    expect(forAdmin.total).toBe(forModerator.total + 1);
  });
});

describe('the moderator queue API', () => {
  it('asks for sign-in and the moderator or admin role', async () => {
    expect((await request('GET', '/api/v1/charging/duplicates')).statusCode).toBe(401);
    const forbidden = await request('GET', '/api/v1/charging/duplicates', 'member');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('ACCOUNTS.FORBIDDEN');
    expect((await request('POST', '/api/v1/charging/duplicates/00000000-0000-4000-8000-000000000000/distinct', 'member')).statusCode).toBe(403);
    expect((await request('GET', '/api/v1/charging/duplicates', 'admin')).statusCode).toBe(200);
  });

  it('lists pending pairs best first with total, and shows one side by side', async () => {
    const list = (await request('GET', '/api/v1/charging/duplicates?status=pending&limit=1', 'moderator')).json();
    expect(list.total).toBe(2);
    expect(list.items).toHaveLength(1);
    const all = (await request('GET', '/api/v1/charging/duplicates', 'moderator')).json();
    expect(all.items[0].score).toBeGreaterThanOrEqual(all.items[1].score);
    const near = all.items.find((p: { location: { sourceKey: string } }) => p.location.sourceKey === 'test:near');
    expect(near).toMatchObject({ status: 'pending', location: { source: 'test', name: 'Tienda de conveniencia' }, match: { sourceKey: 'ocm:113844', source: 'ocm' } });

    const detail = (await request('GET', `/api/v1/charging/duplicates/${near.id}`, 'moderator')).json();
    expect(detail.location).toMatchObject({ name: 'Tienda de conveniencia', operatorName: 'Tesla', access: 'public', lifecycleStatus: 'operational', source: 'test', cveEnt: '03' });
    expect(detail.match).toMatchObject({ name: 'Hotel Cuesta Real', operatorName: 'Tesla Motors (Worldwide)', source: 'ocm', sourceRecordId: '113844', municipalityName: 'Mulegé' });
    expect(detail.match.evses).toHaveLength(2);
    expect(detail.match.evses[0].connectors[0]).toMatchObject({ standard: 'NACS' });
    expect(detail.match.provenance.record).toMatchObject({ source: 'ocm' });
    expect(detail.sources.map((s: { id: string }) => s.id)).toEqual(['ocm']);
    expect(detail.reasons).toContain('same_operator');
    expect(detail.distanceM).toBeGreaterThan(75);

    expect((await request('GET', '/api/v1/charging/duplicates/00000000-0000-4000-8000-000000000000', 'moderator')).json().code).toBe('CHARGING.DUPLICATE_NOT_FOUND');
  });

  it('marks a pair distinct once, audited; a decided pair cannot be decided again', async () => {
    const [pair] = await pairsOf(ids['test:near']!);
    const res = await request('POST', `/api/v1/charging/duplicates/${pair!.id}/distinct`, 'moderator');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'distinct' });
    expect(res.json().decidedBy).not.toBeNull();
    const again = await request('POST', `/api/v1/charging/duplicates/${pair!.id}/merge`, 'moderator', { keep: 'match' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CHARGING.DUPLICATE_ALREADY_DECIDED');
    expect((await request('POST', `/api/v1/charging/duplicates/${pair!.id}/distinct`, 'admin')).statusCode).toBe(409);
    expect((await request('POST', `/api/v1/charging/duplicates/${pair!.id}/unmerge`, 'moderator')).json().code).toBe('CHARGING.DUPLICATE_NOT_MERGED');
    const audit = await auditOf(pair!.id);
    expect(audit.map((e) => [e.action, e.actor_label, e.after])).toContainEqual(['update', 'moderator@example.mx', { status: 'distinct' }]);
  });

  it('undoes an automatic merge, then merges keeping the other record, and the public sees who else reported it', async () => {
    const [pair] = await pairsOf(ids['test:same-site']!);
    const ocmId = ids['ocm:113844']!;
    const sameId = ids['test:same-site']!;
    expect((await request('GET', `/api/v1/charging/locations/${ocmId}/also-reported-by`)).json().items).toEqual([
      { sourceKey: 'test:same-site', sourceId: 'test', sourceRecordId: 'same-site', name: 'Hotel Cuesta Real Mulegé', source: null },
    ]);

    const undone = await request('POST', `/api/v1/charging/duplicates/${pair!.id}/unmerge`, 'moderator');
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'pending', location: { mergedInto: null } });
    expect((await locationBy('ocm:113844')).provenance['duplicate:test:same-site']).toBeUndefined();
    expect((await auditOf(sameId)).map((e) => e.after)).toContainEqual({ merged_into: null });
    expect((await request('GET', `/api/v1/charging/locations/${ocmId}/also-reported-by`)).json().items).toEqual([]);

    // This time the moderator keeps the synthetic record and folds the OCM one into it.
    const merged = await request('POST', `/api/v1/charging/duplicates/${pair!.id}/merge`, 'moderator', { keep: 'location' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', match: { mergedInto: sameId } });
    const also = (await request('GET', `/api/v1/charging/locations/${sameId}/also-reported-by`)).json();
    expect(also.items).toHaveLength(1);
    expect(also.items[0]).toMatchObject({ sourceKey: 'ocm:113844', sourceId: 'ocm', sourceRecordId: '113844', source: { id: 'ocm', licence: 'CC BY-SA 4.0' } });
    expect((await auditOf(ocmId)).map((e) => [e.actor_label, e.after])).toContainEqual(['moderator@example.mx', { merged_into: sameId }]);

    // Undo once more; the pair is back in the queue.
    expect((await request('POST', `/api/v1/charging/duplicates/${pair!.id}/unmerge`, 'admin')).json()).toMatchObject({ status: 'pending', match: { mergedInto: null } });
  });

  it('lets a moderator fold an imported record into a registered one, and what was folded into it follows (no chains)', async () => {
    const [regPair] = await pairsOf((await locationBy('reg:synthetic-1')).id);
    // First, a confident match folds a synthetic record into OCM's Matehuala record.
    await mergeSynthetic([synthetic('test:matehuala', north(23.721462, -4), -100.607074, { name: 'Matehuala Supercharger' })]);
    expect((await locationBy('test:matehuala')).merged_into).toBe(ids['ocm:106519']);
    // Then the moderator keeps the registered record: OCM's is folded into it…
    const res = await request('POST', `/api/v1/charging/duplicates/${regPair!.id}/merge`, 'moderator', { keep: 'location' });
    expect(res.statusCode).toBe(200);
    expect((await locationBy('ocm:106519')).merged_into).toBe(regPair!.location_id);
    // …and the synthetic record folded into OCM's follows it.
    expect((await locationBy('test:matehuala')).merged_into).toBe(regPair!.location_id);
  });

  it('will not merge a pair when one record is already folded into another', async () => {
    const [sameSitePair] = await pairsOf(ids['test:same-site']!);
    expect(sameSitePair!.status).toBe('pending');
    // A third record 50 m away is queued against OCM's record; merging it folds OCM's record away.
    await mergeSynthetic([synthetic('test:cuesta-3', north(26.897669, -50), -111.96527, { name: 'Cargador del estacionamiento' })]);
    const [third] = await pairsOf((await locationBy('test:cuesta-3')).id);
    expect(third!.status).toBe('pending');
    expect((await request('POST', `/api/v1/charging/duplicates/${third!.id}/merge`, 'moderator', { keep: 'location' })).statusCode).toBe(200);
    const res = await request('POST', `/api/v1/charging/duplicates/${sameSitePair!.id}/merge`, 'moderator', { keep: 'match' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CHARGING.DUPLICATE_LOCATION_FOLDED');
  });

  it('answers 404 for also-reported-by of an unknown location', async () => {
    const res = await request('GET', '/api/v1/charging/locations/00000000-0000-4000-8000-000000000000/also-reported-by');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CHARGING.LOCATION_NOT_FOUND');
  });
});
