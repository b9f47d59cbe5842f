/** Wire types of the duplicate-matching API (v1) as the web app uses them. */
import type { ChargingSource } from '../types';

export type DuplicateStatus = 'pending' | 'merged' | 'distinct';

export interface DuplicateListedSide {
  id: string;
  sourceKey: string;
  /** The source: the prefix of the source key (`ocm`, `afdc`, `ocpi`, `template`, `reg`). */
  source: string;
  name: string;
  operatorName: string | null;
}

interface PairFields {
  id: string;
  status: DuplicateStatus;
  /** 0..1 */
  score: number;
  distanceM: number;
  /** Stable codes, translated by `reasonLabel`. */
  reasons: string[];
  createdAt: string;
  decidedAt: string | null;
}

export interface DuplicateListItem extends PairFields {
  location: DuplicateListedSide;
  match: DuplicateListedSide;
}

export interface DuplicatePage {
  items: DuplicateListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface DuplicateConnector {
  connectorId: string;
  standard: string | null;
  sourceCode: string;
  sourceLabel: string | null;
  powerType: string | null;
  maxElectricPowerKw: number | null;
}

export interface DuplicateSide extends DuplicateListedSide {
  sourceRecordId: string;
  address: string | null;
  city: string | null;
  postalCode: string | null;
  countryCode: string | null;
  lat: number;
  lon: number;
  cveEnt: string | null;
  cvegeo: string | null;
  stateName: string | null;
  municipalityName: string | null;
  access: string | null;
  lifecycleStatus: string | null;
  operatorOrganisationId: string | null;
  operatorOrganisationName: string | null;
  ownerName: string | null;
  origin: string;
  mergedInto: string | null;
  paymentMethods: string[];
  ocppSupport: boolean | null;
  commissionedOn: string | null;
  lastVerifiedAt: string | null;
  createdAt: string;
  evses: Array<{ evseUid: string; lifecycleStatus: string | null; connectors: DuplicateConnector[] }>;
  provenance: Record<string, unknown>;
}

export interface DuplicateDetail extends PairFields {
  decidedBy: string | null;
  location: DuplicateSide;
  match: DuplicateSide;
  sources: ChargingSource[];
}

export interface AlsoReportedByItem {
  sourceKey: string;
  sourceId: string;
  sourceRecordId: string;
  name: string;
  source: ChargingSource | null;
}

export interface AlsoReportedBy {
  locationId: string;
  items: AlsoReportedByItem[];
}
