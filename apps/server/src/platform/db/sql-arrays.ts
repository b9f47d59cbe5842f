import { sql } from 'kysely';

/**
 * Arrays bound as ONE parameter, with their element type stated: the same SQL on PGlite and
 * PostgreSQL, and no bind-parameter limit however long the list (`= any(...)`, `@>`, `&&`).
 */
export const textArray = (values: readonly string[]) => sql<string[]>`${values}::text[]`;

/** Whole numbers as one array literal. */
export const intArray = (values: readonly number[]) => sql<number[]>`${`{${values.join(',')}}`}::int[]`;
