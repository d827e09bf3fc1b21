// Places given rather than bought on paid events: an accepted application on a camp paid after
// approval, and a promotion from the waitlist. Each holds the place for the event's paymentDays and
// sends a payment link, whose page makes (or resumes) a Checkout Session on the spot.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import {
  appAt,
  appWithEvent,
  asOrganiser,
  Browser,
  consolePost,
  content,
  lastMessageTo,
  organiserBrowser,
  organiserToken,
  person,
  postJson,
  rows,
} from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook } from '../testing/stripe-webhook.ts';
import { releaseExpired } from './webhook.ts';

const DAY = 86_400_000;
let n = 0;
const someone = (tag: string) => person(`link-${tag}-${n++}`);
let manager: string;

beforeAll(async () => {
  manager = await organiserToken('Treasurer', 'manager');
});

type Row = { id: number; status: string; order_id: string | null; ticket_type: string | null; price_minor: number };
const row = async (id: number) => (await rows<Row>('SELECT * FROM registrations WHERE id = ?', id))[0]!;
const orderOf = async (id: string) => (await rows<Record<string, unknown>>('SELECT * FROM orders WHERE id = ?', id))[0];

async function apply(eventId: string, who = someone(eventId)) {
  const res = await postJson(`/api/events/${eventId}/registrations`, who);
  expect(res.status, await res.clone().text()).toBe(201);
  const { registration } = await res.json<{ registration: { id: number; status: string } }>();
  return { id: registration.id, status: registration.status, email: who.email as string };
}

const approve = (eventId: string, id: number) =>
  asOrganiser(manager, `/api/admin/events/${eventId}/registrations/${id}/approve`, { method: 'POST' });

/** The payment link of the last message to an address: the manage link that goes on to pay. */
function paymentLink(address: string) {
  const { message } = lastMessageTo(address);
  expect(message?.subject).toContain('Pay for your place');
  const link = message?.text.match(/\/manage\/m_[A-Za-z0-9_-]{43}\?pay/)?.[0];
  expect(link).toBeDefined();
  return link!;
}

/** Follows a payment link as a click would: into the browser's session, then to the pay page. */
async function followPaymentLink(address: string, browser = new Browser()) {
  const opened = await browser.fetch(paymentLink(address));
  expect(opened.status).toBe(303);
  const payPage = opened.headers.get('location')!;
  expect(payPage).toMatch(/^\/manage\/\d+\/pay$/);
  return { browser, payPage, answer: await browser.fetch(payPage) };
}

const sessionsOf = async (orderId: string) => {
  const base = (env as unknown as Bindings).STRIPE_API_BASE;
  return (await fetch(`${base}/_test/orders/${orderId}/sessions`)).json<
    { id: string; status: string; expires_at: number; url: string | null }[]
  >();
};

describe('approving an application for a ticket paid after approval', () => {
  it('holds the place for paymentDays with an order, and sends a payment link that opens Checkout', async () => {
    const a = await apply('paid-camp-big');
    expect(a.status).toBe('pending');
    // The application keeps the ticket it is for, and its price.
    expect(await row(a.id)).toMatchObject({ ticket_type: 'camper', price_minor: 30000, order_id: null });
    const res = await approve('paid-camp-big', a.id);
    expect(res.status, await res.clone().text()).toBe(200);
    const held = await row(a.id);
    expect(held.status).toBe('awaiting_payment');
    const order = (await orderOf(held.order_id!))!;
    expect(order).toMatchObject({ status: 'open', amount_total: 30000, currency: 'EUR', buyer_registration_id: a.id });
    const days = (Date.parse(order.expires_at as string) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThan(3.01);
    // The place counts against capacity at once.
    const [count] = await rows<{ n: number }>(
      "SELECT n FROM registration_counts WHERE event_id = 'paid-camp-big' AND status = 'awaiting_payment'",
    );
    expect(count!.n).toBeGreaterThanOrEqual(1);

    const { answer } = await followPaymentLink(a.email);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toMatch(/\/pay\/cs_test_/);
    // Stripe's sessions last at most 24 hours, while the hold lasts 3 days.
    const [session] = await sessionsOf(held.order_id!);
    const hours = (session!.expires_at * 1000 - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    await deliverWebhook(await stripeDoes(session!.id, 'complete'));
    expect((await row(a.id)).status).toBe('confirmed');
    expect(await orderOf(held.order_id!)).toMatchObject({ status: 'paid' });
    expect(lastMessageTo(a.email).message?.subject).toContain("You're registered");
  });

  it('makes one hold when two organisers approve the same application at once', async () => {
    const a = await apply('paid-camp-big');
    const answers = await Promise.all([approve('paid-camp-big', a.id), approve('paid-camp-big', a.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await rows('SELECT id FROM orders WHERE buyer_registration_id = ?', a.id)).toHaveLength(1);
    expect(await rows("SELECT id FROM outbox WHERE registration_id = ? AND kind = 'payment-link'", a.id)).toHaveLength(
      1,
    );
  });

  it('goes the same way from the console, one at a time and in bulk (as far as places allow)', async () => {
    const browser = await organiserBrowser(`camp-organiser-${n++}@example.org`, 'manager');
    const one = await apply('paid-camp-big');
    const done = await consolePost(browser, `/console/events/paid-camp-big/registrations/${one.id}/approve`);
    expect(done.status).toBe(303);
    expect((await row(one.id)).status).toBe('awaiting_payment');

    const three = [await apply('paid-camp-bulk'), await apply('paid-camp-bulk'), await apply('paid-camp-bulk')];
    const bulk = await consolePost(browser, '/console/events/paid-camp-bulk/registrations/bulk', [
      ['action', 'approve'],
      ...three.map((a): [string, string] => ['id', String(a.id)]),
    ]);
    expect(bulk.status).toBe(303);
    const after = await Promise.all(three.map((a) => row(a.id)));
    expect(after.map((r) => r.status)).toEqual(['awaiting_payment', 'awaiting_payment', 'waitlisted']);
    for (const r of after.slice(0, 2)) expect(await orderOf(r.order_id!)).toMatchObject({ status: 'open' });
    expect(paymentLink(three[0]!.email)).toBeDefined();
    // Bulk approval counts held places: nobody more is given one while two wait for payment.
    const fourth = await apply('paid-camp-bulk');
    await asOrganiser(manager, '/api/admin/events/paid-camp-bulk/registrations/bulk', {
      method: 'POST',
      body: JSON.stringify({ action: 'approve', ids: [fourth.id] }),
    });
    expect((await row(fourth.id)).status).toBe('waitlisted');
  });
});

describe('an accepted application on a full camp', () => {
  it('waits on the waitlist unpaid, and gets a payment link when the place before it is released', async () => {
    const first = await apply('paid-camp-full');
    const second = await apply('paid-camp-full');
    await approve('paid-camp-full', first.id);
    await approve('paid-camp-full', second.id);
    expect((await row(first.id)).status).toBe('awaiting_payment');
    const waiting = await row(second.id);
    expect(waiting).toMatchObject({ status: 'waitlisted', order_id: null });
    const later = {
      env: env as unknown as Bindings,
      db: database(env.DB),
      content,
      now: new Date(Date.now() + 3 * DAY + 60_000),
      background: () => undefined,
    };
    expect(await releaseExpired(later)).toBeGreaterThanOrEqual(1);
    expect((await row(first.id)).status).toBe('cancelled');
    const promoted = await row(second.id);
    expect(promoted.status).toBe('awaiting_payment');
    expect(await orderOf(promoted.order_id!)).toMatchObject({ status: 'open', amount_total: 30000 });
  });
});

describe('the payment link page', () => {
  it('resumes the open session however often it is opened, and makes at most one at once', async () => {
    const a = await apply('paid-camp-big');
    await approve('paid-camp-big', a.id);
    const { browser, payPage, answer } = await followPaymentLink(a.email);
    const again = await browser.fetch(payPage);
    expect(again.headers.get('location')).toBe(answer.headers.get('location'));
    const orderId = (await row(a.id)).order_id!;
    expect(await sessionsOf(orderId)).toHaveLength(1);

    // A fresh hold opened from several windows at once.
    const b = await apply('paid-camp-big');
    await approve('paid-camp-big', b.id);
    const opener = new Browser();
    const page = (await opener.fetch(paymentLink(b.email))).headers.get('location')!;
    const many = await Promise.all(Array.from({ length: 5 }, () => opener.fetch(page)));
    expect(many.every((r) => r.status === 303 || r.status === 409)).toBe(true);
    const sessions = await sessionsOf((await row(b.id)).order_id!);
    expect(sessions.filter((s) => s.status === 'open')).toHaveLength(1);
  });

  it('keeps the hold when a day-long session expires, and makes a new session the next time', async () => {
    const a = await apply('paid-camp-big');
    await approve('paid-camp-big', a.id);
    const { browser, payPage, answer } = await followPaymentLink(a.email);
    const first = answer.headers.get('location')!.split('/pay/')[1]!;
    const expired = await deliverWebhook(await stripeDoes(first, 'expire'));
    expect(await expired.json()).toMatchObject({ outcome: 'kept' });
    expect((await row(a.id)).status).toBe('awaiting_payment');
    const next = await browser.fetch(payPage);
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).not.toContain(first);
    const sessions = await sessionsOf((await row(a.id)).order_id!);
    expect(sessions.map((s) => s.status).sort()).toEqual(['expired', 'open']);
  });

  it('answers hostile and stale links with a readable page, never a 500', async () => {
    const a = await apply('paid-camp-big');
    await approve('paid-camp-big', a.id);
    const link = paymentLink(a.email);
    // Unknown registration, unknown link, nonsense: the same not-found page.
    for (const path of ['/manage/999999/pay', `/manage/m_${'x'.repeat(43)}?pay`, '/manage/abc/pay']) {
      const res = await new Browser().fetch(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
    // Another person's: this browser holds its own registration, not theirs.
    const other = await apply('paid-camp-big');
    await approve('paid-camp-big', other.id);
    const { browser } = await followPaymentLink(other.email);
    const theirs = await browser.fetch(`/manage/${a.id}/pay`);
    expect(theirs.status).toBe(404);
    // With less than 30 minutes of the hold left, the link says it has expired.
    const late = new Browser(appAt(new Date(Date.now() + 3 * DAY - 20 * 60_000)));
    const opened = await late.fetch(link);
    const stale = await late.fetch(opened.headers.get('location')!);
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('This payment link has expired');
    // A confirmed free place has nothing to pay.
    const free = await postJson('/api/events/paid-free-first/registrations', someone('free'));
    const { registration } = await free.json<{ registration: { id: number; manageUrl: string } }>();
    const holder = new Browser();
    await holder.open(registration.manageUrl);
    const nothing = await holder.fetch(`/manage/${registration.id}/pay`);
    expect(nothing.status).toBe(409);
    expect(await nothing.text()).toContain('no payment waiting');
  });
});

describe('the waitlist of a paid event', () => {
  it('waits without paying, and a freed place is held for payment, never confirmed for free', async () => {
    const first = await postJson('/api/events/paid-line/registrations', { ...someone('line'), ticketType: 'standard' });
    expect((await first.json<{ registration: { status: string } }>()).registration.status).toBe('awaiting_payment');
    const waiting = someone('line');
    const second = await postJson('/api/events/paid-line/registrations', { ...waiting, ticketType: 'standard' });
    expect(second.status).toBe(201);
    const body = await second.json<{ registration: { id: number; status: string }; checkoutUrl?: string }>();
    expect(body.registration.status).toBe('waitlisted');
    expect(body.checkoutUrl).toBeUndefined();
    expect(await row(body.registration.id)).toMatchObject({
      order_id: null,
      ticket_type: 'standard',
      price_minor: 3000,
    });
    const third = await apply('paid-line');
    expect(third.status).toBe('waitlisted');

    // The first buyer never pays: the cron releases the hold and promotes the next in line.
    const s = (now: Date) => ({
      env: env as unknown as Bindings,
      db: database(env.DB),
      content,
      now,
      background: () => undefined,
    });
    await releaseExpired(s(new Date(Date.now() + 40 * 60_000)));
    const promoted = await row(body.registration.id);
    expect(promoted.status).toBe('awaiting_payment');
    expect(await orderOf(promoted.order_id!)).toMatchObject({ status: 'open', amount_total: 3000 });
    // The cron delivers it in its own run; here it waits in the outbox.
    const queued = await rows<{ body: string }>(
      "SELECT body FROM outbox WHERE registration_id = ? AND kind = 'payment-link'",
      body.registration.id,
    );
    expect(queued[0]?.body).toContain('{{manage_url}}?pay');
    expect((await row(third.id)).status).toBe('waitlisted');

    // Promoted but never paid: after the payment days the place goes on to the next.
    await releaseExpired(s(new Date(Date.now() + 4 * DAY)));
    expect((await row(body.registration.id)).status).toBe('cancelled');
    expect((await row(third.id)).status).toBe('awaiting_payment');
    const everConfirmed = await rows(
      "SELECT id FROM registrations WHERE event_id = 'paid-line' AND status = 'confirmed'",
    );
    expect(everConfirmed).toEqual([]);
  });

  it('holds a place for payment when an organiser promotes by hand', async () => {
    const first = await postJson('/api/events/paid-line-hand/registrations', {
      ...someone('hand'),
      ticketType: 'standard',
    });
    expect(first.status).toBe(201);
    const waiter = await apply('paid-line-hand');
    expect(waiter.status).toBe('waitlisted');
    // A deploy raises the capacity: a place is free, and the organiser gives it.
    const bigger = appWithEvent('paid-line-hand', { capacity: 2 });
    const res = await bigger(`/api/admin/events/paid-line-hand/registrations/${waiter.id}/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await row(waiter.id)).status).toBe('awaiting_payment');
    expect(paymentLink(waiter.email)).toBeDefined();
  });
});

describe('Idempotency-Key on a purchase', () => {
  it('answers a retry with the same order and Checkout page, and holds once', async () => {
    const who = { ...someone('retry'), ticketType: 'standard' };
    const key = { 'idempotency-key': `buy-${n++}` };
    const first = await postJson('/api/events/paid/registrations', who, key);
    const again = await postJson('/api/events/paid/registrations', who, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    type Answer = { order: { id: string }; checkoutUrl: string; registration: { manageUrl?: string } };
    const [a, b] = await Promise.all([first.json<Answer>(), again.json<Answer>()]);
    expect(b.order.id).toBe(a.order.id);
    expect(b.checkoutUrl).toBe(a.checkoutUrl);
    expect(b.registration.manageUrl).toBeUndefined();
    expect(
      await rows("SELECT id FROM registrations WHERE email_key = ? AND event_id = 'paid'", who.email),
    ).toHaveLength(1);
    const other = await postJson('/api/events/paid/registrations', { ...who, ticketType: 'pwyc' }, key);
    expect(other.status).toBe(422);
  });

  it('makes one hold of many retries sent at once', async () => {
    const who = { ...someone('burst'), ticketType: 'standard' };
    const key = { 'idempotency-key': `burst-${n++}` };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => postJson('/api/events/paid/registrations', who, key)),
    );
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await rows("SELECT id FROM orders WHERE buyer_email_key = ? AND event_id = 'paid'", who.email)).toHaveLength(
      1,
    );
  });
});

describe('ticket types kept with free places', () => {
  it('stores the free ticket chosen on an event with tickets, and refuses one not on offer', async () => {
    const free = await postJson('/api/events/paid-free-first/registrations', someone('free-kept'));
    const { registration } = await free.json<{ registration: { id: number; status: string } }>();
    expect(await row(registration.id)).toMatchObject({ status: 'confirmed', ticket_type: 'community', price_minor: 0 });
    const wrong = await postJson('/api/events/paid-free-first/registrations', { ...someone('x'), ticketType: 'nope' });
    expect(wrong.status).toBe(400);
  });
});
