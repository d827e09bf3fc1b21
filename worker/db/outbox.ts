// Writing messages to the outbox as part of a change, and reading them back for delivery.
import { and, asc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { type MessageKind, PUBLIC_MESSAGES_PER_HOUR, withCalendar } from '../messages/kinds.ts';
import { type MessageParams, messageFor, type RegistrationMessageKind } from '../messages/texts.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';
import { deliveryAttempts, outbox } from './schema.ts';

export type QueueOptions = {
  event: CatalogueEvent;
  now: string;
  /** The kinds `kind` may pick. */
  kinds: RegistrationMessageKind[];
  /**
   * An SQL expression over the registration `r` picking among `kinds` (it may depend on the status
   * the database just chose); not needed when there is one kind.
   */
  kind?: SQL;
  /** Which registrations `r` get the message. */
  where: SQL;
  /** Text people typed, kept apart from the template. */
  params?: MessageParams;
  /** Queue it already leased to the caller, which delivers it at once; returns the row. */
  claimedUntil?: string;
  /** Caused by a public action: at most PUBLIC_MESSAGES_PER_HOUR to one address about one event in an hour. */
  limited?: boolean;
};

/** model/email.ts's mailboxKey in SQL, over an email key: the plus-tag of the local part folded. */
export const mailboxOf = (key: SQL) =>
  sql`(CASE WHEN instr(${key}, '+') > 1 AND instr(${key}, '+') < instr(${key}, '@')
    THEN substr(${key}, 1, instr(${key}, '+') - 1) || substr(${key}, instr(${key}, '@')) ELSE ${key} END)`;

/**
 * A statement that queues a message for every registration `r` matching `where`, to run in the
 * same batch as the change it announces.
 */
export function queueMessages(o: QueueOptions) {
  const params = o.params?.note || o.params?.other ? o.params : undefined;
  const texts = new Map(o.kinds.map((k) => [k, messageFor(k, o.event, params)]));
  const kind = o.kind ?? sql`${o.kinds[0]!}`;
  const pick = (f: (k: RegistrationMessageKind) => string | number) =>
    o.kinds.length === 1
      ? sql`${f(o.kinds[0]!)}`
      : sql`CASE ${kind} ${sql.join(
          o.kinds.map((k) => sql`WHEN ${k} THEN ${f(k)}`),
          sql` `,
        )} END`;
  const hourAgo = new Date(new Date(o.now).getTime() - 3_600_000).toISOString();
  // Organisers' mailings do not use up what a person's own actions may send.
  const limit = o.limited
    ? sql` AND (SELECT count(*) FROM outbox m WHERE m.to_mailbox = ${mailboxOf(sql`r.email_key`)} AND m.event_id = r.event_id
        AND m.created_at > ${hourAgo} AND m.kind <> 'mailing') < ${PUBLIC_MESSAGES_PER_HOUR}`
    : sql``;
  return sql`INSERT INTO outbox (registration_id, event_id, kind, to_address, to_key, to_mailbox, to_name, subject, body, params,
      attach_calendar, status, attempts, next_attempt_at, created_at)
    SELECT r.id, r.event_id, ${kind}, r.email, r.email_key, ${mailboxOf(sql`r.email_key`)}, r.name, ${pick((k) => texts.get(k)!.subject)},
      replace(${pick((k) => texts.get(k)!.body)}, '{{ticket_code}}', r.ticket_code), ${params ? JSON.stringify(params) : null},
      ${pick((k) => (withCalendar(k) ? 1 : 0))}, 'pending', 0, ${o.claimedUntil ?? o.now}, ${o.now}
    FROM registrations r WHERE ${o.where}${limit}${o.claimedUntil ? sql` RETURNING *` : sql``}`;
}

/** Queues one message to one registration, on its own. */
export async function queueFor(db: Db, registrationId: number, o: Omit<QueueOptions, 'where' | 'kind'>) {
  await batch(db, [queueMessages({ ...o, where: sql`r.id = ${registrationId}` })]);
}

export type OutboxMessage = typeof outbox.$inferSelect;

/** A row that D1 returned from raw SQL (snake_case) as the typed message. */
export function messageFromRow(row: Record<string, unknown>): OutboxMessage {
  return {
    id: row.id as number,
    registrationId: row.registration_id as number | null,
    eventId: row.event_id as string | null,
    signInId: row.sign_in_id as number | null,
    kind: row.kind as MessageKind,
    toAddress: row.to_address as string,
    toKey: row.to_key as string,
    toMailbox: row.to_mailbox as string,
    toName: row.to_name as string,
    subject: row.subject as string,
    body: row.body as string,
    params: typeof row.params === 'string' ? (JSON.parse(row.params) as MessageParams) : null,
    attachCalendar: Boolean(row.attach_calendar),
    status: row.status as OutboxMessage['status'],
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as string,
    lastError: row.last_error as string | null,
    createdAt: row.created_at as string,
    sentAt: row.sent_at as string | null,
    mailingId: (row.mailing_id as number | null) ?? null,
    unsubscribeHash: (row.unsubscribe_hash as string | null) ?? null,
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

export type Attempt = { messageId: number; at: string; sender: string; linkHashes?: string[] } & (
  | { ok: true }
  | { ok: false; error: string; retryAt: string | null }
);

/**
 * Records one delivery attempt and moves the message on: sent, retried later, or failed for good.
 * A failed attempt also removes the manage link minted for it, so retries leave no stray links.
 */
export async function recordAttempt(db: Db, a: Attempt) {
  await batch(db, [
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
    ...(a.ok ? [] : (a.linkHashes ?? []).map((hash) => sql`DELETE FROM manage_links WHERE token_hash = ${hash}`)),
  ]);
}

/** How many messages wait for delivery, for the health check. */
export async function pendingCount(db: Db): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`);
  return row?.n ?? 0;
}

/** Messages sent to one registration, newest first (for the person's page and, later, organisers). */
export async function messagesOf(db: Db, registrationId: number) {
  return db.select().from(outbox).where(eq(outbox.registrationId, registrationId)).orderBy(asc(outbox.id));
}
