import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_geo.js';

/** Ordered; a migration, once released, is never edited — add a new one. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_geo': m0002,
};
