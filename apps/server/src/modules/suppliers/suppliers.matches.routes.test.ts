import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provenance } from '../../platform/db/schema.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertEstablishments } from './suppliers.fixtures.js';
import { matchEstablishments } from './suppliers.matching.js';

/**
 * The moderator's matching queue over HTTP, with SYNTHETIC establishments made here in
 * code, in test-only sources (`sa`, `sb`, `sc`) and at points in the Coahuila desert far
 * from any real plant: the real RETC establishments the reference data may hold never pair
 * with them, and every assertion is about pairs made here.
 */
let t: TestApp;
const tokens: Record<'admin' | 'moderator' | 'member', string> = { admin: '', moderator: '', member: '' };
const ids: Record<string, string | undefined> = {};
let snapshotBefore: Record<string, unknown> = {};

const base = { lat: 27.6, lon: -102.7 };
const north = (lat: number, m: number) => lat + m / 111_320;

const request = (method: 'GET' | 'POST', url: string, who?: keyof typeof tokens, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {}, ...(payload === undefined ? {} : { payload }) });
const establishment = (id: string) => t.database.db.selectFrom('supplier_establishment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** A record as a fold may change it: every column but the time of the last update. */
const comparable = async (id: string) => {
  const { updated_at: _updated, ...rest } = await establishment(id);
  return rest;
};
const pairBetween = (a: string, b: string) =>
  t.database.db.selectFrom('supplier_match').selectAll()
    .where((eb) => eb.or([eb.and([eb('establishment_id', '=', a), eb('match_id', '=', b)]), eb.and([eb('establishment_id', '=', b), eb('match_id', '=', a)])]))
    .executeTakeFirstOrThrow();
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();
const match = (list: string[]) => t.database.db.transaction().execute((tx) => matchEstablishments(tx, list, { userId: null, label: 'test:matches' }));

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

  // An automatic merge: the older record has no legal name, stratum, phone or RFC; the newer one has them.
  [ids.older] = await insertEstablishments(t.database.db, [{
    sourceKey: 'sa:kappa', name: 'Resortes Kappa Sintéticos', legalName: null, lat: base.lat, lon: base.lon, processes: ['forging'], tiers: ['tier2'],
  }]);
  [ids.newer] = await insertEstablishments(t.database.db, [{
    sourceKey: 'sb:kappa', name: 'RESORTES KAPPA SINTETICOS SA DE CV', lat: north(base.lat, 30), lon: base.lon, processes: ['stamping', 'forging'],
    employeesStratum: '51-100', phone: '871 555 0303', rfc: 'RKS010101AB1', certifications: [{ code: 'iatf16949' }],
  }]);
  const provenance: Record<string, Provenance> = { record: { source: 'test-b', method: 'import', importId: 'import-b', rowNumber: 12 } };
  await t.database.db.updateTable('supplier_establishment').set({ provenance: JSON.stringify(provenance) as never }).where('id', '=', ids.newer!).execute();
  snapshotBefore = await comparable(ids.older!);
  // Pending pairs: one name typed three ways by three sources, 150–300 m apart, with no RFC,
  // phone or email: genuinely uncertain (unrelated neighbours are not compared at all, and a
  // company's plants told apart only by their numbers are not either: see the blocking rule).
  [ids.omega] = await insertEstablishments(t.database.db, [{ sourceKey: 'sa:omega', name: 'Resortes Omega Sintéticos', lat: north(base.lat, 3_000), lon: base.lon }]);
  [ids.sigma, ids.tau] = await insertEstablishments(t.database.db, [
    { sourceKey: 'sb:sigma', name: 'Resortes Omgea Sintéticos', lat: north(base.lat, 3_300), lon: base.lon },
    { sourceKey: 'sc:tau', name: 'Resortes Omeqa Sintéticos', lat: north(base.lat, 3_150), lon: base.lon },
  ]);
  expect(await match([ids.newer!, ids.sigma!, ids.tau!])).toEqual({ merged: 1, queued: 3 });
});
afterAll(async () => {
  await t?.dispose();
});

describe('the matching queue API', () => {
  it('asks for sign-in and the moderator or admin role', async () => {
    expect((await request('GET', '/api/v1/suppliers/matches')).statusCode).toBe(401);
    const forbidden = await request('GET', '/api/v1/suppliers/matches', 'member');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('ACCOUNTS.FORBIDDEN');
    const pair = await pairBetween(ids.sigma!, ids.omega!);
    for (const action of ['merge', 'distinct', 'unmerge']) {
      expect((await request('POST', `/api/v1/suppliers/matches/${pair.id}/${action}`, undefined, action === 'merge' ? { keep: 'match' } : {})).statusCode).toBe(401);
      expect((await request('POST', `/api/v1/suppliers/matches/${pair.id}/${action}`, 'member', action === 'merge' ? { keep: 'match' } : {})).statusCode).toBe(403);
    }
    expect((await request('GET', `/api/v1/suppliers/matches/${pair.id}`, 'member')).statusCode).toBe(403);
    expect((await request('GET', '/api/v1/suppliers/matches', 'admin')).statusCode).toBe(200);
  });

  it('lists pending pairs best first with total, and automatic merges as merged', async () => {
    const pending = (await request('GET', '/api/v1/suppliers/matches?status=pending&limit=2', 'moderator')).json();
    expect(pending.total).toBe(3);
    expect(pending.items).toHaveLength(2);
    expect(pending.items[0].score).toBeGreaterThanOrEqual(pending.items[1].score);
    const all = (await request('GET', '/api/v1/suppliers/matches', 'moderator')).json();
    const sigmaOmega = all.items.find((p: { establishment: { id: string } ; match: { id: string } }) => p.establishment.id === ids.sigma && p.match.id === ids.omega);
    expect(sigmaOmega).toMatchObject({
      status: 'pending', establishment: { source: 'sb', sourceKey: 'sb:sigma', name: 'Resortes Omgea Sintéticos', mergedInto: null },
      match: { source: 'sa', name: 'Resortes Omega Sintéticos' },
    });
    expect(sigmaOmega.reasons).toEqual(expect.arrayContaining(['name_similar', 'scian_same_branch']));
    expect(sigmaOmega.reasons).not.toContain('plant_number_differs');
    expect(sigmaOmega.distanceM).toBeGreaterThan(290);
    expect(sigmaOmega.distanceM).toBeLessThan(305);
    const merged = (await request('GET', '/api/v1/suppliers/matches?status=merged', 'moderator')).json();
    expect(merged.items.map((p: { establishment: { id: string } }) => p.establishment.id)).toContain(ids.newer);
    expect((await request('GET', '/api/v1/suppliers/matches?status=maybe', 'moderator')).statusCode).toBe(400);
  });

  it('shows both records side by side, in full', async () => {
    const pair = await pairBetween(ids.newer!, ids.older!);
    const detail = (await request('GET', `/api/v1/suppliers/matches/${pair.id}`, 'moderator')).json();
    expect(detail).toMatchObject({ id: pair.id, status: 'merged', decidedBy: null });
    expect(detail.distanceM).toBeGreaterThan(25);
    expect(detail.distanceM).toBeLessThan(35);
    expect(detail.reasons).toEqual(expect.arrayContaining(['name_same', 'scian_same_branch']));
    expect(detail.establishment).toMatchObject({
      id: ids.newer, sourceKey: 'sb:kappa', source: 'test-b', sourceRecordId: 'kappa', mergedInto: ids.older, rfc: 'RKS010101AB1',
      company: { legalName: 'RESORTES KAPPA SINTETICOS SA DE CV S.A. de C.V.', rfc: 'RKS010101AB1' }, employeesStratum: '51-100',
      certifications: [{ code: 'iatf16949' }], cveEnt: '05',
    });
    expect(detail.establishment.provenance.record).toMatchObject({ source: 'test-b', rowNumber: 12 });
    expect(detail.establishment.municipalityName).toEqual(expect.any(String));
    // The kept record shows what it took from the other, and names it.
    expect(detail.match).toMatchObject({ id: ids.older, mergedInto: null, employeesStratum: '51-100', rfc: 'RKS010101AB1', processes: ['forging', 'stamping'] });
    expect(detail.match.provenance['match:sb:kappa']).toMatchObject({ source: 'test-b', method: 'derived', rowNumber: 12 });

    const missing = await request('GET', '/api/v1/suppliers/matches/00000000-0000-4000-8000-000000000000', 'moderator');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SUPPLIERS.MATCH_NOT_FOUND');
  });

  it('marks a pair distinct once, audited; a decided pair cannot be decided again', async () => {
    const pair = await pairBetween(ids.sigma!, ids.omega!);
    const res = await request('POST', `/api/v1/suppliers/matches/${pair.id}/distinct`, 'moderator');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'distinct' });
    expect(res.json().decidedBy).not.toBeNull();
    const again = await request('POST', `/api/v1/suppliers/matches/${pair.id}/merge`, 'moderator', { keep: 'match' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('SUPPLIERS.MATCH_ALREADY_DECIDED');
    expect((await request('POST', `/api/v1/suppliers/matches/${pair.id}/distinct`, 'admin')).json().code).toBe('SUPPLIERS.MATCH_ALREADY_DECIDED');
    expect((await request('POST', `/api/v1/suppliers/matches/${pair.id}/unmerge`, 'moderator')).json().code).toBe('SUPPLIERS.MATCH_NOT_MERGED');
    expect((await auditOf(pair.id)).map((e) => [e.action, e.actor_label, e.after])).toContainEqual(['update', 'moderator@example.mx', { status: 'distinct' }]);
    // Matching again never proposes the pair anew.
    expect(await match([ids.sigma!, ids.omega!])).toEqual({ merged: 0, queued: 0 });
    expect((await pairBetween(ids.sigma!, ids.omega!)).status).toBe('distinct');
  });

  it('undoes an automatic merge exactly, then merges keeping the other record, and undoes that exactly too', async () => {
    const pair = await pairBetween(ids.newer!, ids.older!);
    const newerBefore = await comparable(ids.newer!);

    const undone = await request('POST', `/api/v1/suppliers/matches/${pair.id}/unmerge`, 'moderator');
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'unmerged', establishment: { mergedInto: null } });
    // The kept record is back to what it was before the merge, to the last field and provenance entry.
    expect(await comparable(ids.older!)).toEqual(snapshotBefore);
    expect(await comparable(ids.newer!)).toEqual({ ...newerBefore, merged_into: null });
    expect((await auditOf(ids.newer!)).map((e) => [e.actor_label, e.after])).toContainEqual(['moderator@example.mx', { merged_into: null }]);
    expect((await request('GET', '/api/v1/suppliers/matches?status=unmerged', 'moderator')).json().items.map((p: { id: string }) => p.id)).toEqual([pair.id]);
    // An undone merge is never merged again automatically.
    expect(await match([ids.newer!, ids.older!])).toEqual({ merged: 0, queued: 0 });
    expect((await establishment(ids.newer!)).merged_into).toBeNull();

    // Undone, it may still be decided: this time the moderator keeps the newer record.
    const keptSnapshot = await comparable(ids.newer!);
    const merged = await request('POST', `/api/v1/suppliers/matches/${pair.id}/merge`, 'moderator', { keep: 'establishment' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', match: { mergedInto: ids.newer }, establishment: { tiers: ['tier2'], processes: ['stamping', 'forging'] } });
    expect(merged.json().establishment.provenance['match:sa:kappa']).toMatchObject({ source: 'test', method: 'derived' });
    expect(merged.json().establishment.provenance.tiers).toMatchObject({ source: 'test' });

    const again = await request('POST', `/api/v1/suppliers/matches/${pair.id}/unmerge`, 'admin');
    expect(again.json()).toMatchObject({ status: 'unmerged', match: { mergedInto: null } });
    expect(await comparable(ids.newer!)).toEqual(keptSnapshot);
    expect(await comparable(ids.older!)).toEqual(snapshotBefore);
  });

  it('moves what was folded into a folded record along (no chains), gives it back on undo, and refuses to merge a folded record', async () => {
    const tauSigma = await pairBetween(ids.tau!, ids.sigma!);
    const tauOmega = await pairBetween(ids.tau!, ids.omega!);
    const keepTau = tauSigma.establishment_id === ids.tau ? 'establishment' : 'match';
    expect((await request('POST', `/api/v1/suppliers/matches/${tauSigma.id}/merge`, 'moderator', { keep: keepTau })).statusCode).toBe(200);
    expect((await establishment(ids.sigma!)).merged_into).toBe(ids.tau);
    // Tau goes into Omega, and Sigma (folded into Tau) follows it.
    const keepOmega = tauOmega.establishment_id === ids.omega ? 'establishment' : 'match';
    expect((await request('POST', `/api/v1/suppliers/matches/${tauOmega.id}/merge`, 'moderator', { keep: keepOmega })).statusCode).toBe(200);
    expect((await establishment(ids.tau!)).merged_into).toBe(ids.omega);
    expect((await establishment(ids.sigma!)).merged_into).toBe(ids.omega);
    // Undoing Tau–Omega gives Sigma back to Tau.
    expect((await request('POST', `/api/v1/suppliers/matches/${tauOmega.id}/unmerge`, 'moderator')).statusCode).toBe(200);
    expect((await establishment(ids.tau!)).merged_into).toBeNull();
    expect((await establishment(ids.sigma!)).merged_into).toBe(ids.tau);
    expect((await establishment(ids.omega!)).merged_into).toBeNull();

    // A pair with a folded record (Sigma) cannot be merged, and the pending queue does not show it.
    const sigmaPair = await t.database.db.insertInto('supplier_match')
      .values({ establishment_id: ids.sigma!, match_id: ids.older!, score: 0.4, distance_m: 3000, reasons: JSON.stringify(['distance_3000m']) })
      .returning('id').executeTakeFirstOrThrow();
    const refused = await request('POST', `/api/v1/suppliers/matches/${sigmaPair.id}/merge`, 'moderator', { keep: 'match' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SUPPLIERS.ESTABLISHMENT_FOLDED');
    const pending = (await request('GET', '/api/v1/suppliers/matches?status=pending', 'moderator')).json();
    expect(pending.items.map((p: { id: string }) => p.id)).not.toContain(sigmaPair.id);
  });
});
