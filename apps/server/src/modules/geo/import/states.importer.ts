import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { upsertByKey } from '../../../platform/imports/upsert.js';
import { integer, text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkBoundary, isCveEnt, padCode } from '../geo.domain.js';

interface StateRow {
  cveEnt: string;
  name: string;
  shortName: string;
  population2020: number | null;
  populationMale2020: number | null;
  populationFemale2020: number | null;
}

/** INEGI Census 2020 totals per state (the standardised CSV layout). */
export const statesImporter: ImportKind<StateRow> = {
  kind: 'geo.states',
  module: 'geo',
  title: { es: 'Estados y población del Censo 2020', en: 'States and 2020 census population' },
  description: {
    es: 'Las 32 entidades con clave INEGI (CVE_ENT), nombre oficial, nombre corto y población del Censo 2020.',
    en: 'The 32 states with INEGI code (CVE_ENT), official name, short name and 2020 census population.',
  },
  formats: ['csv', 'xlsx', 'json'],
  columns: {
    cveEnt: { aliases: ['cve_ent', 'cve_geo', 'cve_entidad', 'CVE_ENT', 'clave'], required: true },
    name: { aliases: ['nombre_estado_inegi', 'nom_ent', 'nom_entidad', 'entidad', 'name'], required: true },
    shortName: { aliases: ['nombre_estado', 'nombre_corto', 'short_name'], required: false },
    population2020: { aliases: ['pob_total_2020', 'pobtot', 'poblacion_total', 'population'], required: false },
    populationMale2020: { aliases: ['pob_h_2020', 'pobmas', 'poblacion_masculina'], required: false },
    populationFemale2020: { aliases: ['pob_m_2020', 'pobfem', 'poblacion_femenina'], required: false },
  },
  requiredRole: 'admin',
  sourceId: 'inegi-censo-2020-states',
  sourceVintage: 'Censo de Población y Vivienda 2020',
  validateRow(record) {
    const v = record.values;
    const cveEnt = padCode(v.cveEnt, 2);
    if (!cveEnt) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'cve_ent (state code) is empty.' };
    if (!isCveEnt(cveEnt)) return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: `"${cveEnt}" is not a state code; use 01 to 32.` };
    const name = text(v.name);
    if (!name) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'The state name is empty.' };
    const counts = { population2020: integer(v.population2020), populationMale2020: integer(v.populationMale2020), populationFemale2020: integer(v.populationFemale2020) };
    for (const [field, n] of Object.entries(counts)) {
      if (n !== null && (Number.isNaN(n) || n < 0)) return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: `${field} must be a whole number ≥ 0.` };
    }
    return { ok: true, key: cveEnt, value: { cveEnt, name, shortName: text(v.shortName) ?? name, ...counts } };
  },
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'geo_state',
      keyColumn: 'cve_ent',
      entityType: 'geo.state',
      provenanceKey: 'census',
      columns: (s) => ({
        name: s.name,
        short_name: s.shortName,
        search_name: foldForSearch(`${s.name} ${s.shortName}`),
        population_2020: s.population2020,
        population_male_2020: s.populationMale2020,
        population_female_2020: s.populationFemale2020,
      }),
    }, context),
};

interface StateBoundaryRow {
  cveEnt: string;
  name: string | null;
  geometry: object;
}

/** Simplified state polygons (GeoJSON), for maps and choropleths. */
export const stateBoundariesImporter: ImportKind<StateBoundaryRow> = {
  kind: 'geo.state-boundaries',
  module: 'geo',
  title: { es: 'Límites estatales', en: 'State boundaries' },
  description: {
    es: 'Polígonos estatales (GeoJSON, WGS84) con CVE_ENT; formas simplificadas para mapas.',
    en: 'State polygons (GeoJSON, WGS84) keyed by CVE_ENT; simplified shapes for display.',
  },
  formats: ['geojson', 'topojson'],
  columns: {
    cveEnt: { aliases: ['cve_ent', 'cve_geo', 'CVE_ENT', 'cvegeo'], required: true },
    name: { aliases: ['nombre_estado', 'nom_ent', 'NOMGEO', 'name'], required: false },
  },
  requiredRole: 'admin',
  sourceId: 'inegi-mgn-states-simplified',
  sourceVintage: 'MGN (simplified, 2023)',
  validateRow(record) {
    const cveEnt = padCode(record.values.cveEnt, 2);
    if (!cveEnt || !isCveEnt(cveEnt)) return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: `"${cveEnt ?? ''}" is not a state code; use 01 to 32.` };
    const boundary = checkBoundary(record.geometry, 'state');
    if (!boundary.ok) return boundary;
    return { ok: true, key: cveEnt, value: { cveEnt, name: text(record.values.name), geometry: boundary.geometry } };
  },
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'geo_state',
      keyColumn: 'cve_ent',
      entityType: 'geo.state',
      provenanceKey: 'boundary',
      columns: () => ({}),
      insertOnlyColumns: (s) => ({ name: s.name ?? s.cveEnt, short_name: s.name ?? s.cveEnt, search_name: foldForSearch(s.name ?? '') }),
      polygon: (s) => s.geometry,
      areaColumn: 'area_km2',
    }, context),
};
