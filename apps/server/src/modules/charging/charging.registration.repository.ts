import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { foldForSearch } from '../../platform/text.js';
import type { ImportedLocation } from './import/location-merge.js';

/** A charging location as the registration pages read it, with its state and municipality names. */
export interface RegistrationRow {
  id: string;
  source_key: string;
  origin: 'import' | 'registered';
  name: string;
  address: string | null;
  postal_code: string | null;
  lat: number;
  lon: number;
  access: string | null;
  uses: string[];
  payment_methods: string[];
  ocpp_support: boolean | null;
  opening_hours: unknown;
  commissioned_on: string | Date | null;
  lifecycle_status: string | null;
  operator_name: string | null;
  owner_name: string | null;
  operator_organisation_id: string | null;
  operator_organisation_name: string | null;
  owner_organisation_id: string | null;
  owner_organisation_name: string | null;
  owner_user_id: string | null;
  cve_ent: string | null;
  cvegeo: string | null;
  state_name: string | null;
  municipality_name: string | null;
  provenance: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface ConnectorRow {
  evse_uid: string;
  evse_lifecycle_status: string | null;
  connector_id: string;
  standard: string | null;
  source_code: string;
  format: string | null;
  power_type: string | null;
  max_voltage_v: number | null;
  max_amperage_a: number | null;
  max_electric_power_kw: number | null;
  charging_level: string | null;
}

/** Who a scoped list is for: the user's own chargers and those of the organisations it edits. */
export interface RegistrationScope {
  userId: string;
  organisationIds: string[];
}

const locationSelect = sql`
  select l.id, l.source_key, l.origin, l.name, l.address, l.postal_code, l.lat, l.lon, l.access, l.uses, l.payment_methods, l.ocpp_support,
         l.opening_hours, l.commissioned_on::text as commissioned_on, l.lifecycle_status, l.operator_name, l.owner_name,
         l.operator_organisation_id, op.name as operator_organisation_name, l.owner_organisation_id, ow.name as owner_organisation_name,
         l.owner_user_id, l.cve_ent, l.cvegeo, s.name as state_name, m.name as municipality_name, l.provenance, l.created_at, l.updated_at
  from charging_location l
  left join organisation op on op.id = l.operator_organisation_id
  left join organisation ow on ow.id = l.owner_organisation_id
  left join geo_state s on s.cve_ent = l.cve_ent
  left join geo_municipality m on m.cvegeo = l.cvegeo`;

/** The same hash the shared merge keeps, so a registered location's children compare the same way. */
const childrenHash = (l: ImportedLocation) => createHash('sha256').update(JSON.stringify(l.evses)).digest('hex');
const searchName = (l: ImportedLocation) => foldForSearch(`${l.name} ${l.city ?? ''} ${l.operatorName ?? ''}`);

export function createRegistrationRepository(db: Db) {
  return {
    /** Organisations the user edits, with their type (operators must be `charge_point_operator`). */
    editedOrganisations: (userId: string) =>
      db
        .selectFrom('membership')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select(['organisation.id', 'organisation.name', 'organisation.type'])
        .where('membership.user_id', '=', userId)
        .where('membership.role', '=', 'editor')
        .orderBy('organisation.name')
        .execute(),

    /** Every organisation of a type (admins may act for any). */
    organisationsOfType: (type: string) =>
      db.selectFrom('organisation').select(['id', 'name', 'type']).where('type', '=', type).orderBy('name').limit(1000).execute(),

    findOrganisation: (id: string, tx: Db = db) => tx.selectFrom('organisation').select(['id', 'name', 'type']).where('id', '=', id).executeTakeFirst(),

    async findLocation(id: string, tx: Db = db, lock = false): Promise<RegistrationRow | null> {
      if (lock) await sql`select id from charging_location where id = ${id} for update`.execute(tx);
      const r = await sql<RegistrationRow>`${locationSelect} where l.id = ${id}`.execute(tx);
      return r.rows[0] ?? null;
    },

    connectors: (locationId: string, tx: Db = db) =>
      tx
        .selectFrom('charging_evse as e')
        .innerJoin('charging_connector as c', 'c.evse_id', 'e.id')
        .select(['e.evse_uid', 'e.lifecycle_status as evse_lifecycle_status', 'c.connector_id', 'c.standard', 'c.source_code', 'c.format', 'c.power_type',
          'c.max_voltage_v', 'c.max_amperage_a', 'c.max_electric_power_kw', 'c.charging_level'])
        .where('e.location_id', '=', locationId)
        // EVSE ids are numbered EVSE-1, EVSE-2…: order by their number where they have one, so EVSE-10 follows EVSE-9.
        .orderBy(sql`length(e.evse_uid)`)
        .orderBy('e.evse_uid')
        .orderBy(sql`length(c.connector_id)`)
        .orderBy('c.connector_id')
        .execute() as Promise<ConnectorRow[]>,

    async insertLocation(tx: Db, l: ImportedLocation, links: {
      operatorOrganisationId: string | null; ownerOrganisationId: string | null; ownerUserId: string | null; provenance: object; at: Date;
    }): Promise<string> {
      const row = await tx
        .insertInto('charging_location')
        .values({
          source_key: l.sourceKey, origin: 'registered', name: l.name, search_name: searchName(l), address: l.address, city: l.city,
          postal_code: l.postalCode, country_code: l.countryCode, state_as_given: l.stateAsGiven, lat: l.lat, lon: l.lon,
          geom: sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`, access: l.access, uses: [...(l.uses ?? [])].sort(),
          operator_name: l.operatorName, owner_name: l.ownerName ?? null, payment_methods: [...(l.paymentMethods ?? [])].sort(),
          lifecycle_status: l.lifecycleStatus, ocpp_support: l.ocppSupport ?? null, last_verified_at: null, children_hash: childrenHash(l),
          opening_hours: l.openingHours ? JSON.stringify(l.openingHours) : null, commissioned_on: l.commissionedOn ?? null,
          operator_organisation_id: links.operatorOrganisationId, owner_organisation_id: links.ownerOrganisationId, owner_user_id: links.ownerUserId,
          provenance: JSON.stringify(links.provenance), created_at: links.at, updated_at: links.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Rewrites a registered location's declared columns and adds provenance for the fields that changed. */
    async updateLocation(tx: Db, id: string, l: ImportedLocation, provenancePatch: object, at: Date): Promise<void> {
      const result = await tx
        .updateTable('charging_location')
        .set({
          name: l.name, search_name: searchName(l), address: l.address, postal_code: l.postalCode, lat: l.lat, lon: l.lon,
          geom: sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`, access: l.access, uses: [...(l.uses ?? [])].sort(),
          operator_name: l.operatorName, owner_name: l.ownerName ?? null, payment_methods: [...(l.paymentMethods ?? [])].sort(),
          lifecycle_status: l.lifecycleStatus, ocpp_support: l.ocppSupport ?? null, children_hash: childrenHash(l),
          opening_hours: l.openingHours ? JSON.stringify(l.openingHours) : null, commissioned_on: l.commissionedOn ?? null,
          provenance: sql`provenance || ${JSON.stringify(provenancePatch)}::jsonb`, updated_at: at,
        })
        .where('id', '=', id)
        .where('origin', '=', 'registered')
        .executeTakeFirst();
      if (result.numUpdatedRows !== 1n) throw new Error(`The database stored nothing for registered charging location ${id}.`);
    },

    /** Retirement keeps the record (history, counts of what existed) and marks it and its EVSEs decommissioned. */
    async retireLocation(tx: Db, id: string, provenancePatch: object, at: Date): Promise<void> {
      await tx
        .updateTable('charging_location')
        .set({ lifecycle_status: 'decommissioned', provenance: sql`provenance || ${JSON.stringify(provenancePatch)}::jsonb`, updated_at: at })
        .where('id', '=', id)
        .where('origin', '=', 'registered')
        .execute();
      await tx.updateTable('charging_evse').set({ lifecycle_status: 'decommissioned' }).where('location_id', '=', id).execute();
    },

    /**
     * Locations registered by the user or for the organisations it edits, plus those
     * imported locations a source links to those organisations (listed read-only).
     * `everyRegistered` (admins) lists every registered location instead.
     */
    async listScoped(scope: RegistrationScope | 'everyRegistered', page: { limit: number; offset: number }) {
      const orgs = scope === 'everyRegistered' || scope.organisationIds.length === 0 ? null : sql.join(scope.organisationIds);
      const where = scope === 'everyRegistered'
        ? sql`l.origin = 'registered'`
        // A private record from a source is nobody's to list here (the service would hide it, and `total` must agree).
        : sql`(l.owner_user_id = ${scope.userId}
               ${orgs ? sql`or l.operator_organisation_id in (${orgs}) or l.owner_organisation_id in (${orgs})` : sql``})
              and not (l.origin = 'import' and l.access = 'private')`;
      const rows = await sql<RegistrationRow & { evse_count: number; standards: string[] | null; max_power_kw: number | null; total: number }>`
        select x.*,
               (select count(*) from charging_evse e where e.location_id = x.id)::int as evse_count,
               (select array_agg(distinct coalesce(c.standard, 'UNKNOWN') order by coalesce(c.standard, 'UNKNOWN'))
                  from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = x.id) as standards,
               (select max(c.max_electric_power_kw) from charging_evse e join charging_connector c on c.evse_id = e.id where e.location_id = x.id) as max_power_kw,
               count(*) over ()::int as total
        from (${locationSelect} where l.merged_into is null and ${where}) x
        order by (x.origin = 'registered') desc, x.updated_at desc, x.id
        limit ${page.limit} offset ${page.offset}`.execute(db);
      let total = rows.rows[0]?.total ?? 0;
      if (rows.rows.length === 0 && page.offset > 0) {
        const c = await sql<{ n: number }>`select count(*)::int as n from charging_location l where l.merged_into is null and ${where}`.execute(db);
        total = c.rows[0]?.n ?? 0;
      }
      return { rows: rows.rows, total };
    },
  };
}

export type RegistrationRepository = ReturnType<typeof createRegistrationRepository>;
