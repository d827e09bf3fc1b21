// The organisers' audit trail: every organiser action is written in the same batch as the action.
import { and, asc, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { auditLog } from './schema.ts';

export type AuditEntry = {
  actor: string;
  action: string;
  eventId?: string | null;
  registrationId?: number | null;
  detail?: Record<string, unknown>;
  at: string;
};

export const auditStatement = (db: Db, e: AuditEntry) =>
  db.insert(auditLog).values({
    at: e.at,
    actor: e.actor,
    action: e.action,
    eventId: e.eventId ?? null,
    registrationId: e.registrationId ?? null,
    detail: e.detail ?? null,
  });

/**
 * The entry, written only when `condition` holds when the statement runs: for batches whose action
 * may turn out to change nothing (a guarded update), so the log never records what did not happen.
 */
export const auditWhen = (e: AuditEntry, condition: SQL) =>
  sql`INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
    SELECT ${e.at}, ${e.actor}, ${e.action}, ${e.eventId ?? null}, ${e.registrationId ?? null},
      ${e.detail ? JSON.stringify(e.detail) : null}
    WHERE ${condition}`;

export async function record(db: Db, e: AuditEntry) {
  await auditStatement(db, e);
}

/** Entries newest first, optionally for one event and before an id (for paging). */
export async function auditEntries(db: Db, q: { eventId?: string; before?: number; limit: number }) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(q.eventId ? eq(auditLog.eventId, q.eventId) : undefined, q.before ? lt(auditLog.id, q.before) : undefined),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
}

/** What organisers did to one registration, oldest first (its history on the console). */
export async function auditOfRegistration(db: Db, registrationId: number, limit = 100) {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.registrationId, registrationId))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}
