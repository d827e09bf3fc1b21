// Registrations in D1. Every change is one batch (one transaction): the capacity check, the
// change, its outbox message and, for organisers, the audit entry succeed or fail together.
import { and, asc, eq, gt, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { Terms } from '../domain/admission.ts';
import type { Answers } from '../domain/answers.ts';
import { futureSlots } from '../domain/slots.ts';
import { type AuditEntry, auditStatement } from './audit.ts';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { optOutStatements, type ProfileRow } from './matching.ts';
import { messageFromRow, type OutboxMessage, queueMessages } from './outbox.ts';
import { idempotencyKeys, manageLinks, type RegistrationStatus, registrations } from './schema.ts';

export type Registration = typeof registrations.$inferSelect;

const confirmedCount = (eventId: string) =>
  sql`(SELECT count(*) FROM registrations WHERE event_id = ${eventId} AND status = 'confirmed')`;
const hasRoom = (event: CatalogueEvent) =>
  event.capacity === null ? sql`1` : sql`${confirmedCount(event.id)} < ${event.capacity}`;

export type NewRegistration = {
  event: CatalogueEvent;
  terms: Terms;
  name: string;
  email: string;
  answers: Answers;
  ticketCode: string;
  manageTokenHash: string;
  now: string;
  idempotency?: { key: string; requestHash: string };
  /** Opting in to matching at registration. */
  profile?: Omit<ProfileRow, 'registrationId' | 'eventId' | 'emailKey'>;
};

export type CreateOutcome =
  | {
      outcome: 'created';
      registration: { id: number; status: RegistrationStatus; ticketCode: string; waitlistPosition: number | null };
      message?: OutboxMessage;
    }
  | { outcome: 'duplicate'; registration: Registration }
  | { outcome: 'full' };

export async function createRegistration(db: Db, r: NewRegistration): Promise<CreateOutcome> {
  const emailKey = r.email.toLowerCase();
  const status =
    r.terms.kind === 'application'
      ? sql`'pending'`
      : sql`CASE WHEN ${r.terms.capacity === null ? sql`1` : sql`${confirmedCount(r.event.id)} < ${r.terms.capacity}`} THEN 'confirmed' WHEN ${r.terms.waitlist ? 1 : 0} = 1 THEN 'waitlisted' END`;
  const insert = sql`INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash, consent_at, created_at, updated_at, waitlisted_at)
    SELECT ${r.event.id}, ${r.name}, ${r.email}, ${emailKey}, s.status, ${JSON.stringify(r.answers)}, ${r.ticketCode}, ${r.manageTokenHash}, ${r.now}, ${r.now}, ${r.now}, CASE WHEN s.status = 'waitlisted' THEN ${r.now} END
    FROM (SELECT ${status} AS status) AS s
    WHERE s.status IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM registrations WHERE event_id = ${r.event.id} AND email_key = ${emailKey} AND status <> 'cancelled')`;
  const mine = sql`r.manage_token_hash = ${r.manageTokenHash}`;
  // The message is inserted already leased to this request, which delivers it right away; if the
  // request dies first, the lease runs out and the cron delivery picks it up.
  const lease = new Date(new Date(r.now).getTime() + 5 * 60_000).toISOString();
  const message = queueMessages(
    r.event,
    r.now,
    ['confirmed', 'waitlisted', 'received'],
    sql`CASE r.status WHEN 'confirmed' THEN 'confirmed' WHEN 'waitlisted' THEN 'waitlisted' ELSE 'received' END`,
    mine,
    null,
    { claimedUntil: lease },
  );
  const link = sql`INSERT INTO manage_links (registration_id, token_hash, created_at) SELECT r.id, ${r.manageTokenHash}, ${r.now} FROM registrations r WHERE ${mine}`;
  const read = sql`SELECT id, status, ticket_code AS ticketCode, CASE WHEN status = 'waitlisted' THEN ${positionOf(sql`r`)} END AS waitlistPosition FROM registrations r WHERE ${mine}`;
  const idem = r.idempotency
    ? [
        sql`INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
          SELECT ${r.event.id}, ${r.idempotency.key}, ${r.idempotency.requestHash}, 201, json_object('id', r.id, 'status', r.status, 'ticketCode', r.ticket_code), ${r.now}
          FROM registrations r WHERE ${mine} ON CONFLICT DO NOTHING`,
      ]
    : [];
  const profile = r.profile
    ? [
        sql`INSERT INTO profiles (registration_id, event_id, email_key, display_name, bio, city, offers, seeks, interests, languages, visibility, available, updated_at)
          SELECT r.id, r.event_id, r.email_key, ${r.profile.displayName}, ${r.profile.bio}, ${r.profile.city}, ${JSON.stringify(r.profile.offers)}, ${JSON.stringify(r.profile.seeks)},
            ${JSON.stringify(r.profile.interests)}, ${JSON.stringify(r.profile.languages)}, ${r.profile.visibility}, ${r.profile.available ? 1 : 0}, ${r.now}
          FROM registrations r WHERE ${mine}`,
      ]
    : [];
  const results = await batch(db, [insert, message, link, read, ...idem, ...profile]);
  const created = results[3]!.results as {
    id: number;
    status: RegistrationStatus;
    ticketCode: string;
    waitlistPosition: number | null;
  }[];
  const queued = results[1]!.results as Record<string, unknown>[];
  if (created[0])
    return { outcome: 'created', registration: created[0], message: queued[0] && messageFromRow(queued[0]) };
  const existing = await first(
    db
      .select()
      .from(registrations)
      .where(
        and(eq(registrations.eventId, r.event.id), eq(registrations.emailKey, emailKey), sql`status <> 'cancelled'`),
      ),
  );
  return existing ? { outcome: 'duplicate', registration: existing } : { outcome: 'full' };
}

/** Sends the manage link again to an existing registration, at most once in ten minutes. */
export async function resendManageLink(db: Db, event: CatalogueEvent, registrationId: number, now: string) {
  const since = new Date(new Date(now).getTime() - 10 * 60_000).toISOString();
  await batch(db, [
    queueMessages(
      event,
      now,
      ['manage-link'],
      sql`'manage-link'`,
      sql`r.id = ${registrationId} AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id AND o.kind = 'manage-link' AND o.created_at > ${since})`,
    ),
  ]);
}

/** Idempotency keys protect retries, which come within minutes; after a day they are forgotten. */
export async function forgetIdempotencyKeys(db: Db, before: string): Promise<number> {
  const [result] = await batch(db, [sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`]);
  return result!.meta.changes;
}

export async function findIdempotent(db: Db, scope: string, key: string) {
  return first(
    db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key))),
  );
}

export async function findByManageToken(
  db: Db,
  tokenHash: string,
): Promise<{ registration: Registration; linkHash: string } | undefined> {
  const rows = await db
    .select({ registration: registrations, linkHash: manageLinks.tokenHash })
    .from(manageLinks)
    .innerJoin(registrations, eq(registrations.id, manageLinks.registrationId))
    .where(eq(manageLinks.tokenHash, tokenHash))
    .limit(1);
  return rows[0];
}

export async function findRegistration(db: Db, eventId: string, id: number) {
  return first(
    db
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.id, id))),
  );
}

/** SQL for the 1-based waitlist position of the registration row aliased `alias`. */
const positionOf = (alias: SQL) =>
  sql`(SELECT count(*) FROM registrations w WHERE w.event_id = ${alias}.event_id AND w.status = 'waitlisted' AND (w.waitlisted_at < ${alias}.waitlisted_at OR (w.waitlisted_at = ${alias}.waitlisted_at AND w.id <= ${alias}.id)))`;

export async function waitlistPosition(db: Db, r: Registration): Promise<number | null> {
  if (r.status !== 'waitlisted' || !r.waitlistedAt) return null;
  const [row] = await db.all<{ n: number }>(
    sql`SELECT ${positionOf(sql`r`)} AS n FROM registrations r WHERE r.id = ${r.id}`,
  );
  return row?.n ?? null;
}

export async function countsByStatus(
  db: Db,
  eventId: string,
): Promise<Record<RegistrationStatus, number> & { checkedIn: number }> {
  const rows = await db
    .select({ status: registrations.status, n: sql<number>`count(*)`, checkedIn: sql<number>`count(checked_in_at)` })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .groupBy(registrations.status);
  const counts = { pending: 0, confirmed: 0, waitlisted: 0, declined: 0, cancelled: 0, checkedIn: 0 };
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.checkedIn += row.checkedIn;
  }
  return counts;
}

export async function confirmedCountOf(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row?.n ?? 0;
}

export type ListFilter = {
  status?: RegistrationStatus[];
  q?: string;
  updatedSince?: string;
  after?: number;
  limit: number;
};

export async function listRegistrations(db: Db, eventId: string, f: ListFilter): Promise<Registration[]> {
  const pattern = f.q ? `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        f.status?.length ? inArray(registrations.status, f.status) : undefined,
        pattern
          ? or(
              sql`lower(${registrations.name}) LIKE ${pattern} ESCAPE '\\'`,
              sql`${registrations.emailKey} LIKE ${pattern} ESCAPE '\\'`,
            )
          : undefined,
        f.updatedSince ? gte(registrations.updatedAt, f.updatedSince) : undefined,
        f.after ? gt(registrations.id, f.after) : undefined,
      ),
    )
    .orderBy(asc(registrations.id))
    .limit(f.limit);
}

const promotionStatements = (event: CatalogueEvent, now: string, target: 'next' | number) => {
  const who =
    target === 'next'
      ? sql`(SELECT id FROM registrations WHERE event_id = ${event.id} AND status = 'waitlisted' ORDER BY waitlisted_at, id LIMIT 1)`
      : sql`${target}`;
  const guard = sql`r.id = ${who} AND r.status = 'waitlisted' AND ${hasRoom(event)}`;
  // The message is queued first, while the person is still waitlisted, so both statements pick the same person.
  return [
    queueMessages(event, now, ['promoted'], sql`'promoted'`, guard),
    sql`UPDATE registrations AS r SET status = 'confirmed', waitlisted_at = NULL, updated_at = ${now} WHERE ${guard}`,
  ] as const;
};

export type Change = { changed: boolean; promoted: number };

/** Cancels a registration and, in the same transaction, gives a freed place to the next in line. */
export async function cancelRegistration(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  now: string,
  audit?: AuditEntry,
  note?: string | null,
): Promise<Change> {
  const results = await batch(db, [
    queueMessages(
      event,
      now,
      ['cancelled'],
      sql`'cancelled'`,
      sql`r.id = ${r.id} AND r.status = ${r.status} AND r.status IN ('confirmed', 'waitlisted', 'pending')`,
      note,
    ),
    sql`UPDATE registrations SET status = 'cancelled', waitlisted_at = NULL, updated_at = ${now} WHERE id = ${r.id} AND status = ${r.status} AND status IN ('confirmed', 'waitlisted', 'pending')`,
    ...promotionStatements(event, now, 'next'),
    // Leaving the event also takes the person out of matching at once.
    ...optOutStatements(db, event.id, r.id, futureSlots(event, new Date(now))),
    ...(audit ? [auditStatement(db, audit)] : []),
  ]);
  return { changed: results[1]!.meta.changes === 1, promoted: results[3]!.meta.changes };
}

/** Erases a registration and everything personal attached to it, its messages and their delivery records included. */
export async function deleteRegistration(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  now: string,
  audit: AuditEntry,
) {
  await batch(db, [
    ...optOutStatements(
      db,
      event.id,
      r.id,
      event.networkingSlots.map((_, i) => i),
    ),
    sql`DELETE FROM session_stars WHERE registration_id = ${r.id}`,
    sql`DELETE FROM manage_links WHERE registration_id = ${r.id}`,
    sql`DELETE FROM introductions WHERE from_registration = ${r.id} OR to_registration = ${r.id}`,
    sql`DELETE FROM delivery_attempts WHERE message_id IN (SELECT id FROM outbox WHERE registration_id = ${r.id})`,
    sql`DELETE FROM outbox WHERE registration_id = ${r.id}`,
    sql`DELETE FROM personal_calendars WHERE email_key = ${r.emailKey} AND NOT EXISTS (SELECT 1 FROM registrations o WHERE o.email_key = ${r.emailKey} AND o.id <> ${r.id})`,
    sql`DELETE FROM registrations WHERE id = ${r.id}`,
    ...promotionStatements(event, now, 'next'),
    auditStatement(db, audit),
  ]);
}

/** Moves a waitlisted person up by hand, if a place is free. */
export async function promoteRegistration(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  now: string,
  audit: AuditEntry,
): Promise<Change> {
  const [, update] = await batch(db, [...promotionStatements(event, now, r.id), auditStatement(db, audit)]);
  return { changed: update!.meta.changes === 1, promoted: update!.meta.changes };
}

export async function decideApplication(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  decision: 'accepted' | 'declined',
  note: string | null,
  now: string,
  audit: AuditEntry,
): Promise<Change> {
  const guard =
    decision === 'accepted'
      ? sql`r.id = ${r.id} AND r.status = 'pending' AND ${hasRoom(event)}`
      : sql`r.id = ${r.id} AND r.status = 'pending'`;
  const status = decision === 'accepted' ? 'confirmed' : 'declined';
  const [, update] = await batch(db, [
    queueMessages(event, now, [decision], sql`${decision}`, guard, note),
    sql`UPDATE registrations AS r SET status = ${status}, decided_at = ${now}, decision_message = ${note}, updated_at = ${now} WHERE ${guard}`,
    auditStatement(db, audit),
  ]);
  return { changed: update!.meta.changes === 1, promoted: 0 };
}

export async function updateAnswers(db: Db, r: Registration, answers: Answers, now: string) {
  await db.update(registrations).set({ answers, updatedAt: now }).where(eq(registrations.id, r.id));
}

/** Marks a confirmed ticket as checked in, once; answers the row as it is afterwards. */
export async function checkIn(db: Db, eventId: string, ticketCode: string, now: string, audit: AuditEntry) {
  const [update] = await batch(db, [
    sql`UPDATE registrations SET checked_in_at = ${now}, updated_at = ${now} WHERE event_id = ${eventId} AND ticket_code = ${ticketCode} AND status = 'confirmed' AND checked_in_at IS NULL`,
    auditStatement(db, audit),
  ]);
  const registration = await first(
    db
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.ticketCode, ticketCode))),
  );
  return { registration, justCheckedIn: update!.meta.changes === 1 };
}

export async function addManageLink(db: Db, registrationId: number, tokenHash: string, now: string) {
  await db.insert(manageLinks).values({ registrationId, tokenHash, createdAt: now });
}
