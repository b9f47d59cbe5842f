/**
 * Wire types of the supplier matching queue and of claims moderation (v1), as the schemas
 * of apps/server/src/modules/suppliers/suppliers.matches.routes.ts and
 * suppliers.claims.routes.ts define them.
 */
import type { SupplierSource } from '../types';

export type MatchStatus = 'pending' | 'merged' | 'distinct' | 'unmerged';
export type Keep = 'establishment' | 'match';

export interface MatchListedSide {
  id: string;
  sourceKey: string;
  /** The prefix of the source key: `denue`, `retc`, `template`, `reg`. */
  source: string;
  name: string;
  legalName: string | null;
  rfc: string | null;
  cvegeo: string | null;
  municipalityName: string | null;
  stateName: string | null;
  mergedInto: string | null;
}

interface PairFields {
  id: string;
  status: MatchStatus;
  /** 0..1 */
  score: number;
  distanceM: number | null;
  /** Stable codes, translated by `reasonLabel`. */
  reasons: string[];
  createdAt: string;
  decidedAt: string | null;
}

export interface MatchListItem extends PairFields {
  establishment: MatchListedSide;
  match: MatchListedSide;
}

export interface MatchPage {
  items: MatchListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface MatchCompany {
  id: string;
  legalName: string;
  rfc: string | null;
  tradeNames: string[];
  sizeClass: string | null;
  ownershipCountry: string | null;
  website: string | null;
  organisationId: string | null;
}

export interface MatchAddress {
  street: string | null;
  exteriorNumber: string | null;
  neighbourhood: string | null;
  postalCode: string | null;
  locality: string | null;
  industrialPark: string | null;
  municipalityAsGiven: string | null;
  stateAsGiven: string | null;
  cvegeoAsGiven: string | null;
}

export interface MatchSide {
  id: string;
  sourceKey: string;
  /** The data source of the record (`inegi-denue`, `semarnat-retc`…), else the source key's prefix. */
  source: string;
  sourceRecordId: string;
  origin: string;
  name: string;
  legalName: string | null;
  rfc: string | null;
  company: MatchCompany | null;
  address: MatchAddress;
  lat: number;
  lon: number;
  cveEnt: string | null;
  cvegeo: string | null;
  stateName: string | null;
  municipalityName: string | null;
  locationFlags: string[];
  scian: string | null;
  employeesStratum: string | null;
  sizeClass: string | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: Array<{ code: string; expiresOn?: string; certificateId?: string; issuer?: string }>;
  oemCustomers: string[];
  exportMarkets: string[];
  evReadiness: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contactConsent: boolean;
  registeredOn: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  provenance: Record<string, unknown>;
}

export interface MatchDetail extends PairFields {
  decidedBy: string | null;
  establishment: MatchSide;
  match: MatchSide;
  sources: SupplierSource[];
}
