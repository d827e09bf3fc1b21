// Refunds of people who cancel a paid ticket, when several cancel at once and when Stripe fails:
// each cancellation gets its own refund, and one Stripe could not make is owed, shown to the
// organisers and retried by the cron until it is made, once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../db/client.ts';
import { registrationById } from '../db/registrations.ts';
import type { Bindings } from '../env.ts';
import { content, rows } from '../testing/fixtures.ts';
import { paidOrder } from '../testing/refund-fixtures.ts';
import { refundCancellation } from './cancellation-refunds.ts';
import { retryOwedRefunds } from './owed-refunds.ts';
import { refundOrder } from './refunds.ts';
import { stripeClient } from './stripe.ts';

const bindings = env as unknown as Bindings;
const s = { env: bindings, db: database(env.DB), content };
// Nothing listens on port 9 (discard): Stripe cannot be reached.
const down = { ...s, env: { ...bindings, STRIPE_API_BASE: 'http://127.0.0.1:9' } };

const refundsOf = (orderId: string) =>
  rows<{ amount: number; reason: string }>(
    'SELECT amount, reason FROM refunds WHERE order_id = ? ORDER BY id',
    orderId,
  );
const owedOf = (orderId: string) =>
  rows<{ amount: number; settled_at: string | null; attempts: number }>(
    'SELECT amount, settled_at, attempts FROM owed_refunds WHERE order_id = ?',
    orderId,
  );

async function placesOf(eventId: string, ids: number[]) {
  const event = (await content.event(eventId))!;
  const places = await Promise.all(ids.map((id) => registrationById(s.db, id)));
  return { event, places: places.map((p) => p!) };
}

describe('attendees of one order cancelling', () => {
  it('refunds each attendee who cancels at the same moment as the other', async () => {
    const o = await paidOrder('refund-full', [
      { ticketType: 'standard', priceMinor: 5000 },
      { ticketType: 'standard', priceMinor: 5000 },
    ]);
    const { event, places } = await placesOf('refund-full', o.registrationIds);
    const now = new Date();
    const results = await Promise.all(places.map((r) => refundCancellation(s, event, r, now)));
    expect(results.map((r) => r?.ok)).toEqual([true, true]);
    expect(await refundsOf(o.orderId)).toEqual([
      { amount: 5000, reason: 'attendee_cancelled' },
      { amount: 5000, reason: 'attendee_cancelled' },
    ]);
  });
});

describe('a refund Stripe could not make when someone cancelled', () => {
  it('is owed, in the audit log, and made by the cron once', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const { event, places } = await placesOf('refund-full', o.registrationIds);
    const failed = await refundCancellation(down, event, places[0]!, new Date());
    expect(failed?.ok).toBe(false);
    expect(await refundsOf(o.orderId)).toEqual([]);
    expect(await owedOf(o.orderId)).toEqual([{ amount: 5000, settled_at: null, attempts: 0 }]);
    const [audit] = await rows<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE action = 'order.refund-failed' AND registration_id = ?",
      o.registrationIds[0],
    );
    expect(JSON.parse(audit!.detail)).toMatchObject({ orderId: o.orderId, amount: 5000 });

    // Stripe still down: tried, counted, still owed.
    const still = await retryOwedRefunds(down, { now: new Date(), limit: 50 });
    expect(still.failed).toContain(o.orderId);
    expect((await owedOf(o.orderId))[0]).toMatchObject({ settled_at: null, attempts: 1 });

    // Stripe back: refunded, settled, and never again.
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await retryOwedRefunds(s, { now: new Date(), limit: 50 }));
    expect(runs.flatMap((r) => r.refunded).filter((r) => r.orderId === o.orderId)).toEqual([
      { orderId: o.orderId, amount: 5000 },
    ]);
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 5000, reason: 'attendee_cancelled' }]);
    expect((await owedOf(o.orderId))[0]!.settled_at).not.toBeNull();
    const [message] = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE kind = 'refunded' AND to_key = ?",
      o.email,
    );
    expect(JSON.parse(message!.params).other).toBe('€50.00');
  });

  it('is settled without a second refund when an organiser gave the money back meanwhile', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const { event, places } = await placesOf('refund-full', o.registrationIds);
    await refundCancellation(down, event, places[0]!, new Date());
    const byHand = await refundOrder(s, {
      orderId: o.orderId,
      reason: 'organiser',
      by: 'o@example.org',
      now: new Date(),
    });
    expect(byHand.ok).toBe(true);
    await retryOwedRefunds(s, { now: new Date(), limit: 50 });
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 5000, reason: 'organiser' }]);
    expect((await owedOf(o.orderId))[0]!.settled_at).not.toBeNull();
  });
});

describe('an owed refund older than Stripe’s memory of its key (24 hours)', () => {
  it('is taken from the payment’s refunds when Stripe made it after all, rather than asked for again', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const { event, places } = await placesOf('refund-full', o.registrationIds);
    await refundCancellation(down, event, places[0]!, new Date());
    const [{ pi }] = (await rows<{ pi: string }>(
      'SELECT stripe_payment_intent AS pi FROM orders WHERE id = ?',
      o.orderId,
    )) as [{ pi: string }];
    // Stripe made it after all (the answer was lost on the way back), and has since forgotten the key.
    const made = await stripeClient(bindings).refunds.create(
      {
        payment_intent: pi,
        amount: 5000,
        metadata: { order_id: o.orderId, reason: 'attendee_cancelled', registration_id: String(o.registrationIds[0]) },
      },
      { idempotencyKey: `a key Stripe no longer knows ${o.orderId}` },
    );
    const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
    await env.DB.prepare('UPDATE owed_refunds SET created_at = ? WHERE order_id = ?').bind(dayAgo, o.orderId).run();

    const run = await retryOwedRefunds(s, { now: new Date(), limit: 50 });
    expect(run.refunded).toContainEqual({ orderId: o.orderId, amount: 5000 });
    const atStripe = await stripeClient(bindings).refunds.list({ payment_intent: pi, limit: 100 });
    expect(atStripe.data.map((r) => r.id)).toEqual([made.id]);
    expect(await rows('SELECT stripe_refund_id AS id, amount FROM refunds WHERE order_id = ?', o.orderId)).toEqual([
      { id: made.id, amount: 5000 },
    ]);
    expect((await owedOf(o.orderId))[0]!.settled_at).not.toBeNull();
  });
});
