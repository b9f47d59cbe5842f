/**
 * A timestamp as the API shows it: ISO 8601 in UTC. Drivers return `timestamptz` as a Date
 * (pg) or a string (some PGlite paths and JSON built in SQL); both are accepted. Null stays null.
 */
export function isoTimestamp(value: Date | string): string;
export function isoTimestamp(value: Date | string | null | undefined): string | null;
export function isoTimestamp(value: Date | string | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : new Date(value).toISOString();
}
