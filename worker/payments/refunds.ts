// Giving money back: one Stripe refund per call, recorded with the order's refunded total, the
// audit log and a message to the buyer. Used by late payments (webhook), event cancellations, a
// person cancelling within the policy and organisers in the console; and a second payment of an
// order paid already is given back whole (refundSecondPayment).
import { formatMoney } from '../../model/tickets.ts';
import type { ContentSource } from '../content/source.ts';
import type { Statement } from '../db/batch.ts';
import type { Db } from '../db/client.ts';
import { type Order, orderById, type RefundReason, recordRefund, refundsOf } from '../db/orders.ts';
import type { Bindings } from '../env.ts';
import type { Problem } from '../http/problems.ts';
import { stripeClient } from './stripe.ts';

export type RefundServices = { env: Bindings; db: Db; content: ContentSource };

export type RefundRequest = {
  orderId: string;
  /** Minor units; what is left of the order when absent. */
  amountMinor?: number;
  reason: RefundReason;
  /** The organiser's email, or 'system'. */
  by: string;
  now: Date;
  /** The organisers' note for the buyer's message. */
  note?: string | null;
  /**
   * The registration whose cancellation this refund is for: its key is then the registration's, so
   * two attendees of one order cancelling at the same moment get a refund each, and a retry of one
   * (the cron's, after Stripe failed) can never make a second.
   */
  registrationId?: number;
  /** Statements for the batch that records the refund (settling what was owed). */
  alsoRecord?: Statement[];
  /**
   * Look at the payment's refunds at Stripe first, and take one made for this same refund (its
   * metadata) instead of asking again: for a retry after Stripe has forgotten the Idempotency-Key
   * (24 hours), when a refund it made after all would otherwise be made a second time.
   */
  lookFirst?: boolean;
};

export type RefundResult =
  | { ok: true; stripeRefundId: string; amount: number; refundedTotal: number }
  | { ok: false; problem: Problem };

/**
 * The Idempotency-Key of a refund: the same order, reason, amount and number of refunds before it
 * give the same key, so a retry after a failure (or two clicks at once) refunds once, while a later
 * second partial refund of the same amount is a new one.
 */
export const refundKey = (orderId: string, reason: RefundReason, amount: number, before: number) =>
  `refund:${orderId}:${reason}:${amount}:${before}`;

/** The Idempotency-Key of the refund of one registration's cancellation: the same however often it is tried. */
export const registrationRefundKey = (orderId: string, registrationId: number, amount: number) =>
  `refund:${orderId}:registration:${registrationId}:${amount}`;

export async function refundOrder(s: RefundServices, r: RefundRequest): Promise<RefundResult> {
  const refuse = (problem: Problem): RefundResult => ({ ok: false, problem });
  const order = await orderById(s.db, r.orderId);
  if (!order) return refuse({ code: 'order_not_found', message: `There is no order ${r.orderId}.` });
  if (!order.stripePaymentIntent)
    return refuse({ code: 'order_not_paid', message: 'This order was never paid, so there is nothing to refund.' });
  const left = order.amountTotal - order.amountRefunded;
  const amount = r.amountMinor ?? left;
  if (!Number.isInteger(amount) || amount <= 0 || amount > left)
    return refuse({
      code: 'refund_too_large',
      message: `At most ${formatMoney(left, order.currency)} of this order can still be refunded.`,
      extra: { leftMinor: left },
    });
  const event = await s.content.event(order.eventId);
  if (!event) return refuse({ code: 'event_not_found', message: `Event ${order.eventId} is not published.` });
  const before = (await refundsOf(s.db, order.id)).length;
  const metadata: Record<string, string> = {
    order_id: order.id,
    reason: r.reason,
    ...(r.registrationId ? { registration_id: String(r.registrationId) } : {}),
  };
  let refund: { id: string; amount: number };
  try {
    const stripe = stripeClient(s.env);
    const made = r.lookFirst
      ? (await stripe.refunds.list({ payment_intent: order.stripePaymentIntent, limit: 100 })).data.find(
          (x) =>
            x.status !== 'failed' &&
            x.status !== 'canceled' &&
            Object.entries(metadata).every(([k, v]) => x.metadata?.[k] === v),
        )
      : undefined;
    refund =
      made ??
      (await stripe.refunds.create(
        {
          payment_intent: order.stripePaymentIntent,
          amount,
          ...(r.reason === 'attendee_cancelled' ? { reason: 'requested_by_customer' as const } : {}),
          metadata,
        },
        {
          idempotencyKey: r.registrationId
            ? registrationRefundKey(order.id, r.registrationId, amount)
            : refundKey(order.id, r.reason, amount, before),
        },
      ));
  } catch (error) {
    // Stripe's message is for us, not for the person; the log keeps it, without personal data.
    console.error(`refund of order ${order.id} failed:`, (error as Error).message);
    return refuse({
      code: 'payment_failed',
      message: 'Stripe did not make the refund just now. Nothing was refunded; try again in a minute.',
    });
  }
  const kind = r.reason === 'late_payment' ? 'late-payment-refunded' : 'refunded';
  await recordRefund(s.db, {
    event,
    order,
    stripeRefundId: refund.id,
    amount: refund.amount,
    reason: r.reason,
    by: r.by,
    now: r.now.toISOString(),
    message: { kind, amountText: formatMoney(refund.amount, order.currency), note: r.note },
    extra: r.alsoRecord,
  });
  return { ok: true, stripeRefundId: refund.id, amount: refund.amount, refundedTotal: order.amountRefunded + amount };
}

/** The Idempotency-Key of giving a whole payment back: one per payment, however often it is asked. */
export const paymentRefundKey = (paymentIntent: string) => `refund:payment:${paymentIntent}`;

/**
 * Gives back in full a payment that arrived for an order paid already by another (a second
 * Checkout Session of the same order, paid too): it is not the order's money, so the order's
 * amounts stay as they are; the refund is listed with the order's, audited, and the buyer is told.
 * Keyed by the payment, so a redelivered webhook finds the same refund and records nothing twice.
 */
export async function refundSecondPayment(
  s: RefundServices,
  r: { order: Order; paymentIntent: string; now: Date },
): Promise<RefundResult> {
  const event = await s.content.event(r.order.eventId);
  if (!event)
    return { ok: false, problem: { code: 'event_not_found', message: `Event ${r.order.eventId} is not published.` } };
  let refund: { id: string; amount: number };
  try {
    refund = await stripeClient(s.env).refunds.create(
      {
        payment_intent: r.paymentIntent,
        reason: 'duplicate',
        metadata: { order_id: r.order.id, reason: 'second_payment' },
      },
      { idempotencyKey: paymentRefundKey(r.paymentIntent) },
    );
  } catch (error) {
    console.error(`refund of a second payment of order ${r.order.id} failed:`, (error as Error).message);
    return {
      ok: false,
      problem: { code: 'payment_failed', message: 'Stripe did not make the refund just now. Nothing was refunded.' },
    };
  }
  await recordRefund(s.db, {
    event,
    order: r.order,
    stripeRefundId: refund.id,
    amount: refund.amount,
    reason: 'second_payment',
    by: 'system',
    now: r.now.toISOString(),
    message: { kind: 'second-payment-refunded', amountText: formatMoney(refund.amount, r.order.currency) },
    ofOrder: false,
  });
  return { ok: true, stripeRefundId: refund.id, amount: refund.amount, refundedTotal: r.order.amountRefunded };
}
