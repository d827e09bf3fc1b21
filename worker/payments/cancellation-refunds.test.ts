// Money back when plans change: a person cancelling within the event's refund policy (told first,
// refunded once), and an event the organisers cancel (every paid order refunded in full by the
// cron, a few a run, resumed and never twice). Refunds go through the real `stripe` package to the fake.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { endedByLateRefundStatements } from '../db/cancellation-refunds.ts';
import { database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { contentHistory } from '../testing/deploys.ts';
import { Browser, organiserBrowser, rows } from '../testing/fixtures.ts';
import { paidOrder } from '../testing/refund-fixtures.ts';
import { refundCancelledEvents } from './cancellation-refunds.ts';
import { refundOrder } from './refunds.ts';

let organiser: Awaited<ReturnType<typeof organiserBrowser>>;
// Signed in first, while the outbox is empty (the refunds' messages would queue ahead of the link).
beforeAll(async () => {
  organiser = await organiserBrowser('stuck-owner@example.org', 'owner');
});

const refundsOf = (orderId: string) =>
  rows<{ amount: number; reason: string }>(
    'SELECT amount, reason FROM refunds WHERE order_id = ? ORDER BY id',
    orderId,
  );
const refunded = async (orderId: string) =>
  (await rows<{ n: number }>('SELECT amount_refunded AS n FROM orders WHERE id = ?', orderId))[0]!.n;

/** The buyer's browser, on their manage page through the link they were given. */
async function holder(link: string) {
  const browser = new Browser();
  await browser.open(link);
  return browser;
}

describe('a person cancelling a paid ticket', () => {
  it('is told before confirming that it comes back in full, then refunded in full, once', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const b = await holder(o.manageLink);
    const [id] = o.registrationIds;
    const ask = await (await b.fetch(`/manage/${id}/cancel`)).text();
    expect(ask).toContain('You get the €50.00 paid for this ticket back in full');
    const done = await b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(done.headers.get('location')).toBe(`/manage/${id}?done=cancelled-refunded`);
    expect(await (await b.open(done.headers.get('location')!)).text()).toContain('your refund is on its way');
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 5000, reason: 'attendee_cancelled' }]);
    const [message] = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE kind = 'refunded' AND to_key = ?",
      o.email,
    );
    expect(JSON.parse(message!.params).other).toBe('€50.00');
    // The form posted again changes nothing.
    await b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(await refundsOf(o.orderId)).toHaveLength(1);
  });

  it('gets the policy’s share after the full-refund date, of their own ticket only', async () => {
    const o = await paidOrder('refund-partial', [
      { ticketType: 'supporter', priceMinor: 8000 },
      { ticketType: 'standard', priceMinor: 5000 },
    ]);
    const b = await holder(o.manageLink);
    const [id] = o.registrationIds;
    expect(await (await b.fetch(`/manage/${id}/cancel`)).text()).toContain(
      'You get €40.00 back (50% of the €80.00 paid for this ticket)',
    );
    await b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 4000, reason: 'attendee_cancelled' }]);
    const [guest] = await rows<{ status: string }>(
      'SELECT status FROM registrations WHERE id = ?',
      o.registrationIds[1],
    );
    expect(guest!.status).toBe('confirmed');
  });

  it('gets back what the ticket cost after a voucher, not its list price', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'supporter', priceMinor: 8000 }], { discount: 2000 });
    const b = await holder(o.manageLink);
    const [id] = o.registrationIds;
    expect(await (await b.fetch(`/manage/${id}/cancel`)).text()).toContain(
      'You get the €60.00 paid for this ticket back in full',
    );
    await b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 6000, reason: 'attendee_cancelled' }]);
  });

  it('is told nothing comes back after the last date, and nothing is refunded', async () => {
    const o = await paidOrder('refund-over', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const b = await holder(o.manageLink);
    const [id] = o.registrationIds;
    expect(await (await b.fetch(`/manage/${id}/cancel`)).text()).toContain(
      'The €50.00 paid for this ticket is not refunded: the last day for refunds has passed.',
    );
    const done = await b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(done.headers.get('location')).toBe(`/manage/${id}?done=cancelled`);
    expect(await refundsOf(o.orderId)).toEqual([]);
  });

  it('refunds once when cancel is clicked twice at the same moment', async () => {
    const o = await paidOrder('refund-full', [{ ticketType: 'supporter', priceMinor: 8000 }]);
    const b = await holder(o.manageLink);
    const [id] = o.registrationIds;
    await Promise.all([1, 2, 3].map(() => b.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']])));
    expect(await refundsOf(o.orderId)).toEqual([{ amount: 8000, reason: 'attendee_cancelled' }]);
  });
});

describe('an event the organisers cancel', () => {
  const bindings = env as unknown as Bindings;
  const h = contentHistory();

  it('refunds every paid order in full, a few a run, resuming where the last run stopped, never twice', async () => {
    const orders = [
      await paidOrder('refund-called-off', [{ ticketType: 'standard', priceMinor: 5000 }]),
      await paidOrder('refund-called-off', [
        { ticketType: 'standard', priceMinor: 5000 },
        { ticketType: 'supporter', priceMinor: 8000 },
      ]),
      await paidOrder('refund-called-off', [{ ticketType: 'supporter', priceMinor: 8000 }], { solidarity: 1 }),
    ];
    // Part of one was refunded already by an organiser.
    await env.DB.prepare('UPDATE orders SET amount_refunded = 1000 WHERE id = ?').bind(orders[0]!.orderId).run();
    const run = (limit: number, content = off.content) =>
      refundCancelledEvents({ env: bindings, db: database(env.DB), content }, { now: new Date(), limit });

    // Before the cancellation is announced, nothing is refunded.
    const off = h.build({ 'refund-called-off': { status: 'cancelled', cancellation: 'The venue flooded.' } });
    expect((await run(5)).refunded).toEqual([]);
    await off.announce();

    const first = await run(2);
    expect(first.refunded).toHaveLength(2);
    expect(first.queries).toBeLessThanOrEqual(1 + 2 * 3);
    const second = await run(2);
    expect(second.refunded).toHaveLength(1);
    expect((await run(2)).refunded).toEqual([]);

    expect(await Promise.all(orders.map((o) => refunded(o.orderId)))).toEqual([5000, 13000, 13000]);
    for (const o of orders)
      expect((await refundsOf(o.orderId)).filter((r) => r.reason === 'event_cancelled')).toHaveLength(1);
    const [message] = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE kind = 'refunded' AND to_key = ?",
      orders[0]!.email,
    );
    expect(JSON.parse(message!.params)).toEqual({
      other: '€40.00',
      note: 'Fixture refund-called-off is cancelled: The venue flooded.',
    });
  });

  it('refunds once when two runs overlap', async () => {
    const more = [
      await paidOrder('refund-called-off', [{ ticketType: 'standard', priceMinor: 5000 }]),
      await paidOrder('refund-called-off', [{ ticketType: 'standard', priceMinor: 5000 }]),
    ];
    const off = h.build({ 'refund-called-off': { status: 'cancelled', cancellation: 'The venue flooded.' } });
    const run = () =>
      refundCancelledEvents({ env: bindings, db: database(env.DB), content: off.content }, { now: new Date() });
    await Promise.all([run(), run(), run()]);
    for (const o of more) {
      expect(await refundsOf(o.orderId)).toEqual([{ amount: 5000, reason: 'event_cancelled' }]);
      expect(await refunded(o.orderId)).toBe(5000);
    }
  });

  it('leaves the orders of an event set on again', async () => {
    const o = await paidOrder('refund-called-off', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const on = h.build({});
    await on.announce();
    const report = await refundCancelledEvents(
      { env: bindings, db: database(env.DB), content: on.content },
      { now: new Date() },
    );
    expect(report.refunded).toEqual([]);
    expect(await refundsOf(o.orderId)).toEqual([]);
  });
});

describe('an event cancellation’s refund that Stripe keeps refusing', () => {
  const bindings = env as unknown as Bindings;
  const h = contentHistory();

  it('waits behind the other orders, counted, audited and shown on the order’s page', async () => {
    const hour = (k: number) => new Date(Date.now() - (10 - k) * 3_600_000).toISOString();
    const orders = await Promise.all(
      [0, 1, 2].map((k) =>
        paidOrder('refund-stuck', [{ ticketType: 'standard', priceMinor: 5000 }], { paidAt: hour(k) }),
      ),
    );
    const [stuck, ...others] = orders;
    // Stripe refuses this one: it knows no such payment (a dispute, a closed account…).
    await env.DB.prepare("UPDATE orders SET stripe_payment_intent = 'pi_unknown_to_stripe' WHERE id = ?")
      .bind(stuck!.orderId)
      .run();
    const off = h.build({ 'refund-stuck': { status: 'cancelled', cancellation: 'No venue.' } });
    await off.announce();
    const run = () =>
      refundCancelledEvents(
        { env: bindings, db: database(env.DB), content: off.content },
        { now: new Date(), limit: 1 },
      );

    expect((await run()).failed).toEqual([stuck!.orderId]);
    // The next runs refund the others instead of trying the oldest again first.
    expect((await run()).refunded.map((r) => r.orderId)).toEqual([others[0]!.orderId]);
    expect((await run()).refunded.map((r) => r.orderId)).toEqual([others[1]!.orderId]);
    expect((await run()).failed).toEqual([stuck!.orderId]);
    for (const o of others) expect(await refunded(o.orderId)).toBe(5000);
    expect(await refunded(stuck!.orderId)).toBe(0);
    const [row] = await rows<{ refund_attempts: number }>(
      'SELECT refund_attempts FROM orders WHERE id = ?',
      stuck!.orderId,
    );
    expect(row!.refund_attempts).toBe(2);
    const audits = await rows<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE action = 'order.refund-failed' AND detail ->> 'orderId' = ?",
      stuck!.orderId,
    );
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { orderId: stuck!.orderId, amount: 5000, currency: 'EUR', reason: 'event_cancelled' },
    ]);

    const page = async (id: string) =>
      (await organiser.fetch(`/console/events/refund-stuck/orders/${id}`, { headers: { accept: 'text/html' } })).text();
    const stuckPage = await page(stuck!.orderId);
    expect(stuckPage).toContain('Refunds still owed');
    expect(stuckPage).toContain('€50.00 to the buyer: the event is cancelled');
    expect(stuckPage).toContain('Stripe refused this one 2 times so far');
    expect(await page(others[0]!.orderId)).not.toContain('Refunds still owed');
  });
});

describe('an event set on again after its orders were refunded', () => {
  const bindings = env as unknown as Bindings;
  const h = contentHistory();
  const statusOf = async (id: number) =>
    (await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', id))[0]!.status;
  const kindsTo = async (id: number) =>
    (
      await rows<{ kind: string }>(
        "SELECT kind FROM outbox WHERE registration_id = ? AND kind LIKE 'event-restored%'",
        id,
      )
    ).map((m) => m.kind);

  it('ends the registrations of orders refunded in full, telling them to register again; the others come back', async () => {
    const early = new Date(Date.now() - 20 * 3_600_000).toISOString();
    const single = await paidOrder('refund-back-on', [{ ticketType: 'standard', priceMinor: 5000 }], { paidAt: early });
    const group = await paidOrder(
      'refund-back-on',
      [
        { ticketType: 'standard', priceMinor: 5000 },
        { ticketType: 'supporter', priceMinor: 8000 },
      ],
      { paidAt: early },
    );
    const kept = await paidOrder('refund-back-on', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const off = h.build({ 'refund-back-on': { status: 'cancelled', cancellation: 'Storm.' } });
    await off.announce();
    // One cron run refunds the two oldest orders; the event is set on again before the third.
    const run = await refundCancelledEvents(
      { env: bindings, db: database(env.DB), content: off.content },
      { now: new Date(), limit: 2 },
    );
    expect(run.refunded.map((r) => r.orderId).sort()).toEqual([single.orderId, group.orderId].sort());
    const on = h.build({});
    expect((await on.announce()).announced).toContainEqual(expect.objectContaining({ eventId: 'refund-back-on' }));

    const refundedPlaces = [...single.registrationIds, ...group.registrationIds];
    for (const id of refundedPlaces) {
      expect(await statusOf(id)).toBe('cancelled');
      expect(await kindsTo(id)).toEqual(['event-restored-refunded']);
    }
    expect(await statusOf(kept.registrationIds[0]!)).toBe('confirmed');
    expect(await kindsTo(kept.registrationIds[0]!)).toEqual(['event-restored']);
    const [message] = await rows<{ body: string }>(
      "SELECT body FROM outbox WHERE kind = 'event-restored-refunded' AND registration_id = ?",
      single.registrationIds[0],
    );
    expect(message!.body).toContain('Your order was refunded in full when the event was cancelled');
    expect(message!.body).toContain('register again');
    // Only the unrefunded place is taken again (nothing held for anyone else).
    const counts = await rows<{ status: string; n: number }>(
      "SELECT status, n FROM registration_counts WHERE event_id = 'refund-back-on' AND status IN ('confirmed', 'held')",
    );
    expect(Object.fromEntries(counts.map((c) => [c.status, c.n]))).toEqual({ confirmed: 1, held: 0 });
    // The cron refunds nothing more for an event that is on.
    const after = await refundCancelledEvents(
      { env: bindings, db: database(env.DB), content: on.content },
      { now: new Date() },
    );
    expect(after.refunded).toEqual([]);
    expect(await refunded(kept.orderId)).toBe(0);
  });

  it('ends the places of an order whose refund, on its way, is recorded after the event was set on again', async () => {
    const late = await paidOrder('refund-back-on', [{ ticketType: 'standard', priceMinor: 5000 }]);
    const off = h.build({ 'refund-back-on': { status: 'cancelled' } });
    await off.announce();
    const event = off.events.find((e) => e.id === 'refund-back-on')!;
    const on = h.build({});
    await on.announce();
    expect(await statusOf(late.registrationIds[0]!)).toBe('confirmed');
    // The run that picked it before the restore records its refund now.
    const result = await refundOrder(
      { env: bindings, db: database(env.DB), content: off.content },
      {
        orderId: late.orderId,
        reason: 'event_cancelled',
        by: 'system',
        now: new Date(),
        alsoRecord: endedByLateRefundStatements(event, late.orderId, new Date().toISOString()),
      },
    );
    expect(result.ok).toBe(true);
    expect(await statusOf(late.registrationIds[0]!)).toBe('cancelled');
    expect(await kindsTo(late.registrationIds[0]!)).toEqual(['event-restored', 'event-restored-refunded']);
  });
});
