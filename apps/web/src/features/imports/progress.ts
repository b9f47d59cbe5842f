import type { ImportRun, ImportStatus } from '../../api/types';

export const terminalStatuses: readonly ImportStatus[] = ['completed', 'rejected', 'failed'];

export function isTerminal(status: string): boolean {
  return (terminalStatuses as readonly string[]).includes(status);
}

/** Share of rows processed in 0..1, or null while the total is unknown. */
export function progressFraction(run: Pick<ImportRun, 'status' | 'totalRows' | 'processedRows'>): number | null {
  if (run.status === 'completed') return 1;
  if (!run.totalRows || run.totalRows <= 0) return isTerminal(run.status) ? 1 : null;
  return Math.min(1, Math.max(0, run.processedRows / run.totalRows));
}

const extensionsByFormat: Record<string, string[]> = {
  csv: ['.csv', '.txt'],
  xlsx: ['.xlsx'],
  json: ['.json'],
  geojson: ['.geojson', '.json'],
  topojson: ['.topojson', '.json'],
};

/** The `accept` attribute of the file input for the formats of a kind. */
export function acceptFor(formats: readonly string[]): string {
  const out = new Set<string>();
  for (const format of formats) {
    for (const ext of extensionsByFormat[format.toLowerCase()] ?? [`.${format.toLowerCase()}`]) out.add(ext);
  }
  return [...out].join(',');
}

/** A rejected row's raw values as label/value pairs, whatever shape the server stored. */
export function rawEntries(raw: unknown): Array<[string, string]> {
  if (raw === null || raw === undefined) return [];
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  };
  if (Array.isArray(raw)) return raw.map((value, index) => [String(index + 1), show(value)]);
  if (typeof raw === 'object') return Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, show(v)]);
  return [['', show(raw)]];
}
