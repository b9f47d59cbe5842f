/**
 * Wire types of the supplier registration and claims API (v1) as the web app uses them.
 * They follow the typebox schemas of apps/server/src/modules/suppliers/suppliers.registration.*
 * and suppliers.claims.*; fields the pages do not use are left out.
 */

export type SizeClass = 'micro' | 'small' | 'medium' | 'large';
export type EmployeeStratum = '0-5' | '6-10' | '11-30' | '31-50' | '51-100' | '101-250' | '251+';
export type EvReadiness = 'makes_ev_parts' | 'could_convert' | 'not_yet';
export type ClaimStatus = 'pending' | 'approved' | 'rejected';

export interface CertificationBody {
  code: string;
  expiresOn?: string | null;
  certificateId?: string | null;
}

export interface CompanyBody {
  legalName: string;
  tradeNames: string[];
  rfc?: string | null;
  sizeClass?: SizeClass | null;
  ownershipCountry?: string | null;
  website?: string | null;
}

/** The plant's fields, as registration sends them and as PATCH takes them (partially). */
export interface EstablishmentBody {
  name: string;
  street?: string | null;
  exteriorNumber?: string | null;
  neighbourhood?: string | null;
  postalCode?: string | null;
  locality?: string | null;
  industrialPark?: string | null;
  lat: number;
  lon: number;
  scian?: string | null;
  employeesStratum?: EmployeeStratum | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: CertificationBody[];
  oemCustomers: string[];
  exportMarkets: string[];
  evReadiness?: EvReadiness | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  contactConsent: boolean;
}

export interface RegistrationBody {
  /** An organisation the user edits; without it the server creates one of type `company`. */
  organisationId?: string;
  company: CompanyBody;
  establishment: EstablishmentBody;
}

export type EstablishmentPatch = Partial<EstablishmentBody> & { updatedAt: string };

export interface OrgRef {
  id: string;
  name: string;
}

/** An establishment as its company's members see it (`GET mine`, registration and PATCH answer it). */
export interface OwnEstablishment {
  id: string;
  sourceKey: string;
  /** `reg` for registered plants; else the source that brought it (denue, retc, template). */
  source: string;
  origin: 'import' | 'registered';
  editable: boolean;
  /** claim_required: an imported plant of your company, editable once a moderator approves your claim; not_editor: you are a member, not an editor. */
  readOnlyReason: 'claim_required' | 'not_editor' | 'folded' | 'not_yours' | null;
  company: {
    id: string;
    legalName: string;
    tradeNames: string[];
    rfc: string | null;
    sizeClass: string | null;
    ownershipCountry: string | null;
    website: string | null;
    organisation: OrgRef | null;
  } | null;
  name: string;
  street: string | null;
  exteriorNumber: string | null;
  neighbourhood: string | null;
  postalCode: string | null;
  locality: string | null;
  industrialPark: string | null;
  lat: number;
  lon: number;
  scian: string | null;
  scianTitle?: string | null;
  employeesStratum: EmployeeStratum | null;
  tiers: string[];
  processes: string[];
  components: string[];
  certifications: CertificationBody[];
  oemCustomers: string[];
  exportMarkets: string[];
  evReadiness: EvReadiness | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contactConsent: boolean;
  cveEnt: string | null;
  stateName: string | null;
  cvegeo: string | null;
  municipalityName: string | null;
  locationFlags?: string[];
  mergedInto?: string | null;
  createdAt?: string;
  updatedAt: string;
}

export interface Claim {
  id: string;
  status: ClaimStatus;
  establishment: {
    id: string;
    name: string;
    legalName: string | null;
    origin: string;
    source: string;
    stateName: string | null;
    municipalityName: string | null;
    mergedInto: string | null;
  };
  organisation: OrgRef;
  claimant: { id: string; displayName: string; email: string };
  jobTitle: string | null;
  evidence: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: { id: string; displayName: string } | null;
  decisionNote: string | null;
}

export interface ClaimPage {
  items: Claim[];
  total: number;
  limit: number;
  offset: number;
}

export interface ClaimBody {
  organisationId?: string;
  organisationName?: string;
  jobTitle?: string;
  evidence: string;
}

export interface MineResponse {
  organisations: Array<{ id: string; name: string; role: string; companyId: string | null }>;
  establishments: OwnEstablishment[];
  total: number;
  claims: Claim[];
}
