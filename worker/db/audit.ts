// The organisers' audit trail: every organiser action is written in the same batch as the action.
import { and, asc, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { auditLog } from './schema.ts';
import { contains } from './text-search.ts';

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

export type AuditQuery = {
  /** One event's entries. */
  eventId?: string;
  /** Only these events' entries (a role scoped to events): entries about no event are left out. */
  eventIds?: readonly string[];
  /** Text in the actor's name (an email, or a token's name), in any case. */
  actor?: string;
  action?: string;
  registrationId?: number;
  /** At or after this instant (ISO 8601, UTC). */
  from?: string;
  /** Before this instant. */
  until?: string;
  /** Entries older than this id: the keyset of the previous page. */
  before?: number;
  limit: number;
};

/** Entries newest first, filtered, a page at a time (keyset on the id, so every page is a range). */
export async function auditEntries(db: Db, q: AuditQuery) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        q.eventId !== undefined ? eq(auditLog.eventId, q.eventId) : undefined,
        // One parameter however many events: a statement takes at most 100.
        q.eventIds
          ? sql`${auditLog.eventId} IN (SELECT value FROM json_each(${JSON.stringify(q.eventIds)}))`
          : undefined,
        q.actor ? contains(sql`${auditLog.actor}`, q.actor) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.registrationId !== undefined ? eq(auditLog.registrationId, q.registrationId) : undefined,
        q.from ? gte(auditLog.at, q.from) : undefined,
        q.until ? lt(auditLog.at, q.until) : undefined,
        q.before ? lt(auditLog.id, q.before) : undefined,
      ),
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
