import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { MergeContext, MergeOutcome, ValidRow } from '../../../platform/imports/import-kind.js';
import { sameValue } from '../../../platform/imports/upsert.js';
import { foldForSearch } from '../../../platform/text.js';
import { matchDuplicates } from '../charging.duplicates.js';
import { municipalBoundaryVintage } from '../../geo/geo.domain.js';
import {
  chargingLevel,
  type Access, type ChargingUse, type ConnectorStandard, type LifecycleStatus, type OpeningHours, type PaymentMethod, type PowerType,
} from '../charging.domain.js';

/**
 * What every charging importer produces, whatever its source: one location with its EVSEs
 * and connectors in the census vocabulary (OCPI 2.2.1 shape). `null` means "the source
 * does not say", never a default.
 */
export interface ImportedConnector {
  connectorId: string;
  /** Null when the source's code is not in the vocabulary: flagged, never guessed. */
  standard: ConnectorStandard | null;
  /** The source's own code, e.g. `ocm:27`, `afdc:J1772COMBO`, `ocpi:IEC_62196_T2`. */
  sourceCode: string;
  sourceLabel: string | null;
  format: 'SOCKET' | 'CABLE' | null;
  powerType: PowerType | null;
  maxVoltageV: number | null;
  maxAmperageA: number | null;
  maxPowerKw: number | null;
}

export interface ImportedEvse {
  evseUid: string;
  /** When the source gives a status per EVSE; otherwise the location's applies. */
  lifecycleStatus?: LifecycleStatus | null;
  connectors: ImportedConnector[];
}

export interface ImportedLocation {
  /** `<source>:<id in the source>`, unique across the census. */
  sourceKey: string;
  name: string;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 as the source gives it; the point decides state and municipality. */
  countryCode: string;
  stateAsGiven: string | null;
  lat: number;
  lon: number;
  access: Access | null;
  uses?: ChargingUse[];
  operatorName: string | null;
  /** OCPI party of the operator; links the location to the organisation registered with it. */
  operatorParty?: { countryCode: string; partyId: string } | null;
  ownerName?: string | null;
  paymentMethods?: PaymentMethod[];
  ocppSupport?: boolean | null;
  openingHours?: OpeningHours | null;
  /** YYYY-MM-DD. */
  commissionedOn?: string | null;
  lifecycleStatus: LifecycleStatus | null;
  lastVerifiedAt: string | null;
  evses: ImportedEvse[];
}

const locationColumns = (l: ImportedLocation, childrenHash: string) => ({
  name: l.name,
  search_name: foldForSearch(`${l.name} ${l.city ?? ''} ${l.operatorName ?? ''}`),
  address: l.address,
  city: l.city,
  postal_code: l.postalCode,
  country_code: l.countryCode,
  state_as_given: l.stateAsGiven,
  lat: l.lat,
  lon: l.lon,
  access: l.access,
  operator_name: l.operatorName,
  owner_name: l.ownerName ?? null,
  lifecycle_status: l.lifecycleStatus,
  ocpp_support: l.ocppSupport ?? null,
  commissioned_on: l.commissionedOn ?? null,
  last_verified_at: l.lastVerifiedAt ? new Date(l.lastVerifiedAt) : null,
  children_hash: childrenHash,
});
type LocationColumns = ReturnType<typeof locationColumns>;

/** Array and JSON columns, compared through their JSON text. */
const structuredColumns = (l: ImportedLocation) => ({
  uses: [...(l.uses ?? [])].sort(),
  payment_methods: [...(l.paymentMethods ?? [])].sort(),
  opening_hours: l.openingHours ?? null,
});
type StructuredColumns = ReturnType<typeof structuredColumns>;

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Rows merged per round trip: large enough to amortise statements, small enough for parameter limits. */
const chunkSize = 1000;

/**
 * Merges charging locations from any source: inserts new ones, updates changed ones
 * (rewriting their EVSEs and connectors only when those changed), places new or moved
 * points in their state and municipality (or US state), and audits every write. Runs in
 * the import's transaction; re-running the same rows changes nothing.
 */
export async function mergeLocations(db: Db, rows: ValidRow<ImportedLocation>[], context: MergeContext): Promise<MergeOutcome[]> {
  const parties = await operatorOrganisations(db, rows);
  const outcomes: MergeOutcome[] = [];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const part = await mergeChunk(db, rows.slice(i, i + chunkSize), context, parties);
    for (const outcome of part) outcomes.push(outcome);
  }
  for (const table of ['charging_location', 'charging_evse', 'charging_connector']) context.touchedTables?.add(table);
  return outcomes;
}

/** Organisations registered with the OCPI parties these rows name, by `CC*PID`. */
async function operatorOrganisations(db: Db, rows: ValidRow<ImportedLocation>[]): Promise<Map<string, string>> {
  const keys = new Set<string>();
  for (const row of rows) {
    const party = row.value.operatorParty;
    if (party) keys.add(`${party.countryCode.toUpperCase()}*${party.partyId.toUpperCase()}`);
  }
  if (keys.size === 0) return new Map();
  const found = await db
    .selectFrom('organisation')
    .select(['id', 'ocpi_country_code', 'ocpi_party_id'])
    .where('ocpi_party_id', 'is not', null)
    .execute();
  return new Map(found.map((o) => [`${String(o.ocpi_country_code).trim()}*${o.ocpi_party_id}`, o.id]));
}

const partyKey = (l: ImportedLocation) => (l.operatorParty ? `${l.operatorParty.countryCode.toUpperCase()}*${l.operatorParty.partyId.toUpperCase()}` : null);

async function mergeChunk(db: Db, rows: ValidRow<ImportedLocation>[], context: MergeContext, parties: Map<string, string>): Promise<MergeOutcome[]> {
  const existing = await db
    .selectFrom('charging_location')
    .select([
      'id', 'source_key', 'name', 'search_name', 'address', 'city', 'postal_code', 'country_code', 'state_as_given', 'lat', 'lon', 'access',
      'operator_name', 'owner_name', 'lifecycle_status', 'ocpp_support', 'commissioned_on', 'last_verified_at', 'children_hash',
      'uses', 'payment_methods', 'opening_hours', 'operator_organisation_id',
    ])
    .where('source_key', 'in', rows.map((r) => r.value.sourceKey))
    .execute();
  const bySourceKey = new Map(existing.map((e) => [e.source_key, e]));
  const outcomes: MergeOutcome[] = [];
  const audits: AuditEntry[] = [];
  const toInsert: Array<{ row: ValidRow<ImportedLocation>; columns: LocationColumns; structured: StructuredColumns }> = [];
  /** Locations whose EVSEs are (re)written, by id. */
  const childrenOf = new Map<string, ImportedLocation>();
  /** Locations to place in their state and municipality: new or moved. */
  const toPlace: string[] = [];
  const point = (l: ImportedLocation) => sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`;
  const provenanceOf = (row: ValidRow<ImportedLocation>) => JSON.stringify({ record: context.provenance(row.rowNumber) });

  for (const row of rows) {
    const l = row.value;
    const columns = locationColumns(l, createHash('sha256').update(JSON.stringify(l.evses)).digest('hex'));
    const structured = structuredColumns(l);
    const operatorOrganisationId = (partyKey(l) && parties.get(partyKey(l)!)) ?? null;
    const before = bySourceKey.get(l.sourceKey);
    if (!before) {
      toInsert.push({ row, columns, structured });
      outcomes.push('new');
      continue;
    }
    const changed: string[] = (Object.keys(columns) as Array<keyof LocationColumns>).filter((c) => !sameValue(before[c], columns[c]));
    for (const c of Object.keys(structured) as Array<keyof StructuredColumns>) if (!sameJson(before[c], structured[c])) changed.push(c);
    // A link made by hand (or by an earlier party match) is kept when the source names no party.
    const linkOperator = operatorOrganisationId !== null && before.operator_organisation_id !== operatorOrganisationId;
    if (linkOperator) changed.push('operator_organisation_id');
    if (changed.length === 0) {
      outcomes.push('unchanged');
      continue;
    }
    const after: Record<string, unknown> = { ...columns, ...structured, operator_organisation_id: linkOperator ? operatorOrganisationId : before.operator_organisation_id };
    const [updated] = await db
      .updateTable('charging_location')
      .set({
        ...columns,
        uses: structured.uses,
        payment_methods: structured.payment_methods,
        opening_hours: structured.opening_hours === null ? null : JSON.stringify(structured.opening_hours),
        ...(linkOperator ? { operator_organisation_id: operatorOrganisationId } : {}),
        geom: point(l),
        updated_at: new Date(),
        provenance: sql`provenance || ${provenanceOf(row)}::jsonb`,
      })
      .where('id', '=', before.id)
      .execute();
    if (updated?.numUpdatedRows !== 1n) throw new Error(`The database stored nothing for charging location ${l.sourceKey}.`);
    if (changed.includes('children_hash')) childrenOf.set(before.id, l);
    if (changed.includes('lat') || changed.includes('lon')) toPlace.push(before.id);
    audits.push({
      entityType: 'charging.location', entityId: before.id, action: 'update',
      before: Object.fromEntries(changed.map((c) => [c, (before as Record<string, unknown>)[c]])),
      after: Object.fromEntries(changed.map((c) => [c, after[c]])),
    });
    outcomes.push('updated');
  }

  if (toInsert.length > 0) {
    const inserted = await db
      .insertInto('charging_location')
      .values(toInsert.map(({ row, columns, structured }) => ({
        source_key: row.value.sourceKey,
        ...columns,
        uses: structured.uses,
        payment_methods: structured.payment_methods,
        opening_hours: structured.opening_hours === null ? null : JSON.stringify(structured.opening_hours),
        operator_organisation_id: (partyKey(row.value) && parties.get(partyKey(row.value)!)) ?? null,
        geom: point(row.value),
        provenance: provenanceOf(row),
      })))
      .returning(['id', 'source_key'])
      .execute();
    if (inserted.length !== toInsert.length) throw new Error(`The database stored ${inserted.length} of ${toInsert.length} new charging locations.`);
    const idOf = new Map(inserted.map((r) => [r.source_key, r.id]));
    for (const { row, columns, structured } of toInsert) {
      const id = idOf.get(row.value.sourceKey)!;
      childrenOf.set(id, row.value);
      toPlace.push(id);
      const { search_name: _search, children_hash: _hash, ...shown } = columns;
      audits.push({
        entityType: 'charging.location', entityId: id, action: 'create', before: null,
        after: {
          ...shown, ...structured, last_verified_at: row.value.lastVerifiedAt,
          connectors: row.value.evses.flatMap((e) => e.connectors.map((c) => `${c.standard ?? 'UNKNOWN'}:${c.maxPowerKw ?? '?'}kW`)),
        },
      });
    }
  }

  if (childrenOf.size > 0) await writeChildren(db, childrenOf);
  if (toPlace.length > 0) await placeLocations(db, toPlace);
  await recordAudit(db, context.actor, audits);
  if (toPlace.length > 0) await matchDuplicates(db, toPlace, context.actor);
  return outcomes;
}

/** Replaces the EVSEs and connectors of these locations. */
export async function writeChildren(db: Db, childrenOf: Map<string, ImportedLocation>): Promise<void> {
  await db.deleteFrom('charging_evse').where('location_id', 'in', [...childrenOf.keys()]).execute();
  const evses = [...childrenOf].flatMap(([locationId, location]) => location.evses.map((evse) => ({ locationId, location, evse })));
  for (let i = 0; i < evses.length; i += 2000) {
    const part = evses.slice(i, i + 2000);
    const insertedEvses = await db
      .insertInto('charging_evse')
      .values(part.map(({ locationId, location, evse }) => ({
        location_id: locationId, evse_uid: evse.evseUid, lifecycle_status: evse.lifecycleStatus ?? location.lifecycleStatus,
      })))
      .returning(['id', 'location_id', 'evse_uid'])
      .execute();
    const evseId = new Map(insertedEvses.map((e) => [`${e.location_id}|${e.evse_uid}`, e.id]));
    const connectors = part.flatMap(({ locationId, evse }) =>
      evse.connectors.map((c) => ({
        evse_id: evseId.get(`${locationId}|${evse.evseUid}`)!, connector_id: c.connectorId, standard: c.standard, source_code: c.sourceCode,
        source_label: c.sourceLabel, format: c.format, power_type: c.powerType, max_voltage_v: c.maxVoltageV, max_amperage_a: c.maxAmperageA,
        max_electric_power_kw: c.maxPowerKw, charging_level: chargingLevel(c.powerType, c.maxPowerKw),
      })),
    );
    for (let j = 0; j < connectors.length; j += 2000) await db.insertInto('charging_connector').values(connectors.slice(j, j + 2000)).execute();
  }
}

/**
 * The point, never the free-text state, decides where a charger is: the municipality
 * whose boundary covers it; else a US state that covers it; else the nearest Mexican
 * state within 0.1° (simplified coastlines leave some shore points just outside).
 */
export async function placeLocations(db: Db, ids: string[]): Promise<void> {
  await sql`
    update charging_location l
    set cvegeo = p.cvegeo, cve_ent = p.cve_ent, us_state_abbr = p.us_state_abbr
    from (
      select l2.id, m.cvegeo,
             case when m.cvegeo is not null then substr(m.cvegeo, 1, 2) when u.abbr is null then s.cve_ent end as cve_ent,
             case when m.cvegeo is null then u.abbr end as us_state_abbr
      from charging_location l2
      left join lateral (
        select b.cvegeo from geo_municipal_boundary b
        where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, l2.geom) limit 1
      ) m on true
      left join lateral (
        select u.abbr from us_state u where m.cvegeo is null and ST_Covers(u.geom, l2.geom) limit 1
      ) u on true
      left join lateral (
        select s.cve_ent from geo_state s
        where m.cvegeo is null and u.abbr is null and ST_DWithin(s.geom, l2.geom, 0.1)
        order by ST_Distance(s.geom, l2.geom) limit 1
      ) s on true
      where l2.id in (${sql.join(ids)})
    ) p
    where l.id = p.id`.execute(db);
}
