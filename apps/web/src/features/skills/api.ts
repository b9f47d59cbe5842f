import { api, apiRequest, seg } from '../../api/client';
import { normaliseLanguage } from '../../i18n/languages';
import { jobFilterQuery, type JobFilters } from './filters';
import type {
  Applicant, AppliedResult, CandidateProfile, CandidateProfileBody, JobAlert, ListResponse, MyApplication, OccupationDetail, OccupationSummary,
  Pathway, RelatedByJobs, SavedSearch, SkillDetail, SkillSummary, TaxonomyPage, Vacancy, VacancyBody, VacancyMatch,
} from './types';

const base = '/api/v1/skills';

/** The taxonomy answers labels in one language (`lang`); the query matches both. */
const langOf = (language: string) => (normaliseLanguage(language) === 'en' ? 'en' : 'es');

export interface TaxonomyQuery {
  q: string;
  language: string;
  ev?: boolean;
  limit: number;
  offset?: number;
}

const taxonomyParams = ({ q, language, ev, limit, offset }: TaxonomyQuery) => ({
  q: q || undefined,
  lang: langOf(language),
  ev: ev ? 'true' : undefined,
  limit,
  offset: offset || undefined,
});

// ---------- taxonomy ----------

export const searchOccupations = (query: TaxonomyQuery, signal?: AbortSignal) =>
  api.get<TaxonomyPage<OccupationSummary>>(`${base}/occupations`, taxonomyParams(query), signal);

export const searchSkills = (query: TaxonomyQuery, signal?: AbortSignal) =>
  api.get<TaxonomyPage<SkillSummary>>(`${base}/skills`, taxonomyParams(query), signal);

export const getOccupation = (id: string, language: string, signal?: AbortSignal) =>
  api.get<OccupationDetail>(`${base}/occupations/${seg(id)}`, { lang: langOf(language) }, signal);

export const getSkill = (id: string, language: string, signal?: AbortSignal) =>
  api.get<SkillDetail>(`${base}/skills/${seg(id)}`, { lang: langOf(language) }, signal);

// ---------- vacancies ----------

/** `path?query` with repeated keys (inclusion features), which the client's query object cannot hold. */
function withPairs(path: string, pairs: Array<[string, string]>, extra: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(pairs);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.append(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const listVacancies = (filters: JobFilters, page: { limit: number; offset: number }, signal?: AbortSignal, skill?: string) =>
  api.get<ListResponse<Vacancy>>(withPairs(`${base}/vacancies`, jobFilterQuery(filters), { skill: skill || undefined, limit: page.limit, offset: page.offset || undefined }), undefined, signal);

export const getVacancy = (id: string, signal?: AbortSignal) => api.get<Vacancy>(`${base}/vacancies/${seg(id)}`, undefined, signal);

export const createVacancy = (body: VacancyBody) => api.post<Vacancy>(`${base}/vacancies`, body);

export const updateVacancy = (id: string, body: Partial<VacancyBody>) => api.patch<Vacancy>(`${base}/vacancies/${seg(id)}`, body);

export const closeVacancy = (id: string) => api.post<Vacancy>(`${base}/vacancies/${seg(id)}/close`, {});

/** Vacancies of the organisations the signed-in person edits, every status. */
export const listMyVacancies = (signal?: AbortSignal) => api.get<ListResponse<Vacancy>>(`${base}/vacancies/mine`, undefined, signal);

export const applyToVacancy = (id: string, coverNote: string | null) => api.post<AppliedResult>(`${base}/vacancies/${seg(id)}/applications`, { coverNote });

/** Applicants of a vacancy (its editors only), each with the match explained. */
export const vacancyApplicants = (id: string, signal?: AbortSignal) => api.get<ListResponse<Applicant>>(`${base}/vacancies/${seg(id)}/applications`, undefined, signal);

export const setApplicationStatus = (id: string, status: string) => api.patch<{ id: string; status: string }>(`${base}/applications/${seg(id)}`, { status });

// ---------- the candidate ----------

export const getMyProfile = (signal?: AbortSignal) => api.get<CandidateProfile>(`${base}/candidates/me`, undefined, signal);

export const saveMyProfile = (body: CandidateProfileBody) => apiRequest<CandidateProfile>(`${base}/candidates/me`, { method: 'PUT', body });

export const deleteMyData = () => api.delete(`${base}/candidates/me`);

/** Everything the platform holds about the candidate, as a JSON download. */
export const exportMyDataUrl = `${base}/candidates/me/export`;

export const myApplications = (signal?: AbortSignal) => api.get<ListResponse<MyApplication>>(`${base}/candidates/me/applications`, undefined, signal);

export const recommendedVacancies = (limit: number, signal?: AbortSignal) =>
  api.get<ListResponse<VacancyMatch>>(`${base}/candidates/me/vacancies`, { limit }, signal);

/** A PDF or DOCX (checked by its bytes on the server), at most 2 MB. */
export function uploadCv(file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return api.post<{ filename: string; mediaType: string; sizeBytes: number }>(`${base}/candidates/me/cv`, body);
}

export const myCvUrl = `${base}/candidates/me/cv`;

export const listSavedSearches = (signal?: AbortSignal) => api.get<ListResponse<SavedSearch>>(`${base}/saved-searches`, undefined, signal);

export const createSavedSearch = (name: string, filters: Record<string, unknown>) => api.post<SavedSearch>(`${base}/saved-searches`, { name, filters });

export const deleteSavedSearch = (id: string) => api.delete(`${base}/saved-searches/${seg(id)}`);

export const listAlerts = (signal?: AbortSignal) => api.get<ListResponse<JobAlert>>(`${base}/alerts`, undefined, signal);

export const markAlertRead = (id: string) => api.post<{ id: string; read: boolean }>(`${base}/alerts/${seg(id)}/read`, {});

// ---------- pathways ----------

export const getPathway = (from: string, to: string, signal?: AbortSignal) => api.get<Pathway>(`${base}/pathways`, { from, to }, signal);

/** Occupations sharing essential skills with this one (Jaccard), from the job board's side. */
export const relatedOccupations = (id: string, limit: number, signal?: AbortSignal) =>
  api.get<ListResponse<RelatedByJobs>>(`${base}/occupations/${seg(id)}/related`, { limit }, signal);
