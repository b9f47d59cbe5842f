import type { Actor } from '../../platform/audit.js';
import type { Db } from '../../platform/db/database.js';

/**
 * Looks for records of the same site from other sources near the given locations, merges
 * the confident matches and queues the doubtful ones for a moderator. Called by every
 * charging merge with the locations it created or moved, inside the import's transaction.
 */
export async function matchDuplicates(_db: Db, _locationIds: string[], _actor: Actor): Promise<void> {
  // Not written yet: cross-source matching is being built.
}
