// Registrations in D1. Every change is one batch (one transaction): the capacity check, the
// change, its outbox message and, for organisers, the audit entry succeed or fail together. The
// states each change may start from come from the lifecycle table, never written here by hand.
import { and, asc, eq, gt, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Terms } from '../../model/admission.ts';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { Answers } from '../registrations/answers.ts';
import {
  activeStatuses,
  checkInFrom,
  claimsAddress,
  type LifecycleAction,
  lifecycle,
  placeActions,
  type RegistrationStatus,
  type Transition,
} from '../registrations/lifecycle.ts';
import { type AuditEntry, auditStatement } from './audit.ts';
import { batch, type Statement } from './batch.ts';
import { type Db, first } from './client.ts';
import { cancelHoldStatements, placesHeld } from './holds.ts';
import { optOutStatements, type ProfileRow } from './matching.ts';
import { messageFromRow, type OutboxMessage, queueMessages } from './outbox.ts';
import {
  ordersForNewHolds,
  type PaymentTerms,
  type PlaceAction,
  paymentTerms,
  paysForPlace,
  placeWrite,
} from './payment-holds.ts';
import { registrationCounts, registrations } from './schema.ts';
import { contains } from './text-search.ts';

export type Registration = typeof registrations.$inferSelect;

/** SQL for "status is one of these". */
const statusIn = (column: SQL, statuses: readonly RegistrationStatus[]) =>
  sql`${column} IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;

/**
 * The capacity rule of model/admission.ts (`hasRoom`), checked inside the transaction. The count is
 * rows of registration_counts, which triggers keep (migrations/0005), not a count of the event:
 * confirmed places, places `held` for people whose event was cancelled (migrations/0009), which
 * are theirs again if it is set on again, and places awaiting payment (held until the order expires).
 */
export const confirmedCount = (eventId: string) =>
  sql`coalesce((SELECT sum(n) FROM registration_counts WHERE event_id = ${eventId} AND status IN ('confirmed', 'held', 'awaiting_payment')), 0)`;
export const hasRoom = (eventId: string, capacity: number | null) =>
  capacity === null ? sql`1` : sql`${confirmedCount(eventId)} < ${capacity}`;

export type NewRegistration = {
  event: CatalogueEvent;
  terms: Terms;
  name: string;
  email: string;
  emailKey: string;
  answers: Answers;
  ticketCode: string;
  /** Hash of the link returned in the answer; also how this batch finds the row it inserted. */
  manageTokenHash: string;
  linkExpiresAt: string;
  now: string;
  idempotency?: { scope: string; key: string };
  /** Opting in to matching at registration. */
  profile?: Omit<ProfileRow, 'registrationId' | 'eventId' | 'emailKey'>;
  /**
   * The hash of the link the confirmation will carry, stored with the message in this batch: the
   * request that registers delivers it at once, and saves a round trip to D1 by not minting it then.
   */
  deliveryLinkHash: string;
  /**
   * Events with tickets: the type chosen, its price per ticket (minor units; 0 for a free one) and
   * its quantity when limited (a place of that type is taken only while one is left).
   */
  ticket?: { type: string; priceMinor: number; quantity?: number };
  /**
   * A paid ticket on a full event: a place on the waitlist, nothing else (no place is taken without
   * a payment). Nothing is inserted if a place is free after all; the caller then holds it instead.
   */
  waitlistOnly?: boolean;
};

export type Created = { id: number; status: RegistrationStatus; ticketCode: string; waitlistPosition: number | null };

export type CreateOutcome =
  | { outcome: 'created'; registration: Created; message?: OutboxMessage }
  | { outcome: 'duplicate'; registration: Registration }
  | { outcome: 'full' }
  | { outcome: 'sold_out' };

/** Whether a place of a ticket type with a limited quantity is left (as holds count them: db/holds.ts). */
const ticketLeft = (eventId: string, ticket: NewRegistration['ticket']) =>
  ticket?.quantity === undefined
    ? sql`1`
    : sql`(SELECT count(*) FROM registrations WHERE event_id = ${eventId} AND ticket_type = ${ticket.type}
        AND status IN ('confirmed', 'awaiting_payment')) < ${ticket.quantity}`;

export async function createRegistration(db: Db, r: NewRegistration): Promise<CreateOutcome> {
  const left = ticketLeft(r.event.id, r.ticket);
  const status =
    r.terms.kind === 'application'
      ? sql`'pending'`
      : r.ticket?.quantity !== undefined && !r.waitlistOnly
        ? sql`CASE WHEN NOT ${left} THEN NULL WHEN ${hasRoom(r.event.id, r.terms.capacity)} THEN 'confirmed'
          WHEN ${r.terms.waitlist ? 1 : 0} = 1 THEN 'waitlisted' END`
        : r.waitlistOnly
          ? sql`CASE WHEN NOT ${hasRoom(r.event.id, r.terms.capacity)} THEN 'waitlisted' END`
          : sql`CASE WHEN ${hasRoom(r.event.id, r.terms.capacity)} THEN 'confirmed'
          WHEN ${r.terms.waitlist ? 1 : 0} = 1 THEN 'waitlisted' END`;
  const insert = sql`INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code,
      manage_token_hash, consent_at, created_at, updated_at, waitlisted_at, ticket_type, price_minor)
    SELECT ${r.event.id}, ${r.name}, ${r.email}, ${r.emailKey}, s.status, ${JSON.stringify(r.answers)}, ${r.ticketCode},
      ${r.manageTokenHash}, ${r.now}, ${r.now}, ${r.now}, CASE WHEN s.status = 'waitlisted' THEN ${r.now} END,
      ${r.ticket?.type ?? null}, ${r.ticket?.priceMinor ?? null}
    FROM (SELECT ${status} AS status) AS s
    WHERE s.status IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM registrations WHERE event_id = ${r.event.id} AND email_key = ${r.emailKey}
        AND ${statusIn(sql`status`, claimsAddress)})`;
  const mine = sql`r.manage_token_hash = ${r.manageTokenHash}`;
  // The message is inserted already leased to this request, which delivers it right away; if the
  // request dies first, the lease runs out and the cron delivery picks it up.
  const lease = new Date(new Date(r.now).getTime() + 5 * 60_000).toISOString();
  const message = queueMessages({
    event: r.event,
    now: r.now,
    kinds: ['confirmed', 'waitlisted', 'received'],
    kind: sql`CASE r.status WHEN 'confirmed' THEN 'confirmed' WHEN 'waitlisted' THEN 'waitlisted' ELSE 'received' END`,
    where: mine,
    claimedUntil: lease,
    limited: true,
  });
  const link = sql`INSERT INTO manage_links (registration_id, token_hash, kind, created_at, expires_at)
    SELECT r.id, ${r.manageTokenHash}, 'answer', ${r.now}, ${r.linkExpiresAt} FROM registrations r WHERE ${mine}`;
  const read = sql`SELECT id, status, ticket_code AS ticketCode,
      CASE WHEN status = 'waitlisted' THEN ${positionOf(sql`r`)} END AS waitlistPosition
    FROM registrations r WHERE ${mine}`;
  const idem = r.idempotency
    ? [
        sql`UPDATE idempotency_keys SET status = 201,
            body = (SELECT json_object('id', r.id, 'status', r.status, 'ticketCode', r.ticket_code)
              FROM registrations r WHERE ${mine})
          WHERE scope = ${r.idempotency.scope} AND key = ${r.idempotency.key}
            AND EXISTS (SELECT 1 FROM registrations r WHERE ${mine})`,
      ]
    : [];
  const p = r.profile;
  const profile = p
    ? [
        sql`INSERT INTO profiles (registration_id, event_id, email_key, display_name, bio, city, offers, seeks,
            interests, languages, visibility, available, updated_at)
          SELECT r.id, r.event_id, r.email_key, ${p.displayName}, ${p.bio}, ${p.city}, ${JSON.stringify(p.offers)},
            ${JSON.stringify(p.seeks)}, ${JSON.stringify(p.interests)}, ${JSON.stringify(p.languages)}, ${p.visibility},
            ${p.available ? 1 : 0}, ${r.now}
          FROM registrations r WHERE ${mine}`,
      ]
    : [];
  const emailed = sql`INSERT INTO manage_links (registration_id, token_hash, kind, message_id, created_at, expires_at)
    SELECT o.registration_id, ${r.deliveryLinkHash}, 'email', o.id, ${r.now}, ${r.linkExpiresAt} FROM outbox o
    WHERE o.id = (SELECT max(m.id) FROM outbox m JOIN registrations r ON r.id = m.registration_id WHERE ${mine})`;
  const results = await batch(db, [insert, message, emailed, link, read, ...idem, ...profile]);
  const created = results[4]!.results as Created[];
  const queued = results[1]!.results as Record<string, unknown>[];
  if (created[0])
    return { outcome: 'created', registration: created[0], message: queued[0] && messageFromRow(queued[0]) };
  const existing = await first(
    db
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, r.event.id),
          eq(registrations.emailKey, r.emailKey),
          inArray(registrations.status, [...claimsAddress]),
        ),
      ),
  );
  if (existing) return { outcome: 'duplicate', registration: existing };
  if (r.terms.kind !== 'application' && r.ticket?.quantity !== undefined && !r.waitlistOnly) {
    const [row] = (await db.all(sql`SELECT ${left} AS left`)) as { left: number }[];
    if (!row?.left) return { outcome: 'sold_out' };
  }
  return { outcome: 'full' };
}

/** Emails the manage link to a registration (a fresh link is minted at delivery). */
export function resendLinkStatement(event: CatalogueEvent, registrationId: number, now: string, limited = true) {
  return queueMessages({
    event,
    now,
    kinds: ['manage-link'],
    where: sql`r.id = ${registrationId}`,
    limited,
  });
}

/** Emails a fresh manage link; asked by an organiser (audited), it is not held to the public hourly cap. */
export async function resendManageLink(
  db: Db,
  event: CatalogueEvent,
  registrationId: number,
  now: string,
  audit?: AuditEntry,
) {
  await batch(db, [
    resendLinkStatement(event, registrationId, now, !audit),
    ...(audit ? [auditStatement(db, audit)] : []),
  ]);
}

export async function findRegistration(db: Db, eventId: string, id: number) {
  return first(
    db
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.id, id))),
  );
}

export async function registrationById(db: Db, id: number) {
  return first(db.select().from(registrations).where(eq(registrations.id, id)));
}

/** SQL for the 1-based waitlist position of the registration row aliased `alias`. */
const positionOf = (alias: SQL) =>
  sql`(SELECT count(*) FROM registrations w WHERE w.event_id = ${alias}.event_id AND w.status = 'waitlisted'
    AND (w.waitlisted_at < ${alias}.waitlisted_at
      OR (w.waitlisted_at = ${alias}.waitlisted_at AND w.id <= ${alias}.id)))`;

export async function waitlistPosition(db: Db, r: Registration): Promise<number | null> {
  if (r.status !== 'waitlisted' || !r.waitlistedAt) return null;
  const [row] = await db.all<{ n: number }>(
    sql`SELECT ${positionOf(sql`r`)} AS n FROM registrations r WHERE r.id = ${r.id}`,
  );
  return row?.n ?? null;
}

const noCounts = () => ({
  pending: 0,
  confirmed: 0,
  waitlisted: 0,
  declined: 0,
  cancelled: 0,
  event_cancelled: 0,
  awaiting_payment: 0,
  checkedIn: 0,
});
export type StatusCounts = ReturnType<typeof noCounts>;

/** The counts of several events in one query (a page of the console's event list). */
export async function countsOfEvents(db: Db, eventIds: string[]): Promise<Map<string, StatusCounts>> {
  const counts = new Map<string, StatusCounts>();
  if (eventIds.length === 0) return counts;
  const rows = await db.select().from(registrationCounts).where(inArray(registrationCounts.eventId, eventIds));
  for (const id of eventIds) counts.set(id, noCounts());
  for (const row of rows) {
    const c = counts.get(row.eventId)!;
    if (row.status === 'checked_in') c.checkedIn = row.n;
    else if (row.status in c) c[row.status as RegistrationStatus] = row.n;
  }
  return counts;
}

/** Registrations of an event per status, and how many were checked in. */
export async function countsByStatus(db: Db, eventId: string): Promise<StatusCounts> {
  return (await countsOfEvents(db, [eventId])).get(eventId)!;
}

/** Places taken: confirmed, or held for people of a cancelled event (see confirmedCount). */
export async function confirmedCountOf(db: Db, eventId: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT ${confirmedCount(eventId)} AS n`);
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
  return db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        f.status?.length ? inArray(registrations.status, f.status) : undefined,
        f.q ? or(contains(sql`${registrations.name}`, f.q), contains(sql`${registrations.emailKey}`, f.q)) : undefined,
        f.updatedSince ? gte(registrations.updatedAt, f.updatedSince) : undefined,
        f.after ? gt(registrations.id, f.after) : undefined,
      ),
    )
    .orderBy(asc(registrations.id))
    .limit(f.limit);
}

/**
 * The guard of a lifecycle action on one registration: its states, a free place if it needs one,
 * and nothing but leaving while the event's content says it is cancelled.
 */
export function guard(event: CatalogueEvent, action: LifecycleAction, id: SQL | number) {
  const t: Transition = lifecycle[action];
  const room = t.needsPlace ? sql` AND ${hasRoom(event.id, event.capacity)}` : sql``;
  const stopped = event.status === 'cancelled' && !t.whileEventCancelled ? sql` AND 0` : sql``;
  return sql`r.id = ${id} AND ${statusIn(sql`r.status`, t.from)}${room}${stopped}`;
}

/**
 * The guard of a place-giving action (approve, promote) on `who`: the free transition for a
 * registration without a price, the paid one (its place held for payment) for one with a price.
 */
function placeGuard(event: CatalogueEvent, action: PlaceAction, who: SQL | number, terms: PaymentTerms | undefined) {
  const a = placeActions[action];
  if (!terms) return guard(event, a.free, who);
  return sql`((${guard(event, a.free, who)}) AND NOT ${paysForPlace}) OR ((${guard(event, a.paid, who)}) AND ${paysForPlace})`;
}

/**
 * Moves the next waitlisted person (or one chosen by hand) into a free place: confirmed, or held
 * with a payment link when their ticket has a price (its order is made in the same batch).
 */
export const promotionStatements = (event: CatalogueEvent, now: string, target: 'next' | number) => {
  const who =
    target === 'next'
      ? sql`(SELECT id FROM registrations WHERE event_id = ${event.id} AND status = 'waitlisted'
          ORDER BY waitlisted_at, id LIMIT 1)`
      : sql`${target}`;
  const terms = paymentTerms(event, now);
  const where = placeGuard(event, 'promote', who, terms);
  const write = placeWrite('promote', terms);
  // The message is queued first, while the person is still waitlisted, so both statements pick the same person.
  return [
    queueMessages({ event, now, ...write.message, where }),
    sql`UPDATE registrations AS r SET status = ${write.status}${write.order}, waitlisted_at = NULL, updated_at = ${now}
      WHERE ${where} RETURNING id`,
    ...ordersForNewHolds(event, terms, now),
  ] as const;
};

export type Change = { changed: boolean; promoted: number };

/**
 * How many rows a guarded UPDATE changed, from the ids it returned: D1's `changes` also counts what
 * the registration_counts triggers wrote.
 */
const touched = (result: D1Result) => result.results?.length ?? 0;

export type Actor = { audit?: AuditEntry; note?: string | null; limited?: boolean };

/** Cancels a registration and, in the same transaction, gives a freed place to the next in line. */
export async function cancelRegistration(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  now: string,
  futureSlots: number[],
  by: Actor = {},
): Promise<Change> {
  if (r.status === 'awaiting_payment' && r.orderId) return cancelHold(db, event, r, r.orderId, now, futureSlots, by);
  const where = sql`${guard(event, 'cancel', r.id)} AND r.status = ${r.status}`;
  const statements: Statement[] = [
    queueMessages({
      event,
      now,
      kinds: ['cancelled'],
      where,
      params: { note: by.note },
      limited: by.limited,
    }),
    sql`UPDATE registrations AS r SET status = ${lifecycle.cancel.to}, waitlisted_at = NULL, updated_at = ${now}
      WHERE ${where} RETURNING id`,
    ...promotionStatements(event, now, 'next'),
    // Leaving the event also takes the person out of matching at once.
    ...optOutStatements(db, event.id, r.id, futureSlots),
    ...(by.audit ? [auditStatement(db, by.audit)] : []),
  ];
  const results = await batch(db, statements);
  return { changed: touched(results[1]!) === 1, promoted: touched(results[3]!) };
}

/**
 * A place awaiting payment is cancelled with its whole order (db/holds.ts), and each place freed
 * goes to the next in line (with a payment link on a paid event), all in one transaction.
 */
async function cancelHold(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  orderId: string,
  now: string,
  futureSlots: number[],
  by: Actor,
): Promise<Change> {
  // At most one promotion per place held (a group holds up to 10), within the request's D1 budget.
  const freed = Math.min(await placesHeld(db, orderId), event.capacity ?? 0, 10);
  const promotions = Array.from({ length: freed }, () => promotionStatements(event, now, 'next'));
  const results = await batch(db, [
    ...cancelHoldStatements(event, orderId, now, { note: by.note, limited: by.limited }),
    ...promotions.flat(),
    ...optOutStatements(db, event.id, r.id, futureSlots),
    ...(by.audit ? [auditStatement(db, by.audit)] : []),
  ]);
  const cancelled = (results[1]!.results ?? []) as { id: number }[];
  const promoted = promotions.reduce((sum, p, i) => sum + touched(results[4 + i * p.length + 1]!), 0);
  return { changed: cancelled.some((c) => c.id === r.id), promoted };
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
    sql`DELETE FROM session_grants WHERE registration_id = ${r.id}`,
    sql`DELETE FROM introductions WHERE from_registration = ${r.id} OR to_registration = ${r.id}`,
    sql`DELETE FROM delivery_attempts WHERE message_id IN (SELECT id FROM outbox WHERE registration_id = ${r.id})`,
    sql`DELETE FROM outbox WHERE registration_id = ${r.id}`,
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
  return { changed: touched(update!) === 1, promoted: touched(update!) };
}

/**
 * Approves or declines an application. Approving takes a free place; when there is none and the
 * event keeps a waitlist, the person is accepted onto it instead, in the same transaction.
 */
export async function decideApplication(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  action: 'approve' | 'decline',
  note: string | null,
  now: string,
  audit: AuditEntry,
): Promise<Change & { to?: RegistrationStatus }> {
  const t = lifecycle[action];
  const terms = action === 'approve' ? paymentTerms(event, now) : undefined;
  const where = action === 'approve' ? placeGuard(event, 'approve', r.id, terms) : guard(event, action, r.id);
  const write = action === 'approve' ? placeWrite('approve', terms, note) : undefined;
  const toWaitlist = action === 'approve' && event.registration.waitlist;
  // Run after the approval: it matches only if the approval found no place.
  const waitWhere = guard(event, 'acceptToWaitlist', r.id);
  const results = await batch(db, [
    queueMessages({ event, now, kinds: [t.message], params: { note }, ...write?.message, where }),
    sql`UPDATE registrations AS r SET status = ${write?.status ?? t.to}${write?.order ?? sql``}, decided_at = ${now},
      decision_message = ${note}, updated_at = ${now} WHERE ${where} RETURNING id, status`,
    ...(toWaitlist
      ? [
          queueMessages({
            event,
            now,
            kinds: [lifecycle.acceptToWaitlist.message],
            where: waitWhere,
            params: { note },
          }),
          sql`UPDATE registrations AS r SET status = ${lifecycle.acceptToWaitlist.to}, waitlisted_at = ${now},
            decided_at = ${now}, decision_message = ${note}, updated_at = ${now} WHERE ${waitWhere} RETURNING id`,
        ]
      : []),
    // Someone declined no longer meets people at the event.
    ...(action === 'decline' ? optOutStatements(db, event.id, r.id, []) : []),
    ...ordersForNewHolds(event, terms, now),
    auditStatement(db, audit),
  ]);
  const [decided] = (results[1]!.results ?? []) as { status: RegistrationStatus }[];
  if (decided) return { changed: true, promoted: 0, to: decided.status };
  if (toWaitlist && touched(results[3]!) === 1) return { changed: true, promoted: 0, to: 'waitlisted' };
  return { changed: false, promoted: 0 };
}

/** Undoes a decline: the person gets a place, if one is free. */
export async function undeclineApplication(
  db: Db,
  event: CatalogueEvent,
  r: Registration,
  now: string,
  audit: AuditEntry,
): Promise<Change> {
  const where = guard(event, 'undecline', r.id);
  const [, update] = await batch(db, [
    queueMessages({ event, now, kinds: [lifecycle.undecline.message], where }),
    sql`UPDATE registrations AS r SET status = ${lifecycle.undecline.to}, decided_at = ${now},
      decision_message = NULL, updated_at = ${now} WHERE ${where} RETURNING id`,
    auditStatement(db, audit),
  ]);
  return { changed: touched(update!) === 1, promoted: 0 };
}

export type WaitlistMove = 'up' | 'down' | 'first';

/**
 * Moves a waitlisted person in the line: one place up or down, or to the front. The line is
 * ordered by when people joined (ties by id), so the move restamps the line in its new order, one
 * millisecond apart from its first time, in one statement: two organisers moving people at once
 * never lose anyone's place, and people who joined at the same instant can still swap.
 */
export async function moveInWaitlist(
  db: Db,
  eventId: string,
  id: number,
  move: WaitlistMove,
  now: string,
  audit: AuditEntry,
): Promise<boolean> {
  const target = move === 'first' ? sql`1` : move === 'up' ? sql`pos - 1` : sql`pos + 1`;
  // Everyone keeps an even key; the person moved takes an odd one next to the place they go to.
  const offset = move === 'down' ? 1 : -1;
  const statement = sql`WITH line AS MATERIALIZED (
      SELECT id, waitlisted_at AS at, row_number() OVER (ORDER BY waitlisted_at, id) AS pos,
        min(waitlisted_at) OVER () AS base
      FROM registrations WHERE event_id = ${eventId} AND status = 'waitlisted'),
    moving AS MATERIALIZED (SELECT ${target} AS goes FROM line WHERE id = ${id}),
    placed AS MATERIALIZED (
      SELECT id, at, base, row_number() OVER (
        ORDER BY CASE WHEN id = ${id} THEN (SELECT goes FROM moving) * 2 + ${offset} ELSE pos * 2 END) AS rank
      FROM line),
    restamped AS MATERIALIZED (
      SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', base, '+' || ((rank - 1) / 1000.0) || ' seconds') AS at, at AS was
      FROM placed)
    UPDATE registrations AS r SET waitlisted_at = (SELECT at FROM restamped WHERE restamped.id = r.id),
      updated_at = CASE WHEN r.id = ${id} THEN ${now} ELSE r.updated_at END
    WHERE r.id IN (SELECT id FROM restamped WHERE at <> was)
      AND (SELECT goes FROM moving) BETWEEN 1 AND (SELECT count(*) FROM line)
      AND NOT EXISTS (SELECT 1 FROM line, moving WHERE line.id = ${id} AND line.pos = moving.goes)
    RETURNING id`;
  const [result] = await batch(db, [statement, auditStatement(db, audit)]);
  return touched(result!) > 0;
}

export async function updateAnswers(db: Db, r: Registration, answers: Answers, now: string) {
  await db
    .update(registrations)
    .set({ answers, updatedAt: now })
    .where(and(eq(registrations.id, r.id), inArray(registrations.status, [...activeStatuses])));
}

/** Marks a ticket that may pass the door as checked in, once; answers the row as it is afterwards. */
export async function checkIn(db: Db, eventId: string, ticketCode: string, now: string, audit: AuditEntry) {
  const [update] = await batch(db, [
    sql`UPDATE registrations AS r SET checked_in_at = ${now}, checked_in_by = ${audit.actor}, updated_at = ${now}
      WHERE event_id = ${eventId} AND ticket_code = ${ticketCode} AND ${statusIn(sql`r.status`, checkInFrom)}
        AND checked_in_at IS NULL RETURNING id`,
    auditStatement(db, audit),
  ]);
  const registration = await first(
    db
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.ticketCode, ticketCode))),
  );
  return { registration, justCheckedIn: touched(update!) === 1 };
}

/** Registrations a person holds, proven ones only (for their calendar and their page). */
export async function registrationsOfPerson(db: Db, personId: number) {
  return db.select().from(registrations).where(eq(registrations.personId, personId));
}
