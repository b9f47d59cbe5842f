import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/audit.js';
import type { Provenance } from '../../platform/db/schema.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertEstablishments, type EstablishmentFixture } from './suppliers.fixtures.js';
import { phoneKey } from './suppliers.matching.domain.js';
import { matchEstablishments, type MatchOptions } from './suppliers.matching.js';

/**
 * Matching on real SQL with SYNTHETIC establishments made here in code. Their sources are
 * test-only (`sa`, `sb`, `sc`: what precedes ':' in the key) and their points lie in the
 * Coahuila desert, tens of km from any real plant, so the ~400 real RETC establishments the
 * reference data may hold never take part: every assertion is about rows made here.
 */
let t: TestApp;
const actor: Actor = { userId: null, label: 'test:matching', importId: '00000000-0000-4000-8000-0000000000aa' };

/** A scenario's own spot: 20 km apart from each other (0.2° of longitude), 30 m apart from none. */
const spot = (scenario: number) => ({ lat: 27.3, lon: -102.9 + 0.2 * scenario });
/** Metres north of a latitude, in degrees (111,320 m per degree is close enough for kilometres). */
const north = (lat: number, m: number) => lat + m / 111_320;

const insert = (fixtures: EstablishmentFixture[]) => insertEstablishments(t.database.db, fixtures);
const match = (ids: string[], options: MatchOptions = {}) =>
  t.database.db.transaction().execute((tx) => matchEstablishments(tx, ids, actor, undefined, options));
const establishment = (id: string) => t.database.db.selectFrom('supplier_establishment').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const pairsOf = (id: string) =>
  t.database.db.selectFrom('supplier_match').selectAll().where((eb) => eb.or([eb('establishment_id', '=', id), eb('match_id', '=', id)])).orderBy('score', 'desc').execute();
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_event').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();
/** Gives a synthetic record the provenance an import leaves (source, import, row). */
async function setProvenance(id: string, provenance: Record<string, Provenance>) {
  await t.database.db.updateTable('supplier_establishment').set({ provenance: JSON.stringify(provenance) as never }).where('id', '=', id).execute();
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe('matchEstablishments', () => {
  it('merges a confident match into the older record, with provenance from both, audited', async () => {
    const p = spot(0);
    const [older] = await insert([{
      sourceKey: 'sa:acme', name: 'Forjas Acme Sintética S.A. de C.V.', lat: p.lat, lon: p.lon, scian: '336370', processes: ['forging'],
    }]);
    const [newer] = await insert([{
      sourceKey: 'sb:acme', name: 'FORJAS ACME SINTETICA SA DE CV', lat: north(p.lat, 40), lon: p.lon, scian: '336390', processes: ['stamping'],
      employeesStratum: '51-100', phone: '(871) 555 0101', rfc: 'FAS010101AB1',
    }]);
    await setProvenance(older!, { record: { source: 'test-a', method: 'import', importId: 'import-a', rowNumber: 4 } });
    await setProvenance(newer!, { record: { source: 'test-b', method: 'import', importId: 'import-b', rowNumber: 9 } });

    expect(await match([newer!])).toEqual({ merged: 1, queued: 0 });
    const kept = await establishment(older!);
    const folded = await establishment(newer!);
    expect(folded.merged_into).toBe(older);
    expect(kept.merged_into).toBeNull();
    // Its own values stay; its empty fields are filled from the other source; lists are joined.
    expect(kept).toMatchObject({ scian: '336370', employees_stratum: '51-100', phone: '(871) 555 0101', rfc: 'FAS010101AB1' });
    expect(kept.processes).toEqual(['forging', 'stamping']);
    expect(kept.provenance.record).toEqual({ source: 'test-a', method: 'import', importId: 'import-a', rowNumber: 4 });
    expect(kept.provenance['match:sb:acme']).toEqual({ source: 'test-b', method: 'derived', importId: 'import-b', rowNumber: 9 });
    expect(kept.provenance.employees_stratum).toEqual({ source: 'test-b', method: 'import', importId: 'import-b', rowNumber: 9 });
    expect(kept.provenance.scian).toBeUndefined();
    // The directory finds it by either source's words.
    expect(kept.search_document).toContain('forjas acme sintetica');

    const [pair] = await pairsOf(older!);
    expect(pair).toMatchObject({ establishment_id: newer, match_id: older, status: 'merged', decided_by: null });
    expect(pair!.reasons).toEqual(expect.arrayContaining(['distance_40m', 'name_same', 'scian_same_branch']));
    expect((await auditOf(newer!)).map((e) => [e.actor_label, e.import_id, e.after])).toContainEqual(['test:matching', actor.importId, { merged_into: older }]);
    expect((await auditOf(older!)).some((e) => JSON.stringify(e.after).includes('employees_stratum'))).toBe(true);
    const matchAudit = await auditOf(pair!.id);
    expect(matchAudit[0]!.after).toMatchObject({ status: 'merged', fold: { kept: older, folded: newer } });
    expect(matchAudit[0]).toMatchObject({ actor_label: 'test:matching', import_id: actor.importId });
    expect(pair).toMatchObject({ import_id: actor.importId, created_by: 'test:matching' });
  });

  it('does not queue a different company next door, but queues a same-RFC record far away', async () => {
    const p = spot(1);
    const [martinez, ramirez] = await insert([
      { sourceKey: 'sa:martinez', name: 'Industrias Martínez Sintética', lat: p.lat, lon: p.lon },
      { sourceKey: 'sb:ramirez', name: 'Industrias Ramírez Sintética', lat: north(p.lat, 20), lon: p.lon },
    ]);
    const [far] = await insert([{ sourceKey: 'sc:martinez-far', name: 'Industrias Martínez Sintética Planta Norte', rfc: 'IMS010101AB1', lat: north(p.lat, 30_000), lon: p.lon }]);
    await t.database.db.updateTable('supplier_establishment').set({ rfc: 'IMS010101AB1' }).where('id', '=', martinez!).execute();

    // Next door but nothing alike beyond the trade word: not a candidate (the blocking rule), so neither merged nor queued.
    expect(await match([ramirez!, far!])).toEqual({ merged: 0, queued: 1 });
    expect(await pairsOf(ramirez!)).toEqual([]);
    const [sameRfc] = await pairsOf(far!);
    expect(sameRfc).toMatchObject({ status: 'pending', establishment_id: far, match_id: martinez });
    // A queued pair has no audit event of its own: the row says when, by which import and which actor.
    expect(sameRfc).toMatchObject({ import_id: actor.importId, created_by: 'test:matching' });
    expect(sameRfc!.created_at).toBeInstanceOf(Date);
    expect(await auditOf(sameRfc!.id)).toEqual([]);
    expect(sameRfc!.reasons).toEqual(expect.arrayContaining(['rfc_same', 'name_similar']));
    expect(sameRfc!.distance_m).toBeGreaterThan(29_000);
    for (const id of [martinez!, ramirez!, far!]) expect((await establishment(id)).merged_into).toBeNull();
  });

  it('never stores a pair twice when matched again', async () => {
    const before = await sql<{ n: string }>`select count(*) as n from supplier_match`.execute(t.database.db);
    const ids = await t.database.db.selectFrom('supplier_establishment').select('id').where('source', 'in', ['sa', 'sb', 'sc']).execute();
    expect(await match(ids.map((r) => r.id))).toEqual({ merged: 0, queued: 0 });
    const after = await sql<{ n: string }>`select count(*) as n from supplier_match`.execute(t.database.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('folds a record that matches two others into the best, then compares the other with the record kept', async () => {
    const p = spot(2);
    const [first] = await insert([{ sourceKey: 'sa:beta', name: 'Moldes Beta Sintéticos', lat: p.lat, lon: p.lon }]);
    const [second] = await insert([{ sourceKey: 'sb:beta', name: 'MOLDES BETA SINTETICOS SA DE CV', lat: north(p.lat, 60), lon: p.lon }]);
    const [incoming] = await insert([{ sourceKey: 'sc:beta', name: 'Moldes Beta Sintéticos, S. de R.L. de C.V.', lat: north(p.lat, 10), lon: p.lon }]);

    // The incoming record folds into the closest, older one; then that one is compared with
    // the second record (the incoming one matched it too) and takes it as well.
    expect(await match([incoming!])).toEqual({ merged: 2, queued: 0 });
    expect((await establishment(incoming!)).merged_into).toBe(first);
    expect((await establishment(second!)).merged_into).toBe(first);
    expect((await establishment(first!)).merged_into).toBeNull();
    expect((await pairsOf(first!)).map((m) => m.status)).toEqual(['merged', 'merged']);
    // The folded record's other pair was never stored: the queue holds shown records only.
    expect(await pairsOf(second!)).toHaveLength(1);
  });

  it('lets one record take one record per source: a second of the same source is queued', async () => {
    const p = spot(3);
    const [kept] = await insert([{ sourceKey: 'sa:gamma', name: 'Troqueles Gamma Sintéticos', lat: p.lat, lon: p.lon }]);
    const [one, two] = await insert([
      { sourceKey: 'sb:gamma-1', name: 'Troqueles Gamma Sintéticos', lat: north(p.lat, 10), lon: p.lon },
      { sourceKey: 'sb:gamma-2', name: 'Troqueles Gamma Sintéticos S.A.', lat: north(p.lat, 25), lon: p.lon },
    ]);
    expect(await match([one!, two!])).toEqual({ merged: 1, queued: 1 });
    expect((await establishment(one!)).merged_into).toBe(kept);
    expect((await establishment(two!)).merged_into).toBeNull();
    expect((await pairsOf(two!))[0]).toMatchObject({ status: 'pending', match_id: kept });
  });

  it('keeps a registered establishment and never copies an unconsented phone into it', async () => {
    const p = spot(4);
    const [imported] = await insert([{ sourceKey: 'sa:delta', name: 'Arneses Delta Sintéticos', lat: p.lat, lon: p.lon, phone: '871 555 0199', website: 'delta.example' }]);
    const [registered] = await insert([{ sourceKey: 'reg:delta', origin: 'registered', name: 'Arneses Delta Sintéticos', lat: north(p.lat, 15), lon: p.lon, contactConsent: true }]);
    expect(await match([registered!])).toEqual({ merged: 1, queued: 0 });
    expect((await establishment(imported!)).merged_into).toBe(registered);
    const kept = await establishment(registered!);
    expect(kept).toMatchObject({ merged_into: null, phone: null, website: null });
    expect((await pairsOf(registered!))[0]!.reasons).toContain('registered_establishment');
  });

  it('finds the same phone a few km away and queues it, reading phones as the domain does', async () => {
    const p = spot(5);
    const [a] = await insert([{ sourceKey: 'sa:epsilon', name: 'Grupo Epsilon Automotriz Sintético', lat: p.lat, lon: p.lon, phone: '+52 1 (871) 555-0177' }]);
    const [b] = await insert([{ sourceKey: 'sb:epsilon', name: 'Taller Epsilon Sintético', lat: north(p.lat, 2_000), lon: p.lon, phone: '871 555 0177' }]);
    const [c] = await insert([{ sourceKey: 'sc:epsilon', name: 'Taller Epsilon Sintético', lat: north(p.lat, 9_000), lon: p.lon, phone: '8715550177' }]);
    expect(phoneKey('+52 1 (871) 555-0177')).toBe(phoneKey('871 555 0177'));
    expect(await match([b!])).toEqual({ merged: 0, queued: 1 });
    const [pair] = await pairsOf(b!);
    expect(pair).toMatchObject({ establishment_id: b, match_id: a, status: 'pending' });
    expect(pair!.reasons).toContain('phone_same');
    // 9 km away is beyond the phone block (5 km) and the near block: never compared.
    expect(await pairsOf(c!)).toEqual([]);
  });

  it('finds the same email a few km away, whatever its case and spaces', async () => {
    const p = spot(6);
    const [a] = await insert([{ sourceKey: 'sa:zeta', name: 'Grupo Zeta Automotriz Sintético', lat: p.lat, lon: p.lon, email: 'Ventas@Zeta.example ' }]);
    const [b] = await insert([{ sourceKey: 'sb:zeta', name: 'Taller Zeta Sintético', lat: north(p.lat, 3_000), lon: p.lon, email: 'ventas@zeta.example' }]);
    expect(await match([b!])).toEqual({ merged: 0, queued: 1 });
    const [pair] = await pairsOf(b!);
    expect(pair).toMatchObject({ establishment_id: b, match_id: a, status: 'pending' });
    expect(pair!.reasons).toContain('email_same');
  });
});

describe('blocking: which pairs are compared at all', () => {
  it('finds the same name 30 m apart, and queues a similar name 300 m away', async () => {
    const p = spot(7);
    const [older] = await insert([{ sourceKey: 'sa:eta', name: 'Fundiciones Eta Sintéticas', lat: p.lat, lon: p.lon }]);
    const [same] = await insert([{ sourceKey: 'sb:eta', name: 'FUNDICIONES ETA SINTETICAS SA DE CV', lat: north(p.lat, 30), lon: p.lon }]);
    expect(await match([same!])).toEqual({ merged: 1, queued: 0 });
    expect((await establishment(same!)).merged_into).toBe(older);
    expect((await pairsOf(same!))[0]!.reasons).toEqual(expect.arrayContaining(['distance_30m', 'name_same']));

    const [similar] = await insert([{ sourceKey: 'sc:eta', name: 'Fundiciones Eta Sintéticas Planta Sur', lat: north(p.lat, -300), lon: p.lon }]);
    expect(await match([similar!])).toEqual({ merged: 0, queued: 1 });
    expect((await pairsOf(similar!))[0]).toMatchObject({ status: 'pending', establishment_id: similar, match_id: older });
  });

  it('neither merges nor queues an unrelated neighbour whose name differs', async () => {
    const p = spot(8);
    const [hules] = await insert([{ sourceKey: 'sa:theta', name: 'Hules Theta Sintéticos', lat: p.lat, lon: p.lon }]);
    const [cables] = await insert([{ sourceKey: 'sb:iota', name: 'Cables Iota Sintéticos', lat: north(p.lat, 15), lon: p.lon }]);
    expect(await match([cables!])).toEqual({ merged: 0, queued: 0 });
    expect(await pairsOf(cables!)).toEqual([]);
    expect((await establishment(hules!)).merged_into).toBeNull();
  });

  it('compares a shared RFC however far apart', async () => {
    const p = spot(9);
    const [saltilloPlant] = await insert([{ sourceKey: 'sa:kappa', name: 'Arneses Kappa Sintéticos', rfc: 'AKS010101AB1', lat: p.lat, lon: p.lon }]);
    const [farPlant] = await insert([{ sourceKey: 'sb:kappa', name: 'Arneses Kappa Sintéticos Planta Sur', rfc: 'AKS010101AB1', lat: north(p.lat, -250_000), lon: p.lon }]);
    expect(await match([farPlant!])).toEqual({ merged: 0, queued: 1 });
    const [pair] = await pairsOf(farPlant!);
    expect(pair).toMatchObject({ status: 'pending', establishment_id: farPlant, match_id: saltilloPlant });
    expect(pair!.reasons).toContain('rfc_same');
    expect(pair!.distance_m).toBeGreaterThan(240_000);
  });

  it('remembers which sources a canonical took in an earlier run, in one batch or many', async () => {
    for (const [k, givenPerBatch] of [[11, undefined], [12, 1]] as const) {
      const p = spot(k);
      const [kept] = await insert([{ sourceKey: `sa:xi-${k}`, name: 'Moldes Xi Sintéticos', lat: p.lat, lon: p.lon }]);
      const [first] = await insert([{ sourceKey: `sb:xi-${k}`, name: 'MOLDES XI SINTETICOS SA DE CV', lat: north(p.lat, 20), lon: p.lon }]);
      expect(await match([first!])).toEqual({ merged: 1, queued: 0 });
      // A second record of source sb at the same spot, in a run of two batches (the other far away).
      const [second, far] = await insert([
        { sourceKey: `sb:xi-${k}-2`, name: 'Moldes Xi Sintéticos S.A.', lat: north(p.lat, -20), lon: p.lon },
        { sourceKey: `sb:xi-${k}-far`, name: 'Hules Lejanos Sintéticos', lat: north(p.lat, 90_000), lon: p.lon },
      ]);
      expect(await match([second!, far!], givenPerBatch ? { givenPerBatch } : {})).toEqual({ merged: 0, queued: 1 });
      expect((await establishment(second!)).merged_into).toBeNull();
      expect((await pairsOf(second!))[0]).toMatchObject({ status: 'pending', match_id: kept });
    }
  });

  it('scores a later batch with the fields an earlier batch\'s fold filled, by the fold\'s own consent rule', async () => {
    for (const [scenario, keptConsents] of [[13, false], [14, true]] as const) {
      // The kept record stands just north of a 0.1° row of squares; the first given record just
      // south of it, so it is ordered (and batched) first and folds into the kept record.
      const lat = 27.2001;
      const lon = spot(scenario).lon;
      const [kept] = await insert([{ sourceKey: `sa:xi${scenario}`, name: 'Moldes Xi Sintéticos', lat, lon, contactConsent: keptConsents }]);
      const [first, second] = await insert([
        { sourceKey: `sb:xi${scenario}`, name: 'Moldes Xi Sintéticos', lat: north(lat, -30), lon, phone: '(844) 555 0133' },
        { sourceKey: `sb:xi${scenario}-2`, name: 'MOLDES XI SINTETICOS', lat: north(lat, 40), lon, phone: '844 555 0133' },
      ]);
      expect(Math.floor(north(lat, -30) / 0.1)).toBeLessThan(Math.floor(lat / 0.1));
      await match([first!, second!], { givenPerBatch: 1 });
      expect((await establishment(first!)).merged_into).toBe(kept);
      // A consented record does not take an unconsented phone (`foldChanges`); otherwise it does,
      // and the second batch, read before that write, compares its phone all the same.
      expect((await establishment(kept!)).phone).toBe(keptConsents ? null : '(844) 555 0133');
      const pair = (await pairsOf(second!)).find((m) => m.establishment_id === kept || m.match_id === kept);
      expect(pair?.reasons.includes('phone_same')).toBe(!keptConsents);
    }
  });

  it('decides the same whatever the batch size: what one batch folded, the next one knows', async () => {
    const p = spot(10);
    const [kept] = await insert([{ sourceKey: 'sa:mu', name: 'Troqueles Mu Sintéticos', lat: p.lat, lon: p.lon }]);
    // Around the kept record, 30 m from it and farther from each other, so each is closest to it.
    const given = await insert([
      { sourceKey: 'sb:mu', name: 'Troqueles Mu Sintéticos', lat: north(p.lat, 30), lon: p.lon },
      { sourceKey: 'sc:mu', name: 'TROQUELES MU SINTETICOS SA', lat: north(p.lat, -30), lon: p.lon },
      // A second record of source sb: one canonical takes one record per source, so one of the two waits.
      { sourceKey: 'sb:mu-2', name: 'Troqueles Mu Sintéticos S.A.', lat: p.lat, lon: p.lon + 30 / (111_320 * Math.cos((p.lat * Math.PI) / 180)) },
    ]);
    // One given record per batch: each batch is read before the earlier ones wrote their folds (up to two ahead).
    expect(await match(given, { givenPerBatch: 1 })).toEqual({ merged: 2, queued: 1 });
    const states = await Promise.all(given.map(async (id) => (await establishment(id)).merged_into));
    expect(states.filter((m) => m === kept)).toHaveLength(2);
    expect(states.filter((m) => m === null)).toHaveLength(1);
    const pairs = await pairsOf(kept!);
    expect(pairs.map((m) => m.status).sort()).toEqual(['merged', 'merged', 'pending']);
    // No pair stored twice in either order.
    const keys = pairs.map((m) => [m.establishment_id, m.match_id].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
