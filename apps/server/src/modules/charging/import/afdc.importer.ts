import type { ImportKind } from '../../../platform/imports/import-kind.js';
import { integer, text } from '../../../platform/imports/values.js';
import { checkMexicanOrUsPoint, parseNumber } from '../../geo/geo.domain.js';
import {
  powerProblem,
  type Access, type ChargingUse, type ConnectorMapping, type LifecycleStatus, type PaymentMethod,
} from '../charging.domain.js';
import { mergeLocations, type ImportedConnector, type ImportedEvse, type ImportedLocation } from './location-merge.js';

/**
 * AFDC `EV Connector Types` codes → vocabulary. Codes not listed (a code AFDC adds later, a
 * typo) map to null: the connector is kept with its source code and flagged, never guessed.
 * `TESLA` is the connector SAE standardised as J3400 (NACS); AFDC uses it for AC destination
 * and DC Supercharger ports alike, so it carries no power type of its own.
 */
export const afdcConnectorTypes: Readonly<Record<string, ConnectorMapping>> = {
  J1772: { standard: 'J1772', powerType: 'AC_1_PHASE' },
  J1772COMBO: { standard: 'CCS1', powerType: 'DC' },
  CHADEMO: { standard: 'CHADEMO', powerType: 'DC' },
  TESLA: { standard: 'NACS' },
  NACS: { standard: 'NACS' },
  J3400: { standard: 'NACS' },
  NEMA515: { standard: 'DOMESTIC', powerType: 'AC_1_PHASE', format: 'SOCKET' },
  NEMA520: { standard: 'DOMESTIC', powerType: 'AC_1_PHASE', format: 'SOCKET' },
  NEMA1450: { standard: 'DOMESTIC', powerType: 'AC_1_PHASE', format: 'SOCKET' },
  J3271: { standard: 'OTHER', powerType: 'DC' }, // SAE J3271, the Megawatt Charging System
};

/** AFDC's own names for its codes, kept as the connector's source label. */
const afdcConnectorLabels: Readonly<Record<string, string>> = {
  J1772: 'J1772', J1772COMBO: 'CCS (J1772 Combo)', CHADEMO: 'CHAdeMO', TESLA: 'Tesla (NACS / J3400)', NACS: 'NACS', J3400: 'J3400',
  NEMA515: 'NEMA 5-15', NEMA520: 'NEMA 5-20', NEMA1450: 'NEMA 14-50', J3271: 'J3271 (MCS)',
};

/** AFDC `Status Code`: E available, P planned, T temporarily unavailable. */
const afdcLifecycle: Readonly<Record<string, LifecycleStatus>> = { E: 'operational', P: 'planned', T: 'out_of_service' };

/**
 * AFDC `Cards Accepted` codes → payment methods. Fleet and fuel cards (Voyager, WEX, …)
 * are memberships; codes outside this table (cheques, …) have no payment method.
 */
const afdcCards: Readonly<Record<string, PaymentMethod>> = {
  A: 'bank_card', D: 'bank_card', M: 'bank_card', V: 'bank_card', DEBIT: 'bank_card', CREDIT: 'bank_card',
  CASH: 'cash',
  APPLE_PAY: 'contactless', ANDROID_PAY: 'contactless', GOOGLE_PAY: 'contactless',
  ACCOUNT_BALANCE: 'app',
  ALLIANCE: 'membership', CLEANENERGY: 'membership', COMDATA: 'membership', FLEETONE: 'membership', FUELMAN: 'membership',
  GASCARD: 'membership', PACIFICPRIDE: 'membership', PHH: 'membership', PROPRIETOR: 'membership', TCH: 'membership',
  TCHEK: 'membership', VOYAGER: 'membership', WRIGHT_EXP: 'membership',
};

/** A station with more EVSEs than this of one level is a typing error, not a depot. */
export const maxPlausibleEvsesPerLevel = 1000;

type Level = 'L1' | 'L2' | 'DC';
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
type Rejection = { ok: false; code: 'IMPORT.ROW_INVALID_VALUE' | 'IMPORT.ROW_REQUIRED_FIELD'; message: string };
const invalid = (message: string): Rejection => ({ ok: false, code: 'IMPORT.ROW_INVALID_VALUE', message });

/** The CSV writes "CHADEMO J1772 J1772COMBO"; the API gives an array; re-saved files sometimes a JSON array text. */
function connectorCodes(value: unknown): string[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else {
    const t = text(value);
    if (t === null) return [];
    if (t.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(t);
        items = Array.isArray(parsed) ? parsed : [t];
      } catch {
        items = t.replace(/[[\]"']/g, ' ').split(/[\s,]+/);
      }
    } else items = t.split(/[\s,;]+/);
  }
  return [...new Set(items.map((i) => text(i)?.toUpperCase()).filter((i): i is string => !!i))];
}

/** YYYY-MM-DD, or the M/D/YYYY that re-saving the CSV in a spreadsheet produces; blank → null. */
function isoDate(value: unknown, column: string): { date: string | null } | Rejection {
  const t = text(value);
  if (t === null) return { date: null };
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else return invalid(`${column} "${t}" is not a date (YYYY-MM-DD or M/D/YYYY).`);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return invalid(`${column} "${t}" is not a calendar date.`);
  return { date: date.toISOString().slice(0, 10) };
}

/** An EVSE count: blank → 0 (AFDC leaves levels a station lacks empty); "2.0" from re-saved files → 2. */
function evseCount(value: unknown, column: string): { count: number } | Rejection {
  if (value === null || value === undefined || text(value) === null) return { count: 0 };
  const n = typeof value === 'number' ? value : integer(text(value)!.replace(/\.0+$/, ''));
  if (n === null || !Number.isInteger(n) || n < 0) return invalid(`${column} "${String(value)}" must be a whole number of EVSEs (0 or more).`);
  if (n > maxPlausibleEvsesPerLevel) return invalid(`${column} ${n} is beyond any station built (max ${maxPlausibleEvsesPerLevel} per level); is it a typing error?`);
  return { count: n };
}

const isDcCode = (code: string) => afdcConnectorTypes[code]?.powerType === 'DC';
const isAcCode = (code: string) => afdcConnectorTypes[code]?.powerType !== undefined && afdcConnectorTypes[code]?.powerType !== 'DC';

/**
 * Power per (level, connector code) from the API's `ev_charging_units` (newer responses):
 * the highest `power_kw` any unit of that level gives the code. The CSV has no power.
 */
function unitPowers(units: unknown): { powers: Map<string, number> } | Rejection {
  const powers = new Map<string, number>();
  if (!Array.isArray(units)) return { powers };
  for (const [index, unit] of units.entries()) {
    if (!isObj(unit) || !isObj(unit.connectors)) continue;
    const rawLevel = String(unit.charging_level ?? '').trim().toUpperCase();
    const level: Level | null = rawLevel === '1' ? 'L1' : rawLevel === '2' ? 'L2' : /DC|3/.test(rawLevel) ? 'DC' : null;
    if (level === null) continue;
    for (const [code, connector] of Object.entries(unit.connectors)) {
      if (!isObj(connector)) continue;
      const powerKw = parseNumber(connector.power_kw);
      if (powerKw === null) continue;
      const problem = Number.isNaN(powerKw) ? `power_kw "${String(connector.power_kw)}" is not a number.` : powerProblem(powerKw);
      if (problem) return invalid(`ev_charging_units[${index}].connectors.${code}: ${problem}`);
      const key = `${level}|${code.toUpperCase()}`;
      powers.set(key, Math.max(powers.get(key) ?? 0, powerKw));
    }
  }
  return { powers };
}

/**
 * AFDC counts EVSEs per level and lists the station's connector types, but does not say
 * which connector is on which EVSE. The rule: each Level 1 and Level 2 EVSE carries every
 * AC connector type listed (J1772, NEMA outlets), each DC fast EVSE every DC type (CCS1,
 * CHAdeMO, MCS); NACS/Tesla, which serves both, goes on both kinds; a code outside the
 * vocabulary goes on every EVSE, flagged. Levels 1 and 2 are single-phase AC, DC fast is DC.
 */
function buildEvses(counts: Record<Level, number>, codes: string[], powers: Map<string, number>): ImportedEvse[] {
  const evses: ImportedEvse[] = [];
  for (const level of ['L1', 'L2', 'DC'] as const) {
    const onThisLevel = codes.filter((code) => {
      const mapping = afdcConnectorTypes[code];
      if (!mapping || mapping.powerType === undefined) return true;
      return level === 'DC' ? isDcCode(code) : isAcCode(code);
    });
    for (let n = 1; n <= counts[level]; n++) {
      evses.push({
        evseUid: `${level}-${n}`,
        connectors: onThisLevel.map((code, index): ImportedConnector => {
          const mapping = afdcConnectorTypes[code];
          return {
            connectorId: String(index + 1),
            standard: mapping?.standard ?? null,
            sourceCode: `afdc:${code}`,
            sourceLabel: afdcConnectorLabels[code] ?? code,
            format: mapping?.format ?? null,
            // A connector known on both kinds takes the kind of the EVSE it is on.
            powerType: mapping ? (level === 'DC' ? 'DC' : 'AC_1_PHASE') : null,
            maxVoltageV: null,
            maxAmperageA: null,
            maxPowerKw: powers.get(`${level}|${code}`) ?? null,
            // AFDC states the AC level even when it gives no power; DC fast vs ultra-fast is left to the power.
            ...(level === 'L1' ? { chargingLevel: 'ac_level_1' as const } : level === 'L2' ? { chargingLevel: 'ac_level_2' as const } : {}),
          };
        }),
      });
    }
  }
  return evses;
}

function accessOf(accessCode: string | null, groups: string | null, restricted: unknown): Access | null {
  const code = accessCode?.toLowerCase() ?? (groups && /private/i.test(groups) ? 'private' : groups && /public/i.test(groups) ? 'public' : null);
  if (code === 'private') return 'private';
  if (code !== 'public') return null;
  const restrictedFlag = restricted === true || (typeof restricted === 'string' && restricted.trim().toLowerCase() === 'true');
  return restrictedFlag || (groups !== null && /restrict/i.test(groups)) ? 'restricted' : 'public';
}

/** `Maximum Vehicle Class`: the heaviest class the station takes; medium duty is counted with heavy duty. */
function usesOf(vehicleClass: string | null): ChargingUse[] {
  switch (vehicleClass?.toUpperCase()) {
    case 'LD': return ['light_duty'];
    case 'MD': case 'HD': return ['light_duty', 'heavy_duty'];
    default: return [];
  }
}

function paymentMethodsOf(cards: string | null, pricing: string | null): PaymentMethod[] {
  const methods = new Set<PaymentMethod>();
  for (const card of cards?.split(/\s+/) ?? []) {
    const method = afdcCards[card.toUpperCase()];
    if (method) methods.add(method);
  }
  if (pricing !== null && /^free\b/i.test(pricing)) methods.add('free');
  return [...methods];
}

/**
 * US DOE Alternative Fuels Data Center (NREL) station data: the CSV download or API
 * export (`Fuel Type Code`, `EV Level2 EVSE Num`, …) and the JSON API (`fuel_stations`
 * with snake_case fields). Only electric stations are imported; every other fuel is
 * rejected by row with its own code.
 */
export const afdcImporter: ImportKind<ImportedLocation> = {
  kind: 'charging.afdc',
  module: 'charging',
  title: { es: 'AFDC (Departamento de Energía de EE. UU.) — estaciones eléctricas', en: 'AFDC (US Department of Energy) — electric stations' },
  description: {
    es: 'Estaciones de carga del Alternative Fuels Data Center (NREL), en CSV o JSON de su API; las estaciones de otros combustibles se rechazan por fila. Lado estadounidense de la frontera.',
    en: 'Charging stations from the Alternative Fuels Data Center (NREL), as CSV or its API JSON; stations of other fuels are rejected by row. The US side of the border.',
  },
  formats: ['csv', 'json'],
  columns: {
    id: { aliases: ['ID'], required: true },
    fuelTypeCode: { aliases: ['Fuel Type Code', 'fuel_type_code'], required: true },
    stationName: { aliases: ['Station Name', 'station_name'], required: true },
    latitude: { aliases: ['Latitude'], required: true },
    longitude: { aliases: ['Longitude'], required: true },
    streetAddress: { aliases: ['Street Address', 'street_address'], required: false },
    city: { aliases: ['City'], required: false },
    state: { aliases: ['State'], required: false },
    zip: { aliases: ['ZIP'], required: false },
    country: { aliases: ['Country'], required: false },
    statusCode: { aliases: ['Status Code', 'status_code'], required: false },
    accessCode: { aliases: ['Access Code', 'access_code'], required: false },
    groupsWithAccessCode: { aliases: ['Groups With Access Code', 'groups_with_access_code'], required: false },
    restrictedAccess: { aliases: ['Restricted Access', 'restricted_access'], required: false },
    accessDaysTime: { aliases: ['Access Days Time', 'access_days_time'], required: false },
    cardsAccepted: { aliases: ['Cards Accepted', 'cards_accepted'], required: false },
    evPricing: { aliases: ['EV Pricing', 'ev_pricing'], required: false },
    level1Count: { aliases: ['EV Level1 EVSE Num', 'ev_level1_evse_num'], required: false },
    level2Count: { aliases: ['EV Level2 EVSE Num', 'ev_level2_evse_num'], required: false },
    dcFastCount: { aliases: ['EV DC Fast Count', 'ev_dc_fast_num'], required: false },
    connectorTypes: { aliases: ['EV Connector Types', 'ev_connector_types'], required: false },
    chargingUnits: { aliases: ['ev_charging_units'], required: false },
    network: { aliases: ['EV Network', 'ev_network'], required: false },
    openDate: { aliases: ['Open Date', 'open_date'], required: false },
    dateLastConfirmed: { aliases: ['Date Last Confirmed', 'date_last_confirmed'], required: false },
    maximumVehicleClass: { aliases: ['Maximum Vehicle Class', 'maximum_vehicle_class'], required: false },
  },
  requiredRole: 'admin',
  sourceId: 'afdc',
  sourceVintage: 'AFDC station data',
  validateRow(record) {
    const v = record.values;
    const id = parseNumber(v.id);
    if (id === null) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: 'ID is empty: every AFDC station has its numeric ID.' };
    if (!Number.isInteger(id) || id <= 0) return { ok: false, code: 'IMPORT.ROW_INVALID_CODE', message: `ID "${String(v.id)}" must be the positive AFDC station number.` };
    const fuel = text(v.fuelTypeCode)?.toUpperCase() ?? null;
    if (fuel === null) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: `Fuel Type Code is empty for station ${id}; electric stations say ELEC.` };
    if (fuel !== 'ELEC') {
      return { ok: false, code: 'IMPORT.ROW_OUT_OF_SCOPE', message: `Station ${id} is a ${fuel} station, not electric: only Fuel Type Code ELEC is imported into the charging census.` };
    }
    const name = text(v.stationName);
    if (name === null) return { ok: false, code: 'IMPORT.ROW_REQUIRED_FIELD', message: `Station Name is empty for station ${id}.` };
    const lat = parseNumber(v.latitude);
    const lon = parseNumber(v.longitude);
    const pointProblem = checkMexicanOrUsPoint(lat, lon);
    if (pointProblem) return { ok: false, ...pointProblem };

    const counts = {} as Record<Level, number>;
    for (const [level, column, label] of [['L1', 'level1Count', 'EV Level1 EVSE Num'], ['L2', 'level2Count', 'EV Level2 EVSE Num'], ['DC', 'dcFastCount', 'EV DC Fast Count']] as const) {
      const count = evseCount(v[column], label);
      if ('ok' in count) return count;
      counts[level] = count.count;
    }
    const units = unitPowers(v.chargingUnits);
    if ('ok' in units) return units;
    const opened = isoDate(v.openDate, 'Open Date');
    if ('ok' in opened) return opened;
    const confirmed = isoDate(v.dateLastConfirmed, 'Date Last Confirmed');
    if ('ok' in confirmed) return confirmed;

    const network = text(v.network);
    const hours = text(v.accessDaysTime);
    const status = text(v.statusCode)?.toUpperCase() ?? null;
    return {
      ok: true,
      key: `afdc:${id}`,
      value: {
        sourceKey: `afdc:${id}`,
        name,
        address: text(v.streetAddress),
        city: text(v.city),
        postalCode: text(v.zip),
        countryCode: text(v.country)?.toUpperCase() ?? 'US',
        stateAsGiven: text(v.state),
        lat: lat!,
        lon: lon!,
        access: accessOf(text(v.accessCode), text(v.groupsWithAccessCode), v.restrictedAccess),
        uses: usesOf(text(v.maximumVehicleClass)),
        // "Non-Networked" says there is no network, not who operates the station.
        operatorName: network !== null && !/^non-networked$/i.test(network) ? network : null,
        paymentMethods: paymentMethodsOf(text(v.cardsAccepted), text(v.evPricing)),
        // Only "24 hours daily" is read; AFDC's other schedules are free text.
        openingHours: hours !== null && /^24 hours daily\b/i.test(hours) ? { twentyfourseven: true } : null,
        commissionedOn: opened.date,
        lifecycleStatus: status !== null ? afdcLifecycle[status] ?? null : null,
        lastVerifiedAt: confirmed.date,
        evses: buildEvses(counts, connectorCodes(v.connectorTypes), units.powers),
      },
    };
  },
  pointOf: (l) => ({ lat: l.lat, lon: l.lon }),
  pointArea: 'mexico-and-us',
  merge: mergeLocations,
};
