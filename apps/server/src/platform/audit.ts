import { type Kysely, sql } from 'kysely';
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
  // One JSON document per statement: an import of 200,000 rows writes its audit in a few statements.
  const chunkSize = 10_000;
  for (let i = 0; i < entries.length; i += chunkSize) {
    const rows = entries.slice(i, i + chunkSize).map((e) => ({
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      before: e.before ?? null,
      after: e.after ?? null,
    }));
    await sql`
      insert into audit_event (entity_type, entity_id, action, actor_user_id, actor_label, import_id, before, after)
      select v.entity_type, v.entity_id, v.action, ${actor.userId}::uuid, ${actor.label}, ${actor.importId ?? null}::uuid, v.before, v.after
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(entity_type text, entity_id text, action text, before jsonb, after jsonb)`.execute(db);
  }
}
