import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { upsertByKey } from '../../../platform/imports/upsert.js';
import { integer, text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkMexicanPoint, isCvegeoLocality, padCode, parseNumber } from '../geo.domain.js';

interface LocalityRow {
  cvegeo: string;
  name: string;
  urban: boolean;
  altitudeM: number | null;
  population2020: number;
  lat: number;
  lon: number;
}

/** Localities (towns and cities) with coordinates, from the 2020 census ITER. */
export const localitiesImporter: ImportKind<LocalityRow> = {
  kind: 'geo.localities',
  module: 'geo',
  title: { es: 'Localidades con coordenadas (Censo 2020)', en: 'Localities with coordinates (Census 2020)' },
  description: {
    es: 'Localidades con CVEGEO de 9 dígitos, nombre, ámbito urbano o rural, población 2020 y coordenadas WGS84.',
    en: 'Localities with 9-digit CVEGEO, name, urban/rural, 2020 population and WGS84 coordinates.',
  },
  formats: ['csv', 'xlsx', 'json'],
  columns: {
    cvegeo: { aliases: ['cvegeo', 'cve_geo', 'CVEGEO'], required: false },
    cveEnt: { aliases: ['cve_entidad', 'cve_ent', 'entidad'], required: false },
    cveMun: { aliases: ['cve_municipio', 'cve_mun', 'mun'], required: false },
    cveLoc: { aliases: ['cve_localidad', 'cve_loc', 'loc'], required: false },
    name: { aliases: ['nom_localidad', 'nom_loc', 'localidad', 'name'], required: true },
    scope: { aliases: ['ambito'], required: false },
    altitudeM: { aliases: ['altitud', 'altitude_m'], required: false },
    population2020: { aliases: ['poblacion_total', 'pobtot', 'population'], required: true },
    lat: { aliases: ['latitud', 'lat', 'latitude', 'y'], required: true },
    lon: { aliases: ['longitud', 'lon', 'lng', 'longitude', 'x'], required: true },
  },
  requiredRole: 'admin',
  sourceId: 'inegi-iter-2020-localities',
  sourceVintage: 'Censo de Población y Vivienda 2020 (ITER)',
  validateRow(record) {
    const v = record.values;
    const ent = padCode(v.cveEnt, 2);
    const mun = padCode(v.cveMun, 3);
    const loc = padCode(v.cveLoc, 4);
    const cvegeo = padCode(v.cvegeo, 9) ?? (ent && mun && loc ? `${ent}${mun}${loc}` : null);
    if (!cvegeo || !isCvegeoLocality(cvegeo)) {
      return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: `"${cvegeo ?? ''}" is not a locality CVEGEO; use 9 digits (state, municipality, locality).` };
    }
    const name = text(v.name);
    if (!name) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'The locality name is empty.' };
    const population2020 = integer(v.population2020);
    if (population2020 === null || Number.isNaN(population2020) || population2020 < 0) {
      return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: 'poblacion_total must be a whole number ≥ 0.' };
    }
    const lat = parseNumber(v.lat);
    const lon = parseNumber(v.lon);
    const problem = checkMexicanPoint(lat, lon);
    if (problem) return { ok: false, ...problem };
    const altitude = parseNumber(v.altitudeM);
    const scope = text(v.scope)?.toUpperCase() ?? null;
    if (scope !== null && scope !== 'U' && scope !== 'R') {
      return { ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message: `ambito must be U (urban) or R (rural); got "${scope}".` };
    }
    return {
      ok: true,
      key: cvegeo,
      value: {
        cvegeo,
        name,
        urban: scope === null ? population2020 >= 2500 : scope === 'U',
        altitudeM: altitude === null || Number.isNaN(altitude) ? null : Math.round(altitude),
        population2020,
        lat: lat!,
        lon: lon!,
      },
    };
  },
  pointOf: (l) => ({ lat: l.lat, lon: l.lon }),
  merge: (db, rows, context) =>
    upsertByKey(db, rows, {
      table: 'geo_locality',
      keyColumn: 'cvegeo',
      entityType: 'geo.locality',
      provenanceKey: 'census',
      columns: (l) => ({
        cve_ent: l.cvegeo.slice(0, 2),
        cvegeo_mun: l.cvegeo.slice(0, 5),
        name: l.name,
        search_name: foldForSearch(l.name),
        urban: l.urban,
        altitude_m: l.altitudeM,
        population_2020: l.population2020,
        lat: l.lat,
        lon: l.lon,
      }),
      point: (l) => ({ lat: l.lat, lon: l.lon }),
    }, context),
};
