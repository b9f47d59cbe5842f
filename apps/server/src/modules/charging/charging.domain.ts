/**
 * Pure rules of the charging census: one connector vocabulary for every source, charging
 * levels, access and lifecycle. Shaped after OCPI 2.2.1 Locations (Location → EVSE →
 * Connector) plus what a national census needs.
 */

/** The one connector vocabulary every source maps to (recommendation 19). */
export const connectorStandards = [
  'J1772',        // SAE J1772 / IEC 62196-2 Type 1 (AC)
  'TYPE_2',       // IEC 62196-2 Type 2 (AC)
  'CCS1',         // Combo 1 (DC)
  'CCS2',         // Combo 2 (DC)
  'CHADEMO',      // CHAdeMO (DC)
  'NACS',         // SAE J3400 / Tesla North American Charging Standard (AC and DC)
  'GBT_AC',       // GB/T 20234.2
  'GBT_DC',       // GB/T 20234.3
  'TESLA_LEGACY', // Tesla Roadster connector
  'DOMESTIC',     // household outlets (NEMA 5-15/5-20/14-50, Schuko, BS 1363, …)
  'OTHER',        // a known connector outside the vocabulary (industrial, inductive, …)
] as const;
export type ConnectorStandard = (typeof connectorStandards)[number];

/** The North American standard of recommendation 19. */
export const northAmericanStandards: readonly ConnectorStandard[] = ['J1772', 'CCS1', 'NACS'];

export type PowerType = 'AC_1_PHASE' | 'AC_3_PHASE' | 'DC';
export type ChargingLevel = 'ac_level_1' | 'ac_level_2' | 'dc_fast' | 'dc_ultra_fast';
export type Access = 'public' | 'restricted' | 'private';
export type LifecycleStatus = 'planned' | 'operational' | 'out_of_service' | 'decommissioned';
export type ChargingUse = 'light_duty' | 'heavy_duty' | 'bus_depot' | 'fleet';

/** Ultra-fast from 150 kW, DC fast below it; AC level 1 up to 2 kW (OCM's and SAE's split). */
export function chargingLevel(powerType: PowerType | null, maxPowerKw: number | null): ChargingLevel | null {
  if (powerType === 'DC') return maxPowerKw !== null && maxPowerKw >= 150 ? 'dc_ultra_fast' : 'dc_fast';
  if (maxPowerKw === null) return null;
  if (powerType === null && maxPowerKw >= 40) return maxPowerKw >= 150 ? 'dc_ultra_fast' : 'dc_fast';
  return maxPowerKw <= 2 ? 'ac_level_1' : 'ac_level_2';
}

/** Power is checked, never coerced: negative or beyond any charger built (≈1.2 MW MCS) is rejected. */
export const maxPlausiblePowerKw = 1200;
export function powerProblem(powerKw: number | null): string | null {
  if (powerKw === null) return null;
  if (!Number.isFinite(powerKw) || powerKw <= 0) return `Power ${powerKw} kW must be a positive number.`;
  if (powerKw > maxPlausiblePowerKw) return `Power ${powerKw} kW is beyond any charger built (max ${maxPlausiblePowerKw} kW); is it in W instead of kW?`;
  return null;
}

export interface ConnectorMapping {
  standard: ConnectorStandard | null;
  /** What the mapping implies about the current, when the source does not say. */
  powerType?: PowerType;
  format?: 'SOCKET' | 'CABLE';
}

/**
 * Open Charge Map ConnectionTypeID → vocabulary. An ID not listed here maps to null: the
 * connector is kept and flagged as unknown, never guessed.
 */
export const ocmConnectionTypes: Readonly<Record<number, ConnectorMapping>> = {
  1: { standard: 'J1772', powerType: 'AC_1_PHASE', format: 'CABLE' },
  2: { standard: 'CHADEMO', powerType: 'DC', format: 'CABLE' },
  3: { standard: 'DOMESTIC', format: 'SOCKET' },         // BS1363
  7: { standard: 'OTHER' },                               // Avcon (discontinued)
  8: { standard: 'TESLA_LEGACY', format: 'CABLE' },       // Tesla Roadster
  9: { standard: 'DOMESTIC', format: 'SOCKET' },          // NEMA 5-20R
  10: { standard: 'DOMESTIC', format: 'SOCKET' },         // NEMA 14-30
  11: { standard: 'DOMESTIC', format: 'SOCKET' },         // NEMA 14-50
  13: { standard: 'DOMESTIC', format: 'SOCKET' },         // Europlug
  14: { standard: 'DOMESTIC', format: 'SOCKET' },         // NEMA 6-20
  15: { standard: 'DOMESTIC', format: 'SOCKET' },         // NEMA 6-15
  16: { standard: 'OTHER', format: 'SOCKET' },            // CEE 3 pin
  17: { standard: 'OTHER', format: 'SOCKET' },            // CEE 5 pin
  22: { standard: 'DOMESTIC', format: 'SOCKET' },         // NEMA 5-15R
  23: { standard: 'DOMESTIC', format: 'SOCKET' },         // CEE 7/5
  24: { standard: 'OTHER' },                              // wireless
  25: { standard: 'TYPE_2', format: 'SOCKET' },
  27: { standard: 'NACS', powerType: 'DC', format: 'CABLE' },   // Tesla Supercharger
  28: { standard: 'DOMESTIC', format: 'SOCKET' },         // Schuko
  30: { standard: 'NACS', format: 'CABLE' },              // Tesla (Model S/X) connector = J3400 / NACS
  32: { standard: 'CCS1', powerType: 'DC', format: 'CABLE' },
  33: { standard: 'CCS2', powerType: 'DC', format: 'CABLE' },
  34: { standard: 'OTHER', format: 'SOCKET' },            // IEC 60309 3-pin
  35: { standard: 'OTHER', format: 'SOCKET' },            // IEC 60309 5-pin
  1036: { standard: 'TYPE_2', format: 'CABLE' },
  1037: { standard: 'DOMESTIC', format: 'SOCKET' },       // Swiss T13
  1038: { standard: 'GBT_AC', format: 'SOCKET' },
  1039: { standard: 'GBT_AC', format: 'CABLE' },
  1040: { standard: 'GBT_DC', powerType: 'DC', format: 'CABLE' },
  1042: { standard: 'DOMESTIC', format: 'SOCKET' },       // NEMA TT-30R
};

/** OCM CurrentTypeID → power type. */
export const ocmCurrentTypes: Readonly<Record<number, PowerType>> = { 10: 'AC_1_PHASE', 20: 'AC_3_PHASE', 30: 'DC' };

/** OCM StatusTypeID → lifecycle status; 0 (unknown) and absent map to null. */
export function ocmLifecycle(statusTypeId: number | null | undefined): LifecycleStatus | null {
  switch (statusTypeId) {
    case 10: case 20: case 50: case 75: return 'operational';
    case 30: case 100: return 'out_of_service';
    case 150: return 'planned';
    case 200: case 210: return 'decommissioned';
    default: return null;
  }
}

/** OCM UsageTypeID → access. */
export function ocmAccess(usageTypeId: number | null | undefined): Access | null {
  switch (usageTypeId) {
    case 1: case 4: case 5: case 7: return 'public';
    case 6: case 3: return 'restricted';
    case 2: return 'private';
    default: return null;
  }
}

/** Uses a census location serves (recommendation 18 asks for light- and heavy-duty). */
export const chargingUses = ['light_duty', 'heavy_duty', 'bus_depot', 'fleet'] as const;

/**
 * How a driver can pay. OCPI 2.2.1 capabilities (CREDIT_CARD_PAYABLE, RFID_READER,
 * PLUG_AND_CHARGE_CAPABLE, …), AFDC's accepted cards and the template all map here.
 */
export const paymentMethods = ['free', 'cash', 'bank_card', 'contactless', 'app', 'rfid', 'plug_and_charge', 'membership'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const lifecycleStatuses: readonly LifecycleStatus[] = ['planned', 'operational', 'out_of_service', 'decommissioned'];
export const accessLevels: readonly Access[] = ['public', 'restricted', 'private'];

/** OCPI 2.2.1 Hours. */
export interface OpeningHours {
  twentyfourseven: boolean;
  regular_hours?: Array<{ weekday: number; period_begin: string; period_end: string }>;
}

/**
 * OCPI 2.2.1 ConnectorType → vocabulary. OCPI 2.2.1 has no J3400 value; its TESLA_S (the
 * Model S/X connector) is the connector SAE standardised as J3400/NACS. Codes not listed
 * map to null (flagged as unknown).
 */
export const ocpiConnectorTypes: Readonly<Record<string, ConnectorMapping>> = {
  IEC_62196_T1: { standard: 'J1772', powerType: 'AC_1_PHASE' },
  IEC_62196_T1_COMBO: { standard: 'CCS1', powerType: 'DC' },
  IEC_62196_T2: { standard: 'TYPE_2' },
  IEC_62196_T2_COMBO: { standard: 'CCS2', powerType: 'DC' },
  CHADEMO: { standard: 'CHADEMO', powerType: 'DC' },
  CHAOJI: { standard: 'OTHER', powerType: 'DC' },
  TESLA_S: { standard: 'NACS' },
  TESLA_R: { standard: 'TESLA_LEGACY' },
  GBT_AC: { standard: 'GBT_AC' },
  GBT_DC: { standard: 'GBT_DC', powerType: 'DC' },
  NEMA_5_20: { standard: 'DOMESTIC' }, NEMA_6_30: { standard: 'DOMESTIC' }, NEMA_6_50: { standard: 'DOMESTIC' },
  NEMA_10_30: { standard: 'DOMESTIC' }, NEMA_10_50: { standard: 'DOMESTIC' }, NEMA_14_30: { standard: 'DOMESTIC' }, NEMA_14_50: { standard: 'DOMESTIC' },
  DOMESTIC_A: { standard: 'DOMESTIC' }, DOMESTIC_B: { standard: 'DOMESTIC' }, DOMESTIC_C: { standard: 'DOMESTIC' }, DOMESTIC_D: { standard: 'DOMESTIC' },
  DOMESTIC_E: { standard: 'DOMESTIC' }, DOMESTIC_F: { standard: 'DOMESTIC' }, DOMESTIC_G: { standard: 'DOMESTIC' }, DOMESTIC_H: { standard: 'DOMESTIC' },
  DOMESTIC_I: { standard: 'DOMESTIC' }, DOMESTIC_J: { standard: 'DOMESTIC' }, DOMESTIC_K: { standard: 'DOMESTIC' }, DOMESTIC_L: { standard: 'DOMESTIC' },
  DOMESTIC_M: { standard: 'DOMESTIC' }, DOMESTIC_N: { standard: 'DOMESTIC' }, DOMESTIC_O: { standard: 'DOMESTIC' },
  IEC_60309_2_single_16: { standard: 'OTHER' }, IEC_60309_2_three_16: { standard: 'OTHER' },
  IEC_60309_2_three_32: { standard: 'OTHER' }, IEC_60309_2_three_64: { standard: 'OTHER' },
  MCS: { standard: 'OTHER', powerType: 'DC' }, PANTOGRAPH_BOTTOM_UP: { standard: 'OTHER', powerType: 'DC' }, PANTOGRAPH_TOP_DOWN: { standard: 'OTHER', powerType: 'DC' },
};

/**
 * Vocabulary → OCPI 2.2.1 ConnectorType, for OCPI-shaped exports. DOMESTIC and OTHER
 * have no single OCPI value: the connector's own source code is exported when it is an
 * OCPI code, otherwise the connector is left out of the OCPI export.
 */
export const standardToOcpiConnectorType: Readonly<Partial<Record<ConnectorStandard, string>>> = {
  J1772: 'IEC_62196_T1', TYPE_2: 'IEC_62196_T2', CCS1: 'IEC_62196_T1_COMBO', CCS2: 'IEC_62196_T2_COMBO', CHADEMO: 'CHADEMO',
  NACS: 'TESLA_S', TESLA_LEGACY: 'TESLA_R', GBT_AC: 'GBT_AC', GBT_DC: 'GBT_DC',
};

/** The source of a census record: the prefix of its source key (`ocm`, `afdc`, `ocpi`, `template`, `reg`). */
export function sourceOfKey(sourceKey: string): string {
  const colon = sourceKey.indexOf(':');
  return colon < 0 ? sourceKey : sourceKey.slice(0, colon);
}

/**
 * Connector rows (one per connector, EVSE by EVSE) grouped into their EVSEs, in order of
 * first appearance. `connector` may return null to leave a connector out; an EVSE left
 * with no connector is left out too.
 */
export function groupByEvse<R extends { evse_uid: string }, E extends object, C>(
  rows: readonly R[],
  evse: (first: R) => E,
  connector: (row: R) => C | null,
): Array<E & { connectors: C[] }> {
  const evses = new Map<string, E & { connectors: C[] }>();
  for (const row of rows) {
    const mapped = connector(row);
    if (mapped === null) continue;
    let group = evses.get(row.evse_uid);
    if (!group) {
      group = { ...evse(row), connectors: [] };
      evses.set(row.evse_uid, group);
    }
    group.connectors.push(mapped);
  }
  return [...evses.values()];
}
