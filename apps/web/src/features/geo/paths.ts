import type { SearchResult } from '../../api/types';
import { municipalityCodeOf } from '../../atlas/selection';

export const statePath = (cveEnt: string) => `/estados/${encodeURIComponent(cveEnt)}`;
export const municipalityPath = (cvegeo: string) => `/municipios/${encodeURIComponent(cvegeo)}`;

/** Profile page of a search result; a locality links to its municipality. */
export function profilePathFor(result: Pick<SearchResult, 'type' | 'code'>): string {
  switch (result.type) {
    case 'state':
      return statePath(result.code);
    case 'municipality':
      return municipalityPath(result.code);
    case 'locality':
      return municipalityPath(municipalityCodeOf(result.code));
  }
}

/** Normalises a search query: trimmed, inner whitespace collapsed. */
export function normaliseQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ');
}

export const minSearchLength = 2;
