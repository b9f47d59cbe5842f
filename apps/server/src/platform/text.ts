/**
 * Folds text for accent- and case-insensitive search: "Querétaro" → "queretaro",
 * "Ñuu" keeps its letters as "nuu". Used both when storing `search_name` and when
 * reading a query, so the same function decides both sides (PGlite has no unaccent).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
