// Writing messages to the outbox as part of a change, and reading them back for delivery.
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { messageFor, withCalendar } from '../domain/messages.ts';
import type { Db } from './client.ts';
import { deliveryAttempts, type MessageKind, outbox } from './schema.ts';

/**
 * A statement that queues a message for every registration `r` matching `where`, to run in the
 * same batch as the change it announces. `kind` is an SQL expression over `r` (it may depend on the
 * status the database just chose), picking among `kinds`.
 */
export function queueMessages(
  event: CatalogueEvent,
  now: string,
  kinds: MessageKind[],
  kind: SQL,
  where: SQL,
  note?: string | null,
  options: { claimedUntil?: string } = {},
) {
  const texts = new Map(kinds.map((k) => [k, messageFor(k, event, note)]));
  const pick = (f: (k: MessageKind) => string | number) =>
    kinds.length === 1
      ? sql`${f(kinds[0]!)}`
      : sql`CASE ${kind} ${sql.join(
          kinds.map((k) => sql`WHEN ${k} THEN ${f(k)}`),
          sql` `,
        )} END`;
  return sql`INSERT INTO outbox (registration_id, event_id, kind, to_address, to_name, subject, body, attach_calendar, status, attempts, next_attempt_at, created_at)
    SELECT r.id, r.event_id, ${kind}, r.email, r.name, ${pick((k) => texts.get(k)!.subject)}, ${pick((k) => texts.get(k)!.body)}, ${pick((k) => (withCalendar(k) ? 1 : 0))}, 'pending', 0, ${options.claimedUntil ?? now}, ${now}
    FROM registrations r WHERE ${where}${options.claimedUntil ? sql` RETURNING *` : sql``}`;
}

export type OutboxMessage = typeof outbox.$inferSelect;

/** A row that D1 returned from raw SQL (snake_case) as the typed message. */
export function messageFromRow(row: Record<string, unknown>): OutboxMessage {
  return {
    id: row.id as number,
    registrationId: row.registration_id as number,
    eventId: row.event_id as string,
    kind: row.kind as MessageKind,
    toAddress: row.to_address as string,
    toName: row.to_name as string,
    subject: row.subject as string,
    body: row.body as string,
    attachCalendar: Boolean(row.attach_calendar),
    status: row.status as OutboxMessage['status'],
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as string,
    lastError: row.last_error as string | null,
    createdAt: row.created_at as string,
    sentAt: row.sent_at as string | null,
  };
}

/**
 * Claims due messages in one statement by pushing their next attempt past a lease, so that
 * concurrent delivery runs never send the same message twice. A run that dies mid-way leaves its
 * messages to be picked up again when the lease ends.
 */
export async function claimDue(db: Db, now: string, leaseUntil: string, limit: number, registrationId?: number) {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        registrationId === undefined ? undefined : eq(outbox.registrationId, registrationId),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  return db
    .update(outbox)
    .set({ nextAttemptAt: leaseUntil })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .returning();
}

export type Attempt = { messageId: number; at: string; sender: string } & (
  | { ok: true }
  | { ok: false; error: string; retryAt: string | null }
);

/** Records one delivery attempt and moves the message on: sent, retried later, or failed for good. */
export async function recordAttempt(db: Db, a: Attempt) {
  await db.batch([
    db
      .insert(deliveryAttempts)
      .values({ messageId: a.messageId, attemptedAt: a.at, sender: a.sender, ok: a.ok, error: a.ok ? null : a.error }),
    a.ok
      ? db
          .update(outbox)
          .set({ status: 'sent', sentAt: a.at, attempts: sql`${outbox.attempts} + 1`, lastError: null })
          .where(eq(outbox.id, a.messageId))
      : db
          .update(outbox)
          .set({
            status: a.retryAt ? 'pending' : 'failed',
            attempts: sql`${outbox.attempts} + 1`,
            lastError: a.error,
            nextAttemptAt: a.retryAt ?? a.at,
          })
          .where(eq(outbox.id, a.messageId)),
  ]);
}
