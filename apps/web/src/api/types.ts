/** Wire types of the Electrifica HTTP API (v1) as the web app uses them. */
import type {
  ImportCounts,
  ImportStatus,
  LocalizedText,
  MembershipRole,
  OrganisationType,
  PlatformRole,
} from '@electrifica/contracts';

export type { ImportCounts, ImportStatus, LocalizedText, MembershipRole, OrganisationType, PlatformRole };

export interface ListResponse<T> {
  items: T[];
  total: number;
}

export interface AppConfigResponse {
  basemapStyleUrl: string | null;
  version: string;
}

// ---------- accounts ----------

export interface Membership {
  organisationId: string;
  organisationName: string;
  role: MembershipRole;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: PlatformRole;
  memberships: Membership[];
}

export interface UserEnvelope {
  user: SessionUser;
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** Shown exactly once. */
  token: string;
  createdAt?: string;
}

// ---------- geo ----------

export interface DataSource {
  id: string;
  name: string;
  publisher: string;
  vintage: string;
  attribution: string;
}

export type BBox = [number, number, number, number];

export interface StateSummary {
  cveEnt: string;
  name: string;
  shortName: string;
  population2020: number | null;
  areaKm2: number | null;
  municipalityCount: number;
}

export interface StateListResponse extends ListResponse<StateSummary> {
  sources: DataSource[];
}

export interface StateDetail extends StateSummary {
  populationMale2020: number | null;
  populationFemale2020: number | null;
  bbox: BBox | null;
  sources: DataSource[];
}

export interface MunicipalitySummary {
  cvegeo: string;
  cveEnt: string;
  cveMun: string;
  name: string;
  population2020: number | null;
  areaKm2: number | null;
  hasBoundary: boolean;
}

export interface MunicipalityPage extends ListResponse<MunicipalitySummary> {
  limit: number;
  offset: number;
}

export interface MunicipalityDetail {
  cvegeo: string;
  cveEnt: string;
  cveMun: string;
  name: string;
  stateName: string | null;
  population2020: number | null;
  households2020?: number | null;
  areaKm2: number | null;
  seatName: string | null;
  hasBoundary: boolean;
  boundaryVintage: string | null;
  catalogueVintage: string;
  bbox: BBox | null;
  notes: string[];
  sources: DataSource[];
}

export type SearchResultType = 'state' | 'municipality' | 'locality';

export interface SearchResult {
  type: SearchResultType;
  code: string;
  name: string;
  stateName: string | null;
  population2020: number | null;
  center: [number, number] | null;
}

export interface LocateResponse {
  state: { cveEnt: string; name: string };
  municipality: { cvegeo: string; name: string } | null;
  /** contains | nearest | state */
  method: string;
  distanceKm?: number | null;
  boundaryVintage: string | null;
  notes: string[];
}

// ---------- imports ----------

export interface ImportColumn {
  name: string;
  required: boolean;
  aliases: string[];
}

export interface ImportKind {
  kind: string;
  module: string;
  title: LocalizedText;
  description: LocalizedText;
  formats: string[];
  columns: ImportColumn[];
  requiredRole: string | null;
}

export interface ImportRun extends ImportCounts {
  id: string;
  kind: string;
  status: ImportStatus;
  strict?: boolean;
  filename: string;
  createdByLabel?: string;
  startedAt?: string | null;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
  finishedAt: string | null;
  fileError: { code: string; message: string } | null;
  warnings: string[];
}

export interface ImportRejection {
  rowNumber: number;
  code: string;
  message: string;
  raw: unknown;
}

// ---------- admin ----------

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  role: PlatformRole;
  createdAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  type: OrganisationType;
  rfc?: string | null;
  cveEnt?: string | null;
  website?: string | null;
  createdAt: string;
  updatedAt?: string;
}

export interface AuditEvent {
  id: string | number;
  entityType: string;
  entityId: string;
  action: 'create' | 'update' | 'delete' | string;
  actorLabel: string;
  actorUserId?: string | null;
  importId?: string | null;
  occurredAt: string;
  before: unknown;
  after: unknown;
}
