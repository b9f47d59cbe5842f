/**
 * Table types as the database stores them. Domain shapes live in each module and are
 * mapped from these by one function per table; geometry columns are read through SQL.
 */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null = object | null> = JSONColumnType<T, string, string>;

export interface Provenance {
  /** Data source id, see the `data_source` table. */
  source: string;
  /** The vintage or reference date of the source (e.g. 'Censo 2020', 'MGN 2010'). */
  vintage?: string;
  /** How the value was obtained: 'import', 'manual', 'derived', or declared by an operator or owner in the app. */
  method: 'import' | 'manual' | 'derived' | 'declared by operator' | 'declared by owner' | 'declared by company';
  /** Who declared it (registrations). */
  userId?: string;
  declaredAt?: string;
  importId?: string;
  rowNumber?: number;
  retrievedAt?: string;
  /** OCPI: the party (`MX*ABC`) that pushed the record through the Locations module. */
  ocpiParty?: string;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  email_normalized: string;
  display_name: string;
  password_hash: string;
  role: 'member' | 'moderator' | 'analyst' | 'admin';
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  disabled_at: Date | null;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  type: string;
  rfc: string | null;
  cve_ent: string | null;
  website: string | null;
  /** OCPI 2.2.1 party of a charge point operator (ISO 3166 alpha-2 + 3-character party id). */
  ocpi_country_code: string | null;
  ocpi_party_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: 'member' | 'editor';
  created_at: Generated<Date>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  entity_type: string;
  entity_id: string;
  action: 'create' | 'update' | 'delete';
  actor_user_id: string | null;
  actor_label: string;
  import_id: string | null;
  occurred_at: Generated<Date>;
  before: Json | null;
  after: Json | null;
}

export interface DataSourceTable {
  id: string;
  name: string;
  publisher: string;
  licence: string;
  attribution: string;
  vintage: string;
  url: string | null;
  notes: string | null;
}

export interface ImportFileTable {
  id: Generated<string>;
  sha256: string;
  filename: string;
  media_type: string | null;
  size_bytes: number;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface ImportRunTable {
  id: Generated<string>;
  kind: string;
  file_id: string;
  status: ColumnType<string, string | undefined, string>;
  strict: boolean;
  options: Json<Record<string, unknown>>;
  created_by: string | null;
  created_by_label: string;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  new_rows: Generated<number>;
  updated_rows: Generated<number>;
  unchanged_rows: Generated<number>;
  rejected_rows: Generated<number>;
  file_error_code: string | null;
  file_error_message: string | null;
  warnings: Json<string[]>;
}

export interface ImportRejectionTable {
  import_id: string;
  row_number: number;
  code: string;
  message: string;
  raw: Json | null;
}

export interface TaskTable {
  id: Generated<number>;
  name: string;
  payload: Json<Record<string, unknown>>;
  status: ColumnType<'pending' | 'running' | 'done' | 'failed', 'pending' | undefined, 'pending' | 'running' | 'done' | 'failed'>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_at: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
}

export interface GeoStateTable {
  cve_ent: string;
  name: string;
  short_name: string;
  search_name: string;
  population_2020: number | null;
  population_male_2020: number | null;
  population_female_2020: number | null;
  area_km2: number | null;
  geom: unknown | null;
  geom_hash: string | null;
  provenance: Json<Record<string, Provenance>>;
}

export interface GeoMunicipalityTable {
  cvegeo: string;
  cve_ent: string;
  cve_mun: string;
  name: string;
  search_name: string;
  seat_name: string | null;
  population_2020: number | null;
  households_2020: number | null;
  catalogue_vintage: string;
  provenance: Json<Record<string, Provenance>>;
}

export interface GeoMunicipalBoundaryTable {
  vintage: string;
  cvegeo: string;
  name: string;
  area_km2: number;
  geom: unknown;
  geom_hash: string;
  provenance: Json<Record<string, Provenance>>;
}

export interface GeoLocalityTable {
  cvegeo: string;
  cve_ent: string;
  cvegeo_mun: string;
  name: string;
  search_name: string;
  urban: boolean;
  altitude_m: number | null;
  population_2020: number;
  lat: number;
  lon: number;
  geom: unknown;
  provenance: Json<Record<string, Provenance>>;
}

export interface UsStateTable {
  abbr: string;
  name: string;
  geom: unknown;
  geom_hash: string;
  provenance: Json<Record<string, Provenance>>;
}

export interface ChargingLocationTable {
  id: Generated<string>;
  source_key: string;
  name: string;
  search_name: string;
  address: string | null;
  city: string | null;
  postal_code: string | null;
  country_code: string;
  state_as_given: string | null;
  lat: number;
  lon: number;
  geom: unknown;
  cve_ent: string | null;
  cvegeo: string | null;
  access: string | null;
  uses: Generated<string[]>;
  operator_name: string | null;
  owner_name: string | null;
  payment_methods: Generated<string[]>;
  lifecycle_status: string | null;
  ocpp_support: boolean | null;
  last_verified_at: Date | null;
  children_hash: string;
  provenance: Json<Record<string, Provenance>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** 'import' (from a source file) or 'registered' (by its operator or owner in the app). */
  origin: Generated<'import' | 'registered'>;
  operator_organisation_id: string | null;
  owner_organisation_id: string | null;
  /** The user who owns a registered private charger (a household, say); sees its exact point. */
  owner_user_id: string | null;
  /** OCPI 2.2.1 Hours: `{ twentyfourseven, regular_hours?, exceptional_openings?, exceptional_closings? }`. */
  opening_hours: JSONColumnType<object | null, string | null, string | null>;
  commissioned_on: string | null;
  /** `split_part(source_key, ':', 1)`, generated by the database. */
  source: Generated<string>;
  /** For US-side locations: the state the point falls in. */
  us_state_abbr: string | null;
  /** What the location's EVSEs and connectors add up to, written with them (for statistics). */
  evse_count: Generated<number>;
  connector_count: Generated<number>;
  connectors_by_standard: Generated<Record<string, number>>;
  installed_kw: Generated<number>;
  dc_fast_connectors: Generated<number>;
  /** Set when a moderator (or a confident match) folds this record into another; hidden from lists and counts. */
  merged_into: string | null;
}

export interface ChargingDuplicateTable {
  id: Generated<string>;
  location_id: string;
  match_id: string;
  score: number;
  distance_m: number;
  reasons: Json<string[]>;
  status: Generated<'pending' | 'merged' | 'distinct'>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

export interface ChargingEvseTable {
  id: Generated<string>;
  location_id: string;
  evse_uid: string;
  lifecycle_status: string | null;
}

export interface ChargingConnectorTable {
  evse_id: string;
  connector_id: string;
  standard: string | null;
  source_code: string;
  source_label: string | null;
  format: string | null;
  power_type: string | null;
  max_voltage_v: number | null;
  max_amperage_a: number | null;
  max_electric_power_kw: number | null;
  charging_level: string | null;
}

export type EvseStatusValue = 'AVAILABLE' | 'BLOCKED' | 'CHARGING' | 'INOPERATIVE' | 'OUTOFORDER' | 'PLANNED' | 'REMOVED' | 'RESERVED' | 'UNKNOWN';
export type StatusSourceValue = 'ocpp' | 'ocpi' | 'manual' | 'system';

export interface ChargePointTable {
  id: Generated<string>;
  identity: string;
  operator_organisation_id: string | null;
  location_id: string | null;
  password_hash: string | null;
  registration_status: Generated<'accepted' | 'pending' | 'rejected'>;
  ocpp_version: 'ocpp1.6' | 'ocpp2.0.1' | null;
  vendor: string | null;
  model: string | null;
  serial_number: string | null;
  firmware_version: string | null;
  connected: Generated<boolean>;
  last_boot_at: Date | null;
  last_seen_at: Date | null;
  offline_since: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** JSON: Array<{ ocppEvseId: number; ocppConnectorId: number | null; evseUid: string }>. */
  port_map: Generated<unknown>;
}

/** OCPP: the id tokens an operator accepts (Authorize, transactions). */
export interface OcppIdTokenTable {
  operator_organisation_id: string;
  id_token: string;
  status: Generated<'Accepted' | 'Blocked' | 'Expired' | 'Invalid'>;
  expires_at: Date | null;
  created_at: Generated<Date>;
}

export interface ChargePointPortTable {
  charge_point_id: string;
  ocpp_evse_id: number;
  ocpp_connector_id: Generated<number>;
  location_id: string | null;
  evse_uid: string | null;
  status: EvseStatusValue;
  protocol_status: string | null;
  error_code: string | null;
  status_at: Timestamp;
  received_at: Generated<Date>;
}

export interface ChargingEvseStatusTable {
  location_id: string;
  evse_uid: string;
  status: EvseStatusValue;
  status_at: Timestamp;
  received_at: Generated<Date>;
  source: StatusSourceValue;
}

export interface ChargingStatusEventTable {
  id: Generated<string>;
  location_id: string | null;
  evse_uid: string | null;
  charge_point_id: string | null;
  ocpp_evse_id: number | null;
  ocpp_connector_id: number | null;
  status: EvseStatusValue;
  protocol_status: string | null;
  error_code: string | null;
  info: string | null;
  source: StatusSourceValue;
  occurred_at: Timestamp;
  received_at: Generated<Date>;
}

export interface ChargingSessionTable {
  id: Generated<string>;
  charge_point_id: string;
  ocpp_evse_id: number | null;
  ocpp_connector_id: number | null;
  location_id: string | null;
  evse_uid: string | null;
  transaction_id: string;
  id_token: string | null;
  started_at: Timestamp;
  stopped_at: Timestamp | null;
  meter_start_wh: number | null;
  meter_last_wh: number | null;
  energy_wh: number | null;
  stop_reason: string | null;
  updated_at: Generated<Date>;
}

// --- OCPI 2.2.1 (migration 0006) ---
export interface OcpiPartyTable {
  id: Generated<string>;
  organisation_id: string;
  country_code: string;
  party_id: string;
  status: Generated<'pending' | 'registered' | 'unregistered' | 'revoked'>;
  token_a_hash: string | null;
  token_c_hash: string | null;
  peer_token: string | null;
  peer_versions_url: string | null;
  version: string | null;
  endpoints: JSONColumnType<Array<{ identifier: string; role: string; url: string }>, string | undefined, string>;
  roles: JSONColumnType<Array<Record<string, unknown>>, string | undefined, string>;
  created_by: string | null;
  created_at: Generated<Date>;
  registered_at: Date | null;
  updated_at: Generated<Date>;
  ended_at: Date | null;
}

export interface OcpiLocationTable {
  country_code: string;
  party_id: string;
  location_key: string;
  ocpi_id: string;
  location_id: string;
  object: JSONColumnType<Record<string, unknown>, string, string>;
  last_updated: Timestamp;
  received_at: Generated<Date>;
}
// --- end OCPI ---

export interface Database {
  app_user: AppUserTable;
  organisation: OrganisationTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  data_source: DataSourceTable;
  import_file: ImportFileTable;
  import_run: ImportRunTable;
  import_rejection: ImportRejectionTable;
  task: TaskTable;
  geo_state: GeoStateTable;
  geo_municipality: GeoMunicipalityTable;
  geo_municipal_boundary: GeoMunicipalBoundaryTable;
  geo_locality: GeoLocalityTable;
  us_state: UsStateTable;
  charging_location: ChargingLocationTable;
  charging_evse: ChargingEvseTable;
  charging_connector: ChargingConnectorTable;
  charging_duplicate: ChargingDuplicateTable;
  charge_point: ChargePointTable;
  charge_point_port: ChargePointPortTable;
  charging_evse_status: ChargingEvseStatusTable;
  charging_status_event: ChargingStatusEventTable;
  charging_session: ChargingSessionTable;
  ocpi_party: OcpiPartyTable;
  ocpi_location: OcpiLocationTable;
  ocpp_id_token: OcppIdTokenTable;
  // uptime (migration 0007)
  charging_outage_exclusion: ChargingOutageExclusionTable;
  // suppliers (migration 0008)
  supplier_company: SupplierCompanyTable;
  supplier_establishment: SupplierEstablishmentTable;
  supplier_component: SupplierComponentTable;
  supplier_match: SupplierMatchTable;
  supplier_claim: SupplierClaimTable;
  // skills: taxonomy (migration 0011)
  skills_occupation: SkillsOccupationTable;
  skills_skill: SkillsSkillTable;
  skills_occupation_skill: SkillsOccupationSkillTable;
  skills_crosswalk: SkillsCrosswalkTable;
  skills_related_occupation: SkillsRelatedOccupationTable;
  skills_isco_group: SkillsIscoGroupTable;
  skills_us_wage: SkillsUsWageTable;
  skills_certification: SkillsCertificationTable;
  skills_curated_label: SkillsCuratedLabelTable;
  skills_taxonomy_load: SkillsTaxonomyLoadTable;
  skills_search_word: { word: string };
  // skills: job board, demand and training (migrations 0012, 0014, 0015)
  skills_vacancy: SkillsVacancyTable;
  skills_candidate: SkillsCandidateTable;
  skills_candidate_cv: SkillsCandidateCvTable;
  skills_application: SkillsApplicationTable;
  skills_saved_search: SkillsSavedSearchTable;
  skills_alert: SkillsAlertTable;
  // skills: demand and training (migration 0014)
  skills_demand: SkillsDemandTable;
  skills_course: SkillsCourseTable;
  // skills: job fairs and candidate postings (migration 0015)
  skills_candidate_skill: { skill_seq: number; user_id: string };
  skills_job_fair: SkillsJobFairTable;
  skills_job_fair_vacancy: SkillsJobFairVacancyTable;
  skills_job_fair_interest: { fair_id: string; user_id: string; created_at: Generated<Date> };
}

// --- Uptime, 23 CFR 680.116(b) (migration 0007) ---
export interface ChargingOutageExclusionTable {
  id: Generated<string>;
  location_id: string;
  /** Null: every port of the location. */
  evse_uid: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  reason: 'utility_interruption' | 'vehicle_fault' | 'scheduled_maintenance' | 'vandalism' | 'natural_disaster';
  note: string;
  recorded_by: string | null;
  recorded_by_label: string;
  recorded_at: Generated<Date>;
  provenance: Json<Record<string, unknown>>;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

// --- Suppliers census and directory (migration 0008) ---
export interface SupplierCompanyTable {
  id: Generated<string>;
  /** `rfc:<RFC>` when the tax id is known, else `name:<name_key>`. */
  company_key: string;
  legal_name: string;
  name_key: string;
  trade_names: Generated<string[]>;
  rfc: string | null;
  size_class: 'micro' | 'small' | 'medium' | 'large' | null;
  ownership_country: string | null;
  website: string | null;
  organisation_id: string | null;
  provenance: Json<Record<string, Provenance>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A certification an establishment holds: code from the taxonomy, expiry when known. */
export interface SupplierCertification {
  code: string;
  expiresOn?: string;
  certificateId?: string;
  issuer?: string;
}

export interface SupplierEstablishmentTable {
  id: Generated<string>;
  source_key: string;
  /** Generated: the prefix of `source_key` (`denue`, `retc`, `template`, `reg`). */
  source: ColumnType<string, never, never>;
  origin: Generated<'import' | 'registered'>;
  company_id: string | null;
  name: string;
  name_key: string;
  legal_name: string | null;
  rfc: string | null;
  /** Accent-free, lower-case text searched in both languages (names, SCIAN title, processes, components). */
  search_document: Generated<string>;
  search_vector: ColumnType<string, never, never>;
  street: string | null;
  exterior_number: string | null;
  neighbourhood: string | null;
  postal_code: string | null;
  locality: string | null;
  industrial_park: string | null;
  municipality_as_given: string | null;
  state_as_given: string | null;
  cvegeo_as_given: string | null;
  lat: number;
  lon: number;
  /** Written with SQL (ST_SetSRID(ST_MakePoint(lon, lat), 4326)). */
  geom: ColumnType<unknown, unknown, unknown>;
  cve_ent: string | null;
  cvegeo: string | null;
  /** e.g. `point_outside_given_municipality`, `point_outside_given_state`, `point_unplaced`. */
  location_flags: Generated<string[]>;
  scian: string | null;
  employees_stratum: '0-5' | '6-10' | '11-30' | '31-50' | '51-100' | '101-250' | '251+' | null;
  size_class: 'micro' | 'small' | 'medium' | 'large' | null;
  tiers: Generated<string[]>;
  processes: Generated<string[]>;
  components: Generated<string[]>;
  certifications: Json<SupplierCertification[]>;
  oem_customers: Generated<string[]>;
  export_markets: Generated<string[]>;
  ev_readiness: 'makes_ev_parts' | 'could_convert' | 'not_yet' | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contact_consent: Generated<boolean>;
  registered_on: ColumnType<string | null, string | null | undefined, string | null>;
  merged_into: string | null;
  /** Hash of the imported fields: an unchanged row is left alone on re-import. */
  content_hash: string;
  /** Per field: `record` for the whole record, or a field name. */
  provenance: Json<Record<string, Provenance>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SupplierComponentTable {
  code: string;
  component_group: string;
  ev_specific: boolean;
  name_es: string;
  name_en: string;
  description_es: string | null;
  description_en: string | null;
  hs_codes: Generated<string[]>;
  retired: Generated<boolean>;
  provenance: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface SupplierMatchTable {
  id: Generated<string>;
  establishment_id: string;
  match_id: string;
  score: number;
  distance_m: number | null;
  reasons: Json<string[]>;
  status: Generated<'pending' | 'merged' | 'distinct' | 'unmerged'>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
  /** The import run whose matching proposed the pair (migration 0018; pending pairs have no audit event of their own). */
  import_id: string | null;
  /** The label of the actor whose matching proposed the pair (`import:<id>`, `system:...`). */
  created_by: string | null;
}

export interface SupplierClaimTable {
  id: Generated<string>;
  establishment_id: string;
  user_id: string;
  organisation_id: string;
  job_title: string | null;
  evidence: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Generated<Date>;
}

// --- skills: taxonomy (migration 0011) ---
/** Folded search text, written by the taxonomy module (foldForSearch) and indexed. */
interface SkillsSearchColumns {
  search_label_es: Generated<string>;
  search_label_en: Generated<string>;
  search_labels: Generated<string>;
  search_alts: Generated<string>;
  search_vector: ColumnType<string, never, never>;
}

export interface SkillsOccupationTable extends SkillsSearchColumns {
  /** `esco:<uuid>`, `onet:<O*NET-SOC code>` or `local:<slug>`. */
  id: string;
  scheme: 'esco' | 'onet' | 'local';
  label_es: string | null;
  label_en: string | null;
  alt_labels_es: Generated<string[]>;
  alt_labels_en: Generated<string[]>;
  description_en: string | null;
  description_es: string | null;
  isco_code: string | null;
  soc_code: string | null;
  esco_version: string | null;
  ev_related: Generated<boolean>;
  provenance: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsSkillTable extends SkillsSearchColumns {
  /** `esco:<uuid>`, `onet:<element id>` or `local:<slug>`. */
  id: string;
  /** Compact integer id for int[] matching (job board). */
  seq: ColumnType<number, never, never>;
  scheme: 'esco' | 'onet' | 'local';
  skill_type: 'skill' | 'knowledge' | 'transversal' | 'language';
  reuse_level: string | null;
  label_es: string | null;
  label_en: string | null;
  alt_labels_es: Generated<string[]>;
  alt_labels_en: Generated<string[]>;
  description_en: string | null;
  description_es: string | null;
  ev_related: Generated<boolean>;
  provenance: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsOccupationSkillTable {
  occupation_id: string;
  skill_id: string;
  relation: 'essential' | 'optional';
  /** O*NET importance 1–5; null for ESCO. */
  importance: number | null;
  provenance: Json<Record<string, unknown>>;
}

export interface SkillsCrosswalkTable {
  esco_id: string;
  onet_id: string;
  confidence: number | null;
  method: string;
  provenance: Json<Record<string, unknown>>;
}

export interface SkillsRelatedOccupationTable {
  occupation_id: string;
  related_id: string;
  tier: string;
  rank: number;
  provenance: Json<Record<string, unknown>>;
}

export interface SkillsIscoGroupTable {
  code: string;
  label_en: string;
  label_es: string | null;
}

export interface SkillsUsWageTable {
  soc_code: string;
  soc_group: string;
  title: string;
  employment: number | null;
  hourly_mean_usd: number | null;
  hourly_median_usd: number | null;
  annual_mean_usd: number | null;
  annual_p10_usd: number | null;
  annual_p25_usd: number | null;
  annual_median_usd: number | null;
  annual_p75_usd: number | null;
  annual_p90_usd: number | null;
  top_coded: Generated<string[]>;
  source: string;
  vintage: string;
}

export interface SkillsCertificationTable {
  code: string;
  scheme: string;
  title_es: string;
  level: number | null;
  committee: string | null;
  skill_ids: Generated<string[]>;
  occupation_ids: Generated<string[]>;
  ev_related: Generated<boolean>;
  provenance: Json<Record<string, unknown>>;
}

export interface SkillsCuratedLabelTable {
  id: Generated<number>;
  entity_id: string;
  lang: 'es' | 'en';
  label: string;
  label_key: string;
  provenance: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}

export interface SkillsTaxonomyLoadTable {
  id: Generated<number>;
  sha256: string;
  counts: Json<Record<string, number>>;
  duration_ms: number;
  loaded_at: Generated<Date>;
}

// --- skills: job board (migrations 0012, 0015, 0019) ---
export interface SkillsVacancyTable {
  id: Generated<string>;
  organisation_id: string;
  status: Generated<'draft' | 'published' | 'closed'>;
  title: string;
  occupation_id: string;
  country: 'MX' | 'US';
  state_code: string;
  municipality_code: string | null;
  municipality_key: string | null;
  lat: number | null;
  lon: number | null;
  salary_min: number;
  salary_max: number;
  salary_currency: string;
  salary_period: string;
  salary_min_monthly: number;
  salary_max_monthly: number;
  benefits: string[];
  benefits_other: string | null;
  activities: string;
  required_skill_ids: string[];
  optional_skill_ids: string[];
  required_seqs: number[];
  optional_seqs: number[];
  skill_seqs: number[];
  languages: Json<Array<{ code: string; level: string }>>;
  language_reqs: number[];
  work_mode: 'on_site' | 'hybrid' | 'remote';
  inclusion: string[];
  work_authorisation_required: boolean;
  closing_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** SCIAN 2018 code of the employer's industry (migration 0019). */
  industry_scian: ColumnType<string | null, string | null | undefined, string | null>;
  search_text: string;
  provenance: Json<Record<string, unknown>>;
  created_by: string | null;
  published_at: Date | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsCandidateTable {
  user_id: string;
  skill_ids: string[];
  skill_seqs: number[];
  experience: Json<Array<{ occupationId: string; years: number; title: string | null }>>;
  occupation_ids: string[];
  country: 'MX' | 'US' | null;
  state_code: string | null;
  municipality_code: string | null;
  municipality_key: string | null;
  languages: Json<Array<{ code: string; level: string }>>;
  language_grants: number[];
  authorised_mx: boolean;
  authorised_us: boolean;
  desired_salary_min: number | null;
  desired_salary_currency: string | null;
  desired_salary_period: string | null;
  gender: string | null;
  open_to_employers: boolean;
  provenance: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsCandidateCvTable {
  user_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Generated<Date>;
}

export interface SkillsApplicationTable {
  id: Generated<string>;
  vacancy_id: string;
  candidate_user_id: string | null;
  status: Generated<'submitted' | 'reviewed' | 'interview' | 'offered' | 'hired' | 'rejected' | 'withdrawn'>;
  cover_note: string | null;
  anonymised_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsSavedSearchTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filters: Json<Record<string, unknown>>;
  q_folded: string | null;
  country: string | null;
  state_code: string | null;
  occupation_id: string | null;
  skill_seq: number | null;
  salary_floor_monthly: number | null;
  salary_currency: string | null;
  remote_only: boolean;
  inclusion: string[];
  /** SCIAN 2018 code or prefix of the employer's industry (migration 0020). */
  industry_prefix: string | null;
  created_at: Generated<Date>;
}

export interface SkillsAlertTable {
  id: Generated<string>;
  user_id: string;
  saved_search_id: string;
  vacancy_id: string;
  read_at: Date | null;
  created_at: Generated<Date>;
}

// --- skills: job fairs (migration 0015) ---
export interface SkillsJobFairTable {
  id: Generated<string>;
  organiser_organisation_id: string | null;
  title: string;
  description: string | null;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  mode: 'online' | 'in_person' | 'hybrid';
  country: 'MX' | 'US' | null;
  state_code: string | null;
  municipality_code: string | null;
  venue: string | null;
  url: string | null;
  binational: boolean;
  status: Generated<'published' | 'cancelled'>;
  provenance: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsJobFairVacancyTable {
  fair_id: string;
  vacancy_id: string;
  organisation_id: string;
  added_by: string | null;
  created_at: Generated<Date>;
}

// --- skills: demand and training (migration 0014) ---
export interface SkillsDemandTable {
  id: Generated<string>;
  organisation_id: string;
  status: Generated<'active' | 'withdrawn'>;
  occupation_id: string;
  skill_ids: string[];
  people: number;
  horizon: 'within_12_months' | '1_3_years' | '3_5_years';
  target_date: ColumnType<string | null, string | null | undefined, string | null>;
  state_code: string;
  municipality_code: string | null;
  level: 'technical' | 'undergraduate' | 'graduate';
  reported_on: ColumnType<string, string, string>;
  notes: string | null;
  provenance: Json<Record<string, unknown>>;
  created_by: string | null;
  withdrawn_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SkillsCourseTable {
  id: Generated<string>;
  organisation_id: string;
  status: Generated<'published' | 'withdrawn'>;
  kind: 'programme' | 'course';
  title: string;
  description: string | null;
  level: 'technical' | 'undergraduate' | 'graduate' | 'short_course';
  modality: 'in_person' | 'online' | 'mixed';
  duration_hours: number;
  languages: string[];
  country: 'MX' | 'US' | null;
  state_code: string | null;
  municipality_code: string | null;
  lat: number | null;
  lon: number | null;
  skill_ids: string[];
  certification_code: string | null;
  partner_name: string | null;
  partner_country: string | null;
  start_dates: ColumnType<string[], string[], string[]>;
  is_free: boolean;
  cost_amount: number | null;
  cost_currency: string | null;
  seats_per_year: number | null;
  url: string | null;
  search_text: string;
  provenance: Json<Record<string, unknown>>;
  created_by: string | null;
  withdrawn_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
