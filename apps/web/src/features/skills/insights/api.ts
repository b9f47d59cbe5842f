/**
 * Typed calls of the industry demand, training catalogue, curriculum gaps, job fairs and
 * inclusion indicators (the server's `/api/v1/skills/{demand,courses,gaps,fairs,inclusion}`),
 * through the shared client so errors arrive as problem+json `ApiError`s.
 */
import { api, seg } from '../../../api/client';
import type { ListResponse, Organisation } from '../../../api/types';
import type { Vacancy } from '../types';

const base = '/api/v1/skills';

export interface Labelled {
  id: string;
  labelEs: string;
  labelEn: string;
}

export type Source = Record<string, unknown>;

export interface Method {
  method: string;
  asOf: string | null;
  sources: Source[];
}

// ---------- demand ----------

export const demandGroupings = ['state', 'municipality', 'skill', 'occupation', 'level', 'horizon', 'quarter'] as const;
export type DemandGrouping = (typeof demandGroupings)[number];
export const demandLevels = ['technical', 'undergraduate', 'graduate'] as const;
export const demandHorizons = ['within_12_months', '1_3_years', '3_5_years'] as const;

export interface DemandCell {
  key: string;
  labelEs: string;
  labelEn: string;
  people: number | null;
  reports: number | null;
  organisations: number | null;
  /** Fewer than three organisations report in this cell: its figures are withheld. */
  suppressed: boolean;
}

export interface DemandAggregate extends Method {
  groupBy: DemandGrouping;
  items: DemandCell[];
  total: number;
  peoplePublished: number;
  suppressedCells: number;
  privacy: string;
}

export interface DemandFilters {
  state?: string;
  skill?: string;
  occupation?: string;
  level?: string;
  horizon?: string;
}

export interface DemandReport {
  id: string;
  status: string;
  organisation: { id: string; name: string };
  occupation: Labelled;
  skills: Labelled[];
  people: number;
  horizon: string;
  targetDate: string | null;
  level: string;
  stateCode: string;
  stateName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  reportedOn: string;
  notes: string | null;
  provenance: Record<string, unknown>;
  withdrawnAt: string | null;
  updatedAt: string;
}

export interface DemandBody {
  organisationId?: string;
  occupationId?: string;
  skills?: string[];
  people?: number;
  horizon?: string | null;
  targetDate?: string | null;
  stateCode?: string;
  municipalityCode?: string | null;
  level?: string;
  notes?: string | null;
}

export const getDemand = (groupBy: DemandGrouping, filters: DemandFilters, signal?: AbortSignal) =>
  api.get<DemandAggregate>(`${base}/demand`, { groupBy, ...filters, limit: 500 }, signal);
export const myDemandReports = (signal?: AbortSignal) => api.get<ListResponse<DemandReport>>(`${base}/demand/reports/mine`, undefined, signal);
export const reportDemand = (body: DemandBody) => api.post<DemandReport>(`${base}/demand/reports`, body);
export const updateDemandReport = (id: string, body: DemandBody) => api.patch<DemandReport>(`${base}/demand/reports/${seg(id)}`, body);
export const withdrawDemandReport = (id: string) => api.post<DemandReport>(`${base}/demand/reports/${seg(id)}/withdraw`, {});

// ---------- training catalogue ----------

export const courseKinds = ['programme', 'course'] as const;
export const courseLevels = ['technical', 'undergraduate', 'graduate', 'short_course'] as const;
export const modalities = ['in_person', 'online', 'mixed'] as const;

export interface Course {
  id: string;
  status: string;
  kind: string;
  title: string;
  description: string | null;
  provider: { id: string; name: string; type: string };
  level: string;
  modality: string;
  durationHours: number;
  languages: string[];
  country: string | null;
  stateCode: string | null;
  stateName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  lat: number | null;
  lon: number | null;
  skills: Labelled[];
  certification: { code: string; titleEs: string | null } | null;
  partner: { name: string; country: string | null } | null;
  startDates: string[];
  isFree: boolean;
  cost: { amount: number; currency: string } | null;
  seatsPerYear: number | null;
  url: string | null;
  provenance: Record<string, unknown>;
  withdrawnAt: string | null;
  updatedAt: string;
}

export interface CourseQuery {
  q?: string;
  skill?: string;
  state?: string;
  modality?: string;
  level?: string;
  language?: string;
  free?: boolean;
}

export interface CourseBody {
  organisationId?: string;
  kind?: string;
  title?: string;
  description?: string | null;
  level?: string;
  modality?: string;
  durationHours?: number;
  languages?: string[];
  country?: string | null;
  stateCode?: string | null;
  municipalityCode?: string | null;
  skills?: string[];
  certificationCode?: string | null;
  partnerName?: string | null;
  partnerCountry?: string | null;
  startDates?: string[];
  isFree?: boolean;
  costAmount?: number | null;
  costCurrency?: string | null;
  seatsPerYear?: number | null;
  url?: string | null;
}

export const searchCourses = (query: CourseQuery, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<ListResponse<Course>>(`${base}/courses`, { ...query, free: query.free ? true : undefined, limit: page.limit, offset: page.offset || undefined }, signal);
export const getCourse = (id: string, signal?: AbortSignal) => api.get<Course>(`${base}/courses/${seg(id)}`, undefined, signal);
export const myCourses = (signal?: AbortSignal) => api.get<ListResponse<Course>>(`${base}/courses/mine`, undefined, signal);
export const publishCourse = (body: CourseBody) => api.post<Course>(`${base}/courses`, body);
export const updateCourse = (id: string, body: CourseBody) => api.patch<Course>(`${base}/courses/${seg(id)}`, body);
export const withdrawCourse = (id: string) => api.post<Course>(`${base}/courses/${seg(id)}/withdraw`, {});

// ---------- curriculum gaps ----------

export interface GapCell {
  stateCode: string;
  stateName: string | null;
  skill: Labelled;
  peopleNeeded: number | null;
  reports: number | null;
  organisations: number | null;
  suppressed: boolean;
  supply: { courses: number; seatsPerYear: number; coursesWithoutSeats: number; onlineCourses: number };
  gap: number | null;
  status: string | null;
}

export interface GapReport extends Method {
  items: GapCell[];
  total: number;
}

export interface BehindItem {
  id: string;
  labelEs?: string;
  labelEn?: string;
  people?: number;
}

export interface ProviderGapItem extends GapCell {
  ring: string;
  teachesAlready: boolean;
  demandBehind: { occupations: BehindItem[]; levels: BehindItem[]; horizons: BehindItem[] } | null;
}

export interface ProviderGaps extends Method {
  provider: { id: string; name: string; type: string };
  basis: string;
  states: Array<{ code: string; name: string | null; ring: string }>;
  items: ProviderGapItem[];
  total: number;
}

export const getGaps = (query: { state?: string; skill?: string }, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  api.get<GapReport>(`${base}/gaps`, { ...query, limit: page.limit, offset: page.offset || undefined }, signal);
export const getProviderGaps = (organisationId: string, signal?: AbortSignal) =>
  api.get<ProviderGaps>(`${base}/gaps/providers/${seg(organisationId)}`, { limit: 10 }, signal);

// ---------- job fairs ----------

export const fairModes = ['online', 'in_person', 'hybrid'] as const;

export interface Fair {
  id: string;
  title: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  mode: string;
  country: string | null;
  stateCode: string | null;
  stateName: string | null;
  municipalityCode: string | null;
  municipalityName: string | null;
  venue: string | null;
  url: string | null;
  binational: boolean;
  status: string;
  organiser: { id: string; name: string } | null;
  updatedAt: string;
  provenance: Record<string, unknown>;
}

export interface FairDetail extends Fair {
  employers: Array<{ organisation: { id: string; name: string }; vacancies: Vacancy[] }>;
  interest: { count: number; registered?: boolean };
}

export interface FairBody {
  organisationId?: string | null;
  title?: string;
  description?: string | null;
  startsOn?: string;
  endsOn?: string;
  mode?: string;
  country?: string | null;
  stateCode?: string | null;
  municipalityCode?: string | null;
  venue?: string | null;
  url?: string | null;
  binational?: boolean;
  status?: string;
}

export interface FairFilters {
  past?: boolean;
  mode?: string;
  state?: string;
  binational?: boolean;
}

export const listFairs = (filters: FairFilters, signal?: AbortSignal) =>
  api.get<ListResponse<Fair>>(`${base}/fairs`, { past: filters.past || undefined, mode: filters.mode, state: filters.state, binational: filters.binational || undefined, limit: 100 }, signal);
export const getFair = (id: string, signal?: AbortSignal) => api.get<FairDetail>(`${base}/fairs/${seg(id)}`, undefined, signal);
export const createFair = (body: FairBody) => api.post<Fair>(`${base}/fairs`, body);
export const updateFair = (id: string, body: FairBody) => api.patch<Fair>(`${base}/fairs/${seg(id)}`, body);
export const addFairVacancies = (id: string, vacancyIds: string[]) =>
  api.post<{ fairId: string; added: string[]; alreadyLinked: string[] }>(`${base}/fairs/${seg(id)}/vacancies`, { vacancyIds });
export const removeFairVacancy = (id: string, vacancyId: string) => api.delete(`${base}/fairs/${seg(id)}/vacancies/${seg(vacancyId)}`);
export const setFairInterest = (id: string, registered: boolean) =>
  registered
    ? api.post<{ fairId: string; registered: boolean; count: number }>(`${base}/fairs/${seg(id)}/interest`, {})
    : api.delete<{ fairId: string; registered: boolean; count: number }>(`${base}/fairs/${seg(id)}/interest`);
export const myVacancies = (signal?: AbortSignal) => api.get<ListResponse<Vacancy>>(`${base}/vacancies/mine`, undefined, signal);

// ---------- inclusion indicators ----------

export interface InclusionShare {
  code: string;
  labelEs: string;
  labelEn: string;
  vacancies: number;
  share: number | null;
}

export interface GenderCell {
  gender: string;
  count: number | null;
  suppressed: boolean;
}

export interface Measure {
  total: number | null;
  totalSuppressed: boolean;
  byGender: GenderCell[];
}

interface Place {
  country: string;
  stateCode?: string;
  stateName?: string | null;
}

export interface VacancyPlace extends Place {
  openVacancies: number;
  features: InclusionShare[];
}

export interface ApplicationPlace extends Place {
  applications: Measure;
  placements: Measure;
}

export interface Inclusion {
  asOf: string;
  generatedAt: string;
  method: string;
  suppression: { minPeople: number };
  sources: Array<{ id: string; title: string; method: string; asOf: string }>;
  genders: string[];
  vacancies: { byCountry: VacancyPlace[]; byState: VacancyPlace[] };
  applications: { byCountry: ApplicationPlace[]; byState: ApplicationPlace[] };
}

export const getInclusion = (signal?: AbortSignal) => api.get<Inclusion>(`${base}/inclusion`, undefined, signal);

// ---------- organisations (which of one's organisations may do what) ----------

export const getOrganisation = (id: string, signal?: AbortSignal) => api.get<Organisation>(`/api/v1/organisations/${seg(id)}`, undefined, signal);
