// The cron's retry of refunds Stripe did not make when a person cancelled: each is sent again with
// its registration's Idempotency-Key (so a refund Stripe made after all is returned, not made twice)
// and settled in the batch that records it. Stripe forgets a key after 24 hours, so an older one
// first looks among the payment's refunds for one made for it. What is left of the order bounds
// it: an organiser who refunded meanwhile, or the event's cancellation, may have given it back.
import { formatMoney } from '../../model/tickets.ts';
import { record } from '../db/audit.ts';
import { batch } from '../db/batch.ts';
import { orderById } from '../db/orders.ts';
import { countAttempt, owedRefundsDue, settleStatement } from '../db/owed-refunds.ts';
import { type RefundServices, refundOrder } from './refunds.ts';

/** Owed refunds retried per cron run: one Stripe call and at most 6 D1 queries (owed refunds are rare; a minute apart is soon enough). */
export const OWED_PER_RUN = 1;
/** D1 queries one retry costs at most (the order twice, its refunds, the recording batch, an attempt's count and audit). */
const QUERIES_PER_RETRY = 5;
export const MOST_OWED_QUERIES = 1 + OWED_PER_RUN * QUERIES_PER_RETRY;

/**
 * Stripe keeps an Idempotency-Key (and so returns the refund it made for it) for 24 hours; looked
 * past from 23, since the key was first sent a moment before the refund was owed, and looking
 * early costs only a listing.
 */
const KEY_KEPT_MS = 23 * 3_600_000;

export type OwedReport = { refunded: { orderId: string; amount: number }[]; failed: string[]; queries: number };

export async function retryOwedRefunds(s: RefundServices, o: { now: Date; limit?: number }): Promise<OwedReport> {
  const due = await owedRefundsDue(s.db, o.limit ?? OWED_PER_RUN);
  const report: OwedReport = { refunded: [], failed: [], queries: 1 };
  const at = o.now.toISOString();
  for (const owed of due) {
    report.queries += QUERIES_PER_RETRY;
    const order = await orderById(s.db, owed.orderId);
    const left = order ? order.amountTotal - order.amountRefunded : 0;
    if (!order || left <= 0) {
      // Given back another way meanwhile (an organiser, the event's cancellation): nothing is owed.
      await batch(s.db, [settleStatement(owed.id, at)]);
      continue;
    }
    const result = await refundOrder(s, {
      orderId: owed.orderId,
      amountMinor: Math.min(owed.amount, left),
      reason: owed.reason,
      by: 'system',
      now: o.now,
      registrationId: owed.registrationId,
      alsoRecord: [settleStatement(owed.id, at)],
      lookFirst: Date.parse(owed.createdAt) <= o.now.getTime() - KEY_KEPT_MS,
    });
    if (result.ok) {
      report.refunded.push({ orderId: owed.orderId, amount: result.amount });
      continue;
    }
    await countAttempt(s.db, owed.id);
    report.failed.push(owed.orderId);
    if (owed.attempts + 1 === 10)
      await record(s.db, {
        actor: 'system',
        action: 'order.refund-stuck',
        eventId: owed.eventId,
        registrationId: owed.registrationId,
        detail: {
          orderId: owed.orderId,
          amount: owed.amount,
          currency: owed.currency,
          text: `${formatMoney(owed.amount, owed.currency)} still owed after 10 tries; refund it from the order's page.`,
        },
        at,
      });
  }
  return report;
}
