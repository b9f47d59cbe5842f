import type { ErrorCode } from '@electrifica/contracts';
import type { ImportKind, MergeContext, MergeOutcome, RowResult, ValidRow } from '../../../platform/imports/import-kind.js';
import type { ParsedRecord } from '../../../platform/imports/parse/index.js';
import { text } from '../../../platform/imports/values.js';
import { foldForSearch } from '../../../platform/text.js';
import { checkMexicanPoint } from '../../geo/geo.domain.js';
import type { Db } from '../../../platform/db/database.js';
import { parseCoordinate } from '../suppliers.domain.js';
import type { ImportedEstablishment } from './establishment-merge.js';
import { noneToNull, postalCodeOf, stateCodeOf } from './places.js';
import { scianProblem } from './scope.js';
import type { ScianLookup } from './scian.js';

/**
 * Only the RETC columns the census uses are declared; the others (actprincipal, descscian,
 * sector, utmx…) stay in the parser's `extra` and are ignored.
 */
export const retcColumns = {
  nra: { aliases: ['numero_registro_ambiental', 'nra_establecimiento'], required: true },
  establecimiento: { aliases: ['razon_social_establecimiento', 'nombre_establecimiento'], required: true },
  scian: { aliases: ['clave_scian', 'codigo_scian'], required: true },
  latitudnorte: { aliases: ['latitud', 'latitud_norte'], required: true },
  longitudoeste: { aliases: ['longitud', 'longitud_oeste'], required: true },
  estado: { aliases: ['entidad', 'entidad_federativa'], required: false },
  municipio: { aliases: ['alcaldia'], required: false },
  localidad: { aliases: [], required: false },
  calle: { aliases: ['domicilio'], required: false },
  numexterior: { aliases: ['numero_exterior', 'num_exterior'], required: false },
  colonia: { aliases: ['asentamiento'], required: false },
  codigopostal: { aliases: ['codigo_postal', 'cp'], required: false },
  parqueindustrial: { aliases: ['parque_industrial'], required: false },
};

/** Words of Mexican legal forms ("S. DE R.L. DE C.V.", "S. EN C. POR A.") as they appear once folded. */
const legalFormWords = new Set(['s', 'a', 'de', 'c', 'v', 'r', 'l', 'p', 'i', 'b', 'en', 'por', 'sa', 'cv', 'rl', 'sapi', 'sab', 'spr', 'sc', 'scl', 'srl', 'ac']);
const isLegalFormFragment = (part: string) => {
  const words = foldForSearch(part).split(' ').filter((w) => w !== '');
  return words.length > 0 && words.every((w) => legalFormWords.has(w));
};
/** Quotes, brackets, dashes and commas that wrap RETC's plant names (", \"PLANTA TLAXCALA\"", " (PLANTA 2)", " - PLANTA RCC"). */
const unwrap = (value: string) => {
  let v = value.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== v;) {
    previous = v;
    v = v.replace(/^[,\-–\s]+|[,\s]+$/g, '');
    const wrapped = /^"(.*)"$|^\((.*)\)$/.exec(v);
    if (wrapped) v = (wrapped[1] ?? wrapped[2] ?? '').trim();
  }
  return v;
};
const placeholders = new Set(['no aplica', 'n a', 'na', 'ninguno', 'sin nombre']);

/**
 * RETC's `establecimiento` is "LEGAL NAME,PLANT NAME", often with a trailing comma. The legal
 * name is what comes before the first comma, together with a legal form written after a
 * comma ("GENERAL MOTORS DE MÉXICO, S. DE R.L. DE C.V.,COMPLEJO SILAO"); the plant name is
 * the rest, or the legal name when there is none ("NO APLICA" is none).
 */
export function splitRetcName(value: string): { legalName: string; plantName: string } {
  const parts = value.split(',');
  let end = 1;
  while (end < parts.length && isLegalFormFragment(parts[end]!)) end++;
  const legalName = parts.slice(0, end).join(',').replace(/\s+/g, ' ').replace(/[\s,]+$/, '').trim();
  const rest = unwrap(parts.slice(end).join(','));
  const plantName = rest === '' || placeholders.has(foldForSearch(rest)) ? legalName : rest;
  return { legalName, plantName };
}

/** Validates one RETC row: SCIAN in scope and in the classification, DMS coordinates readable and in Mexico. */
export function validateRetcRow(record: ParsedRecord, scian: ScianLookup): RowResult<ImportedEstablishment> {
  const v = record.values;
  const problems: Array<{ code: ErrorCode; message: string }> = [];
  const nra = text(v.nra);
  if (nra === null) problems.push({ code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'nra (Número de Registro Ambiental) is empty; it identifies the establishment.' });
  const scianCode = text(v.scian);
  const scope = scianProblem(scianCode, scian, 'scian');
  if (scope) return { ok: false, ...scope };
  const given = text(v.establecimiento);
  const names = given === null ? null : splitRetcName(given);
  if (names === null || names.legalName === '') problems.push({ code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'establecimiento is empty; the establishment needs a name.' });

  const latText = text(v.latitudnorte);
  const lonText = text(v.longitudoeste);
  const lat = latText === null ? null : parseCoordinate(latText);
  const lon = lonText === null ? null : parseCoordinate(lonText, { westPositive: true });
  if (lat === null || lon === null) {
    problems.push({
      code: latText === null || lonText === null ? 'IMPORT.ROW_REQUIRED_FIELD' : 'IMPORT.ROW_INVALID_VALUE',
      message: `latitudnorte "${latText ?? ''}" / longitudoeste "${lonText ?? ''}" could not be read as degrees, minutes and seconds (e.g. 20°43'58").`,
    });
  } else {
    const point = checkMexicanPoint(lat, lon);
    if (point) problems.push(point);
  }
  if (problems.length > 0) return { ok: false, code: problems[0]!.code, message: problems.map((p) => p.message).join(' ') };

  const stateAsGiven = text(v.estado);
  const street = noneToNull(text(v.calle));
  return {
    ok: true,
    key: `retc:${nra}`,
    value: {
      sourceKey: `retc:${nra}`,
      name: names!.plantName,
      company: { legalName: names!.legalName, rfc: null, tradeNames: [], sizeClass: null, ownershipCountry: null, website: null },
      street,
      exteriorNumber: noneToNull(text(v.numexterior)),
      neighbourhood: noneToNull(text(v.colonia)),
      postalCode: postalCodeOf(v.codigopostal),
      locality: text(v.localidad),
      industrialPark: noneToNull(text(v.parqueindustrial)),
      municipalityAsGiven: text(v.municipio),
      stateAsGiven,
      cvegeoAsGiven: null,
      cveEntAsGiven: stateCodeOf(stateAsGiven),
      lat: lat!,
      lon: lon!,
      scian: scianCode,
      // RETC says nothing about size, tiers, processes or contacts: left unknown, never inferred.
      employeesStratum: null,
      sizeClass: null,
      tiers: [],
      processes: [],
      components: [],
      certifications: [],
      oemCustomers: [],
      exportMarkets: [],
      evReadiness: null,
      phone: null,
      email: null,
      website: null,
      contactConsent: false,
      registeredOn: null,
    },
  };
}

/**
 * `suppliers.retc`: SEMARNAT's RETC establishment registry (the yearly file of facilities
 * that file the Cédula de Operación Anual), tab-separated. Rows outside the automotive
 * supply chain are reported as out of scope.
 */
export function createRetcImporter(deps: {
  scian: ScianLookup;
  merge: (db: Db, rows: ValidRow<ImportedEstablishment>[], context: MergeContext) => Promise<MergeOutcome[]>;
}): ImportKind<ImportedEstablishment> {
  return {
    kind: 'suppliers.retc',
    module: 'suppliers',
    title: { es: 'SEMARNAT RETC — establecimientos', en: 'SEMARNAT RETC — establishments' },
    description: {
      es: 'Establecimientos del Registro de Emisiones y Transferencia de Contaminantes (archivo anual, separado por tabuladores). Solo se importan las clases SCIAN de la cadena automotriz; las demás filas se reportan fuera de alcance.',
      en: 'Establishments of the Pollutant Release and Transfer Register (yearly file, tab-separated). Only SCIAN classes of the automotive supply chain are imported; other rows are reported as out of scope.',
    },
    formats: ['csv'],
    columns: retcColumns,
    requiredRole: 'admin',
    sourceId: 'semarnat-retc',
    validateRow: (record) => validateRetcRow(record, deps.scian),
    pointOf: (e) => ({ lat: e.lat, lon: e.lon }),
    merge: deps.merge,
  };
}
