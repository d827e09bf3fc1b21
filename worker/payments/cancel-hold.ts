// Cancelling a place that waits for its payment (the lifecycle's `cancel` from awaiting_payment):
// only the buyer cancels an unpaid order, which goes whole, since it is paid as one. Its open
// Checkout Session is expired at Stripe first, so it cannot be paid afterwards; if Stripe cannot
// be reached the hold is released all the same, and a payment that still arrives finds the order
// cancelled and is refunded in full by the late-payment path (payments/webhook.ts).
import type { Db } from '../db/client.ts';
import { orderById } from '../db/orders.ts';
import type { Registration } from '../db/registrations.ts';
import type { Problem } from '../http/problems.ts';
import { type StripeEnv, stripeClient } from './stripe.ts';

/** What may stop a hold's cancellation, checked (and the session expired) before the batch that makes it. */
export async function prepareHoldCancel(
  s: { env: StripeEnv; db: Db },
  r: Registration,
  byOrganiser: boolean,
): Promise<Problem | undefined> {
  const order = r.orderId ? await orderById(s.db, r.orderId) : undefined;
  if (order?.status !== 'open') return undefined;
  if (!byOrganiser && order.buyerRegistrationId !== r.id)
    return {
      code: 'not_cancellable',
      message:
        'This place is part of an order that is not paid yet: the person who booked it can cancel the whole ' +
        'order, or you can cancel your own place once it is paid.',
    };
  if (order.stripeSessionId) {
    // A session that is no longer open (expired, or paid a moment ago) cannot be expired: the
    // webhook then settles it, and a payment that arrives after the cancellation is refunded.
    await stripeClient(s.env)
      .checkout.sessions.expire(order.stripeSessionId)
      .catch((error: Error) => console.error(`expiring the session of order ${order.id}:`, error.message));
  }
  return undefined;
}
