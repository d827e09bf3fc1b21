// Stripe's webhook, after its signature checked out: a paid session confirms its order (one batch
// with the messages, once however often Stripe delivers it), an expired one releases its places,
// a payment that arrives after the places went elsewhere, or after the order was paid by another,
// is refunded in full, and refunds made in Stripe's dashboard are recorded. Each event is answered 2xx once handled, so Stripe stops retrying.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { formatMoney } from '../../model/tickets.ts';
import {
  cancelOrder,
  claimStripeEvent,
  confirmPaidOrder,
  expiredOrders,
  releaseOrders,
  reviveOrder,
} from '../db/holds.ts';
import { type Order, orderById, orderByPaymentIntent, orderBySession, recordRefund } from '../db/orders.ts';
import { promotionStatements } from '../db/registrations.ts';
import { deliver, type Services } from '../registrations/service.ts';
import { refundOrder, refundSecondPayment } from './refunds.ts';
import { type Stripe, stripeClient } from './stripe.ts';

export type WebhookOutcome =
  | 'confirmed'
  | 'already'
  | 'released'
  | 'kept'
  | 'refunded'
  | 'recorded'
  | 'pending'
  | 'ignored';

/**
 * Whether an order's hold outlives a session that ended: a payment link's hold lasts days while a
 * Checkout Session lasts at most 24 hours, so the person opens the link again for a new session.
 * A purchase's hold ends with its session (they share expires_at).
 */
const outlives = (order: Order, session: Session, now: Date) =>
  Date.parse(order.expiresAt) > now.getTime() + 60_000 &&
  Date.parse(order.expiresAt) > session.expires_at * 1000 + 5 * 60_000;

type Session = Stripe.Checkout.Session;

async function orderOfSession(s: Services, session: Session): Promise<Order | undefined> {
  const byRef = session.client_reference_id ? await orderById(s.db, session.client_reference_id) : undefined;
  return byRef ?? (await orderBySession(s.db, session.id));
}

export async function handleStripeEvent(s: Services, event: Stripe.Event): Promise<WebhookOutcome> {
  const now = s.now.toISOString();
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      const order = await orderOfSession(s, session);
      if (!order) return 'ignored';
      // Delayed payment methods complete unpaid and succeed later (async_payment_succeeded).
      if (session.payment_status !== 'paid') return 'pending';
      return confirm(s, order, event, session);
    }
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const session = event.data.object;
      const order = await orderOfSession(s, session);
      if (order?.status !== 'open') return 'ignored';
      if (outlives(order, session, s.now)) return 'kept';
      const content = await s.content.event(order.eventId);
      if (!content) return 'ignored';
      if (!(await claimStripeEvent(s.db, event.id, event.type, order.id, now))) return 'already';
      await release(s, content, [order.id]);
      return 'released';
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const pi = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      const order = pi ? await orderByPaymentIntent(s.db, pi) : undefined;
      const content = order && (await s.content.event(order.eventId));
      if (!order || !content) return 'ignored';
      // Since API version 2022-11-15 a Charge in an event no longer carries its refunds: listed here
      // (one call; a charge has far fewer than 100 refunds). Refunds made here are recorded already
      // (by their Stripe id); those made in the dashboard now.
      const listed =
        charge.refunds?.data && !charge.refunds.has_more
          ? charge.refunds.data
          : (await stripeClient(s.env).refunds.list({ payment_intent: pi!, limit: 100 })).data;
      for (const refund of listed.filter((r) => r.status !== 'failed' && r.status !== 'canceled'))
        await recordRefund(s.db, {
          event: content,
          order,
          stripeRefundId: refund.id,
          amount: refund.amount,
          reason: 'stripe',
          by: 'stripe',
          now,
          message: { kind: 'refunded', amountText: formatMoney(refund.amount, order.currency) },
        });
      deliver(s);
      return 'recorded';
    }
    default:
      return 'ignored';
  }
}

async function confirm(s: Services, order: Order, event: Stripe.Event, session: Session): Promise<WebhookOutcome> {
  const content = await s.content.event(order.eventId);
  if (!content) return 'ignored';
  const now = s.now.toISOString();
  const paymentIntent =
    typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? '');
  const facts = {
    event: content,
    order,
    stripeEventId: event.id,
    type: event.type,
    paymentIntent,
    amountTax: session.total_details?.amount_tax ?? 0,
    // What Stripe charged: with Stripe Tax adding the tax, more than the order's own total.
    amountCharged: session.amount_total ?? order.amountTotal,
    now,
  };
  let outcome = await confirmPaidOrder(s.db, facts);
  // Paid after the hold ran out: the places come back if they are all still free.
  if (outcome === 'gone' && (await reviveOrder(s.db, content, order.id, now)))
    outcome = await confirmPaidOrder(s.db, { ...facts, stripeEventId: `${event.id}:revived` });
  if (outcome === 'confirmed') {
    deliver(s);
    return 'confirmed';
  }
  if (outcome === 'already') return 'already';
  // The order was paid by another payment first: this one is not kept.
  if (outcome === 'second') {
    const refund = await refundSecondPayment(s, { order, paymentIntent, now: s.now });
    if (!refund.ok) throw new Error(refund.problem.message);
    deliver(s);
    return 'refunded';
  }
  // The place is gone: nobody pays for a place that does not exist.
  const refund = await refundOrder(s, { orderId: order.id, reason: 'late_payment', by: 'system', now: s.now });
  if (!refund.ok && refund.problem.code !== 'refund_too_large') throw new Error(refund.problem.message);
  await cancelOrder(s.db, order.id, now);
  deliver(s);
  return 'refunded';
}

/** Releases orders' holds and gives each freed place to the next person waiting. */
export async function release(s: Services, event: CatalogueEvent, orderIds: string[]) {
  const now = s.now.toISOString();
  // At most one promotion per freed place (a group holds up to 10), within a run's D1 budget.
  const freed = Math.min(10 * orderIds.length, event.capacity ?? 0, 20);
  const promotions = Array.from({ length: freed }, () => promotionStatements(event, now, 'next')).flat();
  await releaseOrders(s.db, event, orderIds, now, true, promotions);
  deliver(s);
}

/** The cron's part: open orders whose hold ran out are released (a few per run), per event. */
export async function releaseExpired(s: Services, limit = 10): Promise<number> {
  const due = await expiredOrders(s.db, s.now.toISOString(), limit);
  const byEvent = new Map<string, string[]>();
  for (const o of due) byEvent.set(o.eventId, [...(byEvent.get(o.eventId) ?? []), o.id]);
  for (const [eventId, ids] of byEvent) {
    const event = await s.content.event(eventId);
    if (event) await release(s, event, ids);
  }
  return due.length;
}
