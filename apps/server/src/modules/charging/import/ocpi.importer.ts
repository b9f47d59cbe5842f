import type { ErrorCode } from '@electrifica/contracts';
import type { ImportKind, RowResult } from '../../../platform/imports/import-kind.js';
import type { ParsedRecord } from '../../../platform/imports/parse/index.js';
import { text } from '../../../platform/imports/values.js';
import { checkMexicanOrUsPoint, parseNumber } from '../../geo/geo.domain.js';
import {
  maxPlausiblePowerKw, ocpiConnectorTypes, powerProblem,
  type Access, type LifecycleStatus, type OpeningHours, type PaymentMethod, type PowerType,
} from '../charging.domain.js';
import { mergeLocations, type ImportedConnector, type ImportedEvse, type ImportedLocation } from './location-merge.js';

/*
 * OCPI 2.2.1 Location objects → the census model. The rules below are the ones the
 * charging README documents for `charging.ocpi`; each says why it is what it is.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
type Problem = { ok: false; code: ErrorCode; message: string };
const fail = (code: Problem['code'], message: string): Problem => ({ ok: false, code, message });

/** ISO 3166-1 alpha-3 (what OCPI's `country` holds) → alpha-2, for the two countries the census covers. */
const countryAlpha2: Readonly<Record<string, string>> = { MEX: 'MX', USA: 'US' };

/**
 * OCPI 2.2.1 PowerType → the census' power type. AC_2_PHASE and AC_2_PHASE_SPLIT become
 * AC_1_PHASE: North American split-phase (120/240 V) is single-phase supply, and a vehicle on
 * two of three phases charges as a single-phase load between them.
 */
const ocpiPowerTypes: Readonly<Record<string, { powerType: PowerType; phases: number }>> = {
  AC_1_PHASE: { powerType: 'AC_1_PHASE', phases: 1 },
  AC_2_PHASE: { powerType: 'AC_1_PHASE', phases: 2 },
  AC_2_PHASE_SPLIT: { powerType: 'AC_1_PHASE', phases: 2 },
  AC_3_PHASE: { powerType: 'AC_3_PHASE', phases: 3 },
  DC: { powerType: 'DC', phases: 1 },
};

/**
 * EVSE status → lifecycle. Live availability (AVAILABLE, CHARGING, BLOCKED, RESERVED, UNKNOWN)
 * says the EVSE exists and is in service; the raw status itself is live data, kept out of the census.
 */
export function ocpiEvseLifecycle(status: string | null): LifecycleStatus | null {
  switch (status) {
    case null: return null;
    case 'PLANNED': return 'planned';
    case 'REMOVED': return 'decommissioned';
    case 'INOPERATIVE': case 'OUTOFORDER': return 'out_of_service';
    case 'AVAILABLE': case 'BLOCKED': case 'CHARGING': case 'RESERVED': case 'UNKNOWN': return 'operational';
    default: return null; // not an OCPI 2.2.1 status: unknown, not guessed
  }
}

/** A location is planned (or removed) only when all its EVSEs are; operational when any EVSE is. */
export function ocpiLocationLifecycle(evseStatuses: Array<LifecycleStatus | null>): LifecycleStatus | null {
  const known = evseStatuses.filter((s): s is LifecycleStatus => s !== null);
  if (known.length === 0) return null;
  if (known.every((s) => s === 'planned')) return 'planned';
  if (known.every((s) => s === 'decommissioned')) return 'decommissioned';
  if (known.includes('operational')) return 'operational';
  return 'out_of_service';
}

/**
 * Who may charge: `publish: false` means the operator does not publish the location (home,
 * fleet and depot chargers, or ones shown only to named drivers): private. Otherwise the only
 * OCPI field that limits *who* may charge is the EVSE parking restriction CUSTOMERS ("for
 * customers/guests only"); when every EVSE carries it the location is restricted. EV_ONLY,
 * PLUGGED, DISABLED and MOTORCYCLES limit how one parks, not who charges, and facilities
 * describe surroundings: neither makes a location restricted. A published location without
 * that restriction is public; with `publish` absent (it is required by OCPI) and no
 * restriction, access is left unknown.
 */
export function ocpiAccess(publish: boolean | null, evseParkingRestrictions: string[][]): Access | null {
  if (publish === false) return 'private';
  if (evseParkingRestrictions.length > 0 && evseParkingRestrictions.every((r) => r.includes('CUSTOMERS'))) return 'restricted';
  return publish === true ? 'public' : null;
}

/** EVSE capabilities that say how a driver can pay. */
const capabilityPayments: Readonly<Record<string, PaymentMethod>> = {
  CREDIT_CARD_PAYABLE: 'bank_card',
  DEBIT_CARD_PAYABLE: 'bank_card',
  CHIP_CARD_SUPPORT: 'bank_card',
  CONTACTLESS_CARD_SUPPORT: 'contactless',
  RFID_READER: 'rfid',
  PLUG_AND_CHARGE_CAPABLE: 'plug_and_charge',
};

/**
 * Sanity bounds for connector ratings: beyond any charger built (MCS is specified to 1,250 V
 * and 3,000 A). Larger figures are unit mistakes (mV, mA) and are rejected, not coerced.
 */
const maxPlausibleVoltageV = 2000;
const maxPlausibleAmperageA = 4000;
/**
 * `max_electric_power` is in W. Below this no charger delivers (Level 1 starts near 1.4 kW), so a
 * smaller figure is a value written in kW, rejected rather than read as a few watts.
 */
const minPlausiblePowerW = 500;

/** OCPI DateTime: RFC 3339 in UTC; a missing zone designator means UTC (OCPI 2.2.1 Types, DateTime). */
function ocpiDateTime(value: unknown): string | null | undefined {
  const t = text(value);
  if (t === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(t)) return undefined;
  const date = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function ocpiBoolean(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** OCPI Hours: 24/7, or regular hours per ISO weekday (1 = Monday). Exceptional openings/closings are dated events, not kept. */
function ocpiOpeningHours(value: unknown): OpeningHours | null | string {
  if (value === undefined || value === null) return null;
  if (!isObj(value)) return 'opening_times must be an object (OCPI Hours).';
  const always = ocpiBoolean(value.twentyfourseven);
  if (always === undefined || always === null) return 'opening_times.twentyfourseven must be true or false.';
  if (always) return { twentyfourseven: true };
  const regular = value.regular_hours ?? [];
  if (!Array.isArray(regular)) return 'opening_times.regular_hours must be a list.';
  const hours: NonNullable<OpeningHours['regular_hours']> = [];
  for (const [i, h] of regular.entries()) {
    const time = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (!isObj(h) || !Number.isInteger(h.weekday) || (h.weekday as number) < 1 || (h.weekday as number) > 7
      || typeof h.period_begin !== 'string' || typeof h.period_end !== 'string' || !time.test(h.period_begin) || !time.test(h.period_end)) {
      return `opening_times.regular_hours[${i}] needs weekday 1–7 and period_begin/period_end as HH:MM.`;
    }
    hours.push({ weekday: h.weekday as number, period_begin: h.period_begin, period_end: h.period_end });
  }
  return inJsonbKeyOrder({ twentyfourseven: false, regular_hours: hours });
}

/**
 * The same object with its keys in the order PostgreSQL's jsonb stores them (shorter keys
 * first, then bytewise). The merge compares stored JSON with the imported one as text, so
 * without this an unchanged location with regular hours would count as updated on every import.
 */
function inJsonbKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(inJsonbKeyOrder) as T;
  if (!isObj(value)) return value;
  const keys = Object.keys(value).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(keys.map((k) => [k, inJsonbKeyOrder(value[k])])) as T;
}

/** Records of other sources that reach this importer by mistake, told apart by their own keys. */
function otherSource(raw: Obj): string | null {
  if ('AddressInfo' in raw || ('Connections' in raw && 'UsageTypeID' in raw) || 'DataProviderID' in raw) {
    return 'This looks like an Open Charge Map record (it has AddressInfo/Connections, not OCPI coordinates and evses); use the charging.ocm import.';
  }
  if ('fuel_type_code' in raw || 'ev_connector_types' in raw || 'station_name' in raw) {
    return 'This looks like a US DOE AFDC station (it has fuel_type_code/ev_connector_types); use the charging.afdc import.';
  }
  return null;
}

const positiveInteger = (value: unknown, what: string, max: number, unitHint: string): { value: number | null } | string => {
  const n = parseNumber(value);
  if (n === null) return { value: null };
  if (Number.isNaN(n)) return `${what} "${String(value)}" is not a number.`;
  if (!Number.isInteger(n) || n <= 0) return `${what} ${n} must be a positive whole number.`;
  if (n > max) return `${what} ${n} is beyond any charger built (max ${max}); ${unitHint}`;
  return { value: n };
};

function connectorOf(raw: unknown, where: string): ImportedConnector | Problem {
  if (!isObj(raw)) return fail('IMPORT.ROW_INVALID_VALUE', `${where} is not an object.`);
  const connectorId = text(raw.id);
  if (connectorId === null) return fail('IMPORT.ROW_REQUIRED_FIELD', `${where}.id is missing.`);
  const code = text(raw.standard);
  const mapping = code !== null ? ocpiConnectorTypes[code] : undefined;
  const power = text(raw.power_type);
  const ocpiPower = power !== null ? ocpiPowerTypes[power] : undefined;
  if (power !== null && !ocpiPower) return fail('IMPORT.ROW_INVALID_VALUE', `${where}.power_type "${power}" is not an OCPI 2.2.1 PowerType (AC_1_PHASE, AC_2_PHASE, AC_2_PHASE_SPLIT, AC_3_PHASE, DC).`);
  const format = text(raw.format);
  if (format !== null && format !== 'SOCKET' && format !== 'CABLE') return fail('IMPORT.ROW_INVALID_VALUE', `${where}.format "${format}" must be SOCKET or CABLE.`);

  const voltage = positiveInteger(raw.max_voltage, `${where}.max_voltage (V)`, maxPlausibleVoltageV, 'is it in mV?');
  if (typeof voltage === 'string') return fail('IMPORT.ROW_INVALID_VALUE', voltage);
  const amperage = positiveInteger(raw.max_amperage, `${where}.max_amperage (A)`, maxPlausibleAmperageA, 'is it in mA?');
  if (typeof amperage === 'string') return fail('IMPORT.ROW_INVALID_VALUE', amperage);

  const powerW = parseNumber(raw.max_electric_power);
  let maxPowerKw: number | null;
  if (powerW !== null) {
    if (Number.isNaN(powerW)) return fail('IMPORT.ROW_INVALID_VALUE', `${where}.max_electric_power "${String(raw.max_electric_power)}" is not a number.`);
    if (powerW > 0 && powerW < minPlausiblePowerW) {
      return fail('IMPORT.ROW_INVALID_VALUE', `${where}.max_electric_power ${powerW} W is below any charger; OCPI gives it in W, is it in kW instead?`);
    }
    maxPowerKw = powerW / 1000;
  } else if (ocpiPower && voltage.value !== null && amperage.value !== null) {
    // OCPI 2.2.1 Connector: max_electric_power is set "when the maximum electric power is lower than
    // the calculated value from voltage and amperage", so without it the calculated value is the
    // connector's maximum. max_voltage is line to neutral, hence × phases.
    maxPowerKw = (ocpiPower.phases * voltage.value * amperage.value) / 1000;
  } else {
    maxPowerKw = null;
  }
  if (powerW !== null && maxPowerKw !== null && maxPowerKw > maxPlausiblePowerKw) {
    return fail('IMPORT.ROW_INVALID_VALUE', `${where}.max_electric_power ${powerW} W is beyond any charger built (max ${maxPlausiblePowerKw} kW); OCPI gives it in W, is it in mW?`);
  }
  const problem = powerProblem(maxPowerKw);
  if (problem) return fail('IMPORT.ROW_INVALID_VALUE', `${where}: ${problem}`);

  return {
    connectorId,
    standard: mapping?.standard ?? null,
    sourceCode: `ocpi:${code ?? 'none'}`,
    sourceLabel: null,
    format: (format as 'SOCKET' | 'CABLE' | null) ?? mapping?.format ?? null,
    powerType: ocpiPower?.powerType ?? mapping?.powerType ?? null,
    maxVoltageV: voltage.value,
    maxAmperageA: amperage.value,
    maxPowerKw: maxPowerKw === null ? null : Math.round(maxPowerKw * 1000) / 1000,
  };
}

/** One OCPI 2.2.1 Location → one census location, or the first problem found in it. */
export function validateOcpiLocation(record: ParsedRecord): RowResult<ImportedLocation> {
  if (record.values.__notAnObject) return fail('IMPORT.ROW_INVALID_VALUE', 'This element is not an object: an OCPI Location is a JSON object ({…}).');
  const raw = { ...record.extra, ...record.values } as Obj;
  const wrong = otherSource(raw);
  if (wrong) return fail('IMPORT.ROW_WRONG_SOURCE', wrong);

  const id = text(raw.id);
  if (id === null) return fail('IMPORT.ROW_REQUIRED_FIELD', 'id (the location id) is missing.');
  const countryCode = text(raw.country_code)?.toUpperCase() ?? null;
  const partyId = text(raw.party_id)?.toUpperCase() ?? null;
  if (countryCode === null || partyId === null) {
    return fail('IMPORT.ROW_REQUIRED_FIELD', 'country_code and party_id (the operator\'s OCPI party) are missing; OCPI 2.1.1 Locations lack them: export OCPI 2.2.1 Location objects.');
  }
  if (!/^[A-Z]{2}$/.test(countryCode)) return fail('IMPORT.ROW_INVALID_CODE', `country_code "${countryCode}" must be the party's two-letter ISO 3166-1 country code (e.g. MX).`);
  if (!/^[A-Z0-9]{3}$/.test(partyId)) return fail('IMPORT.ROW_INVALID_CODE', `party_id "${partyId}" must be the three-character party id (ISO 15118).`);
  if (id.length > 36) return fail('IMPORT.ROW_INVALID_CODE', `id "${id.slice(0, 40)}…" is longer than OCPI's 36 characters.`);

  if (!isObj(raw.coordinates)) return fail('IMPORT.ROW_REQUIRED_FIELD', 'coordinates (latitude and longitude) are missing.');
  const lat = parseNumber(raw.coordinates.latitude);
  const lon = parseNumber(raw.coordinates.longitude);
  if (lat === null || lon === null) return fail('IMPORT.ROW_REQUIRED_FIELD', 'coordinates.latitude and coordinates.longitude are both required.');
  const pointProblem = checkMexicanOrUsPoint(lat, lon);
  if (pointProblem) return { ok: false, ...pointProblem };

  const countryGiven = text(raw.country)?.toUpperCase() ?? null;
  const country = countryGiven === null ? null : countryAlpha2[countryGiven] ?? (Object.values(countryAlpha2).includes(countryGiven) ? countryGiven : null);
  if (country === null) {
    return fail('IMPORT.ROW_INVALID_CODE', `country ${countryGiven === null ? 'is missing' : `"${countryGiven}" is not MEX or USA`}: the census covers Mexico and the United States (OCPI gives ISO 3166-1 alpha-3).`);
  }

  const publish = ocpiBoolean(raw.publish);
  if (publish === undefined) return fail('IMPORT.ROW_INVALID_VALUE', `publish "${String(raw.publish)}" must be true or false.`);
  const openingHours = ocpiOpeningHours(raw.opening_times);
  if (typeof openingHours === 'string') return fail('IMPORT.ROW_INVALID_VALUE', openingHours);
  const lastUpdated = ocpiDateTime(raw.last_updated);
  if (lastUpdated === undefined) return fail('IMPORT.ROW_INVALID_VALUE', `last_updated "${String(raw.last_updated)}" is not an RFC 3339 date-time.`);

  const rawEvses = raw.evses ?? [];
  if (!Array.isArray(rawEvses)) return fail('IMPORT.ROW_INVALID_VALUE', 'evses must be a list.');
  const evses: ImportedEvse[] = [];
  const restrictions: string[][] = [];
  const payments = new Set<PaymentMethod>();
  const uids = new Set<string>();
  for (const [i, evse] of rawEvses.entries()) {
    if (!isObj(evse)) return fail('IMPORT.ROW_INVALID_VALUE', `evses[${i}] is not an object.`);
    const uid = text(evse.uid);
    if (uid === null) return fail('IMPORT.ROW_REQUIRED_FIELD', `evses[${i}].uid is missing.`);
    if (uids.has(uid)) return fail('IMPORT.ROW_DUPLICATE_KEY', `evses[${i}].uid "${uid}" appears twice in this location; each EVSE uid is unique within its location.`);
    uids.add(uid);
    const rawConnectors = evse.connectors ?? [];
    if (!Array.isArray(rawConnectors)) return fail('IMPORT.ROW_INVALID_VALUE', `evses[${i}].connectors must be a list.`);
    const connectors: ImportedConnector[] = [];
    for (const [j, c] of rawConnectors.entries()) {
      const connector = connectorOf(c, `evses[${i}].connectors[${j}]`);
      if ('ok' in connector) return connector;
      if (connectors.some((other) => other.connectorId === connector.connectorId)) {
        return fail('IMPORT.ROW_DUPLICATE_KEY', `evses[${i}].connectors[${j}].id "${connector.connectorId}" appears twice in EVSE "${uid}".`);
      }
      connectors.push(connector);
    }
    const capabilities = Array.isArray(evse.capabilities) ? evse.capabilities.map((c) => String(c)) : [];
    for (const capability of capabilities) {
      const payment = capabilityPayments[capability];
      if (payment) payments.add(payment);
    }
    restrictions.push(Array.isArray(evse.parking_restrictions) ? evse.parking_restrictions.map((r) => String(r)) : []);
    evses.push({ evseUid: uid, lifecycleStatus: ocpiEvseLifecycle(text(evse.status)), connectors });
  }

  const operator = isObj(raw.operator) ? text(raw.operator.name) : null;
  const owner = isObj(raw.owner) ? text(raw.owner.name) : null;
  const key = `ocpi:${countryCode}*${partyId}:${id}`;
  return {
    ok: true,
    key,
    value: {
      sourceKey: key,
      // OCPI's name is optional (home chargers often have none); the address then names the place.
      name: text(raw.name) ?? text(raw.address) ?? `OCPI ${countryCode}*${partyId} ${id}`,
      address: text(raw.address),
      city: text(raw.city),
      postalCode: text(raw.postal_code),
      countryCode: country,
      stateAsGiven: text(raw.state),
      lat,
      lon,
      access: ocpiAccess(publish, restrictions),
      operatorName: operator,
      operatorParty: { countryCode, partyId },
      ownerName: owner,
      paymentMethods: [...payments].sort(),
      // OCPI describes the operator-to-roaming interface, not the charger-to-backend protocol:
      // nothing in a Location says whether its chargers speak OCPP, so that stays unknown.
      ocppSupport: null,
      openingHours,
      lifecycleStatus: ocpiLocationLifecycle(evses.map((e) => e.lifecycleStatus ?? null)),
      lastVerifiedAt: lastUpdated,
      evses,
    },
  };
}

/**
 * OCPI 2.2.1 Location objects, as a CPO's Locations module serves them: a JSON array of
 * Locations, or a paginated OCPI response with the array under `data`.
 */
export const ocpiImporter: ImportKind<ImportedLocation> = {
  kind: 'charging.ocpi',
  module: 'charging',
  title: { es: 'Ubicaciones OCPI 2.2.1', en: 'OCPI 2.2.1 Locations' },
  description: {
    es: 'Ubicaciones de carga de un operador en formato OCPI 2.2.1 (objetos Location con sus EVSE y conectores): una lista JSON o una respuesta paginada OCPI con la lista en "data". Se vinculan a la organización registrada con la parte OCPI del operador.',
    en: 'A charge point operator\'s locations as OCPI 2.2.1 Location objects (with their EVSEs and connectors): a JSON array or a paginated OCPI response with the array under "data". Linked to the organisation registered with the operator\'s OCPI party.',
  },
  formats: ['json'],
  // Only `id` is required to read the file: records of other sources (OCM's `ID`, AFDC's `id`)
  // then reach validation and are told apart row by row with a pointer to the right import.
  columns: {
    id: { aliases: [], required: true },
    country_code: { aliases: [], required: false },
    party_id: { aliases: [], required: false },
    coordinates: { aliases: [], required: false },
    evses: { aliases: [], required: false },
  },
  requiredRole: 'admin',
  sourceId: 'ocpi',
  sourceVintage: 'OCPI 2.2.1 Locations',
  validateRow: validateOcpiLocation,
  pointOf: (l) => ({ lat: l.lat, lon: l.lon }),
  pointArea: 'mexico-and-us',
  merge: mergeLocations,
};
