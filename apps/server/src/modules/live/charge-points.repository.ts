import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ChargePointRowWithNames, PortRow } from './charge-points.domain.js';
import type { PortMapping, RegistrationStatus } from './ocpp/ocpp.domain.js';

export interface ChargePointFilter {
  /** Organisations whose charge points the caller may see; 'all' for admins (pending ones included). */
  scope: string[] | 'all';
  operator?: string;
  registrationStatus?: RegistrationStatus;
  connected?: boolean;
  limit: number;
  offset: number;
}

const select = sql`
  select c.id, c.identity, c.operator_organisation_id, o.name as operator_name, c.location_id, l.name as location_name,
         c.registration_status, c.ocpp_version, c.vendor, c.model, c.serial_number, c.firmware_version, c.connected,
         c.last_seen_at, c.offline_since, c.port_map, c.created_at, c.updated_at
  from charge_point c
  left join organisation o on o.id = c.operator_organisation_id
  left join charging_location l on l.id = c.location_id`;

export function createChargePointsRepository(db: Db) {
  const ports = async (ids: string[], tx: Db = db): Promise<PortRow[]> => {
    if (ids.length === 0) return [];
    return tx
      .selectFrom('charge_point_port')
      .select(['charge_point_id', 'ocpp_evse_id', 'ocpp_connector_id', 'evse_uid', 'status', 'protocol_status', 'error_code', 'status_at'])
      .where('charge_point_id', 'in', ids)
      .execute() as Promise<PortRow[]>;
  };

  return {
    ports,

    async list(f: ChargePointFilter): Promise<{ rows: ChargePointRowWithNames[]; total: number }> {
      if (f.scope !== 'all' && f.scope.length === 0) return { rows: [], total: 0 };
      const where = [
        f.scope === 'all' ? sql`true` : sql`c.operator_organisation_id in (${sql.join(f.scope)})`,
        f.operator ? sql`c.operator_organisation_id = ${f.operator}` : sql`true`,
        f.registrationStatus ? sql`c.registration_status = ${f.registrationStatus}` : sql`true`,
        f.connected === undefined ? sql`true` : sql`c.connected = ${f.connected}`,
      ];
      const r = await sql<ChargePointRowWithNames & { total: number }>`
        select x.*, count(*) over ()::int as total from (${select} where ${sql.join(where, sql` and `)}) x
        order by x.identity limit ${f.limit} offset ${f.offset}`.execute(db);
      let total = r.rows[0]?.total ?? 0;
      if (r.rows.length === 0 && f.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from charge_point c where ${sql.join(where, sql` and `)}`.execute(db);
        total = c.rows[0]?.n ?? 0;
      }
      return { rows: r.rows, total };
    },

    async find(id: string, tx: Db = db, lock = false): Promise<(ChargePointRowWithNames & { password_hash: string | null }) | null> {
      if (lock) await sql`select id from charge_point where id = ${id} for update`.execute(tx);
      const r = await sql<ChargePointRowWithNames & { password_hash: string | null }>`
        select x.*, c.password_hash from (${select} where c.id = ${id}) x join charge_point c on c.id = x.id`.execute(tx);
      return r.rows[0] ?? null;
    },

    identityExists: async (identity: string, tx: Db = db) =>
      (await tx.selectFrom('charge_point').select('id').where('identity', '=', identity).executeTakeFirst()) !== undefined,

    findOrganisation: (id: string) => db.selectFrom('organisation').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst(),

    organisationsNamed: (name: string) =>
      db.selectFrom('organisation').select(['id', 'name', 'type']).where(sql<boolean>`lower(name) = lower(${name})`).execute(),

    /** The location (if it exists and is not merged away) with its EVSE uids. */
    async location(id: string, tx: Db = db): Promise<{ id: string; name: string; operatorOrganisationId: string | null; evseUids: string[] } | null> {
      const r = await sql<{ id: string; name: string; operator_organisation_id: string | null; evse_uids: string[] | null }>`
        select l.id, l.name, l.operator_organisation_id, (select array_agg(e.evse_uid) from charging_evse e where e.location_id = l.id) as evse_uids
        from charging_location l where l.id = ${id} and l.merged_into is null`.execute(tx);
      const row = r.rows[0];
      return row ? { id: row.id, name: row.name, operatorOrganisationId: row.operator_organisation_id, evseUids: row.evse_uids ?? [] } : null;
    },

    async insert(tx: Db, v: { identity: string; passwordHash: string; operatorOrganisationId: string | null; locationId: string | null; portMap: PortMapping[] }): Promise<string> {
      const row = await tx
        .insertInto('charge_point')
        .values({
          identity: v.identity, password_hash: v.passwordHash, operator_organisation_id: v.operatorOrganisationId,
          location_id: v.locationId, port_map: JSON.stringify(v.portMap), registration_status: 'accepted',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /**
     * Many at once (load tests, fleet imports): one statement per chunk. An identity that
     * exists gets the new password and operator (idempotent re-runs).
     */
    async upsertMany(tx: Db, rows: Array<{ identity: string; password_hash: string; operator_organisation_id: string | null; location_id: string | null }>): Promise<Array<{ id: string; identity: string }>> {
      const out: Array<{ id: string; identity: string }> = [];
      for (let i = 0; i < rows.length; i += 5000) {
        const r = await sql<{ id: string; identity: string }>`
          insert into charge_point (identity, password_hash, operator_organisation_id, location_id, registration_status)
          select v.identity, v.password_hash, v.operator_organisation_id, v.location_id, 'accepted'
          from json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json) as v(identity text, password_hash text, operator_organisation_id uuid, location_id uuid)
          on conflict (identity) do update set password_hash = excluded.password_hash, operator_organisation_id = excluded.operator_organisation_id,
            location_id = excluded.location_id, updated_at = now()
          returning id, identity`.execute(tx);
        out.push(...r.rows);
      }
      return out;
    },

    async update(tx: Db, id: string, patch: {
      passwordHash?: string; operatorOrganisationId?: string | null; locationId?: string | null; portMap?: PortMapping[]; registrationStatus?: RegistrationStatus;
    }): Promise<void> {
      await tx
        .updateTable('charge_point')
        .set({
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          ...(patch.operatorOrganisationId !== undefined ? { operator_organisation_id: patch.operatorOrganisationId } : {}),
          ...(patch.locationId !== undefined ? { location_id: patch.locationId } : {}),
          ...(patch.portMap !== undefined ? { port_map: JSON.stringify(patch.portMap) } : {}),
          ...(patch.registrationStatus !== undefined ? { registration_status: patch.registrationStatus } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Its own history goes; entries on census EVSEs stay (the EVSE's history), no longer linked to it. */
    async remove(tx: Db, id: string): Promise<void> {
      await tx.deleteFrom('charging_status_event').where('charge_point_id', '=', id).where('location_id', 'is', null).execute();
      await tx.deleteFrom('charge_point').where('id', '=', id).execute();
    },
  };
}

export type ChargePointsRepository = ReturnType<typeof createChargePointsRepository>;
