import type { Selectable } from 'kysely';
import type { DataSourceTable } from './db/schema.js';

/** How a data source is cited next to every published figure. */
export function citeSource(s: Selectable<DataSourceTable>) {
  return { id: s.id, name: s.name, publisher: s.publisher, vintage: s.vintage, attribution: s.attribution, licence: s.licence, url: s.url };
}
