// Orders, their Stripe events and refunds in D1. Every money movement is one batch with its audit
// entry and its message, and each is guarded so that doing it twice records it once.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { RegistrationMessageKind } from '../messages/texts.ts';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch, type Statement } from './batch.ts';
import { type Db, first } from './client.ts';
import { queueMessages } from './outbox.ts';
import { orders, type refundReasons, refunds, registrations, vouchers } from './schema.ts';

export type Order = typeof orders.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type RefundReason = (typeof refundReasons)[number];

export async function orderById(db: Db, id: string) {
  return first(db.select().from(orders).where(eq(orders.id, id)));
}

export async function orderBySession(db: Db, sessionId: string) {
  return first(db.select().from(orders).where(eq(orders.stripeSessionId, sessionId)));
}

export async function orderByPaymentIntent(db: Db, paymentIntent: string) {
  return first(db.select().from(orders).where(eq(orders.stripePaymentIntent, paymentIntent)));
}

export async function refundsOf(db: Db, orderId: string) {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
}

/** The registrations an order holds or bought, buyer first. */
export async function attendeesOf(db: Db, orderId: string) {
  return db.select().from(registrations).where(eq(registrations.orderId, orderId)).orderBy(asc(registrations.id));
}

export type RecordedRefund = {
  event: CatalogueEvent;
  order: Order;
  stripeRefundId: string;
  amount: number;
  reason: RefundReason;
  by: string;
  now: string;
  /** The buyer's message, with the amount as {{other}}; none for refunds the buyer already knows of. */
  message?: { kind: RegistrationMessageKind; amountText: string; note?: string | null };
  /** More statements for the same batch (settling a refund that was owed). */
  extra?: Statement[];
  /**
   * false for a refund of a payment that is not the order's (a second payment of an order paid
   * already): listed with the order's refunds, but what the order paid and has left is unchanged.
   */
  ofOrder?: boolean;
};

/**
 * Records a refund Stripe made: the row, the order's refunded total, the audit entry and the
 * buyer's message, all only if this Stripe refund was not recorded before (a retried call, or the
 * charge.refunded webhook of a refund made here, records nothing twice).
 */
export async function recordRefund(db: Db, r: RecordedRefund): Promise<boolean> {
  const fresh = sql`NOT EXISTS (SELECT 1 FROM refunds WHERE stripe_refund_id = ${r.stripeRefundId})`;
  const audit: AuditEntry = {
    actor: r.by,
    action: 'order.refund',
    eventId: r.event.id,
    registrationId: r.order.buyerRegistrationId,
    // The organisers' words (a console refund's reason, a cancellation's note) stay with the money.
    detail: {
      orderId: r.order.id,
      amount: r.amount,
      currency: r.order.currency,
      reason: r.reason,
      ...(r.message?.note ? { note: r.message.note } : {}),
    },
    at: r.now,
  };
  const buyer: SQL = sql`r.id = ${r.order.buyerRegistrationId ?? -1} AND ${fresh}`;
  const results = await batch(db, [
    ...(r.message
      ? [
          queueMessages({
            event: r.event,
            now: r.now,
            kinds: [r.message.kind],
            where: buyer,
            params: { other: r.message.amountText, note: r.message.note },
          }),
        ]
      : []),
    auditWhen(audit, fresh),
    sql`UPDATE orders SET amount_refunded = amount_refunded + ${r.ofOrder === false ? 0 : r.amount},
      updated_at = ${r.now} WHERE id = ${r.order.id} AND ${fresh}`,
    sql`INSERT INTO refunds (order_id, stripe_refund_id, amount, currency, reason, by, created_at)
      VALUES (${r.order.id}, ${r.stripeRefundId}, ${r.amount}, ${r.order.currency}, ${r.reason}, ${r.by}, ${r.now})
      ON CONFLICT (stripe_refund_id) DO NOTHING RETURNING id`,
    ...(r.extra ?? []),
  ]);
  return (results[results.length - 1 - (r.extra?.length ?? 0)]!.results?.length ?? 0) === 1;
}

/** A voucher of an event by the hash of its code (payments/checkout.ts voucherCodeHash). */
export async function voucherByHash(db: Db, eventId: string, codeHash: string) {
  return first(
    db
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.eventId, eventId), eq(vouchers.codeHash, codeHash))),
  );
}
