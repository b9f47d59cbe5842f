/**
 * Pure rules for charging locations registered in the app (not imported): who registers
 * which access level, what a valid registration is, how it becomes the census shape
 * (`ImportedLocation`, shared with every importer) and the provenance of each declared field.
 */
import type { ErrorCode } from '@electrifica/contracts';
import { checkMexicanPoint } from '../geo/geo.domain.js';
import {
  powerProblem,
  type Access, type ChargingUse, type ConnectorStandard, type LifecycleStatus, type OpeningHours, type PaymentMethod, type PowerType,
} from './charging.domain.js';
import type { ImportedLocation } from './import/location-merge.js';

/** An operator registers for its charge point operator organisation; an owner registers a private charger. */
export type RegistrantRole = 'operator' | 'owner';

export interface RegisteredConnector {
  standard: ConnectorStandard;
  format: 'SOCKET' | 'CABLE' | null;
  powerType: PowerType | null;
  maxVoltageV: number | null;
  maxAmperageA: number | null;
  maxPowerKw: number | null;
}

export interface RegisteredEvse {
  /** Given by the operator (its own EVSE id) or numbered here. */
  evseUid?: string | null;
  connectors: RegisteredConnector[];
}

/** What an operator or owner declares about a location. */
export interface RegistrationFields {
  name: string;
  address: string | null;
  postalCode: string | null;
  lat: number;
  lon: number;
  access: Access;
  uses: ChargingUse[];
  paymentMethods: PaymentMethod[];
  ocppSupport: boolean | null;
  openingHours: OpeningHours | null;
  /** YYYY-MM-DD. */
  commissionedOn: string | null;
  lifecycleStatus: LifecycleStatus;
  evses: RegisteredEvse[];
}

export const registrationFieldNames = [
  'name', 'address', 'postalCode', 'lat', 'lon', 'access', 'uses', 'paymentMethods', 'ocppSupport', 'openingHours', 'commissionedOn',
  'lifecycleStatus', 'evses',
] as const satisfies ReadonlyArray<keyof RegistrationFields>;
export type RegistrationField = (typeof registrationFieldNames)[number];

export interface FieldProblem {
  /** JSON pointer into the request body, as the platform's validation errors use. */
  path: string;
  code: ErrorCode;
  message: string;
}

/** Operators publish (public or restricted); owners keep theirs private. */
export const accessFor: Readonly<Record<RegistrantRole, readonly Access[]>> = {
  operator: ['public', 'restricted'],
  owner: ['private'],
};

/** Limits of what one location can declare; beyond them the input is a mistake, not a site. */
export const maxEvsesPerLocation = 200;
export const maxConnectorsPerEvse = 10;
/** Megawatt charging runs at up to 1,250 V DC and 3,000 A; nothing built goes further. */
export const maxPlausibleVoltageV = 1500;
export const maxPlausibleAmperageA = 3000;

const hhmm = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day (rejects 2024-02-30). */
function isCalendarDate(value: string): boolean {
  const m = isoDate.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The point is the registration's one non-negotiable fact: it decides state and
 * municipality and, for a private charger, is the secret kept. Swapped or outside points
 * are named, never corrected silently.
 */
export function pointProblem(lat: number, lon: number): FieldProblem | null {
  const problem = checkMexicanPoint(lat, lon);
  if (!problem) return null;
  const code: ErrorCode = problem.code === 'IMPORT.ROW_SWAPPED_COORDINATES'
    ? 'CHARGING.POINT_SWAPPED'
    : problem.code === 'IMPORT.ROW_OUTSIDE_MEXICO' ? 'CHARGING.POINT_OUTSIDE_MEXICO' : 'CHARGING.INVALID_REGISTRATION';
  return { path: '/lat', code, message: problem.message.replace(' Put latitude (≈14 to 33) and longitude (≈-118 to -86) in their own columns.', ' Latitude in Mexico is ≈14 to 33 and longitude ≈-118 to -86.') };
}

/** Every problem of a registration, each tied to its field; `today` is YYYY-MM-DD (kept out so the rule stays pure). */
export function registrationProblems(fields: RegistrationFields, role: RegistrantRole, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string, code: ErrorCode = 'CHARGING.INVALID_REGISTRATION') => problems.push({ path, code, message });

  if (fields.name.trim().length < 2) add('/name', 'Give the location a name of at least 2 characters.');
  if (fields.postalCode !== null && !/^[0-9]{5}$/.test(fields.postalCode.trim())) add('/postalCode', `Postal code "${fields.postalCode}" must be the 5 digits of a Mexican código postal.`);
  const point = pointProblem(fields.lat, fields.lon);
  if (point) problems.push(point);
  if (!accessFor[role].includes(fields.access)) {
    add('/access', role === 'operator'
      ? `An operator registers public or restricted locations, not ${fields.access}; a private charger is registered as its owner.`
      : `A charger registered by its owner is private, not ${fields.access}; public locations are registered by their operator.`, 'CHARGING.ACCESS_NOT_ALLOWED');
  }
  if (new Set(fields.uses).size !== fields.uses.length) add('/uses', 'A use is listed twice.');
  if (new Set(fields.paymentMethods).size !== fields.paymentMethods.length) add('/paymentMethods', 'A payment method is listed twice.');

  if (fields.openingHours) {
    const hours = fields.openingHours;
    const periods = hours.regular_hours ?? [];
    if (hours.twentyfourseven && periods.length > 0) add('/openingHours/regular_hours', 'A location open 24/7 has no weekly periods.');
    if (!hours.twentyfourseven && periods.length === 0) add('/openingHours/regular_hours', 'Give at least one weekly period, or mark the location open 24/7.');
    periods.forEach((p, i) => {
      const path = `/openingHours/regular_hours/${i}`;
      if (!Number.isInteger(p.weekday) || p.weekday < 1 || p.weekday > 7) add(`${path}/weekday`, 'Weekday must be 1 (Monday) to 7 (Sunday), as in OCPI.');
      if (!hhmm.test(p.period_begin)) add(`${path}/period_begin`, `"${p.period_begin}" is not a time HH:MM.`);
      if (!hhmm.test(p.period_end)) add(`${path}/period_end`, `"${p.period_end}" is not a time HH:MM.`);
      if (hhmm.test(p.period_begin) && hhmm.test(p.period_end) && p.period_begin >= p.period_end) add(`${path}/period_end`, `The period ends (${p.period_end}) before it begins (${p.period_begin}).`);
    });
  }

  if (fields.commissionedOn !== null) {
    if (!isCalendarDate(fields.commissionedOn)) add('/commissionedOn', `"${fields.commissionedOn}" is not a date YYYY-MM-DD.`);
    else if (fields.commissionedOn < '1990-01-01') add('/commissionedOn', `${fields.commissionedOn} is before any public EV charging in Mexico.`);
    else if (fields.commissionedOn > today && fields.lifecycleStatus !== 'planned') add('/commissionedOn', `A location commissioned on ${fields.commissionedOn}, in the future, is planned, not ${fields.lifecycleStatus}.`);
  }

  if (fields.evses.length === 0) add('/evses', 'Declare at least one EVSE (charging point) with its connectors.');
  if (fields.evses.length > maxEvsesPerLocation) add('/evses', `At most ${maxEvsesPerLocation} EVSEs per location; register a larger site as several locations.`);
  const uids = new Set<string>();
  fields.evses.forEach((evse, i) => {
    const uid = evse.evseUid?.trim();
    if (uid) {
      if (uids.has(uid)) add(`/evses/${i}/evseUid`, `EVSE id "${uid}" is used twice.`);
      uids.add(uid);
    }
    if (evse.connectors.length === 0) add(`/evses/${i}/connectors`, 'Each EVSE has at least one connector.');
    if (evse.connectors.length > maxConnectorsPerEvse) add(`/evses/${i}/connectors`, `At most ${maxConnectorsPerEvse} connectors per EVSE.`);
    evse.connectors.forEach((c, j) => {
      const path = `/evses/${i}/connectors/${j}`;
      const power = powerProblem(c.maxPowerKw);
      if (power) add(`${path}/maxPowerKw`, power, 'CHARGING.IMPLAUSIBLE_POWER');
      if (c.maxVoltageV !== null && (!(c.maxVoltageV > 0) || c.maxVoltageV > maxPlausibleVoltageV)) {
        add(`${path}/maxVoltageV`, `Voltage ${c.maxVoltageV} V must be positive and at most ${maxPlausibleVoltageV} V.`, 'CHARGING.IMPLAUSIBLE_POWER');
      }
      if (c.maxAmperageA !== null && (!(c.maxAmperageA > 0) || c.maxAmperageA > maxPlausibleAmperageA)) {
        add(`${path}/maxAmperageA`, `Current ${c.maxAmperageA} A must be positive and at most ${maxPlausibleAmperageA} A.`, 'CHARGING.IMPLAUSIBLE_POWER');
      }
    });
  });
  return problems;
}

/**
 * The code a response leads with when several fields are wrong: the point first (it is
 * the one most often swapped), then power, then access, then the rest.
 */
export function leadingCode(problems: FieldProblem[]): ErrorCode {
  const order: ErrorCode[] = ['CHARGING.POINT_SWAPPED', 'CHARGING.POINT_OUTSIDE_MEXICO', 'CHARGING.IMPLAUSIBLE_POWER', 'CHARGING.ACCESS_NOT_ALLOWED'];
  for (const code of order) if (problems.some((p) => p.code === code)) return code;
  return 'CHARGING.INVALID_REGISTRATION';
}

/** EVSE ids as declared, or numbered `EVSE-1`, `EVSE-2`… where none was given. */
export function numberedEvses(evses: RegisteredEvse[]): Array<RegisteredEvse & { evseUid: string }> {
  const taken = new Set(evses.map((e) => e.evseUid?.trim()).filter((u): u is string => !!u));
  let n = 0;
  return evses.map((e) => {
    const given = e.evseUid?.trim();
    if (given) return { ...e, evseUid: given };
    let uid: string;
    do uid = `EVSE-${++n}`; while (taken.has(uid));
    taken.add(uid);
    return { ...e, evseUid: uid };
  });
}

/**
 * The registration in the census shape every source shares, so EVSEs and connectors are
 * written by the same code as imports. Connector source codes are `reg:<STANDARD>`:
 * registrants choose from the vocabulary, so nothing is unknown.
 */
export function toCensusLocation(
  sourceKey: string,
  fields: RegistrationFields,
  names: { operatorName: string | null; ownerName: string | null },
): ImportedLocation {
  return {
    sourceKey,
    name: fields.name.trim(),
    address: fields.address?.trim() || null,
    city: null,
    postalCode: fields.postalCode?.trim() || null,
    countryCode: 'MX',
    stateAsGiven: null,
    lat: fields.lat,
    lon: fields.lon,
    access: fields.access,
    uses: fields.uses,
    operatorName: names.operatorName,
    ownerName: names.ownerName,
    paymentMethods: fields.paymentMethods,
    ocppSupport: fields.ocppSupport,
    openingHours: fields.openingHours,
    commissionedOn: fields.commissionedOn,
    lifecycleStatus: fields.lifecycleStatus,
    lastVerifiedAt: null,
    evses: numberedEvses(fields.evses).map((e) => ({
      evseUid: e.evseUid,
      connectors: e.connectors.map((c, j) => ({
        connectorId: String(j + 1),
        standard: c.standard,
        sourceCode: `reg:${c.standard}`,
        sourceLabel: null,
        format: c.format,
        powerType: c.powerType,
        maxVoltageV: c.maxVoltageV,
        maxAmperageA: c.maxAmperageA,
        maxPowerKw: c.maxPowerKw,
      })),
    })),
  };
}

/** Provenance of a declared field: who declared it, in which role, when. */
export interface DeclaredProvenance {
  source: 'registration';
  method: 'declared by operator' | 'declared by owner';
  userId: string;
  declaredAt: string;
}

export function declaredProvenance(fieldNames: readonly string[], role: RegistrantRole, userId: string, at: Date): Record<string, DeclaredProvenance> {
  const entry: DeclaredProvenance = {
    source: 'registration', method: role === 'operator' ? 'declared by operator' : 'declared by owner', userId, declaredAt: at.toISOString(),
  };
  return Object.fromEntries(fieldNames.map((f) => [f, entry]));
}

/** Fields whose values differ (compared as JSON, so arrays and hours compare by content). */
export function changedFields(before: RegistrationFields, after: RegistrationFields): RegistrationField[] {
  const norm = (f: RegistrationField, v: RegistrationFields) => {
    const value = v[f];
    if (f === 'uses' || f === 'paymentMethods') return JSON.stringify([...(value as string[])].sort());
    if (f === 'evses') return JSON.stringify(numberedEvses(v.evses));
    return JSON.stringify(value ?? null);
  };
  return registrationFieldNames.filter((f) => norm(f, before) !== norm(f, after));
}

/**
 * What the audit trail keeps of a registration. A private charger's exact point is its
 * owner's secret and the trail is read by moderators, so it keeps only that the point
 * was set or moved; the record itself holds the point.
 */
export function auditView(fields: RegistrationFields, only?: readonly RegistrationField[]): Record<string, unknown> {
  const view: Record<string, unknown> = { ...fields, evses: numberedEvses(fields.evses) };
  if (fields.access === 'private') {
    view.lat = 'withheld: private charger';
    view.lon = 'withheld: private charger';
  }
  return only ? Object.fromEntries(only.map((f) => [f, view[f]])) : view;
}
