import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/** Who performs a change: a signed-in user, an import run, or the system itself. */
export interface Actor {
  userId: string | null;
  /** Human-readable: an email, `import:<id>`, `system:reference-data`, `cli`. */
  label: string;
  importId?: string | null;
}

export const systemActor = (label: string): Actor => ({ userId: null, label: `system:${label}` });

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
}

/**
 * Appends audit events inside the caller's transaction, so a change and its record
 * commit or roll back together.
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entries: AuditEntry[]): Promise<void> {
  const chunkSize = 500;
  for (let i = 0; i < entries.length; i += chunkSize) {
    await db
      .insertInto('audit_event')
      .values(
        entries.slice(i, i + chunkSize).map((e) => ({
          entity_type: e.entityType,
          entity_id: e.entityId,
          action: e.action,
          actor_user_id: actor.userId,
          actor_label: actor.label,
          import_id: actor.importId ?? null,
          before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
        })),
      )
      .execute();
  }
}
