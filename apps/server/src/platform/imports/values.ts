/** Reading cell values the same way in every importer: trimmed text, blank → null. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  return t === '' ? null : t;
}

/** An integer count: "1,234" → 1234; blank → null; anything else → NaN (the validator rejects it). */
export function integer(value: unknown): number | null {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isInteger(n) ? n : Number.NaN;
}
