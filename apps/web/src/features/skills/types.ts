/**
 * Wire types of `/api/v1/skills/*` as the web app uses them: the taxonomy (occupations and
 * skills from ESCO, O*NET and local curation) and the job board (vacancies, candidate
 * profiles, applications, matching, saved searches, pathways). The server's TypeBox
 * schemas are the source of truth; these follow them.
 */
import type { DataSource, ListResponse } from '../../api/types';

export type { ListResponse };

// ---------- taxonomy ----------

export type TaxonomyScheme = 'esco' | 'onet' | 'local';

/** A source as the taxonomy cites it (licence and required attribution). */
export interface CitedSource extends DataSource {
  licence: string | null;
  url: string | null;
}

/** Labels in both languages, plus `label` in the language asked for (`labelLang` says which one it is). */
export interface Labels {
  label: string;
  labelLang: 'es' | 'en';
  labelEs: string | null;
  labelEn: string | null;
}

export interface OccupationSummary extends Labels {
  id: string;
  scheme: TaxonomyScheme;
  evRelated: boolean;
  iscoCode: string | null;
  socCode: string | null;
}

export interface SkillSummary extends Labels {
  id: string;
  scheme: TaxonomyScheme;
  evRelated: boolean;
  skillType: string;
}

export interface TaxonomyPage<T> extends ListResponse<T> {
  limit: number;
  offset: number;
}

export interface OccupationSkill extends Labels {
  id: string;
  skillType: string | null;
  evRelated: boolean;
  /** O*NET's importance (1–5) when the link comes from O*NET. */
  importance: number | null;
}

export interface UsWage {
  socCode: string;
  title: string | null;
  currency: 'USD';
  employment: number | null;
  hourlyMean: number | null;
  hourlyMedian: number | null;
  annualMean: number | null;
  annualP10: number | null;
  annualP25: number | null;
  annualMedian: number | null;
  annualP75: number | null;
  annualP90: number | null;
  topCoded: boolean | null;
  source: string;
  vintage: string;
}

export interface Certification {
  code: string;
  scheme: string;
  titleEs: string;
  level: string | number | null;
  committee: string | null;
}

export interface OccupationDetail extends Labels {
  id: string;
  scheme: TaxonomyScheme;
  altLabels: { es: string[]; en: string[] };
  description: { es: string | null; en: string | null };
  iscoCode: string | null;
  iscoGroup: { code: string; labelEs: string | null; labelEn: string | null } | null;
  socCode: string | null;
  escoVersion: string | null;
  evRelated: boolean;
  skills: { essential: OccupationSkill[]; optional: OccupationSkill[] };
  crosswalk: Array<Labels & { id: string; socCode: string | null; confidence: number | null; method: string | null }>;
  usWages: UsWage[];
  related: Array<Labels & { id: string; method: string | null; rank: number | null }>;
  certifications: Certification[];
  sources: CitedSource[];
  updatedAt: string;
}

export interface SkillOccupation extends Labels {
  id: string;
  evRelated: boolean;
  importance: number | null;
}

export interface SkillDetail extends Labels {
  id: string;
  seq: number;
  scheme: TaxonomyScheme;
  skillType: string;
  reuseLevel: string | null;
  altLabels: { es: string[]; en: string[] };
  description: { es: string | null; en: string | null };
  evRelated: boolean;
  occupations: { essential: SkillOccupation[]; optional: SkillOccupation[]; essentialTotal: number; optionalTotal: number };
  certifications: Certification[];
  sources: CitedSource[];
  updatedAt: string;
}

// ---------- job board ----------

export type Country = 'MX' | 'US';
export const salaryPeriods = ['hour', 'day', 'week', 'fortnight', 'month', 'year'] as const;
export type SalaryPeriod = (typeof salaryPeriods)[number];
export const workModes = ['on_site', 'hybrid', 'remote'] as const;
export type WorkMode = (typeof workModes)[number];
export type VacancyStatus = 'draft' | 'published' | 'closed';
/** CEFR levels and "native"; a requirement is met by its level or any above. */
export const languageLevels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type LanguageLevel = (typeof languageLevels)[number];
export const applicationStatuses = ['submitted', 'reviewed', 'interview', 'offered', 'hired', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export interface LabelledRef {
  id: string;
  labelEs: string | null;
  labelEn: string | null;
}

export interface LanguageRequirement {
  /** ISO 639-1. */
  code: string;
  level: LanguageLevel;
}

export interface Salary {
  min: number;
  max: number;
  currency: string;
  period: SalaryPeriod;
}

/** A vacancy as anyone reads it (the list gives the same fields as the detail). */
export interface Vacancy {
  id: string;
  status: VacancyStatus;
  title: string;
  organisation: { id: string; name: string };
  occupation: LabelledRef;
  country: Country;
  /** INEGI cve_ent (MX) or USPS code (US). */
  stateCode: string;
  stateName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  lat: number | null;
  lon: number | null;
  salary: Salary;
  benefits: string[];
  benefitsOther: string | null;
  activities: string;
  requiredSkills: LabelledRef[];
  optionalSkills: LabelledRef[];
  languages: LanguageRequirement[];
  workMode: WorkMode;
  inclusion: string[];
  workAuthorisationRequired: boolean;
  closingDate: string | null;
  /** The employer's industry: a SCIAN 2018 code and its Spanish title from the INEGI catalogue. */
  industry: { code: string; titleEs: string } | null;
  publishedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
}

/** The body of a new vacancy; an edit sends only what changed. */
export interface VacancyBody {
  organisationId?: string;
  title: string;
  occupationId: string;
  country: Country;
  stateCode: string;
  municipalityCode: string | null;
  salaryMin: number;
  salaryMax: number;
  salaryCurrency: string;
  salaryPeriod: SalaryPeriod;
  benefits: string[];
  benefitsOther: string | null;
  activities: string;
  requiredSkills: string[];
  optionalSkills: string[];
  languages: LanguageRequirement[];
  workMode: WorkMode;
  inclusion: string[];
  workAuthorisationRequired: boolean;
  closingDate: string | null;
  status: 'draft' | 'published';
  /** SCIAN 2018 code (2 to 6 digits), optional. */
  industryScian?: string | null;
}

// ---------- matching ----------

export interface ScoreParts {
  skills: number;
  location: number;
  language: number;
  authorisation: number;
}

export type LocationReason = 'remote' | 'municipality' | 'state' | 'country' | 'none';

/** A score out of 100, part by part, with the skills that match and those missing. */
export interface MatchExplanation {
  score: number;
  parts: ScoreParts;
  skills: { matchedRequired: LabelledRef[]; matchedOptional: LabelledRef[]; missingRequired: LabelledRef[]; missingOptional: LabelledRef[] };
  location: LocationReason;
  languages: { met: number; required: number };
  authorised: boolean;
  /** Only in the candidate's own view: published courses per missing skill (skills no course teaches are absent). */
  courses?: Array<{ skillId: string; courses: CourseSummary[] }>;
}

export interface VacancyMatch {
  vacancy: Vacancy;
  match: MatchExplanation;
}

// ---------- candidates ----------

export interface Experience {
  occupationId: string;
  occupation?: LabelledRef | null;
  title: string | null;
  years: number;
}

export interface CandidateProfile {
  userId: string;
  displayName: string;
  skills: LabelledRef[];
  experience: Experience[];
  country: Country | null;
  stateCode: string | null;
  municipalityCode: string | null;
  languages: LanguageRequirement[];
  authorisedMx: boolean;
  authorisedUs: boolean;
  desiredSalary: { min: number; currency: string | null; period: SalaryPeriod | null } | null;
  gender?: string | null;
  openToEmployers: boolean;
  updatedAt: string;
  cv?: { filename: string; mediaType: string; sizeBytes: number; uploadedAt: string } | null;
}

export interface CandidateProfileBody {
  skills: string[];
  experience: Array<{ occupationId: string; title: string | null; years: number }>;
  country: Country | null;
  stateCode: string | null;
  municipalityCode: string | null;
  languages: LanguageRequirement[];
  authorisedMx: boolean;
  authorisedUs: boolean;
  desiredSalaryMin: number | null;
  desiredSalaryCurrency: string | null;
  desiredSalaryPeriod: SalaryPeriod | null;
  gender: string | null;
  openToEmployers: boolean;
}

export interface AppliedResult {
  id: string;
  vacancyId: string;
  status: ApplicationStatus;
  createdAt: string;
  match: MatchExplanation;
}

export interface MyApplication {
  id: string;
  vacancyId: string;
  title: string;
  organisation: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
}

/** An applicant as the vacancy's editors see them (never the self-reported gender). */
export interface Applicant {
  id: string;
  status: ApplicationStatus;
  coverNote: string | null;
  createdAt: string;
  candidate: CandidateProfile;
  match: MatchExplanation;
}

export interface SavedSearch {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
}

export interface JobAlert {
  id: string;
  savedSearch: { id: string; name: string };
  vacancy: { id: string; title: string; organisation: string };
  readAt: string | null;
  createdAt: string;
}

// ---------- pathways ----------

export interface SalaryStats {
  currency: string;
  period: SalaryPeriod;
  count: number;
  min: number;
  median: number;
  max: number;
}

export interface PathwaySide {
  occupation: LabelledRef;
  skillCount: number;
  /** From vacancies posted in Mexico: one row per currency and period. */
  salaries: { mx: { source: string; ranges: SalaryStats[] } };
}

export interface Pathway {
  from: PathwaySide;
  to: PathwaySide;
  sharedSkills: Array<LabelledRef & { relation: 'essential' | 'optional' }>;
  skillsToGain: Array<LabelledRef & { relation: 'essential' | 'optional' }>;
  /** Published courses of the training catalogue per skill to gain; skills no course teaches are absent. */
  courses: Array<{ skillId: string; courses: CourseSummary[] }>;
  notes: string[];
}

/** A course as the pathway lists it under a skill to gain. */
export interface CourseSummary {
  id: string;
  title: string;
  organisation: { id: string; name: string };
  level: string;
  modality: 'in_person' | 'online' | 'mixed';
  durationHours: number;
  country: string | null;
  stateCode: string | null;
  stateName: string | null;
  nextStartDate: string | null;
  isFree: boolean;
  cost: { amount: number; currency: string } | null;
  certificationCode: string | null;
  url: string | null;
  nearness: string;
}

export interface RelatedByJobs {
  id: string;
  labelEs: string | null;
  labelEn: string | null;
  sharedEssentialSkills: number;
  jaccard: number;
}
