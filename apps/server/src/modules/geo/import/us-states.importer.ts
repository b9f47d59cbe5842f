import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { upsertByKey } from '../../../platform/imports/upsert.js';
import { text } from '../../../platform/imports/values.js';
import { checkBoundary } from '../geo.domain.js';

interface UsStateRow {
  abbr: string;
  name: string;
  geometry: object;
}

/** US states, for the bi-national views. */
export const usStatesImporter: ImportKind<UsStateRow> = {
  kind: 'geo.us-states',
  module: 'geo',
  title: { es: 'Estados de EE. UU.', en: 'US states' },
  description: {
    es: 'Polígonos de los estados de Estados Unidos (GeoJSON, WGS84) con abreviatura USPS y nombre.',
    en: 'US state polygons (GeoJSON, WGS84) with USPS abbreviation and name.',
  },
  formats: ['geojson', 'topojson'],
  columns: {
    abbr: { aliases: ['abbr', 'stusps', 'postal', 'state_abbr'], required: true },
    name: { aliases: ['state', 'name', 'state_name'], required: true },
  },
  requiredRole: 'admin',
  sourceId: 'us-census-states',
  sourceVintage: 'US Census (cartographic)',
  validateRow(record) {
    const abbr = text(record.values.abbr)?.toUpperCase();
    if (!abbr || !/^[A-Z]{2}$/.test(abbr)) return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: `"${abbr ?? ''}" is not a two-letter USPS state code.` };
    const name = text(record.values.name);
    if (!name) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'The state name is empty.' };
    const boundary = checkBoundary(record.geometry, 'state');
    if (!boundary.ok) return boundary;
    return { ok: true, key: abbr, value: { abbr, name, geometry: boundary.geometry } };
  },
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'us_state',
      keyColumn: 'abbr',
      entityType: 'geo.us-state',
      provenanceKey: 'boundary',
      columns: (s) => ({ name: s.name }),
      polygon: (s) => s.geometry,
    }, context),
};
