import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-app.js';
import { migrateToLatest } from '../../platform/db/migrate.js';
import type { DatabaseHandle } from '../../platform/db/database.js';
import { insertEstablishments, saltillo } from './suppliers.fixtures.js';
import { locationFlags } from './suppliers.placement.js';

let handle: { database: DatabaseHandle; drop: () => Promise<void> };
beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.database.db);
});
afterAll(async () => handle.drop());

describe('placing establishments from their point', () => {
  it('assigns the municipality that covers the point and flags a point far from the municipality the source names', async () => {
    const db = handle.database.db;
    const [inside, elsewhere, otherState] = await insertEstablishments(db, [
      { name: 'Planta en Saltillo', cvegeoAsGiven: saltillo.cvegeo },
      // Monterrey's point, but the row says Saltillo.
      { name: 'Planta mal ubicada', lat: 25.6866, lon: -100.3161, cvegeoAsGiven: saltillo.cvegeo },
      // Querétaro city, row says Saltillo: another state too.
      { name: 'Planta en otro estado', lat: 20.5888, lon: -100.3899, cvegeoAsGiven: saltillo.cvegeo },
    ]);
    const rows = await db.selectFrom('supplier_establishment').select(['id', 'cvegeo', 'cve_ent', 'location_flags', 'source']).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(inside!)).toMatchObject({ cvegeo: '05030', cve_ent: '05', location_flags: [], source: 'test' });
    expect(byId.get(elsewhere!)).toMatchObject({ cvegeo: '19039', cve_ent: '19' });
    expect(byId.get(elsewhere!)!.location_flags).toEqual([locationFlags.outsideGivenState, locationFlags.outsideGivenMunicipality]);
    expect(byId.get(otherState!)!.cve_ent).toBe('22');
    const companies = await sql<{ n: number }>`select count(*)::int as n from supplier_company`.execute(db);
    expect(companies.rows[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('finds establishments by their accent-free search document', async () => {
    const db = handle.database.db;
    await insertEstablishments(db, [{ name: 'Arneses Eléctricos del Norte', searchWords: ['Arnés de alta tensión'] }]);
    const found = await sql<{ name: string }>`
      select name from supplier_establishment where search_vector @@ to_tsquery('simple', 'arnes:* & tension:*')`.execute(db);
    expect(found.rows.map((r) => r.name)).toEqual(['Arneses Eléctricos del Norte']);
  });
});
