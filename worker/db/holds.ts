// Places held for a payment, in D1. A hold is a registration in status awaiting_payment with its
// order's id: it counts against capacity like a confirmed place (db/registrations.ts). Holding a
// group, confirming it and releasing it are each one batch, so all attendees of an order move
// together and capacity is checked and taken in the same statement.
import { type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { Answers } from '../registrations/answers.ts';
import { claimsAddress, lifecycle, type RegistrationStatus } from '../registrations/lifecycle.ts';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch, type Statement } from './batch.ts';
import type { Db } from './client.ts';
import type { Order } from './orders.ts';
import { queueMessages } from './outbox.ts';

const quoted = (list: readonly string[]) =>
  sql.join(
    list.map((s) => sql`${s}`),
    sql`, `,
  );

/** SQL for "r's status is one of these". */
const statusIn = (list: readonly RegistrationStatus[]) => sql`r.status IN (${quoted(list)})`;

/** Statuses that take a place of a ticket type's quantity. */
const takesPlace = ['confirmed', 'awaiting_payment'] as const;

export type HoldAttendee = {
  name: string;
  email: string;
  emailKey: string;
  ticketCode: string;
  manageTokenHash: string;
};

export type NewHold = {
  event: CatalogueEvent;
  orderId: string;
  /** The buyer first; attendees without an email carry the buyer's address (managed by the buyer). */
  attendees: HoldAttendee[];
  /** Keys of the addresses each of which may hold only one place at the event (attendees with their own email). */
  claimedKeys: string[];
  answers: Answers;
  ticketType: string;
  /** The ticket type's quantity, when limited. */
  quantity?: number;
  unitMinor: number;
  currency: string;
  amounts: { subtotal: number; discount: number; total: number };
  voucherId?: number;
  /** Solidarity tickets bought as extras: rows of solidarity_tickets once the order is paid. */
  solidarityCount: number;
  expiresAt: string;
  linkExpiresAt: string;
  now: string;
  /** 'confirmed' for an order that costs nothing after a voucher; otherwise places wait for payment. */
  status: 'awaiting_payment' | 'confirmed';
  /** The buyer's confirmation, for a free order (the request delivers it). */
  deliveryLinkHash?: string;
};

export type HoldOutcome = { held: true; registrationIds: number[] } | { held: false; reason: HoldRefusal };
export type HoldRefusal = 'full' | 'sold_out' | 'duplicate' | 'voucher';

/**
 * Holds every attendee's place, or none: one INSERT … SELECT of the whole group, guarded by the
 * capacity, the ticket type's quantity and the one-place-per-address rule, after the voucher's use
 * (a guarded UPDATE) in the same transaction. A refused hold leaves nothing behind.
 */
export async function createHolds(db: Db, h: NewHold): Promise<HoldOutcome> {
  const n = h.attendees.length;
  const rows = JSON.stringify(h.attendees.map((a) => [a.name, a.email, a.emailKey, a.ticketCode, a.manageTokenHash]));
  const event = h.event.id;
  const room =
    h.event.capacity === null
      ? sql`1`
      : sql`coalesce((SELECT sum(n) FROM registration_counts WHERE event_id = ${event}
          AND status IN ('confirmed', 'held', 'awaiting_payment')), 0) + ${n} <= ${h.event.capacity}`;
  const stock =
    h.quantity === undefined
      ? sql`1`
      : sql`(SELECT count(*) FROM registrations WHERE event_id = ${event} AND ticket_type = ${h.ticketType}
          AND status IN (${quoted(takesPlace)})) + ${n} <= ${h.quantity}`;
  const unclaimed = sql`NOT EXISTS (SELECT 1 FROM registrations WHERE event_id = ${event}
      AND email_key IN (SELECT value FROM json_each(${JSON.stringify(h.claimedKeys)}))
      AND status IN (${quoted(claimsAddress)}))`;
  const voucherOk =
    h.voucherId === undefined ? sql`1` : sql`(SELECT voucher_id FROM orders WHERE id = ${h.orderId}) IS NOT NULL`;
  const statements: Statement[] = [
    sql`INSERT INTO orders (id, event_id, buyer_email_key, status, currency, amount_subtotal, amount_discount,
        amount_total, solidarity_count, expires_at, paid_at, created_at, updated_at)
      VALUES (${h.orderId}, ${event}, ${h.attendees[0]!.emailKey}, ${h.status === 'confirmed' ? 'paid' : 'open'},
        ${h.currency}, ${h.amounts.subtotal}, ${h.amounts.discount}, ${h.amounts.total}, ${h.solidarityCount},
        ${h.expiresAt}, ${h.status === 'confirmed' ? h.now : null}, ${h.now}, ${h.now})`,
    // The voucher's use and the order's claim on it: changes() is the UPDATE just before it.
    ...(h.voucherId === undefined
      ? []
      : [
          sql`UPDATE vouchers SET uses = uses + 1 WHERE id = ${h.voucherId} AND uses < max_uses
            AND (valid_until IS NULL OR valid_until > ${h.now}) AND disabled_at IS NULL`,
          sql`UPDATE orders SET voucher_id = ${h.voucherId} WHERE id = ${h.orderId} AND changes() = 1`,
        ]),
    sql`INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
        consent_at, created_at, updated_at, order_id, ticket_type, price_minor)
      SELECT ${event}, a.value ->> 0, a.value ->> 1, a.value ->> 2, ${h.status}, ${JSON.stringify(h.answers)},
        a.value ->> 3, a.value ->> 4, ${h.now}, ${h.now}, ${h.now}, ${h.orderId}, ${h.ticketType}, ${h.unitMinor}
      FROM json_each(${rows}) a
      WHERE ${room} AND ${stock} AND ${unclaimed} AND ${voucherOk}
      ORDER BY a.key`,
    sql`UPDATE orders SET buyer_registration_id = (SELECT min(id) FROM registrations WHERE order_id = ${h.orderId})
      WHERE id = ${h.orderId}`,
    // Each attendee's manage link (returned to the buyer's browser for the buyer only).
    sql`INSERT INTO manage_links (registration_id, token_hash, kind, created_at, expires_at)
      SELECT id, manage_token_hash, 'answer', ${h.now}, ${h.linkExpiresAt} FROM registrations WHERE order_id = ${h.orderId}`,
    ...(h.status === 'confirmed' ? confirmationStatements(h.event, h.orderId, h.now) : []),
    // A refused hold gives its voucher use back and leaves no order.
    ...(h.voucherId === undefined
      ? []
      : [
          sql`UPDATE vouchers SET uses = uses - 1 WHERE id = ${h.voucherId}
            AND (SELECT voucher_id FROM orders WHERE id = ${h.orderId}) IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM registrations WHERE order_id = ${h.orderId})`,
        ]),
    sql`SELECT (SELECT voucher_id FROM orders WHERE id = ${h.orderId}) AS voucher,
      (SELECT json_group_array(id) FROM (SELECT id FROM registrations WHERE order_id = ${h.orderId} ORDER BY id)) AS ids`,
    sql`DELETE FROM orders WHERE id = ${h.orderId} AND NOT EXISTS (SELECT 1 FROM registrations WHERE order_id = ${h.orderId})`,
  ];
  const results = await batch(db, statements);
  const read = results.at(-2)!.results![0] as { voucher: number | null; ids: string };
  const ids = JSON.parse(read.ids) as number[];
  if (ids.length === n) return { held: true, registrationIds: ids };
  if (h.voucherId !== undefined && read.voucher === null) return { held: false, reason: 'voucher' };
  // Which guard refused, read after the fact (it may have changed since; the answer is advice only).
  const [why] = await db.all<{ room: number; stock: number; unclaimed: number }>(
    sql`SELECT ${room} AS room, ${stock} AS stock, ${unclaimed} AS unclaimed`,
  );
  if (why && !why.unclaimed) return { held: false, reason: 'duplicate' };
  if (why?.room && !why.stock) return { held: false, reason: 'sold_out' };
  return { held: false, reason: 'full' };
}

/** The order's Checkout Session, once Stripe made it (with the stored answer of the request, if any). */
export async function attachSession(
  db: Db,
  orderId: string,
  sessionId: string,
  url: string,
  now: string,
  extra: Statement[] = [],
) {
  await batch(db, [
    sql`UPDATE orders SET stripe_session_id = ${sessionId}, checkout_url = ${url}, updated_at = ${now}
      WHERE id = ${orderId}`,
    ...extra,
  ]);
}

/**
 * Confirms a paid order's places and queues each attendee's confirmation (those without their own
 * address are the buyer's, who gets one message about the order). Statements for one batch.
 */
function confirmationStatements(event: CatalogueEvent, orderId: string, now: string, guard: SQL = sql`1`): Statement[] {
  const mine = sql`r.order_id = ${orderId} AND r.status = 'confirmed' AND ${guard}`;
  // One message per address: the buyer's copies for attendees without their own email are left out.
  const first = sql`r.id = (SELECT min(o.id) FROM registrations o WHERE o.order_id = r.order_id AND o.email = r.email)`;
  const solidarity = event.tickets?.find((t) => t.solidarity);
  return [
    sql`UPDATE registrations AS r SET status = ${lifecycle.pay.to}, updated_at = ${now}
      WHERE r.order_id = ${orderId} AND ${statusIn(lifecycle.pay.from)} AND ${guard}`,
    ...(solidarity
      ? [
          sql`INSERT INTO solidarity_tickets (event_id, order_id, ticket_type, price_minor, status)
            SELECT ${event.id}, ${orderId}, ${solidarity.id}, ${solidarity.priceMinor}, 'available'
            FROM orders o, json_each('[0,1,2,3,4,5,6,7,8,9]') k
            WHERE o.id = ${orderId} AND k.value < o.solidarity_count AND ${guard}`,
        ]
      : []),
    queueMessages({ event, now, kinds: [lifecycle.pay.message], where: sql`${mine} AND ${first}` }),
  ];
}

export type ConfirmOutcome = 'confirmed' | 'already' | 'gone' | 'second';

/**
 * A paid session: the order's places confirmed with their messages, in one batch that also records
 * the Stripe event (so a second delivery does nothing). The first payment to arrive is the order's:
 * 'second' when another payment had arrived for it before (a second Checkout Session of the same
 * order, paid too), which the caller refunds. 'gone' when the holds were released first (the order
 * expired or was cancelled): then nothing is confirmed and the caller refunds.
 */
export async function confirmPaidOrder(
  db: Db,
  o: {
    event: CatalogueEvent;
    order: Order;
    stripeEventId: string;
    type: string;
    paymentIntent: string;
    amountTax: number;
    /** What Stripe charged (the order's total, plus tax when Stripe Tax adds it): refunds go up to it. */
    amountCharged: number;
    now: string;
  },
): Promise<ConfirmOutcome> {
  // Open, and this payment is the order's: the statement below records the first one to arrive.
  const open = sql`(SELECT status = 'open' AND stripe_payment_intent = ${o.paymentIntent} FROM orders
    WHERE id = ${o.order.id})`;
  const audit: AuditEntry = {
    actor: 'stripe',
    action: 'order.paid',
    eventId: o.event.id,
    registrationId: o.order.buyerRegistrationId,
    detail: { orderId: o.order.id, amount: o.order.amountTotal, currency: o.order.currency },
    at: o.now,
  };
  const results = await batch(db, [
    sql`INSERT INTO stripe_events (id, type, order_id, received_at) VALUES (${o.stripeEventId}, ${o.type}, ${o.order.id}, ${o.now})
      ON CONFLICT (id) DO NOTHING`,
    // Only the first delivery that finds the order open goes on (the event row above marks it done).
    // The money arrived, whatever becomes of the places: a late payment is refunded from here.
    sql`UPDATE orders SET stripe_payment_intent = ${o.paymentIntent}, paid_at = ${o.now}, updated_at = ${o.now}
      WHERE id = ${o.order.id} AND stripe_payment_intent IS NULL`,
    auditWhen(audit, open),
    ...confirmationStatements(o.event, o.order.id, o.now, open),
    sql`UPDATE orders SET status = 'paid', paid_at = ${o.now}, amount_tax = ${o.amountTax},
        amount_total = max(amount_total, ${o.amountCharged}), updated_at = ${o.now}
      WHERE id = ${o.order.id} AND status = 'open' AND stripe_payment_intent = ${o.paymentIntent} RETURNING id`,
  ]);
  if ((results.at(-1)!.results?.length ?? 0) === 1) return 'confirmed';
  const [now] = await db.all<{ status: string; paymentIntent: string | null }>(
    sql`SELECT status, stripe_payment_intent AS paymentIntent FROM orders WHERE id = ${o.order.id}`,
  );
  if (now?.paymentIntent && now.paymentIntent !== o.paymentIntent) return 'second';
  return now?.status === 'paid' ? 'already' : 'gone';
}

/** Records a Stripe event as handled; false when it was handled before. */
export async function claimStripeEvent(db: Db, id: string, type: string, orderId: string | null, now: string) {
  const [result] = await batch(db, [
    sql`INSERT INTO stripe_events (id, type, order_id, received_at) VALUES (${id}, ${type}, ${orderId}, ${now})
      ON CONFLICT (id) DO NOTHING RETURNING id`,
  ]);
  return (result!.results?.length ?? 0) === 1;
}

export async function stripeEventSeen(db: Db, id: string) {
  const [row] = await db.all<{ id: string }>(sql`SELECT id FROM stripe_events WHERE id = ${id}`);
  return row !== undefined;
}

/**
 * Releases the holds of open orders whose time is up (or one order, when its session expired or
 * Stripe failed): the places are free again, each freed place goes to the next waitlisted person
 * (who gets a payment link on a paid event), the voucher use comes back, and the buyer is told.
 */
export function releaseStatements(event: CatalogueEvent, orderIds: SQL, now: string, tell: boolean): Statement[] {
  const held = sql`r.order_id IN (${orderIds}) AND ${statusIn(lifecycle.releaseHold.from)}`;
  const buyer = sql`${held} AND r.id = (SELECT buyer_registration_id FROM orders WHERE id = r.order_id)`;
  return [
    ...(tell ? [queueMessages({ event, now, kinds: [lifecycle.releaseHold.message], where: buyer })] : []),
    sql`UPDATE vouchers SET uses = uses - 1 WHERE id IN (SELECT voucher_id FROM orders WHERE id IN (${orderIds})
      AND status = 'open' AND voucher_id IS NOT NULL)`,
    sql`UPDATE registrations AS r SET status = ${lifecycle.releaseHold.to}, updated_at = ${now} WHERE ${held}`,
    sql`UPDATE orders SET status = 'expired', updated_at = ${now} WHERE id IN (${orderIds}) AND status = 'open'`,
  ];
}

/**
 * A person (or an organiser) cancels a place waiting for payment: every place of its order is
 * cancelled with it (a group is paid, and so cancelled, as one), each attendee with an address of
 * their own and the buyer told once, the voucher's use given back, and the order cancelled, so a
 * payment that still arrives cannot revive it and is refunded. Statements for one batch; the
 * caller adds the promotions of the freed places after them. The second returns the places cancelled.
 */
export function cancelHoldStatements(
  event: CatalogueEvent,
  orderId: string,
  now: string,
  o: { note?: string | null; limited?: boolean },
): Statement[] {
  const t = lifecycle.cancel;
  const open = sql`(SELECT status FROM orders WHERE id = ${orderId}) = 'open'`;
  const held = sql`r.order_id = ${orderId} AND r.status = 'awaiting_payment' AND ${open}`;
  const first = sql`r.id = (SELECT min(o.id) FROM registrations o WHERE o.order_id = r.order_id AND o.email = r.email)`;
  return [
    queueMessages({
      event,
      now,
      kinds: [t.message],
      where: sql`${held} AND ${first}`,
      params: { note: o.note },
      limited: o.limited,
    }),
    sql`UPDATE registrations AS r SET status = ${t.to}, updated_at = ${now} WHERE ${held} RETURNING id`,
    sql`UPDATE vouchers SET uses = uses - 1 WHERE id = (SELECT voucher_id FROM orders WHERE id = ${orderId}) AND ${open}`,
    sql`UPDATE orders SET status = 'cancelled', updated_at = ${now} WHERE id = ${orderId} AND status = 'open'`,
  ];
}

/** How many places an order holds for its payment. */
export async function placesHeld(db: Db, orderId: string) {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM registrations WHERE order_id = ${orderId} AND status = 'awaiting_payment'`,
  );
  return row?.n ?? 0;
}

/** Open orders of an event whose hold has run out, at most `limit` (the cron releases them). */
export async function expiredOrders(db: Db, now: string, limit: number) {
  return db.all<{ id: string; eventId: string }>(
    sql`SELECT id, event_id AS eventId FROM orders WHERE status = 'open' AND expires_at <= ${now}
      ORDER BY expires_at LIMIT ${limit}`,
  );
}

/** Releases orders' holds; `tell`: the buyer is told (not when the release answers their own request). */
export async function releaseOrders(
  db: Db,
  event: CatalogueEvent,
  ids: string[],
  now: string,
  tell = true,
  extra: Statement[] = [],
) {
  const list = sql`SELECT value FROM json_each(${JSON.stringify(ids)})`;
  return batch(db, [...releaseStatements(event, list, now, tell), ...extra]);
}

/**
 * A payment that arrived after its order expired: the places come back only if all of them are
 * still free (room for the whole group, nobody else holding their addresses) and the order's
 * voucher, whose use the release gave back, has a use left to take again; all checked once for the
 * statement, and the use taken in the same transaction. Then the order is open again and the
 * caller confirms it. false: the place (or the voucher) is gone, and the caller refunds.
 */
export async function reviveOrder(db: Db, event: CatalogueEvent, orderId: string, now: string) {
  const room =
    event.capacity === null
      ? sql`1`
      : sql`coalesce((SELECT sum(n) FROM registration_counts WHERE event_id = ${event.id}
          AND status IN ('confirmed', 'held', 'awaiting_payment')), 0) + (SELECT n FROM need) <= ${event.capacity}`;
  const voucher = sql`(SELECT voucher_id FROM orders WHERE id = ${orderId})`;
  const voucherLeft = sql`(${voucher} IS NULL OR EXISTS (SELECT 1 FROM vouchers WHERE id = ${voucher} AND uses < max_uses))`;
  // Only this batch's revival leaves an expired order with places awaiting payment (a release moves both at once).
  const revived = sql`(SELECT status FROM orders WHERE id = ${orderId}) = 'expired'
    AND EXISTS (SELECT 1 FROM registrations WHERE order_id = ${orderId} AND status = 'awaiting_payment')`;
  const results = await batch(db, [
    sql`WITH need AS MATERIALIZED (SELECT count(*) AS n FROM registrations WHERE order_id = ${orderId} AND status = 'cancelled'),
      ok AS MATERIALIZED (SELECT (${room}) AND ${voucherLeft} AND NOT EXISTS (SELECT 1 FROM registrations x
        JOIN registrations mine ON mine.order_id = ${orderId} AND x.event_id = mine.event_id
          AND x.email_key = mine.email_key
        WHERE x.id <> mine.id AND x.status IN (${quoted(claimsAddress)})) AS yes)
      UPDATE registrations SET status = 'awaiting_payment', updated_at = ${now}
      WHERE order_id = ${orderId} AND status = 'cancelled' AND (SELECT yes FROM ok)
        AND (SELECT status FROM orders WHERE id = ${orderId}) = 'expired'`,
    sql`UPDATE vouchers SET uses = uses + 1 WHERE id = ${voucher} AND ${revived}`,
    sql`UPDATE orders SET status = 'open', updated_at = ${now} WHERE id = ${orderId} AND ${revived} RETURNING id`,
  ]);
  return (results[2]!.results?.length ?? 0) === 1;
}

/** Marks an order cancelled after its late payment was refunded (its places stay released). */
export async function cancelOrder(db: Db, orderId: string, now: string) {
  await batch(db, [
    sql`UPDATE orders SET status = 'cancelled', updated_at = ${now} WHERE id = ${orderId} AND status = 'expired'`,
  ]);
}
