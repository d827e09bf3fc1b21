// Messages organisers write to a filtered audience of an event: the audience counted and previewed,
// the mailing and one outbox row per recipient written in one set-based batch (whatever the
// audience's size), its delivery read back, and addresses that stopped an event's announcements.
import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { mailboxOf } from './outbox.ts';
import { filterWhere, type RegistrationFilter } from './registration-filter.ts';
import { mailings, outbox } from './schema.ts';

export type Mailing = typeof mailings.$inferSelect;

/**
 * Who a mailing reaches among the registrations `r`: the filter, and for an announcement no address
 * that stopped this event's announcements. Messages about a person's own registration always go.
 */
export function audienceWhere(eventId: string, filter: RegistrationFilter, announcement: boolean): SQL {
  const where = filterWhere(eventId, filter);
  return announcement
    ? sql`${where} AND NOT EXISTS (SELECT 1 FROM unsubscribes u WHERE u.email_key = r.email_key AND u.event_id = r.event_id)`
    : where;
}

// One message per address: someone with a cancelled and a new registration is written to once.
const recipientsCount = (where: SQL) => sql`(SELECT count(DISTINCT r.email_key) FROM registrations r WHERE ${where})`;

export type AudiencePreview = {
  count: number;
  /** Addresses the filter matches that stopped announcements (left out of an announcement). */
  unsubscribed: number;
  first: { id: number; name: string; email: string; status: string }[];
};

/** How many people an audience reaches and the first of them, in one batch. */
export async function previewAudience(
  db: Db,
  eventId: string,
  filter: RegistrationFilter,
  announcement: boolean,
  firstCount: number,
): Promise<AudiencePreview> {
  const where = audienceWhere(eventId, filter, announcement);
  const all = filterWhere(eventId, filter);
  const [counted, firstRows, everyone] = await batch(db, [
    sql`SELECT ${recipientsCount(where)} AS n`,
    sql`SELECT max(r.id) AS id, r.name AS name, r.email AS email, r.status AS status FROM registrations r
      WHERE ${where} GROUP BY r.email_key ORDER BY lower(r.name), id LIMIT ${firstCount}`,
    sql`SELECT ${recipientsCount(all)} AS n`,
  ]);
  const n = (result: D1Result | undefined) => (result?.results[0] as { n: number } | undefined)?.n ?? 0;
  const count = n(counted);
  return { count, unsubscribed: n(everyone) - count, first: firstRows!.results as AudiencePreview['first'] };
}

export type NewMailing = {
  eventId: string;
  subject: string;
  /** What the organiser typed, inserted at delivery as {{note}}. */
  text: string;
  /** The message's template (messages/organiser-texts.ts). */
  template: string;
  filter: RegistrationFilter;
  announcement: boolean;
  /** The count the organiser saw in the preview: the mailing goes only to exactly that many. */
  expected: number;
  /** The preview form's nonce: the same form sent twice (a double click) makes one mailing. */
  nonce: string;
  by: string;
  now: string;
};

export type SendResult =
  | { state: 'sent'; mailingId: number }
  | { state: 'duplicate'; mailingId: number }
  | { state: 'audience_changed' };

/**
 * Sends a mailing in one batch of five statements, whatever the audience's size: the form's nonce
 * is claimed (only while the audience still has the previewed size), then the mailing, one outbox
 * row per recipient (INSERT … SELECT), the answer kept for the nonce and the audit entry, each only
 * for the request that made the claim.
 */
export async function sendMailing(db: Db, m: NewMailing): Promise<SendResult> {
  const scope = `mailing:${m.eventId}`;
  const claim = crypto.randomUUID();
  const claimed = sql`EXISTS (SELECT 1 FROM idempotency_keys WHERE scope = ${scope} AND key = ${m.nonce}
    AND request_hash = ${claim})`;
  const where = audienceWhere(m.eventId, m.filter, m.announcement);
  // Inside this batch (one transaction) the newest mailing of the event is the one it made.
  const mailingId = sql`(SELECT max(id) FROM mailings WHERE event_id = ${m.eventId})`;
  const [, , , kept] = await batch(db, [
    sql`INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
      SELECT ${scope}, ${m.nonce}, ${claim}, NULL, NULL, ${m.now}
      WHERE ${recipientsCount(where)} = ${m.expected}
      ON CONFLICT (scope, key) DO NOTHING`,
    sql`INSERT INTO mailings (event_id, subject, body, audience, announcement, recipients, created_by, created_at)
      SELECT ${m.eventId}, ${m.subject}, ${m.text}, ${JSON.stringify(m.filter)}, ${m.announcement ? 1 : 0},
        ${m.expected}, ${m.by}, ${m.now}
      WHERE ${claimed}`,
    sql`INSERT INTO outbox (registration_id, event_id, kind, to_address, to_key, to_mailbox, to_name, subject, body,
        params, attach_calendar, status, attempts, next_attempt_at, created_at, mailing_id)
      SELECT max(r.id), r.event_id, 'mailing', r.email, r.email_key, ${mailboxOf(sql`r.email_key`)}, r.name,
        ${m.subject}, ${m.template}, ${JSON.stringify({ note: m.text })}, 0, 'pending', 0, ${m.now}, ${m.now}, ${mailingId}
      FROM registrations r WHERE ${where} AND ${claimed}
      GROUP BY r.email_key`,
    sql`UPDATE idempotency_keys SET status = 303, body = ${mailingId}
      WHERE scope = ${scope} AND key = ${m.nonce} AND request_hash = ${claim}
      RETURNING body`,
    sql`INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
      SELECT ${m.now}, ${m.by}, 'mailing.send', ${m.eventId}, NULL,
        json_object('mailingId', ${mailingId}, 'recipients', ${m.expected}, 'announcement', json(${m.announcement ? 'true' : 'false'}),
          'subject', ${m.subject})
      WHERE ${claimed}`,
  ]);
  const ours = (kept!.results as { body: string }[])[0];
  if (ours) return { state: 'sent', mailingId: Number(ours.body) };
  const [earlier] = await db.all<{ body: string | null }>(
    sql`SELECT body FROM idempotency_keys WHERE scope = ${scope} AND key = ${m.nonce}`,
  );
  return earlier?.body ? { state: 'duplicate', mailingId: Number(earlier.body) } : { state: 'audience_changed' };
}

export async function mailingById(db: Db, eventId: string, id: number): Promise<Mailing | undefined> {
  return first(
    db
      .select()
      .from(mailings)
      .where(and(eq(mailings.eventId, eventId), eq(mailings.id, id))),
  );
}

export type DeliveryCounts = { pending: number; sent: number; failed: number };

/** An event's newest mailings, with how far each one's delivery got. */
export async function mailingsOf(db: Db, eventId: string, limit: number) {
  const list = await db
    .select()
    .from(mailings)
    .where(eq(mailings.eventId, eventId))
    .orderBy(desc(mailings.id))
    .limit(limit);
  const counts = await deliveryCounts(
    db,
    list.map((m) => m.id),
  );
  return list.map((m) => ({ ...m, delivery: counts.get(m.id) ?? { pending: 0, sent: 0, failed: 0 } }));
}

async function deliveryCounts(db: Db, ids: number[]): Promise<Map<number, DeliveryCounts>> {
  const counts = new Map<number, DeliveryCounts>();
  if (ids.length === 0) return counts;
  const rows = await db
    .select({ mailingId: outbox.mailingId, status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .where(inArray(outbox.mailingId, ids))
    .groupBy(outbox.mailingId, outbox.status);
  for (const row of rows) {
    const c = counts.get(row.mailingId!) ?? { pending: 0, sent: 0, failed: 0 };
    c[row.status] = row.n;
    counts.set(row.mailingId!, c);
  }
  return counts;
}

/** One page of a mailing's recipients with their delivery status, and the counts per status. */
export async function mailingRecipients(db: Db, mailingId: number, o: { offset: number; limit: number }) {
  const [page, counts] = await Promise.all([
    db
      .select({
        id: outbox.id,
        name: outbox.toName,
        email: outbox.toAddress,
        status: outbox.status,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        sentAt: outbox.sentAt,
      })
      .from(outbox)
      .where(eq(outbox.mailingId, mailingId))
      .orderBy(outbox.id)
      .limit(o.limit)
      .offset(o.offset),
    deliveryCounts(db, [mailingId]),
  ]);
  return { page, counts: counts.get(mailingId) ?? { pending: 0, sent: 0, failed: 0 } };
}

/** At delivery: the hash of the one-click unsubscribe link minted for an announcement. */
export async function setUnsubscribeHash(db: Db, messageId: number, hash: string) {
  await db.update(outbox).set({ unsubscribeHash: hash }).where(eq(outbox.id, messageId));
}

/** The message an unsubscribe link was minted for (found by id; the caller compares the hash). */
export async function unsubscribeTarget(db: Db, messageId: number) {
  const [row] = await db.all<{ hash: string | null; emailKey: string; eventId: string | null; stopped: number }>(
    sql`SELECT o.unsubscribe_hash AS hash, o.to_key AS emailKey, o.event_id AS eventId,
        EXISTS (SELECT 1 FROM unsubscribes u WHERE u.email_key = o.to_key AND u.event_id = o.event_id) AS stopped
      FROM outbox o WHERE o.id = ${messageId} AND o.kind = 'mailing'`,
  );
  return row;
}

/** Stops an address's announcements of an event; doing it again changes nothing. */
export async function unsubscribe(db: Db, u: { emailKey: string; eventId: string; now: string }) {
  await db.run(
    sql`INSERT INTO unsubscribes (email_key, event_id, at) VALUES (${u.emailKey}, ${u.eventId}, ${u.now})
      ON CONFLICT (email_key, event_id) DO NOTHING`,
  );
}
