import type { ErrorCode } from '@electrifica/contracts';
import type { Db } from '../../../platform/db/database.js';
import type { SupplierCertification } from '../../../platform/db/schema.js';
import type { ImportKind, MergeContext, MergeOutcome, RowResult, ValidRow } from '../../../platform/imports/import-kind.js';
import type { ParsedRecord } from '../../../platform/imports/parse/index.js';
import { text } from '../../../platform/imports/values.js';
import { parseDecimal, slugOf } from '../../charging/import/template.importer.js';
import { checkMexicanPoint } from '../../geo/geo.domain.js';
import { checkRfc, sizeClassOfStratum, stratumOf } from '../suppliers.domain.js';
import type { SizeClass } from '../suppliers.taxonomy.js';
import type { ImportedEstablishment } from './establishment-merge.js';
import { noneToNull, postalCodeOf, stateCodeOf } from './places.js';
import type { ScianLookup } from './scian.js';
import {
  certificationValues, codeOf, componentValues, describeValues, evReadinessValues, headerOf, importColumns, processValues,
  sizeClassValues, templateVersion, tierValues, yesNoValues, type CodedValue,
} from './template.columns.js';

type Problem = { code: ErrorCode; message: string };

const cellText = (value: unknown) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : text(value));
const splitList = (value: string) => value.split(/[;|\n]/).map((s) => s.trim()).filter((s) => s !== '');
const unknownValue = (key: string, given: string, values: readonly CodedValue[]) =>
  `${headerOf(key)}: "${given}" is not an accepted value. Accepted (Spanish / English): ${describeValues(values)}.`;

/** ISO 3166-1 alpha-2 codes and the country names (Spanish and English) that stand for them. */
const countries = (() => {
  const byName = new Map<string, string>();
  const es = new Intl.DisplayNames(['es'], { type: 'region' });
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const nameEn = en.of(code);
      // Unassigned codes come back as themselves or as "Unknown Region".
      if (!nameEn || nameEn === code || /unknown/i.test(nameEn) || ['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ'].includes(code)) continue;
      byName.set(fold(code), code);
      byName.set(fold(nameEn), code);
      byName.set(fold(es.of(code) ?? code), code);
    }
  }
  byName.set('usa', 'US');
  byName.set('eua', 'US');
  byName.set('eeuu', 'US');
  byName.set('estados unidos de america', 'US');
  byName.set('uk', 'GB');
  return { of: (value: string) => byName.get(fold(value)) ?? null };
})();

/** "2019-03-15", "2019-03" (first of the month) or what the parser made of an Excel date. */
function parseStartDate(value: unknown): { value: string | null } | { problem: string } {
  const t = text(value);
  if (t === null) return { value: null };
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[\d:.]+)?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '1')];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1850 && y <= 2100) {
      return { value: `${m[1]}-${m[2]}-${String(d).padStart(2, '0')}` };
    }
  }
  return { problem: `"${t}" is not a date in the form YYYY-MM-DD or YYYY-MM (dates like 15/03/2019 are ambiguous between day-first and month-first).` };
}

/** "IATF 16949 (2026-05-31)" → the certification and its expiry; the name alone when no date is given. */
function parseCertification(item: string): { certification: SupplierCertification } | { problem: string } {
  const dated = /^(.*?)\s*[([]\s*(?:vence|vigencia|expires?|valid until|hasta)?:?\s*(\d{4}-\d{2}-\d{2})\s*[)\]]$/i.exec(item);
  const name = dated ? dated[1]! : item;
  const code = codeOf(certificationValues, name);
  if (code === null) return { problem: unknownValue('certifications', name, certificationValues) };
  if (!dated) return { certification: { code } };
  const date = parseStartDate(dated[2]);
  if ('problem' in date || date.value === null) return { problem: `${headerOf('certifications')}: the expiry of "${name}" ${'problem' in date ? date.problem : 'is empty'}` };
  return { certification: { code, expiresOn: date.value } };
}

/**
 * Validates one row of the supplier template and builds the plant (and company) it declares.
 * Every problem of the row is reported together (the first one's code), so a row is fixed in
 * one pass.
 */
export function validateTemplateRow(record: ParsedRecord, scian: ScianLookup): RowResult<ImportedEstablishment> {
  const v = record.values;
  const problems: Problem[] = [];
  const problem = (code: ErrorCode, message: string): null => {
    problems.push({ code, message });
    return null;
  };

  const id = cellText(v.establishment_id);
  if (id === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('establishment_id')} is empty; every plant needs the identifier it has in your records.`);
  const reportedBy = text(v.reported_by);
  if (reportedBy === null || slugOf(reportedBy) === '') problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('reported_by')} is empty; it is part of the plant's key.`);

  const legalName = text(v.legal_name);
  const tradeNames = cellText(v.trade_name) === null ? [] : splitList(cellText(v.trade_name)!);
  const name = text(v.name) ?? tradeNames[0] ?? legalName;
  if (name === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('name')}, ${headerOf('trade_name')} and ${headerOf('legal_name')} are all empty; the plant needs a name.`);

  const rfcText = cellText(v.rfc);
  let rfc: string | null = null;
  if (rfcText !== null) {
    const checked = checkRfc(rfcText);
    if (checked.ok) rfc = checked.rfc;
    else problem('IMPORT.ROW_INVALID_CODE', `${headerOf('rfc')}: ${checked.message}`);
  }
  if (rfc !== null && legalName === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('rfc')} is given but ${headerOf('legal_name')} is empty; give the company's legal name too.`);

  const coordinate = (key: 'latitude' | 'longitude'): number | null => {
    const parsed = parseDecimal(v[key]);
    if ('problem' in parsed) return problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(key)}: ${parsed.problem}`);
    if (parsed.value === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf(key)} is empty; the point decides the plant's state and municipality.`);
    return parsed.value;
  };
  const lat = coordinate('latitude');
  const lon = coordinate('longitude');
  if (lat !== null && lon !== null) {
    const point = checkMexicanPoint(lat, lon);
    if (point) problem(point.code, point.message);
  }

  const codedValue = <T extends string>(key: string, values: readonly CodedValue<T>[]): T | null => {
    const given = cellText(v[key]);
    if (given === null) return null;
    const code = codeOf(values, given);
    if (code === null) problem('IMPORT.ROW_INVALID_VALUE', unknownValue(key, given, values));
    return code;
  };
  const codedList = <T extends string>(key: string, values: readonly CodedValue<T>[]): T[] => {
    const given = cellText(v[key]);
    if (given === null) return [];
    const codes = new Set<T>();
    for (const item of splitList(given)) {
      const code = codeOf(values, item);
      if (code === null) problem('IMPORT.ROW_INVALID_VALUE', unknownValue(key, item, values));
      else codes.add(code);
    }
    return [...codes];
  };
  const country = (key: string, item: string): string | null => {
    const code = countries.of(item);
    if (code === null) problem('IMPORT.ROW_INVALID_CODE', `${headerOf(key)}: "${item}" is not a country; write its ISO two-letter code (MX, US, DE, JP…) or its name.`);
    return code;
  };

  const companySize = codedValue('company_size', sizeClassValues) as SizeClass | null;
  const ownershipText = cellText(v.ownership_country);
  const ownershipCountry = ownershipText === null ? null : country('ownership_country', ownershipText);
  const tiers = codedList('tiers', tierValues);
  const processes = codedList('processes', processValues);
  const components = codedList('components', componentValues);
  const evReadiness = codedValue('ev_readiness', evReadinessValues) as ImportedEstablishment['evReadiness'];
  const consent = codedValue('contact_consent', yesNoValues);
  const exportText = cellText(v.export_markets);
  const exportMarkets = exportText === null ? [] : [...new Set(splitList(exportText).map((item) => country('export_markets', item)).filter((c): c is string => c !== null))];
  const certificationText = cellText(v.certifications);
  const certifications: SupplierCertification[] = [];
  for (const item of certificationText === null ? [] : splitList(certificationText)) {
    const parsed = parseCertification(item);
    if ('problem' in parsed) problem('IMPORT.ROW_INVALID_VALUE', parsed.problem);
    else if (!certifications.some((c) => c.code === parsed.certification.code)) certifications.push(parsed.certification);
  }
  const oemText = cellText(v.oem_customers);
  const oemCustomers = oemText === null ? [] : [...new Set(splitList(oemText))];

  const scianCode = cellText(v.scian);
  if (scianCode !== null) {
    if (!/^\d{6}$/.test(scianCode)) problem('IMPORT.ROW_INVALID_CODE', `${headerOf('scian')}: "${scianCode}" is not a SCIAN class (six digits, e.g. 336390).`);
    else if (!scian.isClass(scianCode)) problem('IMPORT.ROW_UNKNOWN_CODE', `${headerOf('scian')}: ${scianCode} is not a class of SCIAN México 2018.`);
  }

  const employeesText = cellText(v.employees);
  const stratum = employeesText === null ? null : stratumOf(typeof v.employees === 'number' ? v.employees : employeesText);
  if (employeesText !== null && stratum === null) {
    problem('IMPORT.ROW_INVALID_VALUE', `${headerOf('employees')}: "${employeesText}" is neither a whole number of people nor one of INEGI's strata (${employeeStrataText}).`);
  }
  const start = parseStartDate(v.operations_start_date);
  if ('problem' in start) problem('IMPORT.ROW_INVALID_VALUE', `${headerOf('operations_start_date')}: ${start.problem}`);

  if (problems.length > 0) return { ok: false, code: problems[0]!.code, message: problems.map((p) => p.message).join(' ') };

  const key = `template:${slugOf(reportedBy!)}:${id}`;
  const stateAsGiven = text(v.state);
  const website = text(v.website);
  return {
    ok: true,
    key,
    value: {
      sourceKey: key,
      name: name!,
      company: legalName === null ? null : { legalName, rfc, tradeNames, sizeClass: companySize, ownershipCountry, website },
      street: text(v.street),
      exteriorNumber: noneToNull(cellText(v.exterior_number)),
      neighbourhood: text(v.neighbourhood),
      postalCode: postalCodeOf(v.postal_code),
      locality: text(v.locality),
      industrialPark: text(v.industrial_park),
      municipalityAsGiven: text(v.municipality),
      stateAsGiven,
      cvegeoAsGiven: null,
      cveEntAsGiven: stateCodeOf(stateAsGiven),
      lat: lat!,
      lon: lon!,
      scian: scianCode,
      employeesStratum: stratum,
      sizeClass: stratum === null ? null : sizeClassOfStratum(stratum),
      tiers,
      processes,
      components,
      certifications,
      oemCustomers,
      exportMarkets,
      evReadiness,
      phone: cellText(v.phone),
      email: text(v.email),
      website,
      contactConsent: consent === 'yes',
      registeredOn: 'value' in start ? start.value : null,
    },
  };
}

const employeeStrataText = '0-5, 6-10, 11-30, 31-50, 51-100, 101-250, 251+';

/**
 * `suppliers.template`: the Electrifica supplier template (CSV or XLSX, Spanish or English
 * headers) that chambers and states fill in. Admins import it; companies register their own
 * plants through the registration path instead.
 */
export function createTemplateImporter(deps: {
  scian: ScianLookup;
  merge: (db: Db, rows: ValidRow<ImportedEstablishment>[], context: MergeContext) => Promise<MergeOutcome[]>;
}): ImportKind<ImportedEstablishment> {
  return {
    kind: 'suppliers.template',
    module: 'suppliers',
    title: { es: 'Plantilla Electrifica de proveedores', en: 'Electrifica supplier template' },
    description: {
      es: 'Plantas declaradas por cámaras (INA, AMIA, ANPACT) o gobiernos estatales en la plantilla de Electrifica (CSV o XLSX, encabezados en español o inglés). Una fila por planta; el punto decide estado y municipio.',
      en: 'Plants declared by chambers (INA, AMIA, ANPACT) or state governments in the Electrifica template (CSV or XLSX, Spanish or English headers). One row per plant; the point decides state and municipality.',
    },
    formats: ['csv', 'xlsx'],
    columns: importColumns,
    requiredRole: 'admin',
    sourceId: 'suppliers-template',
    sourceVintage: `declared by the submitter (Electrifica supplier template v${templateVersion})`,
    validateRow: (record) => validateTemplateRow(record, deps.scian),
    pointOf: (e) => ({ lat: e.lat, lon: e.lon }),
    merge: deps.merge,
  };
}
