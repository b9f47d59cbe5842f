/** The skills and job board pages (Spanish paths, the product's default language). */
export const jobBoardPath = '/empleo';
export const publishVacancyPath = '/empleo/publicar';
export const myVacanciesPath = '/empleo/mis-vacantes';
export const candidateProfilePath = '/empleo/perfil';
export const taxonomyPath = '/habilidades';
export const pathwaysPath = '/habilidades/trayectorias';

/** Taxonomy ids hold a colon (`esco:…`, `onet:17-2141.02`): always encoded in a path segment. */
export const vacancyPath = (id: string) => `/empleo/vacantes/${encodeURIComponent(id)}`;
export const editVacancyPath = (id: string) => `/empleo/mis-vacantes/${encodeURIComponent(id)}`;
export const occupationPath = (id: string) => `/habilidades/ocupaciones/${encodeURIComponent(id)}`;
export const skillPath = (id: string) => `/habilidades/competencias/${encodeURIComponent(id)}`;

/** The pathway page between two occupations (either may be left out). */
export function pathwayPath(from?: string | null, to?: string | null): string {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const qs = params.toString();
  return qs ? `${pathwaysPath}?${qs}` : pathwaysPath;
}

/** A taxonomy id as the server writes them: `esco:<uuid>`, `onet:<code>`, `local:<slug>`. */
export function isTaxonomyId(id: string): boolean {
  return /^(esco|onet|local):[A-Za-z0-9._-]{1,80}$/.test(id);
}
