import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Provenance } from '../../platform/db/schema.js';
import { matchRadiusDeg, matchRadiusM } from './charging.duplicates.domain.js';

/** One side of a candidate pair, as the scoring needs it. */
export interface CandidateSide {
  id: string;
  sourceKey: string;
  name: string;
  operatorName: string | null;
  operatorOrganisationId: string | null;
  createdAt: Date;
  standards: string[];
  provenance: Record<string, Provenance>;
}

export interface CandidatePair {
  a: CandidateSide;
  b: CandidateSide;
  distanceM: number;
}

export type DuplicateStatus = 'pending' | 'merged' | 'distinct';

const sideColumns = (alias: 'a' | 'b') => sql.raw(`
  ${alias}.id as ${alias}_id, ${alias}.source_key as ${alias}_source_key, ${alias}.name as ${alias}_name,
  ${alias}.operator_name as ${alias}_operator_name, ${alias}.operator_organisation_id as ${alias}_operator_organisation_id,
  ${alias}.created_at as ${alias}_created_at, ${alias}.provenance as ${alias}_provenance,
  array(select distinct c.standard from charging_evse e join charging_connector c on c.evse_id = e.id
        where e.location_id = ${alias}.id and c.standard is not null order by 1) as ${alias}_standards`);

const sideOf = (row: Record<string, any>, alias: 'a' | 'b'): CandidateSide => ({
  id: row[`${alias}_id`],
  sourceKey: row[`${alias}_source_key`],
  name: row[`${alias}_name`],
  operatorName: row[`${alias}_operator_name`],
  operatorOrganisationId: row[`${alias}_operator_organisation_id`],
  createdAt: new Date(row[`${alias}_created_at`]),
  standards: row[`${alias}_standards`] ?? [],
  provenance: typeof row[`${alias}_provenance`] === 'string' ? JSON.parse(row[`${alias}_provenance`]) : row[`${alias}_provenance`] ?? {},
});

/** Not folded and not decommissioned: records that can still be matched. */
const matchable = (alias: 'a' | 'b') => sql.raw(`${alias}.merged_into is null and ${alias}.lifecycle_status is distinct from 'decommissioned'`);

export function createDuplicatesRepository() {
  return {
    /**
     * Every record of another source within `matchRadiusM` of the given locations, in ONE
     * statement: the bounding-box test (`&&` with `ST_Expand`, in degrees) runs on the
     * geometry GiST index, the exact spheroid distance only on what it lets through.
     * Pairs already stored in either order (pending, merged or distinct) are left out.
     */
    async candidatePairs(db: Db, ids: string[]): Promise<CandidatePair[]> {
      if (ids.length === 0) return [];
      // Most imports add to a census where no other source has records yet (the first load,
      // a benchmark); then there is nothing to compare and the spatial join is skipped. Two
      // range probes on the source index answer it whatever the table's size.
      const sources = await sql<{ source: string }>`select distinct source from charging_location where id in (${sql.join(ids)})`.execute(db);
      const own = sources.rows.map((r) => r.source);
      if (own.length === 1) {
        const others = await sql<{ found: boolean }>`
          select exists (select 1 from charging_location where source < ${own[0]}) or exists (select 1 from charging_location where source > ${own[0]}) as found`.execute(db);
        if (!others.rows[0]?.found) return [];
      }
      const r = await sql<Record<string, any>>`
        select ${sideColumns('a')}, ${sideColumns('b')},
               ST_Distance(a.geom::geography, b.geom::geography) as distance_m
        from charging_location a
        join charging_location b
          on b.geom && ST_Expand(a.geom, ${matchRadiusDeg})
         and ST_DWithin(a.geom::geography, b.geom::geography, ${matchRadiusM})
         and b.id <> a.id
         and b.source <> a.source
         and ${matchable('b')}
        where a.id in (${sql.join(ids)})
          and ${matchable('a')}
          and not exists (
            select 1 from charging_duplicate d
            where (d.location_id = a.id and d.match_id = b.id) or (d.location_id = b.id and d.match_id = a.id)
          )`.execute(db);
      return r.rows.map((row) => ({ a: sideOf(row, 'a'), b: sideOf(row, 'b'), distanceM: Number(row.distance_m) }));
    },

    async insertPairs(
      db: Db,
      pairs: Array<{ locationId: string; matchId: string; score: number; distanceM: number; reasons: string[]; status: 'pending' | 'merged' }>,
    ): Promise<Array<{ id: string; location_id: string; match_id: string }>> {
      if (pairs.length === 0) return [];
      const out: Array<{ id: string; location_id: string; match_id: string }> = [];
      for (let i = 0; i < pairs.length; i += 1000) {
        const rows = await db
          .insertInto('charging_duplicate')
          .values(pairs.slice(i, i + 1000).map((p) => ({
            location_id: p.locationId, match_id: p.matchId, score: p.score, distance_m: p.distanceM, reasons: JSON.stringify(p.reasons), status: p.status,
          })))
          .onConflict((oc) => oc.columns(['location_id', 'match_id']).doNothing())
          .returning(['id', 'location_id', 'match_id'])
          .execute();
        out.push(...rows);
      }
      return out;
    },

    /**
     * Folds `foldedId` into `canonicalId`: the folded record points at the canonical one,
     * records folded into it follow (no chains), and the canonical's provenance names it.
     * Returns the ids of the records that followed.
     */
    async fold(db: Db, foldedId: string, canonicalId: string, provenanceKey: string, entry: Provenance): Promise<string[]> {
      await db.updateTable('charging_location').set({ merged_into: canonicalId, updated_at: new Date() }).where('id', '=', foldedId).execute();
      const followers = await db
        .updateTable('charging_location').set({ merged_into: canonicalId, updated_at: new Date() })
        .where('merged_into', '=', foldedId).returning('id').execute();
      await db
        .updateTable('charging_location')
        .set({ provenance: sql`provenance || jsonb_build_object(${provenanceKey}::text, ${JSON.stringify(entry)}::jsonb)`, updated_at: new Date() })
        .where('id', '=', canonicalId)
        .execute();
      return followers.map((f) => f.id);
    },

    async unfold(db: Db, foldedId: string, canonicalId: string, provenanceKey: string): Promise<void> {
      await db.updateTable('charging_location').set({ merged_into: null, updated_at: new Date() }).where('id', '=', foldedId).execute();
      await db
        .updateTable('charging_location')
        .set({ provenance: sql`provenance - ${provenanceKey}::text`, updated_at: new Date() })
        .where('id', '=', canonicalId)
        .execute();
    },

    /** Pairs by status, best first; pairs with a private side only when `includePrivate`. */
    async listPairs(db: Db, status: DuplicateStatus, page: { limit: number; offset: number }, includePrivate: boolean) {
      const visible = includePrivate ? sql`true` : sql`a.access is distinct from 'private' and b.access is distinct from 'private'`;
      const rows = await sql<{
        id: string; status: DuplicateStatus; score: number; distance_m: number; reasons: string[] | string; created_at: Date; decided_at: Date | null;
        location_id: string; location_source_key: string; location_name: string; location_operator: string | null;
        match_id: string; match_source_key: string; match_name: string; match_operator: string | null;
      }>`
        select d.id, d.status, d.score, d.distance_m, d.reasons, d.created_at, d.decided_at,
               a.id as location_id, a.source_key as location_source_key, a.name as location_name, a.operator_name as location_operator,
               b.id as match_id, b.source_key as match_source_key, b.name as match_name, b.operator_name as match_operator
        from charging_duplicate d
        join charging_location a on a.id = d.location_id
        join charging_location b on b.id = d.match_id
        where d.status = ${status} and ${visible}
        order by d.score desc, d.created_at, d.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      const total = await sql<{ n: string }>`
        select count(*) as n from charging_duplicate d
        join charging_location a on a.id = d.location_id
        join charging_location b on b.id = d.match_id
        where d.status = ${status} and ${visible}`.execute(db);
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
    },

    /** The pair, locked for a decision when `forUpdate` (two moderators cannot decide it twice). */
    async findPair(db: Db, id: string, forUpdate = false) {
      let q = db.selectFrom('charging_duplicate').selectAll().where('id', '=', id);
      if (forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    async setStatus(db: Db, id: string, status: DuplicateStatus, decidedBy: string | null) {
      await db
        .updateTable('charging_duplicate')
        .set({ status, decided_by: decidedBy, decided_at: status === 'pending' ? null : new Date() })
        .where('id', '=', id)
        .execute();
    },

    /** What a side-by-side comparison shows of one record. */
    async locationForComparison(db: Db, id: string) {
      const r = await sql<{
        id: string; source_key: string; name: string; address: string | null; city: string | null; postal_code: string | null; country_code: string;
        lat: number; lon: number; cve_ent: string | null; cvegeo: string | null; state_name: string | null; municipality_name: string | null;
        access: string | null; lifecycle_status: string | null; operator_name: string | null; operator_organisation_id: string | null;
        operator_organisation_name: string | null; owner_name: string | null; origin: string; merged_into: string | null;
        payment_methods: string[]; ocpp_support: boolean | null; commissioned_on: string | null; last_verified_at: Date | null; created_at: Date;
        provenance: Record<string, Provenance> | string;
      }>`
        select l.id, l.source_key, l.name, l.address, l.city, l.postal_code, l.country_code, l.lat, l.lon, l.cve_ent, l.cvegeo,
               s.name as state_name, m.name as municipality_name, l.access, l.lifecycle_status, l.operator_name, l.operator_organisation_id,
               o.name as operator_organisation_name, l.owner_name, l.origin, l.merged_into, l.payment_methods, l.ocpp_support,
               l.commissioned_on::text as commissioned_on, l.last_verified_at, l.created_at, l.provenance
        from charging_location l
        left join geo_state s on s.cve_ent = l.cve_ent
        left join geo_municipality m on m.cvegeo = l.cvegeo
        left join organisation o on o.id = l.operator_organisation_id
        where l.id = ${id}`.execute(db);
      const location = r.rows[0];
      if (!location) return null;
      const connectors = await db
        .selectFrom('charging_evse as e')
        .innerJoin('charging_connector as c', 'c.evse_id', 'e.id')
        .select(['e.evse_uid', 'e.lifecycle_status', 'c.connector_id', 'c.standard', 'c.source_code', 'c.source_label', 'c.power_type', 'c.max_electric_power_kw'])
        .where('e.location_id', '=', id)
        .orderBy('e.evse_uid')
        .orderBy('c.connector_id')
        .execute();
      return { location, connectors };
    },

    async locationAccess(db: Db, id: string) {
      return db.selectFrom('charging_location').select(['id', 'access', 'merged_into']).where('id', '=', id).executeTakeFirst();
    },

    /** Records folded into a location, leaving private ones out (they are never shown to the public). */
    async foldedInto(db: Db, id: string) {
      return db
        .selectFrom('charging_location')
        .select(['id', 'source_key', 'name', 'provenance'])
        .where('merged_into', '=', id)
        .where((eb) => eb.or([eb('access', 'is', null), eb('access', '!=', 'private')]))
        .orderBy('source_key')
        .execute();
    },

    async dataSources(db: Db, ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('data_source').selectAll().where('id', 'in', ids).execute();
    },
  };
}

export type DuplicatesRepository = ReturnType<typeof createDuplicatesRepository>;
