// Orders as the console reads them: an event's orders filtered by payment state and searched by
// buyer, a page at a time, and one order with its tickets, solidarity extras and refunds.
import { type SQL, sql } from 'drizzle-orm';
import type { PaymentState } from '../../model/payment-status.ts';
import { batch } from './batch.ts';
import type { Db } from './client.ts';
import { contains } from './text-search.ts';

/** model/payment-status.ts's rule, as SQL conditions on `o`. */
const paymentCondition: Record<PaymentState, SQL> = {
  awaiting: sql`o.status = 'open'`,
  paid: sql`o.paid_at IS NOT NULL AND o.amount_refunded = 0`,
  'partly-refunded': sql`o.paid_at IS NOT NULL AND o.amount_refunded > 0 AND o.amount_refunded < o.amount_total`,
  refunded: sql`o.paid_at IS NOT NULL AND o.amount_refunded > 0 AND o.amount_refunded >= o.amount_total`,
  expired: sql`o.status = 'expired'`,
  cancelled: sql`o.status = 'cancelled' AND o.paid_at IS NULL`,
};

export type OrderFilter = { status?: PaymentState; q?: string };

export type OrderRecord = {
  id: string;
  eventId: string;
  buyerRegistrationId: number | null;
  buyerName: string | null;
  buyerEmail: string | null;
  buyerEmailKey: string;
  status: string;
  currency: string;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  amountRefunded: number;
  voucherHint: string | null;
  solidarityCount: number;
  stripePaymentIntent: string | null;
  paidAt: string | null;
  createdAt: string;
  tickets: number;
};

const orderColumns = sql`o.id, o.event_id AS eventId, o.buyer_registration_id AS buyerRegistrationId,
  b.name AS buyerName, b.email AS buyerEmail, o.buyer_email_key AS buyerEmailKey, o.status, o.currency,
  o.amount_subtotal AS amountSubtotal, o.amount_discount AS amountDiscount, o.amount_tax AS amountTax,
  o.amount_total AS amountTotal, o.amount_refunded AS amountRefunded, v.hint AS voucherHint,
  o.solidarity_count AS solidarityCount, o.stripe_payment_intent AS stripePaymentIntent, o.paid_at AS paidAt,
  o.created_at AS createdAt,
  (SELECT count(*) FROM registrations t WHERE t.order_id = o.id) AS tickets`;
const orderFrom = sql`orders o LEFT JOIN registrations b ON b.id = o.buyer_registration_id
  LEFT JOIN vouchers v ON v.id = o.voucher_id`;

function where(eventId: string, f: OrderFilter): SQL {
  const parts = [sql`o.event_id = ${eventId}`];
  if (f.status) parts.push(paymentCondition[f.status]);
  if (f.q) {
    const q = f.q;
    parts.push(sql`(${contains(sql`b.name`, q)} OR ${contains(sql`o.buyer_email_key`, q)} OR o.id = ${q.trim()})`);
  }
  return sql.join(parts, sql` AND `);
}

/** A page of an event's orders, newest first, and how many match: one round trip. */
export async function ordersOfEvent(
  db: Db,
  eventId: string,
  f: OrderFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: OrderRecord[]; total: number }> {
  const [rows, total] = await batch(db, [
    sql`SELECT ${orderColumns} FROM ${orderFrom} WHERE ${where(eventId, f)}
      ORDER BY o.created_at DESC, o.id LIMIT ${page.limit} OFFSET ${page.offset}`,
    sql`SELECT count(*) AS n FROM ${orderFrom} WHERE ${where(eventId, f)}`,
  ]);
  return { rows: rows!.results as OrderRecord[], total: (total!.results[0] as { n: number }).n };
}

export type OrderLine = {
  registrationId: number;
  name: string;
  ticketType: string | null;
  priceMinor: number | null;
  status: string;
};
export type RefundRecord = { amount: number; currency: string; reason: string; by: string; createdAt: string };
export type OrderDetail = { order: OrderRecord; lines: OrderLine[]; refunds: RefundRecord[] };

/** One order of an event with its tickets and refunds, in one round trip; undefined if there is none. */
export async function orderOfEvent(db: Db, eventId: string, orderId: string): Promise<OrderDetail | undefined> {
  const [order, lines, refunds] = await batch(db, [
    sql`SELECT ${orderColumns} FROM ${orderFrom} WHERE o.id = ${orderId} AND o.event_id = ${eventId}`,
    sql`SELECT r.id AS registrationId, r.name, r.ticket_type AS ticketType, r.price_minor AS priceMinor, r.status
      FROM registrations r WHERE r.order_id = ${orderId} AND r.event_id = ${eventId} ORDER BY r.id`,
    sql`SELECT f.amount, f.currency, f.reason, f.by, f.created_at AS createdAt FROM refunds f
      JOIN orders o ON o.id = f.order_id WHERE f.order_id = ${orderId} AND o.event_id = ${eventId}
      ORDER BY f.id`,
  ]);
  const found = order!.results[0] as OrderRecord | undefined;
  if (!found) return undefined;
  return { order: found, lines: lines!.results as OrderLine[], refunds: refunds!.results as RefundRecord[] };
}
