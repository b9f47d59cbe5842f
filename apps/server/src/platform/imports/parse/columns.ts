import type { ColumnSpec } from './types.js';

/** Lower-cases, strips accents, zero-width characters, spaces, underscores and hyphens: "Año_Fiscal " → "anofiscal". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

/** "Potencia (kW)" → "Potencia": units in a trailing bracket do not change what the column is. */
function withoutTrailingUnits(header: string): string {
  return header.replace(/\s*[([][^()[\]]*[)\]]\s*$/, '');
}

/** Turns any cell value into the header text it shows. */
export function headerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

export interface HeaderMatch {
  /** Canonical column → index of the cell that holds it. */
  indexByCanonical: Map<string, number>;
  missingRequired: string[];
}

/** Resolves header spellings to canonical column names through the kind's aliases. */
export class ColumnMatcher {
  readonly canonicalNames: string[];
  readonly requiredNames: string[];
  private readonly lookup = new Map<string, string>();
  private readonly cache = new Map<string, string | null>();
  private readonly columns: Record<string, ColumnSpec>;

  constructor(columns: Record<string, ColumnSpec>) {
    this.columns = columns;
    this.canonicalNames = Object.keys(columns);
    this.requiredNames = this.canonicalNames.filter((name) => columns[name]!.required);
    // The canonical name is always an accepted spelling; on a clash the first column declared wins.
    for (const name of this.canonicalNames) {
      for (const spelling of [name, ...columns[name]!.aliases]) {
        const key = normaliseHeader(spelling);
        if (key !== '' && !this.lookup.has(key)) this.lookup.set(key, name);
      }
    }
  }

  /** The canonical column a header spells, if any. */
  resolve(header: string): string | undefined {
    let hit = this.cache.get(header);
    if (hit === undefined) {
      hit = this.lookup.get(normaliseHeader(header)) ?? this.lookup.get(normaliseHeader(withoutTrailingUnits(header))) ?? null;
      this.cache.set(header, hit);
    }
    return hit ?? undefined;
  }

  /** Matches a candidate header row; when a canonical column appears twice, the first cell wins. */
  match(headers: readonly string[]): HeaderMatch {
    const indexByCanonical = new Map<string, number>();
    headers.forEach((header, index) => {
      if (header === '') return;
      const canonical = this.resolve(header);
      if (canonical !== undefined && !indexByCanonical.has(canonical)) indexByCanonical.set(canonical, index);
    });
    const missingRequired = this.requiredNames.filter((name) => !indexByCanonical.has(name));
    return { indexByCanonical, missingRequired };
  }

  /** For error messages: each missing column with the spellings that would have been accepted. */
  describeMissing(missing: readonly string[]): Array<{ column: string; acceptedSpellings: string[] }> {
    return missing.map((column) => ({
      column,
      acceptedSpellings: [...new Set([column, ...this.columns[column]!.aliases])],
    }));
  }
}

/** Gives empty headers a `column_N` name and repeated ones a ` (2)`, ` (3)`… suffix, so every column has a unique key. */
export function uniqueHeaderNames(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header, index) => {
    const base = header === '' ? `column_${index + 1}` : header;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

export function formatMissingColumnsMessage(
  matcher: ColumnMatcher,
  missing: readonly string[],
  found: readonly string[],
  where: string,
  noun: 'header' | 'key' | 'property' = 'header',
): string {
  const plural = noun === 'property' ? 'properties' : `${noun}s`;
  const spellings = matcher
    .describeMissing(missing)
    .map(({ column, acceptedSpellings }) => `"${column}" (accepted ${plural}: ${acceptedSpellings.map((s) => `"${s}"`).join(', ')})`)
    .join('; ');
  const shown = found.filter((h) => h !== '');
  const foundText = shown.slice(0, 50).map((h) => `"${h}"`).join(', ') + (shown.length > 50 ? `, … (${shown.length} in all)` : '');
  return (
    `Required column${missing.length === 1 ? '' : 's'} missing: ${spellings}. ` +
    `${where}${shown.length === 0 ? ` no ${plural} were found` : ` the ${plural} found were: ${foundText}`}. ` +
    `Rename the ${noun === 'header' ? 'columns' : plural} in the file to one of the accepted names (case, accents, spaces and underscores do not matter).`
  );
}
