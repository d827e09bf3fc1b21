// Paying for a place that is held: "Pay now" on the manage page, and the payment link an approved
// applicant or a promoted waitlister gets. It resumes the order's Checkout Session while it is open,
// and otherwise makes one on the spot (a payment link's hold lasts days, a session at most 24 hours),
// claimed first so that a link opened twice at once makes one session.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { Price } from '../../model/pricing.ts';
import { formatInstant } from '../../model/time-format.ts';
import { attachSession } from '../db/holds.ts';
import { claimKey, completeKey, releaseKey } from '../db/idempotency.ts';
import { type Order, orderById } from '../db/orders.ts';
import type { Registration } from '../db/registrations.ts';
import type { Services } from '../registrations/service.ts';
import { checkoutSession, HOLD_MINUTES } from './checkout.ts';
import { paymentsConfigured, stripeClient } from './stripe.ts';

/** Stripe's longest Checkout Session. */
const SESSION_HOURS = 24;
// Stripe refuses a session under 30 minutes from its own clock: a minute's margin for the request.
const SHORTEST_MS = HOLD_MINUTES * 60_000 + 60_000;

export type PayAnswer =
  | { kind: 'redirect'; url: string }
  | { kind: 'page'; status: 200 | 409 | 410 | 502 | 503; title: string; message: string };

const page = (status: 200 | 409 | 410 | 502 | 503, title: string, message: string): PayAnswer => ({
  kind: 'page',
  status,
  title,
  message,
});

/** What to do with a request to pay for registration `r`: go to Stripe, or read why not. */
export async function payFor(s: Services, event: CatalogueEvent, r: Registration, origin: string): Promise<PayAnswer> {
  const order = r.orderId ? await orderById(s.db, r.orderId) : undefined;
  if (r.status === 'confirmed' && order?.status === 'paid')
    return page(200, 'Already paid', 'This place is paid for and confirmed; your ticket is on your manage page.');
  if (r.status !== 'awaiting_payment' || !order)
    return page(
      409,
      'Nothing to pay',
      r.status === 'cancelled' && order
        ? 'The time to pay for this place ran out, so it was released and nothing was charged.'
        : 'This registration has no payment waiting.',
    );
  if (order.status !== 'open') return expired(event, order);
  if (!paymentsConfigured(s.env))
    return page(503, 'Payments are not available', 'This event cannot take payments right now; please try later.');
  const now = s.now.getTime();

  // A session made before and still open is the one to pay in (there is never a second one open).
  if (order.stripeSessionId) {
    const session = await stripeClient(s.env)
      .checkout.sessions.retrieve(order.stripeSessionId)
      .catch((error: Error) => error);
    if (session instanceof Error) return unreachable(order, session);
    if (session.status === 'open' && session.url) return { kind: 'redirect', url: session.url };
    if (session.status === 'complete')
      return page(
        200,
        'Payment received',
        'Your payment has arrived and your place is being confirmed: reload in a moment.',
      );
  }
  const holdEnds = Date.parse(order.expiresAt);
  if (holdEnds - now < SHORTEST_MS) return expired(event, order);

  // Claimed first: of two requests at once (a double click, two tabs), one makes the session.
  const scope = `checkout:${order.id}`;
  const key = order.stripeSessionId ?? 'first';
  const at = s.now.toISOString();
  const claim = await claimKey(s.db, {
    scope,
    key,
    requestHash: 'pay',
    now: at,
    staleBefore: new Date(now - 60_000).toISOString(),
  });
  if (claim.state === 'done') return { kind: 'redirect', url: (JSON.parse(claim.body) as { url: string }).url };
  if (claim.state !== 'claimed')
    return page(
      409,
      'Opening the payment page',
      'Your payment page is being opened in another window. Try again in a moment.',
    );

  const expires = new Date(Math.min(holdEnds, now + SESSION_HOURS * 3_600_000));
  const ticket = event.tickets?.find((t) => t.id === r.ticketType) ?? event.tickets?.[0];
  const price: Price = {
    ticket: ticket!,
    currency: order.currency,
    lines: [
      {
        ticketType: ticket?.id ?? '',
        name: ticket?.name ?? 'Ticket',
        unitMinor: order.amountTotal,
        quantity: 1,
        solidarity: false,
      },
    ],
    subtotal: order.amountTotal,
    discount: 0,
    total: order.amountTotal,
  };
  const session = await checkoutSession(s, event, price, {
    orderId: order.id,
    email: r.email,
    expires,
    successUrl: `${origin}/manage/${r.id}?order=paid`,
    cancelUrl: `${origin}/manage/${r.id}`,
    // Each session of an order gets its own key; a retry of the same one gets the same session.
    idempotencyKey: `checkout:${order.id}:${key}:${Math.floor(expires.getTime() / 1000)}`,
  }).catch((error: Error) => error);
  if (session instanceof Error) {
    await releaseKey(s.db, scope, key);
    return unreachable(order, session);
  }
  await attachSession(s.db, order.id, session.id, session.url, at, [
    completeKey(scope, key, 303, JSON.stringify({ url: session.url })),
  ]);
  return { kind: 'redirect', url: session.url };
}

function expired(event: CatalogueEvent, order: Order): PayAnswer {
  const when = formatInstant(order.expiresAt, event.timeZone, event.city);
  return page(
    410,
    'This payment link has expired',
    order.status === 'paid'
      ? 'This order is paid already.'
      : `The place was held until ${when}, and there is too little time left to pay now. ` +
          'Nothing was charged; write to the organisers if you still want to come.',
  );
}

function unreachable(order: Order, error: Error): PayAnswer {
  // Stripe's message is for us; the log names the order, never the person.
  console.error(`payment link for order ${order.id} failed:`, error.message);
  return page(
    502,
    'The payment page did not open',
    'We could not reach the payment provider. Nothing was charged and your place stays held: try again in a minute.',
  );
}
