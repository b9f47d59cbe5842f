/**
 * Wire types of the supplier census API (`/api/v1/suppliers`, see the server module's
 * README) as the web app uses them. Vocabularies (tiers, processes, components…) are not
 * repeated here: their codes and labels come from `GET taxonomy` and `GET components`.
 */
import type { DataSource } from '../../api/types';

/** A data source of the census: a geo source plus its licence and address. */
export interface SupplierSource extends DataSource {
  licence?: string | null;
  url?: string | null;
}

/** Every figure and list carries where it comes from and how recent it is. */
export interface Sourced {
  sources: SupplierSource[];
  asOf: string | null;
}

export interface Labelled {
  code: string;
  es: string;
  en: string;
}

export interface TaxonomyComponentGroup extends Labelled {}

export interface Taxonomy extends Partial<Sourced> {
  tiers: Labelled[];
  processes: Labelled[];
  certifications: Labelled[];
  employeeStrata: Labelled[];
  sizeClasses: Labelled[];
  evReadiness: Labelled[];
  componentGroups: TaxonomyComponentGroup[];
  /** The catalogue as the taxonomy lists it (the live copy is `GET components`). */
  components?: Array<Labelled & { group: string; evSpecific: boolean; hsCodes: string[] }>;
}

export interface SupplierCertification {
  code: string;
  expiresOn?: string | null;
  certificateId?: string | null;
  issuer?: string | null;
  /** Set by the server when the expiry date has passed. */
  expired?: boolean;
}

export interface EstablishmentSummary {
  id: string;
  name: string;
  companyId: string | null;
  legalName: string | null;
  scian: string | null;
  scianTitle: string | null;
  cveEnt: string | null;
  stateName: string | null;
  cvegeo: string | null;
  municipalityName: string | null;
  lat: number;
  lon: number;
  tiers: string[];
  processes: string[];
  components: string[];
  /** Codes of the certifications held and not expired (the detail has their dates). */
  certifications: string[];
  sizeClass: string | null;
  employeesStratum: string | null;
  evReadiness: string | null;
  source: string;
  /** Only when the request gave `near`. */
  distanceKm?: number | null;
}

/** Facet name → value code → number of establishments matching the other filters. */
export type FacetCounts = Partial<Record<FacetName, Array<{ value: string; count: number; name?: string | null }>>>;

export const facetNames = ['state', 'municipality', 'tier', 'process', 'component', 'certification', 'size', 'evReadiness'] as const;
export type FacetName = (typeof facetNames)[number];

export interface EstablishmentPage {
  items: EstablishmentSummary[];
  total: number;
  limit: number;
  offset: number;
  sort?: string;
  facets?: FacetCounts;
}

export interface FieldProvenance {
  source: string;
  vintage?: string;
  method: string;
  declaredAt?: string;
  retrievedAt?: string;
  importId?: string;
  rowNumber?: number;
}

export interface EstablishmentDetail extends Omit<EstablishmentSummary, 'certifications'>, Partial<Sourced> {
  certifications: SupplierCertification[];
  rfc?: string | null;
  sourceKey?: string;
  origin?: string;
  company: { id: string; legalName: string; tradeNames?: string[]; rfc?: string | null; sizeClass?: string | null; ownershipCountry?: string | null } | null;
  /** Set when this record was folded into another plant: the one that stands for it now. */
  mergedInto?: { id: string; name: string } | null;
  address: {
    street?: string | null;
    exteriorNumber?: string | null;
    neighbourhood?: string | null;
    postalCode?: string | null;
    locality?: string | null;
    industrialPark?: string | null;
    municipalityAsGiven?: string | null;
    stateAsGiven?: string | null;
  } | null;
  locationFlags: string[];
  oemCustomers?: string[];
  exportMarkets?: string[];
  registeredOn?: string | null;
  updatedAt?: string | null;
  /** Per field (`record` for the whole record); values from the server, not all of them `FieldProvenance`. */
  provenance: Record<string, unknown>;
  /** Records of other sources folded into this one (merged duplicates). */
  alsoReportedBy?: Array<{ id: string; name: string; source: string; attribution?: string | null; licence?: string | null }>;
  /** Only for signed-in users, and only when the company consented. */
  contact?: { phone?: string | null; email?: string | null; website?: string | null } | null;
  /** Why `contact` is missing: `sign_in` or `no_consent`. */
  contactHidden?: string | null;
  /** The citation of the record's own source. */
  cite?: { source: string; licence: string | null } | null;
}

export interface CompanyDetail extends Partial<Sourced> {
  id: string;
  legalName: string;
  tradeNames?: string[];
  rfc?: string | null;
  sizeClass?: string | null;
  ownershipCountry?: string | null;
  website?: string | null;
  establishments: EstablishmentSummary[];
  total?: number;
  provenance?: Record<string, unknown>;
}

export interface CatalogueComponent {
  code: string;
  group: string;
  evSpecific: boolean;
  nameEs: string;
  nameEn: string;
  descriptionEs?: string | null;
  descriptionEn?: string | null;
  hsCodes: string[];
  retired: boolean;
  /** Establishments (not merged away) that supply it. */
  establishments: number;
  companies?: number;
  /** State codes of its suppliers. */
  states?: string[];
  statesCount?: number;
  /** Suppliers per tier code. */
  tiers?: Record<string, number>;
  /** At least one supplier placed in a Mexican state. */
  hasDomesticSupplier?: boolean;
  updatedAt?: string | null;
}

export interface ComponentList extends Partial<Sourced> {
  items: CatalogueComponent[];
  total?: number;
  withoutDomesticSupplier?: string[];
  method?: string;
}

export type ComponentDetail = CatalogueComponent & Partial<Sourced> & { provenance?: Record<string, unknown>; suppliers?: EstablishmentPage };

export interface ComponentInput {
  code?: string;
  group?: string;
  evSpecific?: boolean;
  nameEs?: string;
  nameEn?: string;
  descriptionEs?: string | null;
  descriptionEn?: string | null;
  hsCodes?: string[];
  retired?: boolean;
}

export const statsGroupings = ['component', 'state', 'tier', 'process'] as const;
export type StatsGroupBy = (typeof statsGroupings)[number];

export interface StatsRow {
  /** null: establishments with no value for the grouping (unplaced, no tier declared…). */
  code: string | null;
  /** Spanish name (or the only one: states). */
  name: string | null;
  nameEn: string | null;
  establishments: number;
  companies: number;
  byTier: Record<string, number>;
  bySize: Record<string, number>;
  /** State codes of the group's establishments. */
  states: string[];
  statesCount: number;
  /** By component only. */
  hasDomesticSupplier?: boolean;
  evSpecific?: boolean;
  retired?: boolean;
}

export interface SupplierStats extends Sourced {
  groupBy: StatsGroupBy;
  items: StatsRow[];
  /** Mexico as a whole (code 'MX'). */
  national: StatsRow;
  withoutDomesticSupplier?: string[];
  method: string;
}

export type ClusterProperties =
  | { cluster: true; count: number; clusterId: number }
  | { cluster: false; count: 1; id: string; name: string; tiers?: string[] };

export interface ClusterFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: ClusterProperties;
}

export interface ClusterCollection {
  type: 'FeatureCollection';
  features: ClusterFeature[];
}
