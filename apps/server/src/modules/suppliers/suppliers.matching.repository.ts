import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Provenance, SupplierCertification } from '../../platform/db/schema.js';
import {
  arrayFillFields, contactFillFields, contactRadiusDeg, scalarFillFields, type FillState, type LocatedSide,
} from './suppliers.matching.domain.js';

export type MatchStatus = 'pending' | 'merged' | 'distinct' | 'unmerged';

/**
 * The phone and email keys of the OTHER side of a keyed join, as plain expressions: equal
 * to a given record's key (always valid: computed by `phoneKey`/`emailKey` in the domain)
 * only when valid themselves. Exactly the expressions of the partial indexes of migration
 * 0013 (keep them in step), so each probe is an index lookup among shown records.
 */
const otherPhoneKeySql = (alias: string) => sql.raw(`right(regexp_replace(${alias}.phone, '[^0-9]', '', 'g'), 10)`);
const otherEmailKeySql = (alias: string) => sql.raw(`lower(btrim(${alias}.email))`);

/** What the near block and scoring read of a record (created_at as epoch milliseconds: cheaper to parse than a timestamp, a million times). */
const locatedSideColumns = sql.raw(`e.id, e.source_key, e.origin, (extract(epoch from e.created_at) * 1000)::float8 as created_ms, e.name, e.name_key,
  e.legal_name, e.rfc, e.phone, e.email, e.scian, e.postal_code, e.street, e.exterior_number, e.contact_consent, e.lat, e.lon`);

/** A record as a batch reads it: what scoring reads, and the contact consent a fold's fills depend on (`foldFills`). */
export interface RegionSide extends LocatedSide {
  contactConsent: boolean;
}

const locatedSideOf = (row: Record<string, any>): RegionSide => ({
  id: row.id,
  sourceKey: row.source_key,
  origin: row.origin,
  createdAt: new Date(Number(row.created_ms)),
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
  contactConsent: row.contact_consent,
  // Read only for the canonicals of confident pairs (see `absorbedSources`).
  absorbedSources: [],
  lat: Number(row.lat),
  lon: Number(row.lon),
});

/** A given record's keys for the keyed blocks, computed by the domain (`phoneKey`, `emailKey`). */
export interface KeyedProbe {
  id: string;
  source: string;
  lat: number;
  rfc: string | null;
  nameKey: string;
  phoneKey: string | null;
  emailKey: string | null;
}

/** A given record as a matching pass reads it first (see `givenRecords`). */
export interface GivenRecord {
  id: string;
  source: string;
  lat: number;
  lon: number;
  rfc: string | null;
  nameKey: string;
  phone: string | null;
  email: string | null;
}

/** A box in degrees (longitude then latitude, min then max). */
export type Box = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

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
     * Settings for the matching statements, local to the caller's transaction: no JIT
     * (PostgreSQL compiles the big keyed joins for ~1 s each and gains nothing back) and a
     * larger `work_mem` (the hash joins of a batch stay in memory). Returns what to restore.
     */
    async tuneSession(db: Db): Promise<{ jit: string | null; workMem: string }> {
      const r = await sql<{ jit: string | null; work_mem: string }>`
        select current_setting('jit', true) as jit, current_setting('work_mem') as work_mem`.execute(db);
      const previous = { jit: r.rows[0]?.jit ?? null, workMem: r.rows[0]!.work_mem };
      if (previous.jit !== null) await sql`select set_config('jit', 'off', true)`.execute(db);
      await sql`select set_config('work_mem', '128MB', true)`.execute(db);
      return previous;
    },

    async restoreSession(db: Db, previous: { jit: string | null; workMem: string }): Promise<void> {
      if (previous.jit !== null) await sql`select set_config('jit', ${previous.jit}, true)`.execute(db);
      await sql`select set_config('work_mem', ${previous.workMem}, true)`.execute(db);
    },

    /**
     * The given records still shown (not folded): source and point (what batching by place
     * needs) and the fields of the keyed blocks, so that a batch's reads go out together.
     */
    async givenRecords(db: Db, ids: readonly string[]): Promise<GivenRecord[]> {
      // One statement however many: for a bulk run the planner hash-joins one scan of the
      // table instead of probing the primary key a million times (seconds saved).
      const r = await sql<Record<string, any>>`
        select e.id, e.source, e.lat, e.lon, e.rfc, e.name_key, e.phone, e.email from unnest(${ids}::uuid[]) as x(id)
        join supplier_establishment e on e.id = x.id where e.merged_into is null`.execute(db);
      return r.rows.map((row) => ({
        id: row.id, source: row.source, lat: Number(row.lat), lon: Number(row.lon), rfc: row.rfc, nameKey: row.name_key, phone: row.phone, email: row.email,
      }));
    },

    /**
     * How many records sources other than these hold, counted up to `atMost` (range scans on
     * the source index; `atMost` when several sources are given).
     */
    async otherSourceRecords(db: Db, sources: readonly string[], atMost: number): Promise<number> {
      if (sources.length !== 1) return atMost;
      const r = await sql<{ n: string }>`
        select (select count(*) from (select 1 from supplier_establishment where source < ${sources[0]} limit ${atMost}) below)
             + (select count(*) from (select 1 from supplier_establishment where source > ${sources[0]} limit ${atMost}) above) as n`.execute(db);
      return Math.min(Number(r.rows[0]?.n ?? 0), atMost);
    },

    /**
     * Every shown record in the given boxes (the near block's region: the grid cells around
     * a batch of given records), on the geometry GiST index, except those of `exceptSource`.
     * A record on the edge of two boxes comes back twice; the caller keys them by id.
     */
    async sidesInBoxes(db: Db, boxes: readonly Box[], exceptSource: string | null = null): Promise<RegionSide[]> {
      const out: RegionSide[] = [];
      for (let i = 0; i < boxes.length; i += 5_000) {
        const chunk = boxes.slice(i, i + 5_000);
        const r = await sql<Record<string, any>>`
          select ${locatedSideColumns}
          from unnest(${chunk.map((b) => b[0])}::float8[], ${chunk.map((b) => b[1])}::float8[], ${chunk.map((b) => b[2])}::float8[],
                      ${chunk.map((b) => b[3])}::float8[]) as c(x1, y1, x2, y2)
          join supplier_establishment e on e.geom && ST_MakeEnvelope(c.x1, c.y1, c.x2, c.y2, 4326)
          where e.merged_into is null${exceptSource === null ? sql`` : sql` and e.source <> ${exceptSource}`}`.execute(db);
        for (const row of r.rows) out.push(locatedSideOf(row));
      }
      return out;
    },

    /** Shown records by id (the far side of keyed pairs, outside the region). */
    async sidesByIds(db: Db, ids: readonly string[]): Promise<RegionSide[]> {
      const out: RegionSide[] = [];
      for (let i = 0; i < ids.length; i += sidesPerStatement) {
        const r = await sql<Record<string, any>>`
          select ${locatedSideColumns} from unnest(${ids.slice(i, i + sidesPerStatement)}::uuid[]) as x(id)
          join supplier_establishment e on e.id = x.id where e.merged_into is null`.execute(db);
        for (const row of r.rows) out.push(locatedSideOf(row));
      }
      return out;
    },

    /**
     * The keyed blocks for the given records, each an equality join on a partial index of
     * shown records (migration 0013): the same RFC at any distance; the same name key, phone
     * key or email key within about `contactRadiusDeg` north–south (the exact distance and the
     * block rule are the domain's, `candidateBlock`). Only records of another source.
     */
    async keyedPairs(db: Db, probes: readonly KeyedProbe[]): Promise<Array<{ aId: string; bId: string }>> {
      if (probes.length === 0) return [];
      const column = <K extends keyof KeyedProbe>(list: readonly KeyedProbe[], key: K) => list.map((p) => p[key]);
      const withRfc = probes.filter((p) => p.rfc);
      const withName = probes.filter((p) => p.nameKey !== '');
      const withPhone = probes.filter((p) => p.phoneKey !== null);
      const withEmail = probes.filter((p) => p.emailKey !== null);
      // Each block is a LATERAL probe fenced with OFFSET 0, so that every given key is one
      // index lookup: left to itself the planner may misjudge the keys' selectivity and sort
      // the whole table's phone keys for a merge join (a second per batch at 200,000 rows).
      const r = await sql<{ a_id: string; b_id: string }>`
        select g.id as a_id, b.id as b_id
        from unnest(${column(withRfc, 'id')}::uuid[], ${column(withRfc, 'source')}::text[], ${column(withRfc, 'rfc')}::text[]) as g(id, source, rfc)
        cross join lateral (
          select b.id from supplier_establishment b where b.rfc = g.rfc and b.merged_into is null and b.source <> g.source offset 0
        ) b
        union
        select g.id, b.id
        from unnest(${column(withName, 'id')}::uuid[], ${column(withName, 'source')}::text[], ${column(withName, 'nameKey')}::text[],
                    ${column(withName, 'lat')}::float8[]) as g(id, source, name_key, lat)
        cross join lateral (
          select b.id from supplier_establishment b
          where b.name_key = g.name_key and b.lat between g.lat - ${contactRadiusDeg} and g.lat + ${contactRadiusDeg}
            and b.merged_into is null and b.source <> g.source
          offset 0
        ) b
        union
        select g.id, b.id
        from unnest(${column(withPhone, 'id')}::uuid[], ${column(withPhone, 'source')}::text[], ${column(withPhone, 'phoneKey')}::text[],
                    ${column(withPhone, 'lat')}::float8[]) as g(id, source, phone_key, lat)
        cross join lateral (
          select b.id from supplier_establishment b
          where ${otherPhoneKeySql('b')} = g.phone_key and b.phone is not null and b.merged_into is null and b.source <> g.source
            and b.lat between g.lat - ${contactRadiusDeg} and g.lat + ${contactRadiusDeg}
          offset 0
        ) b
        union
        select g.id, b.id
        from unnest(${column(withEmail, 'id')}::uuid[], ${column(withEmail, 'source')}::text[], ${column(withEmail, 'emailKey')}::text[],
                    ${column(withEmail, 'lat')}::float8[]) as g(id, source, email_key, lat)
        cross join lateral (
          select b.id from supplier_establishment b
          where ${otherEmailKeySql('b')} = g.email_key and b.email is not null and b.merged_into is null and b.source <> g.source
            and b.lat between g.lat - ${contactRadiusDeg} and g.lat + ${contactRadiusDeg}
          offset 0
        ) b`.execute(db);
      return r.rows.map((row) => ({ aId: row.a_id, bId: row.b_id }));
    },

    /**
     * Pairs already stored (pending, decided or undone) that involve the given records, as
     * "smaller id|larger id". One statement however many, like `givenRecords`: with many ids
     * the planner may hash-join the match table once instead of probing both indexes per id.
     */
    async storedPairs(db: Db, ids: readonly string[]): Promise<Set<string>> {
      const r = await sql<{ a: string; b: string }>`
        select m.establishment_id as a, m.match_id as b from unnest(${ids}::uuid[]) as x(id) join supplier_match m on m.establishment_id = x.id
        union all
        select m.establishment_id, m.match_id from unnest(${ids}::uuid[]) as x(id) join supplier_match m on m.match_id = x.id`.execute(db);
      return new Set(r.rows.map((row) => (row.a < row.b ? `${row.a}|${row.b}` : `${row.b}|${row.a}`)));
    },

    /**
     * Sources of the records folded into each canonical, for every canonical in the census:
     * one pass over the merged records' partial index, where a bulk run would otherwise
     * probe it for every record of every region.
     */
    async allAbsorbedSources(db: Db): Promise<Map<string, string[]>> {
      const r = await sql<{ id: string; absorbed: string[] }>`
        select merged_into as id, array_agg(distinct source) as absorbed from supplier_establishment
        where merged_into is not null group by merged_into`.execute(db);
      return new Map(r.rows.map((row) => [row.id, row.absorbed]));
    },

    /**
     * Sources of the records already folded into each of these (a canonical takes one record
     * per source). One statement however many: the planner may merge-join the whole index of
     * folded records, and did so once per chunk when the ids were chunked.
     */
    async absorbedSources(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
      const r = await sql<{ id: string; absorbed: string[] }>`
        select f.merged_into as id, array_agg(distinct f.source) as absorbed
        from unnest(${ids}::uuid[]) as x(id) join supplier_establishment f on f.merged_into = x.id
        group by f.merged_into`.execute(db);
      return new Map(r.rows.map((row) => [row.id, row.absorbed]));
    },

    /** Stores pairs (a pair already stored is left as it is); returns the merged ones stored, with their ids. */
    async insertPairs(
      db: Db,
      pairs: Array<{ establishmentId: string; matchId: string; score: number; distanceM: number; reasons: string[]; status: 'pending' | 'merged' }>,
      origin: { importId: string | null; createdBy: string },
    ): Promise<Array<{ id: string; establishment_id: string; match_id: string }>> {
      const out: Array<{ id: string; establishment_id: string; match_id: string }> = [];
      // One JSON document per 10,000 pairs: a bulk import stores its matches in a few statements.
      // Each row says which import and actor proposed it: pending pairs have no audit event of their own,
      // so only the merged rows come back (their ids go into the audit); a bulk run queues hundreds of thousands.
      for (let i = 0; i < pairs.length; i += 10_000) {
        const payload = JSON.stringify(pairs.slice(i, i + 10_000).map((p) => ({
          establishment_id: p.establishmentId, match_id: p.matchId, score: p.score, distance_m: p.distanceM, reasons: p.reasons, status: p.status,
        })));
        const rows = await sql<{ id: string; establishment_id: string; match_id: string }>`
          with inserted as (
            insert into supplier_match (establishment_id, match_id, score, distance_m, reasons, status, decided_at, import_id, created_by)
            select v.establishment_id, v.match_id, v.score, v.distance_m, v.reasons, v.status, case when v.status = 'merged' then now() end,
              ${origin.importId}::uuid, ${origin.createdBy}
            from json_to_recordset(${payload}::json) as v(establishment_id uuid, match_id uuid, score float8, distance_m float8, reasons jsonb, status text)
            on conflict (establishment_id, match_id) do nothing
            returning id, establishment_id, match_id, status
          )
          select id, establishment_id, match_id from inserted where status = 'merged'`.execute(db);
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
