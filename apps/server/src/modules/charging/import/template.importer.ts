import type { ErrorCode } from '@electrifica/contracts';
import type { ImportKind, RowResult } from '../../../platform/imports/import-kind.js';
import type { ParsedRecord } from '../../../platform/imports/parse/index.js';
import { text } from '../../../platform/imports/values.js';
import { checkMexicanPoint } from '../../geo/geo.domain.js';
import { powerProblem } from '../charging.domain.js';
import { mergeLocations, type ImportedEvse, type ImportedLocation } from './location-merge.js';
import {
  accessValues, alwaysOpenValues, codeOf, connectorGroups, describeValues, headerOf, importColumns, maxChargePointsPerStandard,
  normaliseValue, paymentValues, statusValues, templateVersion, useValues, yesNoValues, type CodedValue,
} from './template.columns.js';

type Problem = { code: ErrorCode; message: string };

/** "Gobierno del Estado de Nuevo León" → "gobierno-del-estado-de-nuevo-leon": the submitter's part of the key. */
export function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * A number as people type it in Mexico and the US: "7.2", "1,250.5", " 42 "; typed numbers
 * from a workbook as they are. "7,2" is refused rather than read as 72: a decimal comma
 * (Excel in a European locale) would otherwise silently multiply a power or a coordinate.
 */
export function parseDecimal(value: unknown): { value: number | null } | { problem: string } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { value } : { problem: `${value} is not a number.` };
  const t = String(value).trim();
  if (t === '') return { value: null };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { value: Number(t) };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, '')) };
  if (/^[+-]?\d+,\d+$/.test(t)) return { problem: `"${t}" has a decimal comma; write it with a decimal point (${t.replace(',', '.')}).` };
  return { problem: `"${t}" is not a number.` };
}

/** YYYY-MM-DD (what the parser makes of Excel dates too), checked to be a real calendar day. */
export function parseIsoDate(value: unknown): { value: string | null } | { problem: string } {
  const t = text(value);
  if (t === null) return { value: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+)?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return { value: `${m[1]}-${m[2]}-${m[3]}` };
    return { problem: `"${t}" is not a calendar date.` };
  }
  // 05/03/2024 is 5 March in Mexico and 3 May in the US: asked for, never guessed.
  return { problem: `"${t}" is not a date in the form YYYY-MM-DD (e.g. 2024-03-15); dates like 15/03/2024 are ambiguous between day-first and month-first.` };
}

/** "MX*ABC", "MX-ABC", "mx abc" → OCPI 2.2.1 country code and party id (CiString(3)). */
export function parseParty(value: string): { countryCode: string; partyId: string } | null {
  const m = /^([A-Za-z]{2})\s*[*\- ]?\s*([A-Za-z0-9]{3})$/.exec(value.trim());
  return m ? { countryCode: m[1]!.toUpperCase(), partyId: m[2]!.toUpperCase() } : null;
}

/** Text of a cell whatever its type: workbooks give numbers and booleans. */
const cellText = (value: unknown) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : text(value));

const splitList = (value: string) => value.split(/[;,|]/).map((s) => s.trim()).filter((s) => s !== '');

const unknownValue = (key: string, given: string, values: readonly CodedValue[]) =>
  `${headerOf(key)}: "${given}" is not an accepted value. Accepted (Spanish / English): ${describeValues(values)}.`;

/**
 * Validates one row of the template and builds the location it declares. Every problem of
 * the row is reported together (the first one's code), so a row is fixed in one pass.
 */
export function validateTemplateRow(record: ParsedRecord): RowResult<ImportedLocation> {
  const v = record.values;
  const problems: Problem[] = [];
  const problem = (code: ErrorCode, message: string): null => {
    problems.push({ code, message });
    return null;
  };

  const siteId = cellText(v.site_id);
  if (siteId === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('site_id')} is empty; every site needs the identifier it has in your system.`);
  const reportedBy = text(v.reported_by);
  const operatorName = text(v.operator);
  const keyOwner = reportedBy ?? operatorName;
  if (keyOwner === null || slugOf(keyOwner) === '') {
    problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('reported_by')} and ${headerOf('operator')} are both empty; at least one is needed to form the site's key.`);
  }

  const coordinate = (key: 'latitude' | 'longitude'): number | null => {
    const parsed = parseDecimal(v[key]);
    if ('problem' in parsed) {
      problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(key)}: ${parsed.problem}`);
      return null;
    }
    if (parsed.value === null) problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf(key)} is empty; the point decides the site's state and municipality.`);
    return parsed.value;
  };
  const lat = coordinate('latitude');
  const lon = coordinate('longitude');
  if (lat !== null && lon !== null) {
    const pointProblem = checkMexicanPoint(lat, lon);
    if (pointProblem) problem(pointProblem.code, pointProblem.message);
  }

  const coded = <T extends string>(key: string, values: readonly CodedValue<T>[]): T | null => {
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
  const access = coded('access', accessValues);
  const uses = codedList('uses', useValues);
  const lifecycleStatus = coded('status', statusValues);
  const paymentMethods = codedList('payment_methods', paymentValues);
  const ocpp = coded('ocpp', yesNoValues);
  const hoursText = cellText(v.opening_hours);
  // Only "24/7" has a structured form today; other hours are accepted and not stored (see the guide).
  const openingHours = hoursText !== null && codeOf(alwaysOpenValues, hoursText) !== null ? { twentyfourseven: true } : null;

  const date = parseIsoDate(v.commissioned_on);
  if ('problem' in date) problem('IMPORT.ROW_INVALID_VALUE', `${headerOf('commissioned_on')}: ${date.problem}`);

  const partyText = cellText(v.operator_ocpi_party);
  const operatorParty = partyText === null ? null : parseParty(partyText);
  if (partyText !== null && operatorParty === null) {
    problem('IMPORT.ROW_INVALID_CODE', `${headerOf('operator_ocpi_party')}: "${partyText}" is not an OCPI party; write the country code and the 3-character party id, e.g. MX*ABC.`);
  }

  /** A count and a power, both or neither; a count is a whole number of charge points. */
  const pair = (countKey: string, kwKey: string): { count: number; kw: number } | null => {
    const count = parseDecimal(v[countKey]);
    const kw = parseDecimal(v[kwKey]);
    if ('problem' in count) return problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(countKey)}: ${count.problem}`);
    if ('problem' in kw) return problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(kwKey)}: ${kw.problem}`);
    const n = count.value ?? 0;
    if (!Number.isInteger(n) || n < 0 || n > maxChargePointsPerStandard) {
      return problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(countKey)}: ${n} must be a whole number of charge points from 0 to ${maxChargePointsPerStandard}.`);
    }
    if (n === 0 && kw.value === null) return null;
    if (n === 0) return problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf(kwKey)} is ${kw.value} but ${headerOf(countKey)} is empty or 0; give the number of charge points too.`);
    if (kw.value === null) return problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf(countKey)} is ${n} but ${headerOf(kwKey)} is empty; give their maximum power in kW.`);
    const power = powerProblem(kw.value);
    if (power) return problem('IMPORT.ROW_INVALID_VALUE', `${headerOf(kwKey)}: ${power}`);
    return { count: n, kw: kw.value };
  };

  const evses: ImportedEvse[] = [];
  for (const group of connectorGroups) {
    const found = pair(`${group.id}_count`, `${group.id}_kw`);
    for (let n = 1; found && n <= found.count; n++) {
      evses.push({
        evseUid: `${group.id}-${n}`,
        connectors: [{
          connectorId: '1', standard: group.standard, sourceCode: `template:${group.id}`, sourceLabel: group.label,
          format: group.format, powerType: group.powerType, maxVoltageV: null, maxAmperageA: null, maxPowerKw: found.kw,
        }],
      });
    }
  }
  const otherName = cellText(v.other_connector);
  const other = pair('other_count', 'other_kw');
  if (other && otherName === null) {
    problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('other_count')} is ${other.count} but ${headerOf('other_connector')} is empty; name the connector.`);
  } else if (otherName !== null && !other && v.other_count == null && v.other_kw == null) {
    problem('IMPORT.ROW_REQUIRED_FIELD', `${headerOf('other_connector')} is "${otherName}" but ${headerOf('other_count')} and ${headerOf('other_kw')} are empty.`);
  } else if (otherName !== null && other) {
    const ownColumns = connectorGroups.find((g) => [g.id, g.prefix.es, g.prefix.en, g.standard, ...g.prefixAliases].some((s) => normaliseValue(s).replace(/ /g, '') === normaliseValue(otherName).replace(/ /g, '')));
    if (ownColumns) {
      problem('IMPORT.ROW_INVALID_VALUE', `${headerOf('other_connector')}: "${otherName}" has its own columns (${headerOf(`${ownColumns.id}_count`)}, ${headerOf(`${ownColumns.id}_kw`)}); use them instead.`);
    } else {
      // Kept as the submitter wrote it, with no standard: flagged for review, never guessed.
      for (let n = 1; n <= other.count; n++) {
        evses.push({
          evseUid: `other-${n}`,
          connectors: [{
            connectorId: '1', standard: null, sourceCode: `template:other:${normaliseValue(otherName)}`, sourceLabel: otherName,
            format: null, powerType: null, maxVoltageV: null, maxAmperageA: null, maxPowerKw: other.kw,
          }],
        });
      }
    }
  }

  if (problems.length > 0) {
    return { ok: false, code: problems[0]!.code, message: problems.map((p) => p.message).join(' ') };
  }

  const key = `template:${slugOf(keyOwner!)}:${siteId}`;
  const postal = v.postal_code;
  return {
    ok: true,
    key,
    value: {
      sourceKey: key,
      name: text(v.name) ?? `${operatorName ?? reportedBy} ${siteId}`,
      address: text(v.address),
      city: text(v.municipality),
      // A workbook cell that lost its text format turns "06000" into 6000; Mexican postal codes have five digits.
      postalCode: typeof postal === 'number' && Number.isInteger(postal) && postal > 0 && postal < 100000 ? String(postal).padStart(5, '0') : cellText(postal),
      countryCode: 'MX',
      stateAsGiven: text(v.state),
      lat: lat!,
      lon: lon!,
      access,
      uses,
      operatorName,
      operatorParty,
      ownerName: text(v.owner),
      paymentMethods,
      ocppSupport: ocpp === null ? null : ocpp === 'yes',
      openingHours,
      commissionedOn: 'value' in date ? date.value : null,
      lifecycleStatus,
      lastVerifiedAt: null,
      evses,
    },
  };
}

/**
 * `charging.template`: the Electrifica template (CSV or XLSX, Spanish or English headers)
 * that CFE, state governments and operators fill in. Admins import it; operators register
 * their own sites through the registration path instead.
 */
export const templateImporter: ImportKind<ImportedLocation> = {
  kind: 'charging.template',
  module: 'charging',
  title: { es: 'Plantilla Electrifica de sitios de carga', en: 'Electrifica charging-site template' },
  description: {
    es: 'Sitios de carga declarados por CFE, gobiernos estatales u operadores en la plantilla de Electrifica (CSV o XLSX, encabezados en español o inglés). Una fila por sitio; el punto decide estado y municipio.',
    en: 'Charging sites declared by CFE, state governments or operators in the Electrifica template (CSV or XLSX, Spanish or English headers). One row per site; the point decides state and municipality.',
  },
  formats: ['csv', 'xlsx'],
  columns: importColumns,
  requiredRole: 'admin',
  sourceId: 'template',
  sourceVintage: `declared by the submitter (Electrifica template v${templateVersion})`,
  validateRow: validateTemplateRow,
  pointOf: (l) => ({ lat: l.lat, lon: l.lon }),
  merge: mergeLocations,
};
