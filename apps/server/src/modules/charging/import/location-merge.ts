import { createHash } from 'node:crypto';
import { stringify as stableStringify } from 'safe-stable-stringify';
// Time-ordered ids: new rows land at the end of each primary-key and parent-id index instead
// of at random pages, which keeps large imports fast.
import { v7 as newId } from 'uuid';
import { type RawBuilder, sql } from 'kysely';
import { auditInsert, prepareAudit, type AuditEntry, type PreparedAudit } from '../../../platform/audit.js';
import { bulkRows } from '../../../platform/db/bulk-rows.js';
import type { Db } from '../../../platform/db/database.js';
import type { MergeContext, MergeOutcome, ValidRow } from '../../../platform/imports/import-kind.js';
import { sameValue } from '../../../platform/imports/upsert.js';
import { foldForSearch } from '../../../platform/text.js';
import { matchDuplicates } from '../charging.duplicates.js';
import { municipalBoundaryVintage } from '../../geo/geo.domain.js';
import {
  chargingLevel,
  type Access, type ChargingLevel, type ChargingUse, type ConnectorStandard, type LifecycleStatus, type OpeningHours, type PaymentMethod, type PowerType,
} from '../charging.domain.js';
import { yieldToEventLoop } from '../../../platform/event-loop.js';

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
  /** When the source states the level (AFDC counts EVSEs per level) rather than leaving it to the power. */
  chargingLevel?: ChargingLevel | null;
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

/** What a location's EVSEs and connectors add up to, stored with it for statistics. */
export function childrenSummary(l: ImportedLocation) {
  let connectors = 0;
  let installedKw = 0;
  let dcFast = 0;
  const byStandard: Record<string, number> = {};
  for (const evse of l.evses) {
    for (const c of evse.connectors) {
      connectors++;
      const standard = c.standard ?? 'UNKNOWN';
      byStandard[standard] = (byStandard[standard] ?? 0) + 1;
      installedKw += c.maxPowerKw ?? 0;
      const level = c.chargingLevel ?? chargingLevel(c.powerType, c.maxPowerKw);
      if (level === 'dc_fast' || level === 'dc_ultra_fast') dcFast++;
    }
  }
  return { evse_count: l.evses.length, connector_count: connectors, connectors_by_standard: byStandard, installed_kw: installedKw, dc_fast_connectors: dcFast };
}

/** Array and JSON columns, compared through their JSON text. */
const structuredColumns = (l: ImportedLocation) => ({
  uses: [...(l.uses ?? [])].sort(),
  payment_methods: [...(l.paymentMethods ?? [])].sort(),
  opening_hours: l.openingHours ?? null,
});
type StructuredColumns = ReturnType<typeof structuredColumns>;

/** jsonb keeps keys in its own order (shorter first), so JSON values are compared with sorted keys. */
const sameJson = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);

/** Rows merged per round trip: each statement carries its rows as one JSON document. */
const chunkSize = 5000;

/**
 * Merges charging locations from any source: inserts new ones, updates changed ones
 * (rewriting their EVSEs and connectors only when those changed), places new or moved
 * points in their state and municipality (or US state), and audits every write. Runs in
 * the import's transaction; re-running the same rows changes nothing.
 *
 * Set-based so that 200,000 locations merge in seconds (ADR 0007): rows travel as one JSON
 * document of positional arrays per table (`bulkRows`), ids are made here so children need
 * no round trip for theirs, points come placed by the pipeline (the rest are placed in the
 * INSERT), and a chunk's new rows, children and audit go in one statement. Chunks are
 * pipelined: the next chunk is compared and serialised here while the database writes the
 * previous one.
 */
export async function mergeLocations(db: Db, rows: ValidRow<ImportedLocation>[], context: MergeContext): Promise<MergeOutcome[]> {
  const parties = await operatorOrganisations(db, rows);
  const outcomes: MergeOutcome[] = [];
  const chunks: Array<ValidRow<ImportedLocation>[]> = [];
  for (let i = 0; i < rows.length; i += chunkSize) chunks.push(rows.slice(i, i + chunkSize));

  let writing: Promise<void> = Promise.resolve();
  // Attached at once so that a failing write is never an unhandled rejection while the next chunk is planned.
  writing.catch(() => {});
  let written = 0;
  let analyzeAt = 25_000;
  let nextExisting = existingLocations(db, chunks[0] ?? []);
  nextExisting.catch(() => {});
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    // A lookup that fails after a failed write (the transaction is aborted) reports the write's error, the cause.
    const existing = await nextExisting.catch(async (error: unknown) => {
      await writing;
      throw error;
    });
    const plan = await planChunk(chunk, existing, context, parties);
    for (const outcome of plan.outcomes) outcomes.push(outcome);
    await writing;
    // A large first import grows the tables far beyond what the planner last saw; without
    // fresh statistics its lookups turn into scans. Statistics are refreshed each time the
    // merge has doubled what it wrote (25k, 50k, 100k, …): often enough for good plans,
    // rarely enough that ANALYZE stays cheap. Only the columns the merge looks rows up by
    // are analysed (row counts are refreshed either way): the point's statistics, the
    // costliest, wait for the full ANALYZE after commit. Connectors are only reached through
    // their primary key, which needs no statistics.
    if (written >= analyzeAt) {
      await sql`analyze charging_location (id, source_key, source), charging_evse (location_id)`.execute(db);
      analyzeAt = written * 2;
    }
    // The next chunk's stored rows are looked up before this chunk is written, so that the
    // answer is back at once and the next chunk is planned while the database writes this
    // one. A file holds each source key once, so this chunk's writes cannot change the answer.
    if (i + 1 < chunks.length) {
      nextExisting = existingLocations(db, chunks[i + 1]!);
      nextExisting.catch(() => {});
    }
    writing = writeChunk(db, plan, context);
    writing.catch(() => {});
    written += chunk.length;
  }
  await writing;
  for (const table of ['charging_location', 'charging_evse', 'charging_connector']) context.touchedTables?.add(table);
  return outcomes;
}

/** Organisations registered with the OCPI parties these rows name, by `CC*PID`. */
async function operatorOrganisations(db: Db, rows: ValidRow<ImportedLocation>[]): Promise<Map<string, string>> {
  if (!rows.some((row) => row.value.operatorParty)) return new Map();
  const found = await db
    .selectFrom('organisation')
    .select(['id', 'ocpi_country_code', 'ocpi_party_id'])
    .where('ocpi_party_id', 'is not', null)
    .execute();
  return new Map(found.map((o) => [`${String(o.ocpi_country_code).trim().toUpperCase()}*${String(o.ocpi_party_id).toUpperCase()}`, o.id]));
}

const partyKey = (l: ImportedLocation) => (l.operatorParty ? `${l.operatorParty.countryCode.toUpperCase()}*${l.operatorParty.partyId.toUpperCase()}` : null);

/** The columns a merge writes, sent as positional JSON arrays (see `bulkRows`). */
const locationRows = bulkRows({
  id: 'uuid', source_key: 'text', name: 'text', search_name: 'text', address: 'text', city: 'text', postal_code: 'text', country_code: 'text',
  state_as_given: 'text', lat: 'float8', lon: 'float8', access: 'text', operator_name: 'text', owner_name: 'text', lifecycle_status: 'text',
  ocpp_support: 'boolean', commissioned_on: 'date', last_verified_at: 'timestamptz', children_hash: 'text', uses: 'text[]', payment_methods: 'text[]',
  opening_hours: 'jsonb', operator_organisation_id: 'uuid', provenance: 'jsonb',
  evse_count: 'integer', connector_count: 'integer', connectors_by_standard: 'jsonb', installed_kw: 'float8', dc_fast_connectors: 'integer',
  cvegeo: 'text', cve_ent: 'text', us_state_abbr: 'text',
});

type LocationRecord = LocationColumns & StructuredColumns & ReturnType<typeof childrenSummary> & {
  id: string; source_key: string; operator_organisation_id: string | null; provenance: unknown;
  /** Set for new locations the pipeline placed; absent otherwise (placed in SQL). */
  cvegeo?: string | null; cve_ent?: string | null; us_state_abbr?: string | null;
};

type ExistingLocation = Awaited<ReturnType<typeof existingLocations>>[number];

function existingLocations(db: Db, rows: ValidRow<ImportedLocation>[]) {
  return db
    .selectFrom('charging_location')
    .select([
      'id', 'source_key', 'name', 'search_name', 'address', 'city', 'postal_code', 'country_code', 'state_as_given', 'lat', 'lon', 'access',
      'operator_name', 'owner_name', 'lifecycle_status', 'ocpp_support', 'last_verified_at', 'children_hash',
      'uses', 'payment_methods', 'opening_hours', 'operator_organisation_id',
      // As text: drivers turn a date into a local-midnight Date, which would compare unequal across time zones.
      sql<string | null>`commissioned_on::text`.as('commissioned_on'),
    ])
    .where('source_key', 'in', rows.map((r) => r.value.sourceKey))
    .execute();
}

interface SerialisedRecords {
  count: number;
  json: string;
}

const serialised = (records: LocationRecord[]): SerialisedRecords | null =>
  records.length > 0 ? { count: records.length, json: locationRows.serialise(records) } : null;

/** What one chunk writes, compared and serialised ahead of the writing. */
interface ChunkPlan {
  outcomes: MergeOutcome[];
  /** New locations the pipeline placed, and those left to the database's placement rules. */
  inserts: { placed: SerialisedRecords | null; unplaced: SerialisedRecords | null };
  updates: SerialisedRecords | null;
  children: ChildRows | null;
  /** Existing locations whose EVSEs are rewritten: their old ones go first. */
  replaceChildrenOf: string[];
  /** Existing locations whose point moved, to place again. */
  moved: string[];
  audit: PreparedAudit;
  /** New and moved locations, to look for duplicates around. */
  placed: string[];
}

/**
 * Rows planned between yields to the event loop. Planning a chunk takes a few hundred
 * milliseconds, while the previous chunk is written; its statements after the main one
 * (placing moved points, looking for duplicates) are each sent when the database answers the
 * one before, which the event loop must be free to notice.
 */
const rowsPerYield = 250;

async function planChunk(rows: ValidRow<ImportedLocation>[], existing: ExistingLocation[], context: MergeContext, parties: Map<string, string>): Promise<ChunkPlan> {
  const bySourceKey = new Map(existing.map((e) => [e.source_key, e]));
  const outcomes: MergeOutcome[] = [];
  const audits: AuditEntry[] = [];
  const placedInserts: LocationRecord[] = [];
  const unplacedInserts: LocationRecord[] = [];
  const updates: LocationRecord[] = [];
  /** Locations whose EVSEs are (re)written, by id. */
  const childrenOf = new Map<string, ImportedLocation>();
  const replaceChildrenOf: string[] = [];
  const moved: string[] = [];

  for (const [k, row] of rows.entries()) {
    if (k > 0 && k % rowsPerYield === 0) await yieldToEventLoop();
    const l = row.value;
    const columns = locationColumns(l, createHash('sha256').update(JSON.stringify(l.evses)).digest('hex'));
    const structured = structuredColumns(l);
    const operatorOrganisationId = (partyKey(l) && parties.get(partyKey(l)!)) ?? null;
    const provenance = { record: context.provenance(row.rowNumber) };
    const before = bySourceKey.get(l.sourceKey);
    if (!before) {
      const id = newId();
      const record: LocationRecord = { id, source_key: l.sourceKey, ...columns, ...structured, ...childrenSummary(l), operator_organisation_id: operatorOrganisationId, provenance };
      if (row.placement) placedInserts.push({ ...record, cvegeo: row.placement.cvegeo, cve_ent: row.placement.cveEnt, us_state_abbr: row.placement.usStateAbbr });
      else unplacedInserts.push(record);
      childrenOf.set(id, l);
      const { search_name: _search, children_hash: _hash, ...shown } = columns;
      audits.push({
        entityType: 'charging.location', entityId: id, action: 'create', before: null,
        after: {
          ...shown, ...structured, last_verified_at: l.lastVerifiedAt,
          connectors: l.evses.flatMap((e) => e.connectors.map((c) => `${c.standard ?? 'UNKNOWN'}:${c.maxPowerKw ?? '?'}kW`)),
        },
      });
      outcomes.push('new');
      continue;
    }
    const changed: string[] = (Object.keys(columns) as Array<keyof LocationColumns>).filter((c) => !sameValue(before[c], columns[c]));
    for (const c of Object.keys(structured) as Array<keyof StructuredColumns>) if (!sameJson(before[c], structured[c])) changed.push(c);
    // A link made by hand (or by an earlier party match) is kept when the source names no party.
    const linkedOperator = operatorOrganisationId ?? before.operator_organisation_id;
    if (linkedOperator !== before.operator_organisation_id) changed.push('operator_organisation_id');
    if (changed.length === 0) {
      outcomes.push('unchanged');
      continue;
    }
    const after: LocationRecord = { id: before.id, source_key: l.sourceKey, ...columns, ...structured, ...childrenSummary(l), operator_organisation_id: linkedOperator, provenance };
    updates.push(after);
    if (changed.includes('children_hash')) {
      childrenOf.set(before.id, l);
      replaceChildrenOf.push(before.id);
    }
    if (changed.includes('lat') || changed.includes('lon')) moved.push(before.id);
    audits.push({
      entityType: 'charging.location', entityId: before.id, action: 'update',
      before: Object.fromEntries(changed.map((c) => [c, (before as Record<string, unknown>)[c]])),
      after: Object.fromEntries(changed.map((c) => [c, (after as Record<string, unknown>)[c]])),
    });
    outcomes.push('updated');
  }
  await yieldToEventLoop();
  const inserts = { placed: serialised(placedInserts), unplaced: serialised(unplacedInserts) };
  await yieldToEventLoop();
  const children = childrenOf.size > 0 ? childRows(childrenOf) : null;
  await yieldToEventLoop();
  const audit = prepareAudit(audits);
  return {
    outcomes,
    inserts,
    updates: serialised(updates),
    children,
    replaceChildrenOf,
    moved,
    audit,
    placed: [...placedInserts.map((r) => r.id), ...unplacedInserts.map((r) => r.id), ...moved],
  };
}

async function writeChunk(db: Db, plan: ChunkPlan, context: MergeContext): Promise<void> {
  if (plan.updates) await updateLocations(db, plan.updates);
  if (plan.replaceChildrenOf.length > 0) await db.deleteFrom('charging_evse').where('location_id', 'in', plan.replaceChildrenOf).execute();
  await insertChunk(db, plan, context);
  if (plan.moved.length > 0) await placeLocations(db, plan.moved);
  if (plan.placed.length > 0) await matchDuplicates(db, plan.placed, context.actor);
}

/**
 * Writes a chunk's new locations, the EVSEs and connectors of its new and changed locations,
 * and its audit in ONE statement (data-modifying CTEs; the foreign keys are checked when the
 * statement ends, after every part is in). Sent at once, it keeps the database busy while
 * the next chunk is planned here: as separate statements, each waited for the event loop to
 * send it, and the database sat idle between them.
 */
async function insertChunk(db: Db, plan: ChunkPlan, context: MergeContext): Promise<void> {
  const locations: Array<{ records: SerialisedRecords; insert: RawBuilder<unknown> }> = [];
  if (plan.inserts.placed) locations.push({ records: plan.inserts.placed, insert: locationInsert(plan.inserts.placed, 'placed by the pipeline') });
  if (plan.inserts.unplaced) locations.push({ records: plan.inserts.unplaced, insert: locationInsert(plan.inserts.unplaced, 'place in SQL') });
  const others = [...childInserts(plan.children), ...plan.audit.payloads.map((payload) => auditInsert(context.actor, payload))];
  if (locations.length + others.length === 0) return;
  const parts = [
    ...locations.map((l, i) => sql`${sql.raw(`location_${i}`)} as (${l.insert} returning 1)`),
    ...others.map((insert, i) => sql`${sql.raw(`part_${i}`)} as (${insert})`),
  ];
  const counts = locations.length > 0 ? sql.join(locations.map((_, i) => sql`(select count(*) from ${sql.raw(`location_${i}`)})::int`)) : sql`0`;
  const result = await sql<{ stored: number[] }>`with ${sql.join(parts)} select array[${counts}] as stored`.execute(db);
  const stored = result.rows[0]?.stored ?? [];
  locations.forEach((l, i) => {
    if (stored[i] !== l.records.count) throw new Error(`The database stored ${stored[i]} of ${l.records.count} new charging locations.`);
  });
}

/**
 * Where a point lies: the municipality whose boundary covers it; else a US state that
 * covers it; else, for points in the gaps of the simplified boundaries (shores, the Río
 * Bravo), the nearest state within 0.1° — of the country the source declares when one is
 * that close, so that a station in El Paso is not counted in Chihuahua. `point` and
 * `country` name columns of the FROM clause.
 */
const placementJoins = (point: string, country: string) => {
  const p = sql.raw(point);
  return sql`
  left join lateral (
    select b.cvegeo from geo_municipal_boundary b
    where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, ${p}) limit 1
  ) m on true
  left join lateral (
    select u.abbr from us_state u where m.cvegeo is null and ST_Covers(u.geom, ${p}) limit 1
  ) u on true
  left join lateral (
    select x.country, x.code from (
      -- The gate sits in each branch so that placed points skip both distance searches.
      select 'MX' as country, s.cve_ent::text as code, ST_Distance(s.geom, ${p}) as distance from geo_state s
      where m.cvegeo is null and u.abbr is null and ST_DWithin(s.geom, ${p}, 0.1)
      union all
      select 'US', us.abbr, ST_Distance(us.geom, ${p}) from us_state us
      where m.cvegeo is null and u.abbr is null and ST_DWithin(us.geom, ${p}, 0.1)
    ) x
    order by (x.country = ${sql.raw(country)}) desc, x.distance
    limit 1
  ) n on true`;
};
const placementColumns = sql`
  m.cvegeo,
  case when m.cvegeo is not null then substr(m.cvegeo, 1, 2) when u.abbr is null and n.country = 'MX' then n.code end,
  case when m.cvegeo is not null then null when u.abbr is not null then u.abbr when n.country = 'US' then n.code end`;

/**
 * Inserts new locations placed in their state and municipality: by the pipeline (the
 * boundaries in memory covered the point), or here in SQL by the same boundaries plus the
 * nearest-state rules for points in their gaps.
 */
function locationInsert(records: SerialisedRecords, placement: 'placed by the pipeline' | 'place in SQL'): RawBuilder<unknown> {
  const placedBy = placement === 'placed by the pipeline'
    ? { columns: sql`v.cvegeo, v.cve_ent, v.us_state_abbr`, joins: sql`` }
    : { columns: placementColumns, joins: placementJoins('v.geom', 'v.country_code') };
  return sql`
    insert into charging_location (
      id, source_key, name, search_name, address, city, postal_code, country_code, state_as_given, lat, lon, access, operator_name,
      owner_name, lifecycle_status, ocpp_support, commissioned_on, last_verified_at, children_hash, uses, payment_methods, opening_hours,
      operator_organisation_id, provenance, evse_count, connector_count, connectors_by_standard, installed_kw, dc_fast_connectors,
      geom, cvegeo, cve_ent, us_state_abbr)
    select v.id, v.source_key, v.name, v.search_name, v.address, v.city, v.postal_code, v.country_code, v.state_as_given, v.lat, v.lon,
      v.access, v.operator_name, v.owner_name, v.lifecycle_status, v.ocpp_support, v.commissioned_on, v.last_verified_at, v.children_hash,
      coalesce(v.uses, '{}'), coalesce(v.payment_methods, '{}'), v.opening_hours, v.operator_organisation_id, v.provenance,
      v.evse_count, v.connector_count, v.connectors_by_standard, v.installed_kw, v.dc_fast_connectors, v.geom,
      ${placedBy.columns}
    from (
      select r.*, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) as geom
      from ${locationRows.from(records.json, 'r')}
    ) v
    ${placedBy.joins}`;
}

/** Updates changed locations; their provenance gains this import's entry. */
async function updateLocations(db: Db, records: { count: number; json: string }): Promise<void> {
  const result = await sql`
    update charging_location l set
      name = v.name, search_name = v.search_name, address = v.address, city = v.city, postal_code = v.postal_code,
      country_code = v.country_code, state_as_given = v.state_as_given, lat = v.lat, lon = v.lon, access = v.access,
      operator_name = v.operator_name, owner_name = v.owner_name, lifecycle_status = v.lifecycle_status, ocpp_support = v.ocpp_support,
      commissioned_on = v.commissioned_on, last_verified_at = v.last_verified_at, children_hash = v.children_hash,
      uses = coalesce(v.uses, '{}'), payment_methods = coalesce(v.payment_methods, '{}'), opening_hours = v.opening_hours,
      operator_organisation_id = v.operator_organisation_id, provenance = l.provenance || v.provenance,
      evse_count = v.evse_count, connector_count = v.connector_count, connectors_by_standard = v.connectors_by_standard,
      installed_kw = v.installed_kw, dc_fast_connectors = v.dc_fast_connectors,
      geom = ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326), updated_at = now()
    from ${locationRows.from(records.json, 'v')}
    where l.id = v.id`.execute(db);
  if (Number(result.numAffectedRows) !== records.count) {
    throw new Error(`The database updated ${result.numAffectedRows} of ${records.count} changed charging locations.`);
  }
}

/**
 * Writes the EVSEs and connectors of these locations with their summary, replacing what
 * they had when `replace`. For single writers (registration); the merge writes the summary
 * with the location row and its children in bulk.
 */
export async function writeChildren(db: Db, childrenOf: Map<string, ImportedLocation>, options: { replace: boolean } = { replace: true }): Promise<void> {
  const summaries = [...childrenOf].map(([id, location]) => ({ id, ...childrenSummary(location) }));
  await sql`
    update charging_location l set
      evse_count = v.evse_count, connector_count = v.connector_count, connectors_by_standard = v.connectors_by_standard,
      installed_kw = v.installed_kw, dc_fast_connectors = v.dc_fast_connectors
    from json_to_recordset(${JSON.stringify(summaries)}::json)
      as v(id uuid, evse_count integer, connector_count integer, connectors_by_standard jsonb, installed_kw float8, dc_fast_connectors integer)
    where l.id = v.id`.execute(db);
  if (options.replace) await db.deleteFrom('charging_evse').where('location_id', 'in', [...childrenOf.keys()]).execute();
  await insertChildren(db, childRows(childrenOf));
}

/** EVSE and connector rows, serialised in statement-sized JSON documents. */
interface ChildRows {
  evsePayloads: string[];
  connectorPayloads: string[];
}

const childRowsPerStatement = 20_000;

const evseRows = bulkRows({ id: 'uuid', location_id: 'uuid', evse_uid: 'text', lifecycle_status: 'text' });
const connectorRows = bulkRows({
  evse_id: 'uuid', connector_id: 'text', standard: 'text', source_code: 'text', source_label: 'text', format: 'text', power_type: 'text',
  max_voltage_v: 'integer', max_amperage_a: 'integer', max_electric_power_kw: 'float8', charging_level: 'text',
});

function childRows(childrenOf: Map<string, ImportedLocation>): ChildRows {
  const evses: Array<{ id: string; location_id: string; evse_uid: string; lifecycle_status: LifecycleStatus | null }> = [];
  const connectors: Array<{ [K in (typeof connectorRows.names)[number]]: unknown }> = [];
  for (const [locationId, location] of childrenOf) {
    for (const evse of location.evses) {
      const evseId = newId();
      evses.push({ id: evseId, location_id: locationId, evse_uid: evse.evseUid, lifecycle_status: evse.lifecycleStatus ?? location.lifecycleStatus });
      for (const c of evse.connectors) {
        connectors.push({
          evse_id: evseId, connector_id: c.connectorId, standard: c.standard, source_code: c.sourceCode, source_label: c.sourceLabel,
          format: c.format, power_type: c.powerType, max_voltage_v: c.maxVoltageV, max_amperage_a: c.maxAmperageA,
          max_electric_power_kw: c.maxPowerKw, charging_level: c.chargingLevel ?? chargingLevel(c.powerType, c.maxPowerKw),
        });
      }
    }
  }
  const inStatements = <T,>(all: T[], serialise: (rows: T[]) => string) => {
    const payloads: string[] = [];
    for (let i = 0; i < all.length; i += childRowsPerStatement) payloads.push(serialise(all.slice(i, i + childRowsPerStatement)));
    return payloads;
  };
  return { evsePayloads: inStatements(evses, evseRows.serialise), connectorPayloads: inStatements(connectors, connectorRows.serialise) };
}

/** The INSERTs of these EVSE and connector rows, EVSEs first. */
function childInserts(rows: ChildRows | null): RawBuilder<unknown>[] {
  if (!rows) return [];
  return [
    ...rows.evsePayloads.map((payload) => sql`
      insert into charging_evse (${sql.raw(evseRows.names.join(', '))})
      select v.* from ${evseRows.from(payload, 'v')}`),
    ...rows.connectorPayloads.map((payload) => sql`
      insert into charging_connector (${sql.raw(connectorRows.names.join(', '))})
      select v.* from ${connectorRows.from(payload, 'v')}`),
  ];
}

async function insertChildren(db: Db, rows: ChildRows): Promise<void> {
  // In order, one statement each: a single writer's rows are few.
  for (const insert of childInserts(rows)) await insert.execute(db);
}

/** Places these (existing) locations again from their point. */
export async function placeLocations(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += chunkSize) {
    await sql`
      update charging_location l
      set cvegeo = p.cvegeo, cve_ent = p.cve_ent, us_state_abbr = p.us_state_abbr
      from (
        select l2.id, ${placementColumns}
        from charging_location l2
        ${placementJoins('l2.geom', 'l2.country_code')}
        where l2.id in (${sql.join(ids.slice(i, i + chunkSize))})
      ) as p(id, cvegeo, cve_ent, us_state_abbr)
      where l.id = p.id`.execute(db);
  }
}
