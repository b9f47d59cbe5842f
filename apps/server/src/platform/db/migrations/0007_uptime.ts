import type { Kysely } from 'kysely';

/** Placeholder: filled in by the work that owns it before it is released. */
export async function up(_db: Kysely<unknown>): Promise<void> {}
