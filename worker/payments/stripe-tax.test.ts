// Stripe Tax (STRIPE_TAX=automatic): the Checkout Session asks Stripe to add the tax, the order keeps
// what Stripe charged, the manage page shows the tax line, and a refund in full gives all of it back.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { Browser, content, freshAddress, ORIGIN, person, rows } from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook } from '../testing/stripe-webhook.ts';
import { refundOrder } from './refunds.ts';

const bindings = env as unknown as Bindings;
const taxed = { ...bindings, STRIPE_TAX: 'automatic' };

async function buyTaxed(body: Record<string, unknown>) {
  const ctx = createExecutionContext();
  const res = await createApp({ content: () => content }).request(
    `${ORIGIN}/api/events/paid-refunds/registrations`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': freshAddress() },
      body: JSON.stringify(body),
    },
    taxed,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json<{ registration: { id: number; manageUrl: string }; checkoutUrl: string; order: { id: string } }>();
}

describe('Stripe Tax', () => {
  it('charges the tax Stripe adds, shows it on the order and refunds all that was charged', async () => {
    const bought = await buyTaxed({ ...person('taxed-buyer'), ticketType: 'standard' });
    const signed = await stripeDoes(bought.checkoutUrl.split('/pay/')[1]!, 'complete');
    const hook = await deliverWebhook(signed);
    expect(hook.status).toBe(200);
    // The fake's account adds 13% on top of the €50.00 ticket.
    const [order] = await rows<{ amount_tax: number; amount_total: number; status: string }>(
      'SELECT amount_tax, amount_total, status FROM orders WHERE id = ?',
      bought.order.id,
    );
    expect(order).toEqual({ amount_tax: 650, amount_total: 5650, status: 'paid' });

    const browser = new Browser();
    await browser.open(bought.registration.manageUrl);
    const page = (await (await browser.fetch(`/manage/${bought.registration.id}`)).text()).replace(/\s+/g, ' ');
    expect(page).toContain('Tax');
    expect(page).toContain('€6.50');
    expect(page).toContain('€56.50');

    const s = { env: taxed, db: database(env.DB), content };
    const refund = await refundOrder(s, { orderId: bought.order.id, reason: 'organiser', by: 'test', now: new Date() });
    expect(refund).toMatchObject({ ok: true, amount: 5650, refundedTotal: 5650 });
  });

  it('leaves the tax out of sessions when Stripe Tax is off', async () => {
    const ctx = createExecutionContext();
    const res = await createApp({ content: () => content }).request(
      `${ORIGIN}/api/events/paid-refunds/registrations`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': freshAddress() },
        body: JSON.stringify({ ...person('untaxed-buyer'), ticketType: 'standard' }),
      },
      bindings,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const { checkoutUrl } = await res.json<{ checkoutUrl: string }>();
    const session = await (
      await fetch(`${bindings.STRIPE_API_BASE}/v1/checkout/sessions/${checkoutUrl.split('/pay/')[1]}`, {
        headers: { authorization: `Bearer ${bindings.STRIPE_SECRET_KEY}` },
      })
    ).json<{ automatic_tax: { enabled: boolean }; total_details: { amount_tax: number } }>();
    expect(session.automatic_tax.enabled).toBe(false);
    expect(session.total_details.amount_tax).toBe(0);
  });
});
