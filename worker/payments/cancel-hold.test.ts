// Cancelling a place that waits for its payment (the lifecycle's cancel from awaiting_payment):
// the buyer cancels the whole unpaid order from the manage page (form or JSON), its Checkout
// Session is expired at Stripe, the places go to the next people waiting, and a payment that still
// arrives is refunded in full; someone else in the group cannot cancel it.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret } from '../access/secrets.ts';
import type { Bindings } from '../env.ts';
import { Browser, person, postJson, rows } from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook } from '../testing/stripe-webhook.ts';

type Bought = {
  registration: { id: number; status: string; manageUrl: string };
  order: { id: string; registrationIds: number[] };
  checkoutUrl: string;
};

let n = 0;
const buyer = () => person(`hold-${n++}`);

async function buy(body: Record<string, unknown>, eventId = 'paid-cancel-hold') {
  const res = await postJson(`/api/events/${eventId}/registrations`, { ...body, ticketType: 'standard' });
  return res.json<Bought>();
}

const statuses = async (ids: number[]) =>
  Promise.all(
    ids.map(
      async (id) => (await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', id))[0]!.status,
    ),
  );
const orderRow = async (id: string) =>
  (await rows<Record<string, unknown>>('SELECT * FROM orders WHERE id = ?', id))[0]!;

/** The order's Checkout Sessions as the fake Stripe holds them. */
async function sessionsAtStripe(orderId: string) {
  const base = (env as unknown as Bindings).STRIPE_API_BASE;
  return (await fetch(`${base}/_test/orders/${orderId}/sessions`)).json<{ id: string; status: string }[]>();
}

describe('POST /manage/{id}/cancel of a place waiting for payment', () => {
  it('cancels the whole unpaid group, expires its session, promotes the next people, and refunds a late payment', async () => {
    const who = buyer();
    const friend = `hold-friend-${n}@example.org`;
    const group = await buy({ ...who, attendees: [{ name: 'Friend', email: friend }, { name: 'No Mail' }] });
    expect(group.order.registrationIds).toHaveLength(3);
    // The event is full: the next two wait in line, without paying.
    const waiting = [await buy(buyer()), await buy(buyer())];
    expect(waiting.map((w) => w.registration.status)).toEqual(['waitlisted', 'waitlisted']);

    const browser = new Browser();
    await browser.open(group.registration.manageUrl);
    const page = `/manage/${group.registration.id}`;
    expect(await (await browser.fetch(page)).text()).toContain('Cancel my booking');
    const ask = await (await browser.fetch(`${page}/cancel`)).text();
    expect(ask).toContain('Every place of your order is released at once');
    const done = await browser.postForm(`${page}/cancel`, [['confirm', 'yes']]);
    expect(done.headers.get('location')).toBe(`${page}?done=cancelled`);

    expect(await statuses(group.order.registrationIds)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await orderRow(group.order.id)).toMatchObject({ status: 'cancelled', amount_refunded: 0 });
    expect((await sessionsAtStripe(group.order.id)).map((s) => s.status)).toEqual(['expired']);
    // The places go to the people waiting, held for their payment (with a payment link each).
    expect(await statuses(waiting.map((w) => w.registration.id))).toEqual(['awaiting_payment', 'awaiting_payment']);
    const links = await rows("SELECT id FROM outbox WHERE kind = 'payment-link' AND event_id = 'paid-cancel-hold'");
    expect(links).toHaveLength(2);
    // The buyer and the attendee with an address of their own are each told once.
    const told = await rows<{ to_key: string }>(
      "SELECT to_key FROM outbox WHERE kind = 'cancelled' AND registration_id IN (?, ?, ?) ORDER BY id",
      ...group.order.registrationIds,
    );
    expect(told.map((t) => t.to_key)).toEqual([who.email, friend]);
    const summary = await (await browser.fetch(page)).text();
    expect(summary).toContain('Cancelled before it was paid: nothing was charged');
    expect(summary).not.toContain('Pay now');

    // A payment that still gets through is not kept, and revives nothing.
    const [session] = await sessionsAtStripe(group.order.id);
    const late = await stripeDoes(session!.id, 'complete');
    expect((await deliverWebhook(late)).status).toBe(200);
    expect(await orderRow(group.order.id)).toMatchObject({ status: 'cancelled', amount_refunded: 9000 });
    expect(await rows('SELECT reason FROM refunds WHERE order_id = ?', group.order.id)).toEqual([
      { reason: 'late_payment' },
    ]);
    expect(await statuses(group.order.registrationIds)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(await statuses(waiting.map((w) => w.registration.id))).toEqual(['awaiting_payment', 'awaiting_payment']);
  });

  it('is refused to an attendee of the group who did not book it (JSON), and changes nothing', async () => {
    const friend = `hold-guest-${n}@example.org`;
    const group = await buy({ ...buyer(), attendees: [{ name: 'Guest', email: friend }] }, 'paid');
    const guestId = group.order.registrationIds[1]!;
    // The guest's own link (emailed once the order is paid; made here to reach the page now).
    const token = newSecret('m_');
    await env.DB.prepare(
      "INSERT INTO manage_links (registration_id, token_hash, kind, created_at) VALUES (?, ?, 'answer', ?)",
    )
      .bind(guestId, await hashSecret(token), new Date().toISOString())
      .run();
    const guest = new Browser();
    await guest.open(`/manage/${token}`);
    expect(await (await guest.fetch(`/manage/${guestId}`)).text()).not.toContain('Cancel my booking');
    const res = await guest.postJson(`/manage/${guestId}/cancel`, { confirm: true });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/manage/${guestId}?done=cancel-buyer`);
    expect(await statuses(group.order.registrationIds)).toEqual(['awaiting_payment', 'awaiting_payment']);
    expect(await orderRow(group.order.id)).toMatchObject({ status: 'open' });
    expect((await sessionsAtStripe(group.order.id)).map((s) => s.status)).toEqual(['open']);

    // The buyer may, with JSON as well as with the form.
    const owner = new Browser();
    await owner.open(group.registration.manageUrl);
    const done = await owner.postJson(`/manage/${group.registration.id}/cancel`, { confirm: true });
    expect(done.headers.get('location')).toBe(`/manage/${group.registration.id}?done=cancelled`);
    expect(await statuses(group.order.registrationIds)).toEqual(['cancelled', 'cancelled']);
    expect((await sessionsAtStripe(group.order.id)).map((s) => s.status)).toEqual(['expired']);
  });
});
