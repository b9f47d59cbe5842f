import type { ErrorCode } from '@electrifica/contracts';
import type { Db } from '../../../platform/db/database.js';
import type { ImportKind, MergeContext, MergeOutcome, RowResult, ValidRow } from '../../../platform/imports/import-kind.js';
import { excelSerialToIsoDate, type ParsedRecord } from '../../../platform/imports/parse/index.js';
import { text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkMexicanPoint } from '../../geo/geo.domain.js';
import { sizeClassOfStratum, stratumOf } from '../suppliers.domain.js';
import type { ImportedEstablishment } from './establishment-merge.js';
import { noneToNull, postalCodeOf } from './places.js';
import type { ScianLookup } from './scian.js';
import { scianProblem } from './scope.js';

/**
 * The DENUE columns the census uses, under INEGI's names (the CSV download) and the long
 * names of its data dictionary. The others (clee, nombre_act, the cross streets, ageb,
 * manzana…) are not declared: the parser keeps them in `extra` and the importer ignores them.
 */
export const denueColumns = {
  id: { aliases: ['id_denue', 'identificador'], required: true },
  nom_estab: { aliases: ['nombre de la unidad economica', 'nombre_establecimiento'], required: true },
  raz_social: { aliases: ['razon social', 'razon_social'], required: false },
  codigo_act: { aliases: ['codigo de la clase de actividad scian', 'clase_actividad', 'scian'], required: true },
  per_ocu: { aliases: ['descripcion estrato personal ocupado', 'estrato', 'personal_ocupado'], required: false },
  tipo_vial: { aliases: ['tipo de vialidad'], required: false },
  nom_vial: { aliases: ['nombre de la vialidad'], required: false },
  numero_ext: { aliases: ['numero exterior o kilometro', 'numero_exterior'], required: false },
  letra_ext: { aliases: ['letra exterior'], required: false },
  tipo_asent: { aliases: ['tipo de asentamiento humano'], required: false },
  nomb_asent: { aliases: ['nombre de asentamiento humano', 'nom_asent'], required: false },
  tipoCenCom: { aliases: ['tipo de centro comercial', 'tipo_cencom'], required: false },
  nom_CenCom: { aliases: ['nombre del centro comercial', 'nom_cencom'], required: false },
  cod_postal: { aliases: ['codigo postal', 'codigo_postal', 'cp'], required: false },
  cve_ent: { aliases: ['clave entidad'], required: false },
  entidad: { aliases: ['entidad federativa'], required: false },
  cve_mun: { aliases: ['clave municipio'], required: false },
  municipio: { aliases: ['municipio o delegacion'], required: false },
  localidad: { aliases: [], required: false },
  telefono: { aliases: ['numero de telefono'], required: false },
  correoelec: { aliases: ['correo electronico', 'email'], required: false },
  www: { aliases: ['sitio en internet', 'sitio_web'], required: false },
  latitud: { aliases: ['lat'], required: true },
  longitud: { aliases: ['lon', 'lng'], required: true },
  fecha_alta: { aliases: ['fecha de incorporacion al denue', 'fecha_incorporacion'], required: false },
};

const months: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
  ene: 1, feb: 2, mar: 3, abr: 4, may: 5, jun: 6, jul: 7, ago: 8, sep: 9, sept: 9, oct: 10, nov: 11, dic: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, apr: 4, aug: 8, dec: 12,
};
const iso = (year: number, month: number, day = 1) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const plausibleYear = (y: number) => y >= 1900 && y <= 2100;

/**
 * `fecha_alta` as INEGI writes it — "2010-07", "JULIO 2010", "2019-11-01", "07/2010" — or as
 * Excel leaves it after opening the file (a day serial such as 40360, or "jul-10"), to the
 * first of its month (DENUE dates a record to the month). Null when empty; `problem` when
 * it cannot be read.
 */
export function parseDenueDate(value: unknown): { value: string | null } | { problem: string } {
  const given = text(value);
  if (given === null) return { value: null };
  const t = foldForSearch(given);
  let m = /^(\d{4}) (\d{1,2})(?: (\d{1,2}))?$/.exec(t);
  if (m && plausibleYear(Number(m[1])) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { value: iso(Number(m[1]), Number(m[2])) };
  m = /^(\d{1,2}) (\d{4})$/.exec(t);
  if (m && plausibleYear(Number(m[2])) && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { value: iso(Number(m[2]), Number(m[1])) };
  m = /^([a-z]+)(?: de(?:l)?)? (\d{4}|\d{2})$/.exec(t);
  if (m && months[m[1]!]) {
    const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    if (plausibleYear(year)) return { value: iso(year, months[m[1]!]!) };
  }
  if (/^\d{5}(\.\d+)?$/.test(given.trim())) {
    // An Excel day serial (1900 system): 20000 is 1954, 60000 is 2064.
    const serial = Number(given.trim());
    if (serial >= 20000 && serial <= 60000) return { value: `${excelSerialToIsoDate(serial).slice(0, 7)}-01` };
  }
  return { problem: `fecha_alta "${given}" is not a date INEGI writes (e.g. 2010-07 or JULIO 2010).` };
}

const joinParts = (...parts: Array<string | null>) => {
  const kept = parts.filter((p): p is string => p !== null && p !== '');
  return kept.length === 0 ? null : kept.join(' ');
};
/** DENUE writes "NINGUNO" for a missing street type or settlement type. */
const meaningful = (value: unknown) => {
  const t = text(value);
  return t === null || /^ninguno$/i.test(t) ? null : t;
};
const industrialCentres = /parque industrial|ciudad industrial|zona industrial|corredor industrial|complejo industrial/;

/** Validates one DENUE row: SCIAN class in scope and in the classification, the point in Mexico, a name, a readable stratum and date. */
export function validateDenueRow(record: ParsedRecord, scian: ScianLookup): RowResult<ImportedEstablishment> {
  const v = record.values;
  const id = text(v.id);
  const scianCode = text(v.codigo_act);
  const scope = scianProblem(scianCode, scian, 'codigo_act');
  if (scope) return { ok: false, ...scope };

  const problems: Array<{ code: ErrorCode; message: string }> = [];
  if (id === null) problems.push({ code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'id is empty; DENUE identifies each establishment by it.' });
  const legalName = text(v.raz_social);
  const name = text(v.nom_estab) ?? legalName;
  if (name === null) problems.push({ code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'nom_estab and raz_social are both empty; the establishment needs a name.' });

  const lat = Number(text(v.latitud) ?? Number.NaN);
  const lon = Number(text(v.longitud) ?? Number.NaN);
  const point = checkMexicanPoint(Number.isFinite(lat) ? lat : null, Number.isFinite(lon) ? lon : null);
  if (point) problems.push(point);

  const stratumText = text(v.per_ocu);
  const stratum = stratumText === null ? null : stratumOf(stratumText);
  if (stratumText !== null && stratum === null) {
    problems.push({ code: 'IMPORT.ROW_INVALID_VALUE', message: `per_ocu "${stratumText}" is not one of INEGI's strata (e.g. "11 a 30 personas").` });
  }
  const date = parseDenueDate(v.fecha_alta);
  if ('problem' in date) problems.push({ code: 'IMPORT.ROW_INVALID_VALUE', message: date.problem });
  if (problems.length > 0) return { ok: false, code: problems[0]!.code, message: problems.map((p) => p.message).join(' ') };

  const cveEnt = text(v.cve_ent);
  const cveMun = text(v.cve_mun);
  const cvegeo = cveEnt && cveMun && /^\d{1,2}$/.test(cveEnt) && /^\d{1,3}$/.test(cveMun) ? `${cveEnt.padStart(2, '0')}${cveMun.padStart(3, '0')}` : null;
  const centreType = text(v.tipoCenCom);
  const exterior = noneToNull(joinParts(text(v.numero_ext), text(v.letra_ext)));
  return {
    ok: true,
    key: `denue:${id}`,
    value: {
      sourceKey: `denue:${id}`,
      name: name!,
      company: legalName === null ? null : { legalName, rfc: null, tradeNames: [], sizeClass: null, ownershipCountry: null, website: null },
      street: joinParts(meaningful(v.tipo_vial), meaningful(v.nom_vial)),
      exteriorNumber: exterior,
      neighbourhood: joinParts(meaningful(v.tipo_asent), meaningful(v.nomb_asent)),
      postalCode: postalCodeOf(v.cod_postal),
      locality: text(v.localidad),
      industrialPark: centreType !== null && industrialCentres.test(foldForSearch(centreType)) ? text(v.nom_CenCom) : null,
      municipalityAsGiven: text(v.municipio),
      stateAsGiven: text(v.entidad),
      cvegeoAsGiven: cvegeo,
      cveEntAsGiven: null,
      lat,
      lon,
      scian: scianCode,
      employeesStratum: stratum,
      sizeClass: stratum === null ? null : sizeClassOfStratum(stratum),
      // DENUE says nothing about tiers, processes or certifications: left empty, never inferred.
      tiers: [],
      processes: [],
      components: [],
      certifications: [],
      oemCustomers: [],
      exportMarkets: [],
      evReadiness: null,
      // Published by INEGI, but shown in the directory only when the company consents.
      phone: text(v.telefono),
      email: text(v.correoelec),
      website: text(v.www),
      contactConsent: false,
      registeredOn: 'value' in date ? date.value : null,
    },
  };
}

/**
 * `suppliers.denue`: INEGI's Directorio Estadístico Nacional de Unidades Económicas, as the
 * CSV INEGI publishes (Latin-1 or UTF-8). Establishments outside the automotive SCIAN
 * classes are reported per row as out of scope.
 */
export function createDenueImporter(deps: {
  scian: ScianLookup;
  merge: (db: Db, rows: ValidRow<ImportedEstablishment>[], context: MergeContext) => Promise<MergeOutcome[]>;
}): ImportKind<ImportedEstablishment> {
  return {
    kind: 'suppliers.denue',
    module: 'suppliers',
    title: { es: 'INEGI DENUE — unidades económicas', en: 'INEGI DENUE — business establishments' },
    description: {
      es: 'Establecimientos del Directorio Estadístico Nacional de Unidades Económicas (CSV de INEGI, Latin-1 o UTF-8). Solo se importan las clases SCIAN de la cadena automotriz; las demás filas se reportan fuera de alcance.',
      en: 'Establishments of the National Statistical Directory of Economic Units (INEGI CSV, Latin-1 or UTF-8). Only SCIAN classes of the automotive supply chain are imported; other rows are reported as out of scope.',
    },
    formats: ['csv'],
    columns: denueColumns,
    requiredRole: 'admin',
    sourceId: 'inegi-denue',
    validateRow: (record) => validateDenueRow(record, deps.scian),
    pointOf: (e) => ({ lat: e.lat, lon: e.lon }),
    merge: deps.merge,
  };
}
