/**
 * What the rules make of each Latin-1 character before spaces are collapsed and trimmed:
 * no Latin-1 character decomposes into anything but itself and diacritics, or lowercases
 * outside Latin-1, so folding such text a character at a time gives the same result.
 */
const latin1Folds = Array.from({ length: 256 }, (_, code) => foldUntrimmed(String.fromCharCode(code)));

/**
 * Folds text for accent- and case-insensitive search: "Querétaro" → "queretaro",
 * "Ñuu" keeps its letters as "nuu". Used both when storing `search_name` and when
 * reading a query, so the same function decides both sides (PGlite has no unaccent).
 */
export function foldForSearch(text: string): string {
  // Most names and queries are Latin-1 (Spanish and English): folded a character at a time
  // from a table, several times faster than normalising. Anything else takes the full rules.
  let folded = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return foldAnyText(text);
    folded += latin1Folds[code];
  }
  return folded.replace(/ {2,}/g, ' ').trim();
}

/** `foldForSearch` by its rules, for any text. */
function foldAnyText(text: string): string {
  return foldUntrimmed(text).trim();
}

/** The rules: no diacritics, lower case, every run of other than letters and digits one space. */
function foldUntrimmed(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
