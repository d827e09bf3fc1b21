import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../db/client.ts';
import { orderById, refundsOf } from '../db/orders.ts';
import type { Bindings } from '../env.ts';
import { content, rows } from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { refundKey, refundOrder } from './refunds.ts';
import { stripeClient } from './stripe.ts';

const bindings = env as unknown as Bindings;
const s = { env: bindings, db: database(env.DB), content };
let n = 0;

/** A paid order of 50.00 EUR at the fake, with its buyer, made as the buying path leaves one. */
async function paidOrder() {
  const email = `refund-${n++}@example.org`;
  const session = await stripeClient(bindings).checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://localhost:8787/ok',
    line_items: [
      { quantity: 1, price_data: { currency: 'eur', unit_amount: 5000, product_data: { name: 'Standard' } } },
    ],
  });
  const completed = await stripeDoes(session.id, 'complete');
  const pi = (completed.event as unknown as { data: { object: { payment_intent: string } } }).data.object
    .payment_intent;
  const id = `ord_refund_${n}`;
  const who = { email };
  const now = new Date().toISOString();
  const [buyer] = await rows<{ id: number }>(
    `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
      consent_at, created_at, updated_at, order_id, ticket_type, price_minor)
     VALUES ('paid-refunds', 'Buyer', ?1, ?1, 'confirmed', '{}', ?2, ?2, ?3, ?3, ?3, ?4, 'standard', 5000) RETURNING id`,
    email,
    `RF${n}X${Date.now() % 100000}`,
    now,
    id,
  );
  await env.DB.prepare(
    `INSERT INTO orders (id, event_id, buyer_registration_id, buyer_email_key, status, currency, amount_subtotal,
      amount_total, stripe_session_id, stripe_payment_intent, expires_at, paid_at, created_at, updated_at)
     VALUES (?, 'paid-refunds', ?, ?, 'paid', 'EUR', 5000, 5000, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(id, buyer!.id, who.email, session.id, pi, now, now, now, now)
    .run();
  return { id, email: who.email as string };
}

describe('refundOrder', () => {
  it('refunds part of an order through Stripe, records it, audits it and tells the buyer', async () => {
    const order = await paidOrder();
    const result = await refundOrder(s, {
      orderId: order.id,
      amountMinor: 2000,
      reason: 'organiser',
      by: 'owner@example.org',
      now: new Date(),
    });
    expect(result).toMatchObject({ ok: true, amount: 2000, refundedTotal: 2000 });
    expect((await orderById(s.db, order.id))!.amountRefunded).toBe(2000);
    const [refund] = await refundsOf(s.db, order.id);
    expect(refund).toMatchObject({ amount: 2000, currency: 'EUR', reason: 'organiser', by: 'owner@example.org' });
    const audit = await rows<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'order.refund'");
    expect(audit.some((a) => JSON.parse(a.detail).orderId === order.id)).toBe(true);
    const [message] = await rows<{ subject: string; params: string }>(
      'SELECT subject, params FROM outbox WHERE to_key = ? ORDER BY id DESC LIMIT 1',
      order.email,
    );
    expect(message?.subject).toContain('Refund');
    expect(JSON.parse(message!.params).other).toBe('€20.00');
  });

  it('refuses more than what is left, and refunds the rest when no amount is given', async () => {
    const order = await paidOrder();
    const refuse = await refundOrder(s, {
      orderId: order.id,
      amountMinor: 5001,
      reason: 'organiser',
      by: 'x',
      now: new Date(),
    });
    expect(refuse).toMatchObject({ ok: false, problem: { code: 'refund_too_large' } });
    expect(refuse.ok || refuse.problem.message).toContain('€50.00');
    const all = await refundOrder(s, { orderId: order.id, reason: 'event_cancelled', by: 'system', now: new Date() });
    expect(all).toMatchObject({ ok: true, amount: 5000 });
    const again = await refundOrder(s, {
      orderId: order.id,
      amountMinor: 1,
      reason: 'organiser',
      by: 'x',
      now: new Date(),
    });
    expect(again).toMatchObject({ ok: false, problem: { code: 'refund_too_large' } });
  });

  it('refunds once when the same refund is retried (the Idempotency-Key and the recorded id)', async () => {
    const order = await paidOrder();
    const stored = (await orderById(s.db, order.id))!;
    // A first attempt that reached Stripe but died before recording: the retry gets the same refund.
    const first = await stripeClient(bindings).refunds.create(
      { payment_intent: stored.stripePaymentIntent!, amount: 1500 },
      { idempotencyKey: refundKey(order.id, 'organiser', 1500, 0) },
    );
    const retry = await refundOrder(s, {
      orderId: order.id,
      amountMinor: 1500,
      reason: 'organiser',
      by: 'x',
      now: new Date(),
    });
    expect(retry).toMatchObject({ ok: true, stripeRefundId: first.id });
    const twice = await refundOrder(s, {
      orderId: order.id,
      amountMinor: 1500,
      reason: 'organiser',
      by: 'x',
      now: new Date(),
    });
    expect(twice.ok && twice.stripeRefundId).not.toBe(first.id);
    expect((await orderById(s.db, order.id))!.amountRefunded).toBe(3000);
    expect(await refundsOf(s.db, order.id)).toHaveLength(2);
  });

  it('refuses an order that was never paid, or does not exist', async () => {
    expect(await refundOrder(s, { orderId: 'nope', reason: 'organiser', by: 'x', now: new Date() })).toMatchObject({
      ok: false,
      problem: { code: 'order_not_found' },
    });
  });
});
