// Payments that arrive when the order no longer wants them: a second payment of an order paid
// already (given back whole, once), and a late payment that revives an expired order whose voucher
// use had been given back (taken again with the places, or refused and refunded when used up).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { content, person, postJson, rows } from '../testing/fixtures.ts';
import { type SignedEvent, stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook, sessionOf } from '../testing/stripe-webhook.ts';
import { voucherCodeHash } from './checkout.ts';
import { stripeClient } from './stripe.ts';
import { releaseExpired } from './webhook.ts';

const bindings = env as unknown as Bindings;
let n = 0;
const buyer = () => person(`late-${n++}`);

type Bought = { order: { id: string; totalMinor: number }; checkoutUrl: string; registration: { id: number } };

async function buy(eventId: string, body: Record<string, unknown>) {
  const res = await postJson(`/api/events/${eventId}/registrations`, body);
  return { status: res.status, body: await res.json<Bought & { errors?: { field: string }[] }>() };
}

const statuses = async (orderId: string) =>
  (await rows<{ status: string }>('SELECT status FROM registrations WHERE order_id = ? ORDER BY id', orderId)).map(
    (r) => r.status,
  );
const orderRow = async (id: string) =>
  (await rows<Record<string, unknown>>('SELECT * FROM orders WHERE id = ?', id))[0]!;
const refundsOf = (orderId: string) =>
  rows<{ amount: number; reason: string }>(
    'SELECT amount, reason FROM refunds WHERE order_id = ? ORDER BY id',
    orderId,
  );

const services = (now = new Date()) => ({
  env: bindings,
  db: database(env.DB),
  content,
  now,
  background: () => undefined,
});

/** Another Checkout Session of the same order, as a second tab or a second payment link would make. */
async function secondSession(orderId: string, amount: number) {
  return stripeClient(bindings).checkout.sessions.create({
    mode: 'payment',
    client_reference_id: orderId,
    success_url: 'http://localhost:8787/ok',
    line_items: [
      { quantity: 1, price_data: { currency: 'eur', unit_amount: amount, product_data: { name: 'Again' } } },
    ],
  });
}

/** What the fake Stripe holds of a payment's refunds. */
async function stripeRefundsOf(paymentIntent: string) {
  const listed = await stripeClient(bindings).refunds.list({ payment_intent: paymentIntent, limit: 100 });
  return listed.data.map((r) => ({ amount: r.amount, reason: r.reason }));
}

const paymentOf = (signed: SignedEvent) =>
  (signed.event as unknown as { data: { object: { payment_intent: string } } }).data.object.payment_intent;

describe('a second payment of an order paid already', () => {
  it('is refunded in full, once, with a message and an audit entry; the order stays paid', async () => {
    const who = buyer();
    const { body } = await buy('paid-refunds', { ...who, ticketType: 'standard' });
    const other = await secondSession(body.order.id, body.order.totalMinor);
    const first = await stripeDoes(sessionOf(body.checkoutUrl), 'complete');
    expect((await deliverWebhook(first)).status).toBe(200);
    const second = await stripeDoes(other.id, 'complete');
    const answer = await deliverWebhook(second);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ outcome: 'refunded' });

    expect(await stripeRefundsOf(paymentOf(second))).toEqual([{ amount: 5000, reason: 'duplicate' }]);
    expect(await stripeRefundsOf(paymentOf(first))).toEqual([]);
    expect(await refundsOf(body.order.id)).toEqual([{ amount: 5000, reason: 'second_payment' }]);
    // The order is what it was: paid by the first payment, nothing of it refunded.
    expect(await orderRow(body.order.id)).toMatchObject({
      status: 'paid',
      amount_refunded: 0,
      stripe_payment_intent: paymentOf(first),
    });
    expect(await statuses(body.order.id)).toEqual(['confirmed']);
    const told = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE kind = 'second-payment-refunded' AND to_key = ?",
      who.email,
    );
    expect(told.map((m) => JSON.parse(m.params).other)).toEqual(['€50.00']);
    const audits = await rows<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE action = 'order.refund' AND detail ->> 'orderId' = ?",
      body.order.id,
    );
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { orderId: body.order.id, amount: 5000, currency: 'EUR', reason: 'second_payment' },
    ]);

    // Stripe delivering either event again changes nothing.
    for (const again of [second, first, second]) expect((await deliverWebhook(again)).status).toBe(200);
    expect(await stripeRefundsOf(paymentOf(second))).toHaveLength(1);
    expect(await stripeRefundsOf(paymentOf(first))).toEqual([]);
    expect(await refundsOf(body.order.id)).toHaveLength(1);
    expect(
      await rows(
        "SELECT id FROM outbox WHERE kind IN ('second-payment-refunded', 'confirmed') AND to_key = ?",
        who.email,
      ),
    ).toHaveLength(2);
  });

  it('is refunded when it arrives after the order’s late payment was refunded too', async () => {
    const { body } = await buy('paid-late', { ...buyer(), ticketType: 'standard' });
    const other = await secondSession(body.order.id, body.order.totalMinor);
    await releaseExpired(services(new Date(Date.now() + 40 * 60_000)));
    const taken = await buy('paid-late', { ...buyer(), ticketType: 'standard' });
    expect(taken.status).toBe(201);
    const first = await stripeDoes(sessionOf(body.checkoutUrl), 'complete');
    await deliverWebhook(first);
    expect(await refundsOf(body.order.id)).toEqual([{ amount: 3000, reason: 'late_payment' }]);
    const second = await stripeDoes(other.id, 'complete');
    expect((await deliverWebhook(second)).status).toBe(200);
    expect(await stripeRefundsOf(paymentOf(second))).toEqual([{ amount: 3000, reason: 'duplicate' }]);
    expect(await refundsOf(body.order.id)).toEqual([
      { amount: 3000, reason: 'late_payment' },
      { amount: 3000, reason: 'second_payment' },
    ]);
  });
});

describe('a late payment of an order bought with a voucher', () => {
  let codes = 0;
  /** A voucher of the 'paid' event: 50% off, one use. */
  async function voucher() {
    const code = `LATE-HALF-${codes++}`;
    await env.DB.prepare(
      `INSERT INTO vouchers (event_id, code_hash, hint, kind, value, max_uses, created_by, created_at)
       VALUES ('paid', ?, ?, 'percent', 50, 1, 'test', ?)`,
    )
      .bind(await voucherCodeHash(code), code.slice(-4), new Date().toISOString())
      .run();
    return code;
  }
  const usesOf = async (code: string) =>
    (await rows<{ uses: number }>('SELECT uses FROM vouchers WHERE code_hash = ?', await voucherCodeHash(code)))[0]!
      .uses;

  it('takes the voucher’s use again with the places it revives', async () => {
    const code = await voucher();
    const { body } = await buy('paid', { ...buyer(), ticketType: 'standard', voucher: code });
    expect(body.order.totalMinor).toBe(2000);
    await releaseExpired(services(new Date(Date.now() + 40 * 60_000)));
    expect(await usesOf(code)).toBe(0);
    await deliverWebhook(await stripeDoes(sessionOf(body.checkoutUrl), 'complete'));
    expect(await statuses(body.order.id)).toEqual(['confirmed']);
    expect(await usesOf(code)).toBe(1);
    const again = await buy('paid', { ...buyer(), ticketType: 'standard', voucher: code });
    expect(again.status).toBe(400);
    expect(again.body.errors?.[0]?.field).toBe('voucher');
  });

  it('refunds in full, reviving nothing, when the voucher was used up meanwhile', async () => {
    const code = await voucher();
    const late = buyer();
    const { body } = await buy('paid', { ...late, ticketType: 'standard', voucher: code });
    await releaseExpired(services(new Date(Date.now() + 40 * 60_000)));
    const meanwhile = await buy('paid', { ...buyer(), ticketType: 'standard', voucher: code });
    expect(meanwhile.status).toBe(201);
    await deliverWebhook(await stripeDoes(sessionOf(body.checkoutUrl), 'complete'));
    expect(await statuses(body.order.id)).toEqual(['cancelled']);
    expect(await orderRow(body.order.id)).toMatchObject({ status: 'cancelled', amount_refunded: 2000 });
    expect(await refundsOf(body.order.id)).toEqual([{ amount: 2000, reason: 'late_payment' }]);
    expect(await usesOf(code)).toBe(1);
  });
});
