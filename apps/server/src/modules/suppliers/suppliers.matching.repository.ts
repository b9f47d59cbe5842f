import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Provenance, SupplierCertification } from '../../platform/db/schema.js';
import {
  arrayFillFields, contactFillFields, contactRadiusDeg, contactRadiusM, nearRadiusDeg, nearRadiusM, scalarFillFields,
  type FillState, type PlannedSide,
} from './suppliers.matching.domain.js';

export type MatchStatus = 'pending' | 'merged' | 'distinct' | 'unmerged';

export interface CandidatePair {
  a: PlannedSide;
  b: PlannedSide;
  distanceM: number;
}

/**
 * The phone and email keys in SQL for the GIVEN records, the same as `phoneKey` and
 * `emailKey` in the domain (last ten digits, not one digit repeated; trimmed lower-case
 * with an '@').
 */
const phoneKeySql = (alias: string) => sql.raw(`(case when length(regexp_replace(${alias}.phone, '[^0-9]', '', 'g')) >= 10
  and right(regexp_replace(${alias}.phone, '[^0-9]', '', 'g'), 10) !~ '^(\\d)\\1{9}$'
  then right(regexp_replace(${alias}.phone, '[^0-9]', '', 'g'), 10) end)`);
const emailKeySql = (alias: string) => sql.raw(`(case when position('@' in ${alias}.email) > 0 then lower(btrim(${alias}.email)) end)`);
/**
 * The same keys for the OTHER side of the join, as plain expressions (equal to a valid
 * given key only when valid themselves): what expression indexes would be built on
 * (`right(regexp_replace(phone, '[^0-9]', '', 'g'), 10)`, `lower(btrim(email))`; see the
 * module README). Without them the join is a hash join over the table's phones.
 */
const otherPhoneKeySql = (alias: string) => sql.raw(`right(regexp_replace(${alias}.phone, '[^0-9]', '', 'g'), 10)`);
const otherEmailKeySql = (alias: string) => sql.raw(`lower(btrim(${alias}.email))`);

const sideOf = (row: Record<string, any>): PlannedSide => ({
  id: row.id,
  sourceKey: row.source_key,
  origin: row.origin,
  createdAt: new Date(row.created_at),
  name: row.name,
  nameKey: row.name_key,
  legalName: row.legal_name,
  rfc: row.rfc,
  phone: row.phone,
  email: row.email,
  scian: row.scian,
  postalCode: row.postal_code,
  street: row.street,
  exteriorNumber: row.exterior_number,
  absorbedSources: row.absorbed ?? [],
});

const sidesPerStatement = 20_000;
// Ids are given as `unnest($ids) join …`, never `id = any($ids)`: with thousands of ids
// PostgreSQL may scan the table testing each row against the whole array (seconds per 20,000).

const parseJson = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

const fillColumns = sql.raw([
  'id', 'source_key', 'company_id', 'contact_consent', 'search_document', 'provenance', 'certifications',
  ...scalarFillFields.filter((f) => f !== 'registered_on'), 'registered_on::text as registered_on', ...contactFillFields, ...arrayFillFields,
].join(', '));

function fillStateOf(row: Record<string, any>): FillState {
  return {
    id: row.id,
    sourceKey: row.source_key,
    companyId: row.company_id,
    contactConsent: row.contact_consent,
    scalars: Object.fromEntries([...scalarFillFields, ...contactFillFields].map((f) => [f, row[f] ?? null])) as FillState['scalars'],
    arrays: Object.fromEntries(arrayFillFields.map((f) => [f, row[f] ?? []])) as FillState['arrays'],
    certifications: parseJson<SupplierCertification[]>(row.certifications) ?? [],
    searchDocument: row.search_document ?? '',
    provenance: parseJson<Record<string, Provenance>>(row.provenance) ?? {},
  };
}

const statesPerStatement = 5_000;

export function createMatchingRepository() {
  return {
    /**
     * Candidate pairs for the given establishments in ONE statement, by blocks that each
     * run on an index (never all pairs): within `nearRadiusM` (bounding box on the geometry
     * GiST index, then the exact spheroid distance), the same RFC at any distance (btree on
     * rfc), the same name key within `contactRadiusM` (btree on name_key), the same phone or
     * email within `contactRadiusM` (an equality join on the key; deliberately without a
     * bounding box, so the planner never walks the GiST index over a 5 km box — thousands of
     * plants in an industrial city — testing phones one by one). Only records of ANOTHER source, neither side folded, and pairs not
     * already stored in either order (pending, decided or undone).
     */
    async candidatePairs(db: Db, ids: readonly string[]): Promise<CandidatePair[]> {
      if (ids.length === 0) return [];
      // The first load of a source into a census where no other source has records yet:
      // nothing to compare, and two range probes on the source say so whatever the size.
      const sources = await sql<{ source: string }>`select distinct e.source from unnest(${ids}::uuid[]) as x(id) join supplier_establishment e on e.id = x.id`.execute(db);
      const own = sources.rows.map((r) => r.source);
      if (own.length === 0) return [];
      if (own.length === 1) {
        const others = await sql<{ found: boolean }>`
          select exists (select 1 from supplier_establishment where source < ${own[0]})
              or exists (select 1 from supplier_establishment where source > ${own[0]}) as found`.execute(db);
        if (!others.rows[0]?.found) return [];
      }
      const r = await sql<{ a_id: string; b_id: string; distance_m: number }>`
        with given as (
          select e.id, e.source, e.geom, e.rfc, e.name_key, ${phoneKeySql('e')} as phone_key, ${emailKeySql('e')} as email_key
          from unnest(${ids}::uuid[]) as x(id)
          join supplier_establishment e on e.id = x.id
          where e.merged_into is null
        ),
        pairs as (
          select g.id as a_id, b.id as b_id
          from given g join supplier_establishment b
            on b.geom && ST_Expand(g.geom, ${nearRadiusDeg}) and ST_DWithin(g.geom::geography, b.geom::geography, ${nearRadiusM})
          where b.source <> g.source and b.merged_into is null
          union
          select g.id, b.id
          from given g join supplier_establishment b on b.rfc = g.rfc
          where g.rfc is not null and b.source <> g.source and b.merged_into is null
          union
          select g.id, b.id
          from given g join supplier_establishment b on b.name_key = g.name_key
          where g.name_key <> '' and b.source <> g.source and b.merged_into is null
            and b.geom && ST_Expand(g.geom, ${contactRadiusDeg}) and ST_DWithin(g.geom::geography, b.geom::geography, ${contactRadiusM})
          union
          select g.id, b.id
          from given g join supplier_establishment b on ${otherPhoneKeySql('b')} = g.phone_key
          where g.phone_key is not null and b.phone is not null and b.source <> g.source and b.merged_into is null
            and ST_DWithin(g.geom::geography, b.geom::geography, ${contactRadiusM})
          union
          select g.id, b.id
          from given g join supplier_establishment b on ${otherEmailKeySql('b')} = g.email_key
          where g.email_key is not null and b.email is not null and b.source <> g.source and b.merged_into is null
            and ST_DWithin(g.geom::geography, b.geom::geography, ${contactRadiusM})
        )
        select p.a_id, p.b_id, ST_Distance(a.geom::geography, b.geom::geography) as distance_m
        from pairs p
        join supplier_establishment a on a.id = p.a_id
        join supplier_establishment b on b.id = p.b_id
        where not exists (select 1 from supplier_match m where m.establishment_id = a.id and m.match_id = b.id)
          and not exists (select 1 from supplier_match m where m.establishment_id = b.id and m.match_id = a.id)`.execute(db);
      // What scoring needs of each record, read once per record (not once per pair it is in).
      const sides = new Map<string, PlannedSide>();
      const sideIds = [...new Set(r.rows.flatMap((row) => [row.a_id as string, row.b_id as string]))];
      for (let i = 0; i < sideIds.length; i += sidesPerStatement) {
        const chunk = sideIds.slice(i, i + sidesPerStatement);
        const found = await sql<Record<string, any>>`
          select e.id, e.source_key, e.origin, e.created_at, e.name, e.name_key, e.legal_name, e.rfc, e.phone, e.email, e.scian,
                 e.postal_code, e.street, e.exterior_number, f.absorbed
          from unnest(${chunk}::uuid[]) as x(id)
          join supplier_establishment e on e.id = x.id
          left join (
            select f.merged_into, array_agg(distinct f.source) as absorbed
            from unnest(${chunk}::uuid[]) as y(id) join supplier_establishment f on f.merged_into = y.id
            group by f.merged_into
          ) f on f.merged_into = e.id`.execute(db);
        for (const row of found.rows) sides.set(row.id, sideOf(row));
      }
      return r.rows.map((row) => ({ a: sides.get(row.a_id)!, b: sides.get(row.b_id)!, distanceM: Number(row.distance_m) }));
    },

    async insertPairs(
      db: Db,
      pairs: Array<{ establishmentId: string; matchId: string; score: number; distanceM: number; reasons: string[]; status: 'pending' | 'merged' }>,
    ): Promise<Array<{ id: string; establishment_id: string; match_id: string }>> {
      const out: Array<{ id: string; establishment_id: string; match_id: string }> = [];
      // One JSON document per 10,000 pairs: a bulk import stores its matches in a few statements.
      for (let i = 0; i < pairs.length; i += 10_000) {
        const payload = JSON.stringify(pairs.slice(i, i + 10_000).map((p) => ({
          establishment_id: p.establishmentId, match_id: p.matchId, score: p.score, distance_m: p.distanceM, reasons: p.reasons, status: p.status,
        })));
        const rows = await sql<{ id: string; establishment_id: string; match_id: string }>`
          insert into supplier_match (establishment_id, match_id, score, distance_m, reasons, status, decided_at)
          select v.establishment_id, v.match_id, v.score, v.distance_m, v.reasons, v.status, case when v.status = 'merged' then now() end
          from json_to_recordset(${payload}::json) as v(establishment_id uuid, match_id uuid, score float8, distance_m float8, reasons jsonb, status text)
          on conflict (establishment_id, match_id) do nothing
          returning id, establishment_id, match_id`.execute(db);
        out.push(...rows.rows);
      }
      return out;
    },

    /** What a fold reads of each record (see `FillState`), in one statement per 5,000. */
    async fillStates(db: Db, ids: readonly string[]): Promise<Map<string, FillState>> {
      const out = new Map<string, FillState>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += statesPerStatement) {
        const r = await sql<Record<string, any>>`
          select ${fillColumns} from unnest(${unique.slice(i, i + statesPerStatement)}::uuid[]) as x(id) join supplier_establishment e using (id)`.execute(db);
        for (const row of r.rows) out.set(row.id, fillStateOf(row));
      }
      return out;
    },

    /** Writes records' fill state (the fields a fold may change), one statement per 5,000. */
    async writeFillStates(db: Db, states: readonly FillState[]): Promise<void> {
      for (let i = 0; i < states.length; i += statesPerStatement) {
        const rows = states.slice(i, i + statesPerStatement).map((s) => ({
          id: s.id, company_id: s.companyId, ...s.scalars, ...s.arrays, certifications: s.certifications, search_document: s.searchDocument, provenance: s.provenance,
        }));
        await sql`
          update supplier_establishment e set
            company_id = v.company_id, legal_name = v.legal_name, rfc = v.rfc, street = v.street, exterior_number = v.exterior_number,
            neighbourhood = v.neighbourhood, postal_code = v.postal_code, locality = v.locality, industrial_park = v.industrial_park,
            scian = v.scian, employees_stratum = v.employees_stratum, size_class = v.size_class, ev_readiness = v.ev_readiness,
            registered_on = v.registered_on, phone = v.phone, email = v.email, website = v.website,
            tiers = array(select json_array_elements_text(v.tiers)), processes = array(select json_array_elements_text(v.processes)),
            components = array(select json_array_elements_text(v.components)), oem_customers = array(select json_array_elements_text(v.oem_customers)),
            export_markets = array(select json_array_elements_text(v.export_markets)), certifications = v.certifications::jsonb,
            search_document = v.search_document, provenance = v.provenance::jsonb, updated_at = now()
          from json_to_recordset(${JSON.stringify(rows)}::json) as v(
            id uuid, company_id uuid, legal_name text, rfc text, street text, exterior_number text, neighbourhood text, postal_code text,
            locality text, industrial_park text, scian text, employees_stratum text, size_class text, ev_readiness text, registered_on date,
            phone text, email text, website text, tiers json, processes json, components json, oem_customers json, export_markets json,
            certifications json, search_document text, provenance json)
          where e.id = v.id`.execute(db);
      }
    },

    /**
     * Points each folded record at its canonical, and the records already folded into a
     * folded one at the canonical too (no chains). Returns the followers moved.
     */
    async setMergedInto(db: Db, folds: ReadonlyArray<{ foldedId: string; canonicalId: string }>): Promise<Array<{ id: string; from: string; to: string }>> {
      const followers: Array<{ id: string; from: string; to: string }> = [];
      for (let i = 0; i < folds.length; i += statesPerStatement) {
        const payload = JSON.stringify(folds.slice(i, i + statesPerStatement).map((f) => ({ folded: f.foldedId, canonical: f.canonicalId })));
        await sql`
          update supplier_establishment e set merged_into = v.canonical, updated_at = now()
          from json_to_recordset(${payload}::json) as v(folded uuid, canonical uuid)
          where e.id = v.folded`.execute(db);
        const moved = await sql<{ id: string; from: string; to: string }>`
          update supplier_establishment e set merged_into = v.canonical, updated_at = now()
          from json_to_recordset(${payload}::json) as v(folded uuid, canonical uuid)
          where e.merged_into = v.folded
          returning e.id, v.folded as "from", v.canonical as "to"`.execute(db);
        followers.push(...moved.rows);
      }
      return followers;
    },

    /** Shows a folded record again; the followers it had go back to it from its canonical. */
    async clearMergedInto(db: Db, foldedId: string, canonicalId: string, followerIds: readonly string[]): Promise<string[]> {
      await db.updateTable('supplier_establishment').set({ merged_into: null, updated_at: new Date() }).where('id', '=', foldedId).execute();
      if (followerIds.length === 0) return [];
      const back = await db
        .updateTable('supplier_establishment').set({ merged_into: foldedId, updated_at: new Date() })
        .where('id', 'in', [...followerIds]).where('merged_into', '=', canonicalId)
        .returning('id').execute();
      return back.map((r) => r.id);
    },

    /** The fold recorded in the audit of a match (the latest one, automatic or by a moderator). */
    async lastFold(db: Db, matchId: string): Promise<Record<string, any> | null> {
      const r = await sql<{ after: unknown }>`
        select after from audit_event
        where entity_type = 'supplier.match' and entity_id = ${matchId} and after ? 'fold'
        order by id desc limit 1`.execute(db);
      const after = r.rows[0] ? parseJson(r.rows[0].after as Record<string, any> | string) : null;
      return after?.fold ?? null;
    },

    /** Pairs by status, best first. Pending pairs only while both records are shown (not folded). */
    async listPairs(db: Db, status: MatchStatus, page: { limit: number; offset: number }) {
      const shown = status === 'pending' ? sql`a.merged_into is null and b.merged_into is null` : sql`true`;
      const rows = await sql<Record<string, any>>`
        select m.id, m.status, m.score, m.distance_m, m.reasons, m.created_at, m.decided_at,
               a.id as a_id, a.source_key as a_source_key, a.name as a_name, a.legal_name as a_legal_name, a.rfc as a_rfc,
               a.cvegeo as a_cvegeo, a.merged_into as a_merged_into, ma.name as a_municipality_name, sa.name as a_state_name,
               b.id as b_id, b.source_key as b_source_key, b.name as b_name, b.legal_name as b_legal_name, b.rfc as b_rfc,
               b.cvegeo as b_cvegeo, b.merged_into as b_merged_into, mb.name as b_municipality_name, sb.name as b_state_name
        from supplier_match m
        join supplier_establishment a on a.id = m.establishment_id
        join supplier_establishment b on b.id = m.match_id
        left join geo_municipality ma on ma.cvegeo = a.cvegeo
        left join geo_state sa on sa.cve_ent = a.cve_ent
        left join geo_municipality mb on mb.cvegeo = b.cvegeo
        left join geo_state sb on sb.cve_ent = b.cve_ent
        where m.status = ${status} and ${shown}
        order by m.score desc, m.created_at, m.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      const total = await sql<{ n: string }>`
        select count(*) as n from supplier_match m
        join supplier_establishment a on a.id = m.establishment_id
        join supplier_establishment b on b.id = m.match_id
        where m.status = ${status} and ${shown}`.execute(db);
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) };
    },

    /** The pair, locked for a decision when `forUpdate` (two moderators cannot decide it twice). */
    async findPair(db: Db, id: string, forUpdate = false) {
      let q = db.selectFrom('supplier_match').selectAll().where('id', '=', id);
      if (forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    async setStatus(db: Db, id: string, status: MatchStatus, decidedBy: string | null) {
      await db
        .updateTable('supplier_match')
        .set({ status, decided_by: decidedBy, decided_at: status === 'pending' ? null : new Date() })
        .where('id', '=', id)
        .execute();
    },

    /** Both records of a pair, locked (a decision changes them). */
    async lockEstablishments(db: Db, ids: readonly string[]) {
      return db.selectFrom('supplier_establishment').select(['id', 'source_key', 'merged_into']).where('id', 'in', [...ids]).forUpdate().execute();
    },

    /** Everything a side-by-side comparison shows of one record: the plant, its company and place. */
    async establishmentForComparison(db: Db, id: string) {
      const r = await sql<Record<string, any>>`
        select e.id, e.source_key, e.source, e.origin, e.name, e.legal_name, e.rfc, e.street, e.exterior_number, e.neighbourhood, e.postal_code,
               e.locality, e.industrial_park, e.municipality_as_given, e.state_as_given, e.cvegeo_as_given, e.lat, e.lon, e.cve_ent, e.cvegeo,
               s.name as state_name, mu.name as municipality_name, e.location_flags, e.scian, e.employees_stratum, e.size_class, e.tiers,
               e.processes, e.components, e.certifications, e.oem_customers, e.export_markets, e.ev_readiness, e.phone, e.email, e.website,
               e.contact_consent, e.registered_on::text as registered_on, e.merged_into, e.created_at, e.updated_at, e.provenance,
               c.id as company_id, c.legal_name as company_legal_name, c.rfc as company_rfc, c.trade_names as company_trade_names,
               c.size_class as company_size_class, c.ownership_country as company_ownership_country, c.website as company_website,
               c.organisation_id as company_organisation_id
        from supplier_establishment e
        left join supplier_company c on c.id = e.company_id
        left join geo_state s on s.cve_ent = e.cve_ent
        left join geo_municipality mu on mu.cvegeo = e.cvegeo
        where e.id = ${id}`.execute(db);
      return r.rows[0] ?? null;
    },

    async dataSources(db: Db, ids: string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom('data_source').selectAll().where('id', 'in', ids).execute();
    },
  };
}

export type MatchingRepository = ReturnType<typeof createMatchingRepository>;
