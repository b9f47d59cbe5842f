/** Plain-text formatting for the benchmark report. */

export const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');

export const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export const ms = (n: number) => (!Number.isFinite(n) ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

export const ratio = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)}×` : '—');

export const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '—');

/** Rounds for the JSON line: whole numbers stay whole, the rest keep 4 significant digits. */
export function roundForJson(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value)) return value;
    return Number(value.toPrecision(4));
  }
  if (Array.isArray(value)) return value.map(roundForJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundForJson(v)]));
  }
  return value;
}

/** An aligned table: first column left-aligned, the others right-aligned. */
export function table(headers: string[], rows: string[][], indent = '  '): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    indent + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd();
  return [line(headers), indent + widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}
