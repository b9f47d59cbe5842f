import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { ExportConnectorRow, ExportLocationRow } from '../../charging/charging.repository.js';
import type { EvseStatus } from '../status.domain.js';
import type { OcpiEndpoint, OcpiLocation } from './ocpi.schemas.js';

export type PartyStatus = 'pending' | 'registered' | 'unregistered' | 'revoked';

export interface PartyRow {
  id: string;
  organisation_id: string;
  organisation_name: string;
  country_code: string;
  party_id: string;
  status: PartyStatus;
  peer_token: string | null;
  peer_versions_url: string | null;
  version: string | null;
  endpoints: OcpiEndpoint[];
  roles: Array<Record<string, unknown>>;
  created_at: Date;
  registered_at: Date | null;
  updated_at: Date;
  ended_at: Date | null;
}

export interface StoredLocation {
  ocpi_id: string;
  location_id: string;
  object: OcpiLocation;
  last_updated: Date;
}

/** A census location with what the sender serves of it. */
export type SenderRow = ExportLocationRow & { statuses: Array<{ evse_uid: string; status: EvseStatus; received_at: Date }> };

const partyColumns = sql`
  p.id, p.organisation_id, o.name as organisation_name, trim(p.country_code) as country_code, p.party_id, p.status, p.peer_token,
  p.peer_versions_url, p.version, p.endpoints, p.roles, p.created_at, p.registered_at, p.updated_at, p.ended_at`;

/** Who may see a location through the sender: published (public or restricted), not folded into another record. */
const senderScope = sql`l.merged_into is null and l.access in ('public', 'restricted')`;
/** The later of the record's change and its EVSEs' latest status change. */
const lastUpdated = sql`greatest(l.updated_at, coalesce((select max(st.received_at) from charging_evse_status st where st.location_id = l.id), l.updated_at))`;

export function createOcpiRepository(db: Db) {
  async function party(where: ReturnType<typeof sql>, tx: Db = db, lock = false) {
    const r = await sql<PartyRow>`
      select ${partyColumns} from ocpi_party p join organisation o on o.id = p.organisation_id
      where ${where} ${lock ? sql`for update of p` : sql``}`.execute(tx);
    return r.rows[0] ?? null;
  }

  return {
    findOrganisation: (id: string) =>
      db.selectFrom('organisation').select(['id', 'name', 'type', 'ocpi_country_code', 'ocpi_party_id']).where('id', '=', id).executeTakeFirst(),

    insertParty: (tx: Db, row: { organisationId: string; countryCode: string; partyId: string; tokenAHash: string; createdBy: string }) =>
      tx.insertInto('ocpi_party').values({
        organisation_id: row.organisationId, country_code: row.countryCode, party_id: row.partyId, token_a_hash: row.tokenAHash, created_by: row.createdBy,
      }).returning('id').executeTakeFirstOrThrow(),

    /** The live registration (pending or registered) of an organisation, if any. */
    liveOfOrganisation: (organisationId: string, tx: Db = db) => party(sql`p.organisation_id = ${organisationId} and p.status in ('pending', 'registered')`, tx),

    findParty: (id: string, tx: Db = db, lock = false) => party(sql`p.id = ${id}`, tx, lock),

    /** The party a token hash belongs to: token A while pending, token C while registered. */
    async byTokenHashes(hashes: string[]) {
      if (hashes.length === 0) return null;
      const r = await sql<PartyRow & { via: 'A' | 'C'; matched_hash: string }>`
        select ${partyColumns}, case when p.status = 'pending' then 'A' else 'C' end as via,
               case when p.status = 'pending' then p.token_a_hash else p.token_c_hash end as matched_hash
        from ocpi_party p join organisation o on o.id = p.organisation_id
        where (p.status = 'pending' and p.token_a_hash in (${sql.join(hashes)}))
           or (p.status = 'registered' and p.token_c_hash in (${sql.join(hashes)}))
        limit 1`.execute(db);
      return r.rows[0] ?? null;
    },

    listParties: () =>
      sql<PartyRow>`select ${partyColumns} from ocpi_party p join organisation o on o.id = p.organisation_id order by p.created_at desc, p.id`.execute(db).then((r) => r.rows),

    async register(tx: Db, id: string, row: { tokenCHash: string; peerToken: string; versionsUrl: string; version: string; endpoints: OcpiEndpoint[]; roles: unknown[] }) {
      await tx.updateTable('ocpi_party').set({
        status: 'registered', token_a_hash: null, token_c_hash: row.tokenCHash, peer_token: row.peerToken, peer_versions_url: row.versionsUrl,
        version: row.version, endpoints: JSON.stringify(row.endpoints), roles: JSON.stringify(row.roles), registered_at: sql<Date>`coalesce(registered_at, now())`, updated_at: new Date(),
      }).where('id', '=', id).execute();
    },

    /** Ends a registration: no token of it works any more; token B is forgotten. */
    async end(tx: Db, id: string, status: 'unregistered' | 'revoked') {
      await tx.updateTable('ocpi_party').set({
        status, token_a_hash: null, token_c_hash: null, peer_token: null, ended_at: new Date(), updated_at: new Date(),
      }).where('id', '=', id).execute();
    },

    async findStoredLocation(tx: Db, countryCode: string, partyId: string, key: string, lock = false) {
      const r = await sql<StoredLocation>`
        select ocpi_id, location_id, object, last_updated from ocpi_location
        where country_code = ${countryCode} and party_id = ${partyId} and location_key = ${key} ${lock ? sql`for update` : sql``}`.execute(tx);
      return r.rows[0] ?? null;
    },

    async saveStoredLocation(tx: Db, row: { countryCode: string; partyId: string; key: string; ocpiId: string; locationId: string; object: OcpiLocation; lastUpdated: string }) {
      await sql`
        insert into ocpi_location (country_code, party_id, location_key, ocpi_id, location_id, object, last_updated)
        values (${row.countryCode}, ${row.partyId}, ${row.key}, ${row.ocpiId}, ${row.locationId}, ${JSON.stringify(row.object)}::jsonb, ${row.lastUpdated}::timestamptz)
        on conflict (country_code, party_id, location_key) do update
          set object = excluded.object, last_updated = excluded.last_updated, location_id = excluded.location_id, received_at = now()`.execute(tx);
    },

    /** The census id of a source key (the record a merge wrote). */
    locationIdOf: (tx: Db, sourceKey: string) =>
      tx.selectFrom('charging_location').select('id').where('source_key', '=', sourceKey).executeTakeFirstOrThrow().then((r) => r.id),

    /** One page of the sender's list, oldest record first (stable while a client crawls the pages). */
    async senderPage(page: { offset: number; limit: number; dateFrom: Date | null; dateTo: Date | null }) {
      const window = sql`
        (${page.dateFrom?.toISOString() ?? null}::timestamptz is null or ${lastUpdated} >= ${page.dateFrom?.toISOString() ?? null}::timestamptz)
        and (${page.dateTo?.toISOString() ?? null}::timestamptz is null or ${lastUpdated} < ${page.dateTo?.toISOString() ?? null}::timestamptz)`;
      const [ids, total] = await Promise.all([
        sql<{ id: string }>`
          select l.id from charging_location l where ${senderScope} and ${window}
          order by l.created_at, l.id offset ${page.offset} limit ${page.limit}`.execute(db),
        sql<{ n: number }>`select count(*)::int as n from charging_location l where ${senderScope} and ${window}`.execute(db),
      ]);
      return { rows: await senderRows(ids.rows.map((r) => r.id)), total: Number(total.rows[0]?.n ?? 0) };
    },

    async senderLocation(id: string) {
      const scoped = await sql<{ id: string }>`select l.id from charging_location l where l.id = ${id} and ${senderScope}`.execute(db);
      if (scoped.rows.length === 0) return null;
      return (await senderRows([id]))[0] ?? null;
    },
  };

  /** Everything the census' OCPI shaping needs, plus the live status of each EVSE; in the order given. */
  async function senderRows(ids: string[]): Promise<SenderRow[]> {
    if (ids.length === 0) return [];
    const [locations, connectors, statuses] = await Promise.all([
      sql<Omit<ExportLocationRow, 'connectors'>>`
        select l.id, l.source_key, l.name, l.operator_name, l.access, l.lifecycle_status, l.lat, l.lon, l.cve_ent, l.cvegeo,
               s.name as state_name, m.name as municipality_name, l.uses, null::text[] as standards, null::float8 as max_power_kw, l.evse_count,
               l.address, l.city, l.postal_code, l.country_code, l.state_as_given, l.us_state_abbr, l.owner_name, l.payment_methods,
               l.ocpp_support, l.opening_hours, l.updated_at, l.last_verified_at, o.ocpi_country_code, o.ocpi_party_id
        from charging_location l
        left join organisation o on o.id = l.operator_organisation_id
        left join geo_state s on s.cve_ent = l.cve_ent
        left join geo_municipality m on m.cvegeo = l.cvegeo
        where l.id in (${sql.join(ids)})`.execute(db),
      sql<ExportConnectorRow>`
        select e.location_id, e.evse_uid, e.lifecycle_status, c.connector_id, c.standard, c.source_code, c.format, c.power_type,
               c.max_voltage_v, c.max_amperage_a, c.max_electric_power_kw
        from charging_evse e join charging_connector c on c.evse_id = e.id
        where e.location_id in (${sql.join(ids)})
        order by e.location_id, e.evse_uid, c.connector_id`.execute(db),
      sql<{ location_id: string; evse_uid: string; status: EvseStatus; received_at: Date }>`
        select location_id, evse_uid, status, received_at from charging_evse_status where location_id in (${sql.join(ids)})`.execute(db),
    ]);
    const byId = new Map(locations.rows.map((l) => [l.id, l]));
    const group = <T extends { location_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) {
        const list = map.get(r.location_id);
        if (list) list.push(r);
        else map.set(r.location_id, [r]);
      }
      return map;
    };
    const connectorsOf = group(connectors.rows);
    const statusesOf = group(statuses.rows);
    return ids.flatMap((id) => {
      const l = byId.get(id);
      return l ? [{ ...l, connectors: connectorsOf.get(id) ?? [], statuses: statusesOf.get(id) ?? [] }] : [];
    });
  }
}

export type OcpiRepository = ReturnType<typeof createOcpiRepository>;
