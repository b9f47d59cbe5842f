import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { ImportKind, MergeContext, MergeOutcome, ValidRow } from '../../../platform/imports/import-kind.js';
import { sameValue } from '../../../platform/imports/upsert.js';
import { text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkMexicanPoint, parseNumber } from '../../geo/geo.domain.js';
import {
  chargingLevel, ocmAccess, ocmConnectionTypes, ocmCurrentTypes, ocmLifecycle, powerProblem,
  type Access, type ConnectorStandard, type LifecycleStatus, type PowerType,
} from '../charging.domain.js';
import { municipalBoundaryVintage } from '../../geo/geo.domain.js';

/** The lookup tables of Open Charge Map's reference.json that compact records point into. */
export interface OcmReference {
  ConnectionTypes: Array<{ ID: number; Title: string }>;
  Operators: Array<{ ID: number; Title: string }>;
  Countries: Array<{ ID: number; ISOCode: string }>;
}

export interface ImportedConnector {
  connectorId: string;
  standard: ConnectorStandard | null;
  sourceCode: string;
  sourceLabel: string | null;
  format: 'SOCKET' | 'CABLE' | null;
  powerType: PowerType | null;
  maxVoltageV: number | null;
  maxAmperageA: number | null;
  maxPowerKw: number | null;
}

export interface ImportedLocation {
  sourceKey: string;
  name: string;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  countryCode: string;
  stateAsGiven: string | null;
  lat: number;
  lon: number;
  access: Access | null;
  operatorName: string | null;
  lifecycleStatus: LifecycleStatus | null;
  lastVerifiedAt: string | null;
  evses: Array<{ evseUid: string; connectors: ImportedConnector[] }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Compact records carry `XID`; verbose ones carry the object `X` with its `ID`. */
const idOf = (record: Obj, name: string): number | null => {
  const compact = record[`${name}ID`];
  if (typeof compact === 'number') return compact;
  const verbose = record[name];
  return isObj(verbose) && typeof verbose.ID === 'number' ? verbose.ID : null;
};

/**
 * Open Charge Map POIs, compact (IDs decoded with the reference data) or verbose (objects
 * inline), as OCM's API and its export produce them. Each OCM connection line with a
 * quantity of N becomes N EVSEs of one connector, as OCM does not model EVSEs.
 */
export function createOcmImporter(reference: OcmReference): ImportKind<ImportedLocation> {
  const connectionTitles = new Map(reference.ConnectionTypes.map((c) => [c.ID, c.Title]));
  const operatorTitles = new Map(reference.Operators.map((o) => [o.ID, o.Title]));
  const countryCodes = new Map(reference.Countries.map((c) => [c.ID, c.ISOCode]));

  return {
    kind: 'charging.ocm',
    module: 'charging',
    title: { es: 'Open Charge Map (POI)', en: 'Open Charge Map (POIs)' },
    description: {
      es: 'Ubicaciones de carga de Open Charge Map en formato compacto (con IDs) o detallado, como las da su API o su exportación. Datos CC BY-SA 4.0.',
      en: 'Charging locations from Open Charge Map, compact (IDs) or verbose, as its API or export gives them. Data CC BY-SA 4.0.',
    },
    formats: ['json'],
    columns: {
      id: { aliases: ['ID'], required: true },
      addressInfo: { aliases: ['AddressInfo'], required: true },
      connections: { aliases: ['Connections'], required: false },
    },
    requiredRole: 'admin',
    sourceId: 'ocm',
    sourceVintage: 'Open Charge Map export',
    validateRow(record) {
      const raw = { ...record.extra, ...record.values } as Obj;
      const id = typeof record.values.id === 'number' ? record.values.id : Number(record.values.id);
      if (!Number.isInteger(id) || id <= 0) return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: 'ID must be the positive OCM POI number.' };
      const address = record.values.addressInfo;
      if (!isObj(address)) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'AddressInfo is missing; is this an Open Charge Map file?' };
      const lat = parseNumber(address.Latitude);
      const lon = parseNumber(address.Longitude);
      const pointProblem = checkMexicanPoint(lat, lon);
      if (pointProblem) return { ok: false, ...pointProblem };
      const countryId = idOf(address, 'Country');
      const country = (countryId !== null ? countryCodes.get(countryId) : null) ?? (isObj(address.Country) ? text(address.Country.ISOCode) : null) ?? 'MX';

      const connections = Array.isArray(record.values.connections) ? record.values.connections : [];
      const evses: ImportedLocation['evses'] = [];
      for (const [index, connection] of connections.entries()) {
        if (!isObj(connection)) return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: `Connections[${index}] is not an object.` };
        const typeId = idOf(connection, 'ConnectionType');
        const mapping = typeId !== null ? ocmConnectionTypes[typeId] : undefined;
        const powerKw = parseNumber(connection.PowerKW);
        const problem = Number.isNaN(powerKw) ? `PowerKW "${String(connection.PowerKW)}" is not a number.` : powerProblem(powerKw);
        if (problem) return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: `Connections[${index}]: ${problem}` };
        const currentId = idOf(connection, 'CurrentType');
        const powerType = (currentId !== null ? ocmCurrentTypes[currentId] : undefined) ?? mapping?.powerType ?? null;
        const quantity = typeof connection.Quantity === 'number' && connection.Quantity > 0 ? Math.min(connection.Quantity, 100) : 1;
        const lineId = String(connection.ID ?? index + 1);
        for (let n = 1; n <= quantity; n++) {
          evses.push({
            evseUid: `${lineId}-${n}`,
            connectors: [{
              connectorId: '1',
              standard: mapping?.standard ?? null,
              sourceCode: `ocm:${typeId ?? 'none'}`,
              sourceLabel: (isObj(connection.ConnectionType) ? text(connection.ConnectionType.Title) : null) ?? (typeId !== null ? connectionTitles.get(typeId) : null) ?? null,
              format: mapping?.format ?? null,
              powerType,
              maxVoltageV: parseNumber(connection.Voltage),
              maxAmperageA: parseNumber(connection.Amps),
              maxPowerKw: powerKw,
            }],
          });
        }
      }
      const operatorId = idOf(raw, 'Operator');
      const operatorInfo = raw.OperatorInfo;
      return {
        ok: true,
        key: `ocm:${id}`,
        value: {
          sourceKey: `ocm:${id}`,
          name: text(address.Title) ?? `OCM ${id}`,
          address: text(address.AddressLine1),
          city: text(address.Town),
          postalCode: text(address.Postcode),
          countryCode: country,
          stateAsGiven: text(address.StateOrProvince),
          lat: lat!,
          lon: lon!,
          access: ocmAccess(idOf(raw, 'UsageType')),
          operatorName: (isObj(operatorInfo) ? text(operatorInfo.Title) : null) ?? (operatorId !== null ? operatorTitles.get(operatorId) ?? null : null),
          lifecycleStatus: ocmLifecycle(idOf(raw, 'StatusType')),
          lastVerifiedAt: text(raw.DateLastVerified),
          evses,
        },
      };
    },
    pointOf: (l) => ({ lat: l.lat, lon: l.lon }),
    async merge(db, rows, context) {
      const outcomes: MergeOutcome[] = [];
      const chunkSize = 300;
      for (let i = 0; i < rows.length; i += chunkSize) {
        outcomes.push(...(await mergeChunk(db, rows.slice(i, i + chunkSize), context)));
      }
      for (const table of ['charging_location', 'charging_evse', 'charging_connector']) context.touchedTables?.add(table);
      return outcomes;
    },
  };
}

const locationColumns = (l: ImportedLocation, childrenHash: string) => ({
  name: l.name, search_name: foldForSearch(`${l.name} ${l.city ?? ''} ${l.operatorName ?? ''}`), address: l.address, city: l.city,
  postal_code: l.postalCode, country_code: l.countryCode, state_as_given: l.stateAsGiven, lat: l.lat, lon: l.lon, access: l.access,
  operator_name: l.operatorName, lifecycle_status: l.lifecycleStatus,
  last_verified_at: l.lastVerifiedAt ? new Date(l.lastVerifiedAt) : null, children_hash: childrenHash,
});
type LocationColumns = ReturnType<typeof locationColumns>;

/**
 * Merges a chunk of locations with a handful of statements whatever its size: one read of
 * what exists, one insert of the new locations, an update per changed one, and one insert
 * each for their EVSEs and connectors.
 */
async function mergeChunk(db: Db, rows: ValidRow<ImportedLocation>[], context: MergeContext): Promise<MergeOutcome[]> {
  const existing = await db.selectFrom('charging_location').selectAll().where('source_key', 'in', rows.map((r) => r.value.sourceKey)).execute();
  const bySourceKey = new Map(existing.map((e) => [e.source_key, e]));
  const outcomes: MergeOutcome[] = [];
  const audits: AuditEntry[] = [];
  const toInsert: Array<{ row: ValidRow<ImportedLocation>; columns: LocationColumns }> = [];
  /** Locations whose EVSEs are (re)written, by id. */
  const childrenOf = new Map<string, ImportedLocation>();
  /** Locations to place in their state and municipality: new or moved. */
  const toPlace = new Set<string>();
  const point = (l: ImportedLocation) => sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`;
  const provenanceOf = (row: ValidRow<ImportedLocation>) => JSON.stringify({ record: context.provenance(row.rowNumber) });
  const summary = (columns: LocationColumns, l: ImportedLocation) => ({
    ...columns, last_verified_at: l.lastVerifiedAt,
    connectors: l.evses.flatMap((e) => e.connectors.map((c) => `${c.standard ?? 'UNKNOWN'}:${c.maxPowerKw ?? '?'}kW`)),
  });

  for (const row of rows) {
    const l = row.value;
    const columns = locationColumns(l, createHash('sha256').update(JSON.stringify(l.evses)).digest('hex'));
    const before = bySourceKey.get(l.sourceKey);
    if (!before) {
      toInsert.push({ row, columns });
      outcomes.push('new');
      continue;
    }
    const changed = (Object.keys(columns) as Array<keyof LocationColumns>).filter((c) => !sameValue(before[c], columns[c]));
    if (changed.length === 0) {
      outcomes.push('unchanged');
      continue;
    }
    const [updated] = await db
      .updateTable('charging_location')
      .set({ ...columns, geom: point(l), updated_at: new Date(), provenance: sql`provenance || ${provenanceOf(row)}::jsonb` })
      .where('id', '=', before.id)
      .execute();
    if (updated?.numUpdatedRows !== 1n) throw new Error(`The database stored nothing for charging location ${l.sourceKey}.`);
    if (changed.includes('children_hash')) childrenOf.set(before.id, l);
    if (changed.includes('lat') || changed.includes('lon')) toPlace.add(before.id);
    audits.push({
      entityType: 'charging.location', entityId: before.id, action: 'update',
      before: Object.fromEntries(changed.map((c) => [c, before[c]])), after: Object.fromEntries(changed.map((c) => [c, columns[c]])),
    });
    outcomes.push('updated');
  }

  if (toInsert.length > 0) {
    const inserted = await db
      .insertInto('charging_location')
      .values(toInsert.map(({ row, columns }) => ({ source_key: row.value.sourceKey, ...columns, geom: point(row.value), provenance: provenanceOf(row) })))
      .returning(['id', 'source_key'])
      .execute();
    if (inserted.length !== toInsert.length) throw new Error(`The database stored ${inserted.length} of ${toInsert.length} new charging locations.`);
    const idOf = new Map(inserted.map((r) => [r.source_key, r.id]));
    for (const { row, columns } of toInsert) {
      const id = idOf.get(row.value.sourceKey)!;
      childrenOf.set(id, row.value);
      toPlace.add(id);
      audits.push({ entityType: 'charging.location', entityId: id, action: 'create', before: null, after: summary(columns, row.value) });
    }
  }

  if (childrenOf.size > 0) {
    const ids = [...childrenOf.keys()];
    await db.deleteFrom('charging_evse').where('location_id', 'in', ids).execute();
    const evses = [...childrenOf].flatMap(([locationId, location]) => location.evses.map((evse) => ({ locationId, location, evse })));
    for (let i = 0; i < evses.length; i += 2000) {
      const part = evses.slice(i, i + 2000);
      const insertedEvses = await db
        .insertInto('charging_evse')
        .values(part.map(({ locationId, location, evse }) => ({ location_id: locationId, evse_uid: evse.evseUid, lifecycle_status: location.lifecycleStatus })))
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
      if (connectors.length > 0) await db.insertInto('charging_connector').values(connectors).execute();
    }
  }
  if (toPlace.size > 0) {
    // The point, never the free-text state, decides where a charger is.
    const ids = [...toPlace];
    await sql`
      update charging_location l set cvegeo = b.cvegeo, cve_ent = substr(b.cvegeo, 1, 2)
      from geo_municipal_boundary b
      where l.id in (${sql.join(ids)}) and b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, l.geom)`.execute(db);
    await sql`
      update charging_location l set cve_ent = s.cve_ent, cvegeo = null
      from geo_state s
      where l.id in (${sql.join(ids)}) and not exists (
        select 1 from geo_municipal_boundary b where b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, l.geom)
      ) and ST_DWithin(s.geom, l.geom, 0.1)`.execute(db);
  }
  await recordAudit(db, context.actor, audits);
  return outcomes;
}
