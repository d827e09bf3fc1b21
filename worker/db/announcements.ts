// Announcing what changed in an event, in D1: which listed changes are still to announce, and the
// batch that claims one change and, in the same transaction, moves the event's registrations and
// queues their messages, set-based, whatever the number of people.
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { ChangeList } from '../../model/programme.ts';
import { CHANGES } from '../messages/texts.ts';
import { activeStatuses, lifecycle, type RegistrationStatus } from '../registrations/lifecycle.ts';
import type { Statement } from './batch.ts';
import type { Db } from './client.ts';
import { mailboxOf, queueMessages } from './outbox.ts';

const statusIn = (column: SQL, statuses: readonly RegistrationStatus[]) =>
  sql`${column} IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;

export type Due = { id: string; programme: number; announced: number | null; notify: boolean };

/**
 * The listed changes not announced yet, oldest announcements first, at most `limit`: one query,
 * one index lookup per listed event. 'done' once the list was seen through (one row read).
 */
export async function dueAnnouncements(db: Db, list: ChangeList, limit: number): Promise<Due[] | 'done'> {
  const [done] = await db.all(sql`SELECT 1 FROM announced_lists WHERE version = ${list.version}`);
  if (done) return 'done';
  const rows = await db.all<{ id: string; programme: number; announced: number | null; notify: number }>(
    sql`SELECT id, programme, notify, announced FROM (
        SELECT j.value ->> 'id' AS id, j.value ->> 'programme' AS programme,
          coalesce(j.value ->> 'notify', 1) AS notify,
          (SELECT max(a.sequence) FROM announcements a WHERE a.event_id = j.value ->> 'id') AS announced
        FROM json_each(${JSON.stringify(list.events)}) j)
      WHERE announced IS NULL OR announced < programme
      ORDER BY coalesce(announced, -1), id LIMIT ${limit}`,
  );
  return rows.map((r) => ({ ...r, notify: Boolean(r.notify) }));
}

/** Remembers that every change of the list was announced. */
export async function finishList(db: Db, version: string, now: string) {
  await db.run(sql`INSERT INTO announced_lists (version, at) VALUES (${version}, ${now}) ON CONFLICT DO NOTHING`);
}

export type Claim = {
  event: CatalogueEvent;
  /** The programme sequence announced. */
  sequence: number;
  /** The sequence this run found announced last (null: none); the claim holds only if it still is. */
  announced: number | null;
  kind: string;
  /** This run's token: the statements after the claim act only if the claim is this run's. */
  token: string;
  now: string;
};

/**
 * Claims the change: only while the latest announced sequence is still the one this run read, so
 * two runs never both announce, nor announce an older change after a newer one.
 */
export const claimStatement = (c: Claim) =>
  sql`INSERT INTO announcements (event_id, sequence, kind, claim, at)
    SELECT ${c.event.id}, ${c.sequence}, ${c.kind}, ${c.token}, ${c.now}
    WHERE coalesce((SELECT max(sequence) FROM announcements WHERE event_id = ${c.event.id}), -1) = ${c.announced ?? -1}
    ON CONFLICT DO NOTHING`;

const claimed = (c: Claim) =>
  sql`EXISTS (SELECT 1 FROM announcements WHERE event_id = ${c.event.id} AND sequence = ${c.sequence}
    AND claim = ${c.token})`;

const ofEvent = (c: Claim, statuses: readonly RegistrationStatus[]) =>
  sql`r.event_id = ${c.event.id} AND ${statusIn(sql`r.status`, statuses)} AND ${claimed(c)}`;

/** The event is cancelled: everyone active is told (with the note), then set aside with their state kept. */
export function cancelEventStatements(c: Claim): Statement[] {
  const t = lifecycle.cancelEvent;
  const where = ofEvent(c, t.from);
  return [
    queueMessages({ event: c.event, now: c.now, kinds: [t.message], where, params: { note: c.event.cancellation } }),
    sql`UPDATE registrations AS r SET status_before = r.status, status = ${t.to}, updated_at = ${c.now} WHERE ${where}`,
  ];
}

/**
 * The event is on again: everyone set aside returns to the state they had, and is told; except
 * people whose order was refunded in full meanwhile (the cancellation's refunds), whose
 * registration ends instead (restoreRefunded): nobody gets a place back unpaid. Decided per
 * registration in the same statement, from the order as it is when the statement runs.
 */
export function restoreEventStatements(c: Claim): Statement[] {
  const back = lifecycle.restoreEvent;
  const ended = lifecycle.restoreRefunded;
  const where = ofEvent(c, back.from);
  const refunded = sql`EXISTS (SELECT 1 FROM orders o WHERE o.id = r.order_id AND o.paid_at IS NOT NULL
    AND o.amount_total > 0 AND o.amount_refunded >= o.amount_total)`;
  return [
    queueMessages({
      event: c.event,
      now: c.now,
      kinds: [back.message, ended.message],
      kind: sql`CASE WHEN ${refunded} THEN ${ended.message} ELSE ${back.message} END`,
      where,
    }),
    sql`UPDATE registrations AS r SET status = CASE WHEN ${refunded} THEN ${ended.to} ELSE r.status_before END,
      status_before = NULL, updated_at = ${c.now} WHERE ${where}`,
  ];
}

/** Tells everyone active, who keeps their registration as it is (postponed, new date). */
export const tellActiveStatement = (c: Claim, kind: 'event-postponed' | 'event-rescheduled') =>
  queueMessages({ event: c.event, now: c.now, kinds: [kind], where: ofEvent(c, activeStatuses) });

export type DigestItem = { session?: string; text: string };

/**
 * One programme digest to everyone active: the changes to the event first, then the sessions the
 * person starred (marked), then the others, in the order given. Each body is written here, per
 * person, so delivery fills in only the name and the link.
 */
export function digestStatement(c: Claim, text: { subject: string; body: string }, items: DigestItem[]) {
  const starred = sql`EXISTS (SELECT 1 FROM session_stars s WHERE s.registration_id = r.id
    AND s.session_id = i.value ->> 'session')`;
  const list = sql`(SELECT group_concat(CASE WHEN ${starred} THEN '★ You starred: ' ELSE '' END || (i.value ->> 'text'),
      char(10) || char(10) ORDER BY i.value ->> 'session' IS NOT NULL, ${starred} DESC, i.key)
    FROM json_each(${JSON.stringify(items)}) i)`;
  return sql`INSERT INTO outbox (registration_id, event_id, kind, to_address, to_key, to_mailbox, to_name, subject,
      body, params, attach_calendar, status, attempts, next_attempt_at, created_at)
    SELECT r.id, r.event_id, 'programme-changed', r.email, r.email_key, ${mailboxOf(sql`r.email_key`)}, r.name,
      ${text.subject}, replace(${text.body}, ${CHANGES}, ${list}), NULL, 0, 'pending', 0, ${c.now}, ${c.now}
    FROM registrations r WHERE ${ofEvent(c, activeStatuses)}`;
}
