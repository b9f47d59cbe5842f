import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { text } from '../../../platform/imports/values.js';
import { checkMexicanPoint, parseNumber } from '../../geo/geo.domain.js';
import { ocmAccess, ocmConnectionTypes, ocmCurrentTypes, ocmLifecycle, powerProblem } from '../charging.domain.js';
import { mergeLocations, type ImportedLocation } from './location-merge.js';

/** The lookup tables of Open Charge Map's reference.json that compact records point into. */
export interface OcmReference {
  ConnectionTypes: Array<{ ID: number; Title: string }>;
  Operators: Array<{ ID: number; Title: string }>;
  Countries: Array<{ ID: number; ISOCode: string }>;
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
    merge: mergeLocations,
  };
}
