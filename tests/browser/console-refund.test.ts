// Refunding an order from the console in a real Chromium at a phone's width, against the worker as
// it deploys (wrangler dev) and the Stripe fake: the orders list, the order's page, a partial refund
// with a reason, and the page after it; every page axe-clean and without sideways scrolling.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d1, quote } from '../../scripts/d1.ts';
import { launchBrowser } from '../support/browser.ts';
import { type DevServer, startDevServer } from '../support/dev-server.ts';
import { FAKE_STRIPE_SECRET_KEY } from '../support/fake-stripe.ts';
import { makeOrganiser, signInByMail } from '../support/organiser.ts';

const EVENT = 'indiecon-toronto-2027';
const ORGANISER = 'refund-owner@example.org';
const ORDER = 'ord_browser_refund_1';
let server: DevServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const axe = async () =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze())
    .violations;
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A paid order of two Standard tickets (CA$240.00) at the fake, stored as the buying path leaves one. */
async function paidOrder() {
  const fake = new URL(process.env.FAKE_STRIPE_URL!);
  const stripe = new Stripe(FAKE_STRIPE_SECRET_KEY, {
    host: fake.hostname,
    port: Number(fake.port),
    protocol: 'http',
  });
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    success_url: `${server.url}/ok`,
    line_items: [
      { quantity: 2, price_data: { currency: 'cad', unit_amount: 12000, product_data: { name: 'Standard' } } },
    ],
  });
  const done = await fetch(`${fake}_test/sessions/${session.id}/complete`, { method: 'POST' });
  const { event } = (await done.json()) as { event: { data: { object: { payment_intent: string } } } };
  const pi = event.data.object.payment_intent;
  const now = '2026-11-20T15:00:00.000Z';
  const people = [
    ['Rosa Buyer', 'rosa.buyer@example.org', 'RFND-BUY1-01'],
    ['Sam Guest', 'sam.guest@example.org', 'RFND-GST1-02'],
  ];
  d1(
    people
      .map(
        ([name, email, code]) =>
          `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
        consent_at, created_at, updated_at, order_id, ticket_type, price_minor) VALUES (${quote(EVENT)}, ${quote(name!)},
        ${quote(email!)}, ${quote(email!)}, 'confirmed', '{}', ${quote(code!)}, ${quote(code!)}, ${quote(now)},
        ${quote(now)}, ${quote(now)}, ${quote(ORDER)}, 'standard', 12000);`,
      )
      .join('\n') +
      `INSERT INTO orders (id, event_id, buyer_registration_id, buyer_email_key, status, currency, amount_subtotal,
        amount_total, stripe_session_id, stripe_payment_intent, expires_at, paid_at, created_at, updated_at)
       SELECT ${quote(ORDER)}, ${quote(EVENT)}, id, email_key, 'paid', 'CAD', 24000, 24000, ${quote(session.id)},
        ${quote(pi)}, ${quote(now)}, ${quote(now)}, ${quote(now)}, ${quote(now)}
       FROM registrations WHERE ticket_code = 'RFND-BUY1-01';`,
    { persistTo: server.state },
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startDevServer({ STRIPE_API_BASE: process.env.FAKE_STRIPE_URL!, STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY }),
    launchBrowser(),
  ]);
  await paidOrder();
  makeOrganiser(server, ORGANISER, 'owner', [EVENT]);
  context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
  page = await context.newPage();
  await signInByMail(page, server, ORGANISER);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('refunding an order from the console on a phone', () => {
  it('finds the order, refunds part of it with a reason, and shows what is left', async () => {
    await page.goto(`${server.url}/console/events/${EVENT}/`);
    expect(await page.getByRole('heading', { name: 'Tickets', exact: true }).isVisible()).toBe(true);
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByRole('link', { name: 'Orders and refunds' }).click();
    await page.getByLabel("Search buyers' names and emails, or an order number").fill('rosa');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('1 order match.').waitFor();
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.getByRole('link', { name: 'Rosa Buyer' }).click();
    await page.getByRole('heading', { name: 'Order by Rosa Buyer' }).waitFor();
    expect(await page.getByLabel('Amount (CAD)').inputValue()).toBe('240.00');
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);

    // A refund larger than the order is refused, with the reason at the field.
    await page.getByLabel('Amount (CAD)').fill('300');
    await page.getByLabel('Reason').fill('Sam cannot come');
    await page.getByRole('button', { name: 'Refund' }).click();
    const alert = page.locator('.form-errors[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('At most CA$240.00');
    expect(await page.getByLabel('Amount (CAD)').getAttribute('aria-invalid')).toBe('true');
    expect(await axe()).toEqual([]);

    await page.getByLabel('Amount (CAD)').fill('120');
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByText('Refunded; the buyer has been told.').waitFor();
    expect(await page.locator('dl').first().textContent()).toContain('partly refunded');
    expect(await page.getByRole('list').filter({ hasText: 'CA$120.00, refunded by an organiser' }).count()).toBe(1);
    expect(await page.getByLabel('Amount (CAD)').inputValue()).toBe('120.00');
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/console-refund-phone.png', fullPage: true });

    // The buyer is told, with the amount and the reason.
    const res = await fetch(`${server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
    const { messages } = (await res.json()) as { messages: { to: { address: string }; text: string }[] };
    const told = messages.find((m) => m.to.address === 'rosa.buyer@example.org' && m.text.includes('CA$120.00'));
    expect(told?.text).toContain('Sam cannot come');
  });
});
