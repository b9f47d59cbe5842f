export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  kind: ChangeKind;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** Stable JSON for comparing values (object keys sorted). */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * Field-by-field comparison of a record before and after a change (top-level fields;
 * nested values compare as a whole). Field order: `before`'s, then fields new in `after`.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields.map((field) => {
    const inBefore = !!b && Object.prototype.hasOwnProperty.call(b, field) && b[field] !== undefined;
    const inAfter = !!a && Object.prototype.hasOwnProperty.call(a, field) && a[field] !== undefined;
    const beforeValue = inBefore ? b[field] : undefined;
    const afterValue = inAfter ? a[field] : undefined;
    let kind: ChangeKind;
    if (!inBefore && inAfter) kind = 'added';
    else if (inBefore && !inAfter) kind = 'removed';
    else kind = stableStringify(beforeValue) === stableStringify(afterValue) ? 'unchanged' : 'changed';
    return { field, before: beforeValue, after: afterValue, kind };
  });
}

/** A value as shown in the diff table. */
export function displayValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 1) ?? '';
}
