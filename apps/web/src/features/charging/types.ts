/** Wire types of the charging census API (v1) as the web app uses them. */
import type { DataSource } from '../../api/types';
import type { LiveStatus, LiveStatusSummary, PublicStatus } from '../live/types';

/** The one connector vocabulary every source maps to, in the order the census lists it. */
export const connectorStandards = [
  'J1772',
  'TYPE_2',
  'CCS1',
  'CCS2',
  'CHADEMO',
  'NACS',
  'GBT_AC',
  'GBT_DC',
  'TESLA_LEGACY',
  'DOMESTIC',
  'OTHER',
] as const;
export type ConnectorStandard = (typeof connectorStandards)[number];

/** What the statistics and lists call a connector whose standard the census did not recognise. */
export const unknownStandard = 'UNKNOWN' as const;

export const accessValues = ['public', 'restricted', 'private'] as const;
export type Access = (typeof accessValues)[number];

export const lifecycleStatuses = ['planned', 'operational', 'out_of_service', 'decommissioned'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

/** Uses a census location serves (the API's `use` filter). */
export const chargingUses = ['light_duty', 'heavy_duty', 'bus_depot', 'fleet'] as const;
export type ChargingUse = (typeof chargingUses)[number];

/** How a driver can pay, as the census records it. */
export const paymentMethods = ['free', 'cash', 'bank_card', 'contactless', 'app', 'rfid', 'plug_and_charge', 'membership'] as const;

export type ChargingLevel = 'ac_level_1' | 'ac_level_2' | 'dc_fast' | 'dc_ultra_fast';

export interface ChargingLocationSummary {
  id: string;
  sourceKey: string;
  name: string;
  operatorName: string | null;
  access: string | null;
  lifecycleStatus: string | null;
  lat: number;
  lon: number;
  cveEnt: string | null;
  cvegeo: string | null;
  stateName: string | null;
  municipalityName: string | null;
  /** May include `UNKNOWN`. */
  connectorStandards: string[];
  maxPowerKw: number | null;
  evseCount: number;
  uses?: string[];
}

export interface ChargingLocationPage {
  items: ChargingLocationSummary[];
  /** All locations matching the filters. */
  total: number;
  limit: number;
  offset: number;
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface ChargingConnector {
  connectorId: string;
  standard: string | null;
  sourceCode: string | null;
  sourceLabel: string | null;
  format: string | null;
  powerType: string | null;
  maxVoltageV: number | null;
  maxAmperageA: number | null;
  maxElectricPowerKw: number | null;
  chargingLevel: ChargingLevel | null;
  unknownStandard: boolean;
}

export interface ChargingEvse {
  evseUid: string;
  lifecycleStatus: string | null;
  /** The current live status; null when no source ever reported one. */
  liveStatus?: LiveStatus | null;
  connectors: ChargingConnector[];
}

/** A data source of the charging census: a geo source plus its licence and address. */
export interface ChargingSource extends DataSource {
  licence: string | null;
  url: string | null;
}

export interface ChargingLocationDetail {
  id: string;
  sourceKey: string;
  name: string;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  countryCode: string | null;
  stateAsGiven: string | null;
  lat: number;
  lon: number;
  cveEnt: string | null;
  cvegeo: string | null;
  stateName: string | null;
  municipalityName: string | null;
  access: string | null;
  operatorName: string | null;
  lifecycleStatus: string | null;
  lastVerifiedAt: string | null;
  updatedAt: string;
  evses: ChargingEvse[];
  liveStatusSummary?: LiveStatusSummary;
  provenance: unknown;
  sources: ChargingSource[];
  asOf: string | null;
}

export type ClusterProperties =
  | { cluster: true; count: number; clusterId: number }
  | { cluster: false; count: 1; id: string; name: string; maxPowerKw: number | null; liveStatus?: PublicStatus | null };

export interface ClusterFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: ClusterProperties;
}

export interface ClusterCollection {
  type: 'FeatureCollection';
  features: ClusterFeature[];
}

export type StatsGroupBy = 'state' | 'municipality';

export interface ChargingStatsRow {
  /** null: locations the census could not place in a state or municipality. */
  code: string | null;
  name: string | null;
  population2020: number | null;
  publicLocations: number;
  evses: number;
  connectors: number;
  connectorsByStandard: Record<string, number>;
  installedKw: number;
  publicLocationsPer100k: number | null;
  dcFastShare: number | null;
  northAmericanStandardShare: number | null;
  /** Private chargers in the area: a count only (recommendation 18). */
  privateLocations: number;
  ocpp: OcppDeclarations;
  /** Public locations offering each payment method. */
  paymentMethods: Record<string, number>;
  /** Public locations declaring no payment method. */
  paymentUndeclared: number;
}

export interface OcppDeclarations {
  declaredYes: number;
  declaredNo: number;
  notDeclared: number;
  /** Share declaring support among those that declare either way. */
  share: number | null;
}

export interface ChargingStats {
  groupBy: StatsGroupBy;
  items: ChargingStatsRow[];
  /** Mexico as a whole (code 'MX'). */
  national: ChargingStatsRow;
  method: string;
  sources: ChargingSource[];
  asOf: string | null;
}

/** The standards dashboard (recommendation 19). */
export interface ChargingStandards {
  publicLocations: number;
  connectors: number;
  connectorsByStandard: Record<string, number>;
  northAmericanStandards: string[];
  northAmericanStandardConnectors: number;
  northAmericanStandardShare: number | null;
  ocpp: OcppDeclarations;
  paymentMethods: Record<string, number>;
  paymentUndeclared: number;
  method: string;
  sources: ChargingSource[];
  asOf: string | null;
}
