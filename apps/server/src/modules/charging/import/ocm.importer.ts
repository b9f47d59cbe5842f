import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit, type AuditEntry } from '../../../platform/audit.js';
import type { ImportKind, MergeOutcome } from '../../../platform/imports/import-kind.js';
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
      const audits: AuditEntry[] = [];
      const touched: string[] = [];
      for (const row of rows) {
        const l = row.value;
        const childrenHash = createHash('sha256').update(JSON.stringify(l.evses)).digest('hex');
        const columns = {
          name: l.name, search_name: foldForSearch(`${l.name} ${l.city ?? ''} ${l.operatorName ?? ''}`), address: l.address, city: l.city,
          postal_code: l.postalCode, country_code: l.countryCode, state_as_given: l.stateAsGiven, lat: l.lat, lon: l.lon, access: l.access,
          operator_name: l.operatorName, lifecycle_status: l.lifecycleStatus,
          last_verified_at: l.lastVerifiedAt ? new Date(l.lastVerifiedAt) : null, children_hash: childrenHash,
        };
        const before = await db.selectFrom('charging_location').selectAll().where('source_key', '=', l.sourceKey).executeTakeFirst();
        const summary = { ...columns, last_verified_at: l.lastVerifiedAt, connectors: l.evses.flatMap((e) => e.connectors.map((c) => `${c.standard ?? 'UNKNOWN'}:${c.maxPowerKw ?? '?'}kW`)) };
        let locationId: string;
        if (!before) {
          const inserted = await db
            .insertInto('charging_location')
            .values({ source_key: l.sourceKey, ...columns, geom: sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`, provenance: JSON.stringify({ record: context.provenance(row.rowNumber) }) })
            .returning('id')
            .executeTakeFirstOrThrow();
          locationId = inserted.id;
          audits.push({ entityType: 'charging.location', entityId: locationId, action: 'create', before: null, after: summary });
          outcomes.push('new');
        } else {
          const changed = (Object.keys(columns) as Array<keyof typeof columns>).filter((c) => {
            const a = before[c];
            const b = columns[c];
            if (a instanceof Date || b instanceof Date) return (a ? new Date(a as Date).getTime() : null) !== (b ? new Date(b as Date).getTime() : null);
            return (a ?? null) !== (b ?? null) && String(a).trimEnd() !== String(b);
          });
          if (changed.length === 0) {
            outcomes.push('unchanged');
            continue;
          }
          locationId = before.id;
          await db
            .updateTable('charging_location')
            .set({ ...columns, geom: sql`ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326)`, updated_at: new Date(), provenance: sql`provenance || ${JSON.stringify({ record: context.provenance(row.rowNumber) })}::jsonb` })
            .where('id', '=', locationId)
            .execute();
          await db.deleteFrom('charging_evse').where('location_id', '=', locationId).execute();
          audits.push({
            entityType: 'charging.location', entityId: locationId, action: 'update',
            before: Object.fromEntries(changed.map((c) => [c, before[c]])), after: Object.fromEntries(changed.map((c) => [c, columns[c]])),
          });
          outcomes.push('updated');
        }
        touched.push(locationId);
        for (const evse of l.evses) {
          const { id: evseId } = await db
            .insertInto('charging_evse')
            .values({ location_id: locationId, evse_uid: evse.evseUid, lifecycle_status: l.lifecycleStatus })
            .returning('id')
            .executeTakeFirstOrThrow();
          await db
            .insertInto('charging_connector')
            .values(evse.connectors.map((c) => ({
              evse_id: evseId, connector_id: c.connectorId, standard: c.standard, source_code: c.sourceCode, source_label: c.sourceLabel,
              format: c.format, power_type: c.powerType, max_voltage_v: c.maxVoltageV, max_amperage_a: c.maxAmperageA,
              max_electric_power_kw: c.maxPowerKw, charging_level: chargingLevel(c.powerType, c.maxPowerKw),
            })))
            .execute();
        }
      }
      if (touched.length > 0) {
        // The point, never the free-text state, decides where a charger is.
        await sql`
          update charging_location l set cvegeo = b.cvegeo, cve_ent = substr(b.cvegeo, 1, 2)
          from geo_municipal_boundary b
          where l.id in (${sql.join(touched)}) and b.vintage = ${municipalBoundaryVintage} and ST_Covers(b.geom, l.geom)`.execute(db);
        await sql`
          update charging_location l set cve_ent = s.cve_ent
          from geo_state s
          where l.id in (${sql.join(touched)}) and l.cve_ent is null and ST_DWithin(s.geom, l.geom, 0.1)`.execute(db);
      }
      await recordAudit(db, context.actor, audits);
      for (const table of ['charging_location', 'charging_evse', 'charging_connector']) context.touchedTables?.add(table);
      return outcomes;
    },
  };
}
