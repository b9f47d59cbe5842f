/**
 * Note code (as the API uses it) for a municipality that the 2010 boundary set
 * (MGN 2010) does not have. It is always shown for such a municipality, even if the
 * API's list were to leave it out.
 */
export const missingBoundaryNote = 'no_boundary_in_vintage';

/** The note codes to show: ours first when the boundary is missing, then the API's, once each. */
export function noteCodesToShow(hasBoundary: boolean, notes: readonly string[]): string[] {
  const fromApi = notes.filter((n) => typeof n === 'string' && n.trim() !== '' && n !== missingBoundaryNote);
  const unique = [...new Set(fromApi)];
  return hasBoundary ? unique : [missingBoundaryNote, ...unique];
}
