import { type Kysely, type RawBuilder, sql } from 'kysely';
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

/** Audit entries serialised for the database, ready to write (see {@link prepareAudit}). */
export interface PreparedAudit {
  payloads: string[];
}

// One JSON document per statement: an import of 200,000 rows writes its audit in a few statements.
const auditRowsPerStatement = 10_000;

/**
 * Serialises audit entries ahead of writing them, so that a bulk writer can do this CPU
 * work while the database is busy with its previous statement.
 */
export function prepareAudit(entries: AuditEntry[]): PreparedAudit {
  const payloads: string[] = [];
  for (let i = 0; i < entries.length; i += auditRowsPerStatement) {
    const rows = entries.slice(i, i + auditRowsPerStatement).map((e) => ({
      entity_type: e.entityType,
      entity_id: e.entityId,
      action: e.action,
      before: e.before ?? null,
      after: e.after ?? null,
    }));
    payloads.push(JSON.stringify(rows));
  }
  return { payloads };
}

/**
 * The INSERT of one prepared payload, as a statement fragment: a bulk writer may run it as
 * part of a larger statement (a data-modifying CTE) with the rows it audits.
 */
export function auditInsert(actor: Actor, payload: string): RawBuilder<unknown> {
  return sql`
    insert into audit_event (entity_type, entity_id, action, actor_user_id, actor_label, import_id, before, after)
    select v.entity_type, v.entity_id, v.action, ${actor.userId}::uuid, ${actor.label}, ${actor.importId ?? null}::uuid, v.before, v.after
    from json_to_recordset(${payload}::json) as v(entity_type text, entity_id text, action text, before jsonb, after jsonb)`;
}

/** Writes prepared audit events inside the caller's transaction. */
export async function writePreparedAudit(db: Kysely<Database>, actor: Actor, prepared: PreparedAudit): Promise<void> {
  for (const payload of prepared.payloads) await auditInsert(actor, payload).execute(db);
}

/**
 * Appends audit events inside the caller's transaction, so a change and its record
 * commit or roll back together.
 */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entries: AuditEntry[]): Promise<void> {
  await writePreparedAudit(db, actor, prepareAudit(entries));
}
