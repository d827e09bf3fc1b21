// Buying IndieCon's standard ticket in a real Chromium against `wrangler dev` and the Stripe fake:
// with JavaScript off (a plain form post, redirected to Checkout) for a group of three, and with it
// on (the page script follows the checkoutUrl); paying on the fake's checkout page delivers the
// signed webhook, the browser lands on the manage page with the order, and the confirmations are
// in the dev mailbox. axe checks the form with its ticket choice and the manage page.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type DevServer, startDevServer } from '../support/dev-server.ts';
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from '../support/fake-stripe.ts';

const EVENT = '/events/indiecon-toronto-2027/';
// The fake the node tests started (fake-stripe-setup.ts); the test build's policy lets forms go there.
const stripe = process.env.FAKE_STRIPE_URL!;
let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startDevServer({
      STRIPE_API_BASE: stripe,
      STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Mail = { to: { address: string }; subject: string; text: string };

/** The messages to an address in the dev mailbox, once delivery (after the answer) has run. */
async function mailTo(address: string, subject: string): Promise<Mail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await fetch(`${server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
    const { messages } = (await res.json()) as { messages: Mail[] };
    const found = messages.find((m) => m.to.address === address && m.subject.includes(subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no "${subject}" message to ${address}:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function fillBuyer(page: Page, name: string, email: string) {
  await page.getByLabel('Your name').fill(name);
  await page.locator('#r-email').fill(email);
  await page.getByLabel('What best describes your work?').selectOption('Writer');
  await page.locator('#r-ticket-standard').check();
  await page.getByLabel(/I agree that the organisers keep/).check();
}

/** Pays on the fake's checkout page and waits for the manage page Stripe's success_url leads to. */
async function pay(page: Page) {
  await page.waitForURL(`${stripe}/pay/**`);
  expect(await page.getByRole('heading', { name: 'Fake Stripe Checkout' }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForURL(/\/manage\/\d+\?order=paid$/);
}

describe('buying a ticket in a browser', () => {
  it('works with JavaScript off for a group of three: Checkout, the webhook, the order on the manage page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}${EVENT}`);
    await fillBuyer(page, 'Grace Group', 'grace@example.org');
    await page.getByLabel('Person 2: name').fill('Hal Friend');
    await page.getByLabel('Person 2: email (optional)').fill('hal@example.org');
    await page.getByLabel('Person 3: name').fill('Ivy Guest');
    await page.getByRole('button', { name: 'Register' }).click();
    await pay(page);

    // Stripe's webhook may land a moment after the redirect: the page says so until it has.
    await page.reload();
    const summary = page.locator('.order-summary');
    await summary.waitFor();
    const text = (await summary.textContent())?.replace(/\s+/g, ' ') ?? '';
    for (const part of ['Your order', 'Grace Group', 'Hal Friend', 'Ivy Guest', 'Standard', 'CA$360.00', 'Paid'])
      expect(text).toContain(part);
    expect(await page.getByText('Your place is confirmed.').isVisible()).toBe(true);
    // Ivy has no address of her own: Grace holds her ticket.
    expect(await page.getByRole('img', { name: "QR code of Ivy Guest's ticket" }).isVisible()).toBe(true);

    const grace = await mailTo('grace@example.org', "You're registered");
    expect(grace.text).toMatch(/\/manage\/m_/);
    const hal = await mailTo('hal@example.org', "You're registered");
    expect(hal.text).toMatch(/\/manage\/m_/);
    await context.close();
  });

  it('works with JavaScript on: the page script goes to Checkout, and both pages are axe-clean', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${EVENT}`);
    await page.waitForFunction(() => (document.querySelector('[data-availability]')?.textContent ?? '').length > 0);
    await fillBuyer(page, 'Jo Script', 'jo@example.org');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Register' }).click();
    await pay(page);
    await mailTo('jo@example.org', "You're registered");
    await page.reload();
    await page.locator('.order-summary').waitFor();
    const text = (await page.locator('.order-summary').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('CA$120.00');
    expect(text).toContain('Paid');
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
