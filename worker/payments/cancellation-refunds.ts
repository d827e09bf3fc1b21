// Money back when plans change. An event the organisers cancel refunds every paid order in full, a
// few orders per cron run (each is a Stripe call and a D1 batch, within the free plan's 50
// subrequests and queries), resuming where the last run stopped; refundOrder's idempotency key and
// the refund's unique Stripe id make a repeated or concurrent run refund nothing twice. A refund
// Stripe refuses is counted on its order, which then waits behind the others (and is in the audit
// log and on the order's console page) rather than taking the run's places every time. A person
// who cancels gets what the event's refund policy gives at that moment.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { refundTerms } from '../../model/refund-policy.ts';
import { formatMoney } from '../../model/tickets.ts';
import { auditStatement } from '../db/audit.ts';
import { batch } from '../db/batch.ts';
import {
  countRefundAttempt,
  endedByLateRefundStatements,
  type OwedOrder,
  ordersOwedByCancellation,
} from '../db/cancellation-refunds.ts';
import type { Db } from '../db/client.ts';
import { type Order, orderById } from '../db/orders.ts';
import { oweRefundStatement } from '../db/owed-refunds.ts';
import type { Registration } from '../db/registrations.ts';
import { type RefundServices, refundOrder } from './refunds.ts';

/** Orders refunded per cron run: at most 1 + 5 × 3 D1 queries and 5 Stripe calls. */
export const REFUNDS_PER_RUN = 5;
/** Failed tries after which an order's refund is called stuck in the audit log (organisers refund it by hand). */
export const STUCK_AFTER = 10;
/** D1 queries one refund costs (the order, its refunds, the recording batch; or the failure's batch). */
const QUERIES_PER_REFUND = 3;
/** The most D1 queries a run of refunds makes: the cron gives delivery what is left of the 50. */
export const MOST_REFUND_QUERIES = 1 + REFUNDS_PER_RUN * QUERIES_PER_REFUND;

export type CancellationReport = { refunded: { orderId: string; amount: number }[]; failed: string[]; queries: number };

export async function refundCancelledEvents(
  s: RefundServices,
  o: { now: Date; limit?: number },
): Promise<CancellationReport> {
  const owed = await ordersOwedByCancellation(s.db, o.limit ?? REFUNDS_PER_RUN);
  const report: CancellationReport = { refunded: [], failed: [], queries: 1 };
  const events = new Map<string, CatalogueEvent | undefined>();
  for (const order of owed) {
    if (!events.has(order.eventId)) events.set(order.eventId, await s.content.event(order.eventId));
    const event = events.get(order.eventId);
    // The content is the truth: an event set on again, whose announcement is still to come, keeps its orders.
    if (event?.status !== 'cancelled') continue;
    const result = await refundOrder(s, {
      orderId: order.id,
      amountMinor: order.left,
      reason: 'event_cancelled',
      by: 'system',
      now: o.now,
      note: event.cancellation ? `${event.title} is cancelled: ${event.cancellation}` : `${event.title} is cancelled.`,
      // The event may be set on again while this refund is on its way: its places then end with it.
      alsoRecord: endedByLateRefundStatements(event, order.id, o.now.toISOString()),
    });
    report.queries += QUERIES_PER_REFUND;
    if (result.ok) report.refunded.push({ orderId: order.id, amount: result.amount });
    else {
      report.failed.push(order.id);
      // Only Stripe's failures count (an order refunded meanwhile simply no longer matches).
      if (result.problem.code === 'payment_failed') await countFailure(s.db, order, o.now);
    }
  }
  return report;
}

/** A failed try: counted on the order (which goes behind the others), and in the audit log the first and the tenth time. */
async function countFailure(db: Db, owed: OwedOrder, now: Date) {
  const tries = owed.attempts + 1;
  const amount = { orderId: owed.id, amount: owed.left, currency: owed.currency, reason: 'event_cancelled' };
  const audit =
    tries === 1 || tries === STUCK_AFTER
      ? [
          auditStatement(db, {
            actor: 'system',
            action: tries === 1 ? 'order.refund-failed' : 'order.refund-stuck',
            eventId: owed.eventId,
            registrationId: owed.buyerRegistrationId,
            detail:
              tries === 1
                ? amount
                : { ...amount, text: `Still owed after ${STUCK_AFTER} tries; refund it from the order's page.` },
            at: now.toISOString(),
          }),
        ]
      : [];
  await batch(db, [countRefundAttempt(owed.id), ...audit]);
}

/**
 * What one ticket of an order cost its buyer: its price (before a voucher) times what the order
 * charged for what it listed (a discount lowers it, a tax added on top raises it), rounded down.
 */
export const ticketPaid = (priceMinor: number, o: Pick<Order, 'amountSubtotal' | 'amountTotal'>) =>
  o.amountSubtotal > 0 && o.amountTotal !== o.amountSubtotal
    ? Math.floor((priceMinor * o.amountTotal) / o.amountSubtotal)
    : priceMinor;

/** What a registration would get back if cancelled now, under the event's policy, of what is left of its order. */
export function attendeeRefund(event: CatalogueEvent, r: Registration, order: Order | undefined, now: Date) {
  if (!order?.paidAt || !r.priceMinor) return undefined;
  const paid = ticketPaid(r.priceMinor, order);
  const left = order.amountTotal - order.amountRefunded;
  const terms = refundTerms(event.refundPolicy, event.timeZone, paid, now);
  const amount = Math.min(terms.amountMinor, left);
  return {
    terms,
    paid,
    amount,
    text: formatMoney(amount, order.currency),
    paidText: formatMoney(paid, order.currency),
  };
}

/**
 * What the cancellation page says about money before the person confirms (nothing for a free
 * ticket): how much comes back under the policy now, or that nothing does.
 */
export async function cancellationRefundSentence(db: Db, event: CatalogueEvent, r: Registration, now: Date) {
  if (!r.orderId || !r.priceMinor || r.status !== 'confirmed') return undefined;
  const due = attendeeRefund(event, r, await orderById(db, r.orderId), now);
  if (!due) return undefined;
  const to = 'to the card or account the order was paid with';
  if (due.amount <= 0)
    return `The ${due.paidText} paid for this ticket is not refunded: ${
      event.refundPolicy ? 'the last day for refunds has passed' : 'this event gives no refunds when you cancel'
    }.`;
  if (due.terms.kind === 'full' && due.amount === due.paid)
    return `You get the ${due.paidText} paid for this ticket back in full, ${to}.`;
  return `You get ${due.text} back (${due.terms.percent}% of the ${due.paidText} paid for this ticket), ${to}.`;
}

/** Refunds a person who cancelled, as the policy gives; nothing when it gives nothing. */
export async function refundCancellation(s: RefundServices, event: CatalogueEvent, r: Registration, now: Date) {
  if (!r.orderId || r.status !== 'confirmed') return undefined;
  const order = await orderById(s.db, r.orderId);
  const due = attendeeRefund(event, r, order, now);
  if (!due || due.amount <= 0 || !order) return undefined;
  const result = await refundOrder(s, {
    orderId: order.id,
    amountMinor: due.amount,
    reason: 'attendee_cancelled',
    by: 'system',
    now,
    registrationId: r.id,
  });
  // The place is gone either way; what is owed is kept, shown to the organisers and retried by the cron.
  if (!result.ok) {
    const at = now.toISOString();
    const owed = {
      orderId: order.id,
      amount: due.amount,
      currency: order.currency,
      reason: 'attendee_cancelled' as const,
    };
    await batch(s.db, [
      auditStatement(s.db, {
        actor: 'system',
        action: 'order.refund-failed',
        eventId: event.id,
        registrationId: r.id,
        detail: owed,
        at,
      }),
      oweRefundStatement({ ...owed, eventId: event.id, registrationId: r.id, now: at }),
    ]);
  }
  return result;
}
