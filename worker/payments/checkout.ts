// Buying tickets: the price computed here from the event's ticket types, every attendee's place
// held in one batch, then a Stripe Checkout Session whose expiry is the hold's. If Stripe fails the
// holds are released at once and the person gets a clear problem. Free orders (a free ticket, or a
// voucher that covers everything) are confirmed in the same batch, without Stripe.
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { emailKey } from '../../model/email.ts';
import { chargeLines, isPaid, type Price, priceOrder, type VoucherTerms } from '../../model/pricing.ts';
import type { RegistrationRequest } from '../../model/registration.ts';
import { toMinor } from '../../model/tickets.ts';
import { linkExpiry } from '../access/links.ts';
import { hashSecret, newSecret, newTicketCode } from '../access/secrets.ts';
import type { ContentSource } from '../content/source.ts';
import type { Db } from '../db/client.ts';
import { attachSession, createHolds, type HoldRefusal, releaseOrders } from '../db/holds.ts';
import { completeKey, storeAnswer } from '../db/idempotency.ts';
import { voucherByHash } from '../db/orders.ts';
import type { Bindings } from '../env.ts';
import type { Problem } from '../http/problems.ts';
import { scheduleDelivery } from '../messages/delivery.ts';
import type { Answers } from '../registrations/answers.ts';
import { paymentsConfigured, stripeClient, taxAutomatic } from './stripe.ts';

/** How long a Checkout Session holds places. Stripe refuses less than 30 minutes from its own clock. */
export const HOLD_MINUTES = 30;
// A minute on top, so the request's own latency never brings the session under Stripe's minimum.
const HOLD_MARGIN_MS = 60_000;

/** What buying needs (the registration service's Services, which calls buy, so not imported from it). */
type Services = {
  env: Bindings;
  db: Db;
  content: ContentSource;
  now: Date;
  background: (work: Promise<unknown>) => void;
};

const deliver = (s: Services) => s.background(scheduleDelivery({ env: s.env, content: s.content }));

/** SHA-256 of a voucher code as people type it (case and surrounding spaces do not matter). */
/** A voucher code as compared: case, spaces and dashes do not matter ("k7qm 4tz8" is K7QM-4TZ8). */
export const voucherCodeHash = (code: string) => hashSecret(code.replace(/[\s-]/g, '').toUpperCase());

export type BuyResult =
  | {
      ok: false;
      problem: Problem;
      /** The event is full and keeps a waitlist: the person may wait with this ticket, paying nothing yet. */
      waitlist?: { type: string; priceMinor: number };
    }
  | {
      ok: true;
      outcome: 'checkout' | 'confirmed';
      orderId: string;
      /** Stripe's page, for 'checkout'. */
      checkoutUrl?: string;
      buyerId: number;
      registrationIds: number[];
      /** The buyer's manage link secret (JSON answers give it to scripts). */
      manageToken: string;
      ticketCode: string;
      totalMinor: number;
      currency: string;
    };

const field = (name: string, message: string): Problem => ({
  code: 'validation_failed',
  message: 'Some fields need attention.',
  fields: [{ field: name, message }],
});

/** Whether this request goes through the buying path: the chosen (or default) ticket costs money, or it is a group. */
export function wantsPurchase(
  event: CatalogueEvent,
  request: Pick<RegistrationRequest, 'ticketType' | 'attendees' | 'voucher' | 'solidarity' | 'quantity'>,
  now: Date,
) {
  if (!event.tickets?.length || event.registration.mode === 'application') return false;
  const priced = priceOrder({
    tickets: event.tickets,
    ticketType: request.ticketType,
    quantity: 1,
    solidarity: 0,
    now,
  });
  const ticket = priced.ok ? priced.price.ticket : undefined;
  return (
    !ticket ||
    isPaid(ticket) ||
    Boolean(request.attendees?.length || request.voucher || request.solidarity || (request.quantity ?? 1) > 1)
  );
}

const refusals: Record<HoldRefusal, (event: CatalogueEvent, n: number) => Problem> = {
  full: (e, n) => ({
    code: 'event_full',
    message: n > 1 ? `${e.title} does not have ${n} places left together.` : `${e.title} is full.`,
  }),
  sold_out: (_, n) => ({
    code: 'ticket_unavailable',
    message: `There are not ${n === 1 ? 'any' : n} of these tickets left; choose another ticket.`,
  }),
  duplicate: (e) => ({
    code: 'conflict',
    message: `One of these addresses is already registered for ${e.title}; each address holds one place.`,
  }),
  voucher: () => field('voucher', 'This voucher code has just been used up or has expired.'),
};

export async function buy(
  s: Services,
  event: CatalogueEvent,
  request: RegistrationRequest,
  answers: Answers,
  origin: string,
  /** The request's Idempotency-Key: its answer is stored with the order's Checkout Session. */
  idempotency?: { scope: string; key: string },
): Promise<BuyResult> {
  const refuse = (problem: Problem): BuyResult => ({ ok: false, problem });
  const tickets = event.tickets ?? [];
  const others = request.attendees ?? [];
  const quantity = 1 + others.length;
  if (request.quantity !== undefined && request.quantity !== quantity)
    return refuse(field('attendees', `Give a name for each of the ${request.quantity} people (you are the first).`));

  let voucher: (VoucherTerms & { id: number }) | undefined;
  if (request.voucher?.trim()) {
    const row = await voucherByHash(s.db, event.id, await voucherCodeHash(request.voucher));
    const now = s.now.toISOString();
    if (!row || row.disabledAt || row.uses >= row.maxUses || (row.validUntil && row.validUntil <= now))
      return refuse(field('voucher', 'This voucher code does not work for this event (check it, or leave it empty).'));
    voucher = { id: row.id, kind: row.kind, value: row.value, ticketType: row.ticketType };
  }
  const currency = tickets[0]?.currency ?? 'EUR';
  const priced = priceOrder({
    tickets,
    ticketType: request.ticketType,
    quantity,
    amountMinor: request.amount === undefined ? undefined : toMinor(request.amount, currency),
    voucher,
    solidarity: request.solidarity ?? 0,
    now: s.now,
  });
  if (!priced.ok)
    return refuse({ code: 'validation_failed', message: 'Some fields need attention.', fields: priced.problems });
  const price = priced.price;

  // Each address holds one place: the buyer's and every attendee's own.
  const buyerKey = emailKey(request.email);
  const keys = [buyerKey, ...others.flatMap((a) => (a.email ? [emailKey(a.email)] : []))];
  if (new Set(keys).size !== keys.length)
    return refuse(
      field('attendees', 'Each person needs their own email address, or none (you then manage their ticket).'),
    );
  if (price.total > 0 && !paymentsConfigured(s.env))
    return refuse({
      code: 'payments_unavailable',
      message: 'This event cannot take payments right now; please try later.',
    });

  const tokens = await Promise.all(
    [request, ...others].map(async () => {
      const token = newSecret('m_');
      return { token, hash: await hashSecret(token) };
    }),
  );
  const people = [{ name: request.name, email: request.email }, ...others];
  const attendees = people.map((p, i) => ({
    name: p.name,
    // Someone without an address is reached through the buyer's; a key of their own keeps the
    // one-place-per-address rule for the buyer's address alone.
    email: p.email ?? request.email,
    emailKey: p.email ? emailKey(p.email) : `${buyerKey}#${i}`,
    ticketCode: newTicketCode(),
    manageTokenHash: tokens[i]!.hash,
  }));
  const orderId = newSecret('ord_');
  const now = s.now.toISOString();
  const expires = new Date(s.now.getTime() + HOLD_MINUTES * 60_000 + HOLD_MARGIN_MS);
  const free = price.total === 0;
  const held = await createHolds(s.db, {
    event,
    orderId,
    attendees,
    claimedKeys: keys,
    answers,
    ticketType: price.ticket.id,
    quantity: price.ticket.quantity,
    unitMinor: price.lines[0]!.unitMinor,
    currency: price.currency,
    amounts: { subtotal: price.subtotal, discount: price.discount, total: price.total },
    voucherId: voucher?.id,
    solidarityCount: request.solidarity ?? 0,
    expiresAt: expires.toISOString(),
    linkExpiresAt: linkExpiry(event),
    now,
    status: free ? 'confirmed' : 'awaiting_payment',
  });
  if (!held.held) {
    const problem = refusals[held.reason](event, quantity);
    // One ticket on a full event joins the waitlist; groups, extras and vouchers are for places on sale.
    const waits =
      held.reason === 'full' && event.registration.waitlist && quantity === 1 && !request.solidarity && !voucher;
    if (!waits) return refuse(problem);
    return { ok: false, problem, waitlist: { type: price.ticket.id, priceMinor: price.lines[0]!.unitMinor } };
  }
  const done = {
    ok: true as const,
    orderId,
    buyerId: held.registrationIds[0]!,
    registrationIds: held.registrationIds,
    manageToken: tokens[0]!.token,
    ticketCode: attendees[0]!.ticketCode,
    totalMinor: price.total,
    currency: price.currency,
  };
  const { manageToken: _secret, ...kept } = done;
  if (free) {
    if (idempotency) await storeAnswer(s.db, idempotency, 201, JSON.stringify({ ...kept, outcome: 'confirmed' }));
    deliver(s);
    return { ...done, outcome: 'confirmed' };
  }
  const session = await checkoutSession(s, event, price, {
    orderId,
    email: request.email,
    expires,
    successUrl: `${origin}/manage/${done.buyerId}?order=paid`,
    cancelUrl: `${origin}/events/${event.id}/`,
  }).catch((error: Error) => error);
  if (session instanceof Error) {
    console.error(`checkout session for order ${orderId} failed:`, session.message);
    await releaseOrders(s.db, event, [orderId], now, false);
    return refuse({
      code: 'payment_failed',
      message:
        'We could not reach the payment provider, so nothing was reserved or charged. Please try again in a minute.',
    });
  }
  const answer = { ...kept, outcome: 'checkout', checkoutUrl: session.url };
  await attachSession(
    s.db,
    orderId,
    session.id,
    session.url,
    now,
    idempotency ? [completeKey(idempotency.scope, idempotency.key, 201, JSON.stringify(answer))] : [],
  );
  return { ...done, outcome: 'checkout', checkoutUrl: session.url };
}

type SessionOptions = {
  orderId: string;
  email: string;
  expires: Date;
  successUrl: string;
  cancelUrl: string;
  /** Stripe's Idempotency-Key; one session per order unless said otherwise (payment links make several). */
  idempotencyKey?: string;
};

/** Stripe's Checkout Session for an order: our lines and amounts (price_data), our expiry. */
export async function checkoutSession(s: Services, event: CatalogueEvent, price: Price, o: SessionOptions) {
  const session = await stripeClient(s.env).checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: o.orderId,
      customer_email: o.email,
      expires_at: Math.floor(o.expires.getTime() / 1000),
      success_url: o.successUrl,
      cancel_url: o.cancelUrl,
      metadata: { order_id: o.orderId, event_id: event.id },
      ...(taxAutomatic(s.env) ? { automatic_tax: { enabled: true } } : {}),
      payment_intent_data: { metadata: { order_id: o.orderId, event_id: event.id } },
      line_items: chargeLines(price).map((l) => ({
        quantity: l.quantity,
        price_data: {
          currency: price.currency.toLowerCase(),
          unit_amount: l.unitMinor,
          product_data: { name: `${event.title}: ${l.name}` },
        },
      })),
    },
    { idempotencyKey: o.idempotencyKey ?? `checkout:${o.orderId}` },
  );
  if (!session.url) throw new Error('Stripe returned a session without a URL');
  return { id: session.id, url: session.url };
}
