// Buying tickets end to end against the Stripe fake: holds, Checkout, the webhook, expiry, late
// payments, groups, vouchers, and the guarantees under concurrency and bad input.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { database } from '../db/client.ts';
import type { Bindings } from '../env.ts';
import { content, freshAddress, lastMessageTo, ORIGIN, person, postForm, postJson, rows } from '../testing/fixtures.ts';
import { stripeDoes } from '../testing/paid-fixtures.ts';
import { deliverWebhook, sessionOf } from '../testing/stripe-webhook.ts';
import { voucherCodeHash } from './checkout.ts';
import { releaseExpired } from './webhook.ts';

type Bought = {
  registration: { id: number; status: string; ticketCode: string; manageUrl: string };
  order: { id: string; registrationIds: number[]; totalMinor: number; currency: string; checkoutUrl?: string };
  checkoutUrl?: string;
};

let n = 0;
const buyer = (extra: Record<string, unknown> = {}) => person(`buyer-${n++}`, extra);

async function buy(eventId: string, body: Record<string, unknown>) {
  const res = await postJson(`/api/events/${eventId}/registrations`, body);
  return { res, body: (await res.clone().json()) as Bought & { code?: string; errors?: { field: string }[] } };
}

const statuses = async (orderId: string) =>
  (await rows<{ status: string }>('SELECT status FROM registrations WHERE order_id = ? ORDER BY id', orderId)).map(
    (r) => r.status,
  );
const orderRow = async (id: string) =>
  (await rows<Record<string, unknown>>('SELECT * FROM orders WHERE id = ?', id))[0]!;

const services = (now = new Date()) => ({
  env: env as unknown as Bindings,
  db: database(env.DB),
  content,
  now,
  background: () => undefined,
});

describe('POST /api/events/{eventId}/registrations with a paid ticket', () => {
  it('holds the place, sends the buyer to Checkout, and confirms once Stripe says it is paid', async () => {
    const who = buyer();
    const { res, body } = await buy('paid', { ...who, ticketType: 'standard' });
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.registration.status).toBe('awaiting_payment');
    expect(body.checkoutUrl).toMatch(/\/pay\/cs_test_/);
    expect(body.order).toMatchObject({ totalMinor: 4000, currency: 'EUR' });
    const order = await orderRow(body.order.id);
    expect(order).toMatchObject({ status: 'open', amount_total: 4000, buyer_registration_id: body.registration.id });
    // Stripe requires 30 minutes to 24 hours; the hold ends with the session.
    const minutes = (Date.parse(order.expires_at as string) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29.5);
    expect(minutes).toBeLessThan(32);

    const paid = await stripeDoes(sessionOf(body.checkoutUrl!), 'complete');
    const hook = await deliverWebhook(paid);
    expect(hook.status).toBe(200);
    expect(await statuses(body.order.id)).toEqual(['confirmed']);
    expect(await orderRow(body.order.id)).toMatchObject({ status: 'paid' });
    const { message, link } = lastMessageTo(who.email as string);
    expect(message?.subject).toContain("You're registered");
    expect(link).toBeDefined();
  });

  it('confirms once when Stripe delivers the same webhook twice', async () => {
    const who = buyer();
    const { body } = await buy('paid', { ...who, ticketType: 'standard' });
    const paid = await stripeDoes(sessionOf(body.checkoutUrl!), 'complete');
    expect((await deliverWebhook(paid)).status).toBe(200);
    expect((await deliverWebhook(paid)).status).toBe(200);
    const messages = await rows('SELECT id FROM outbox WHERE to_key = ? AND kind = ?', who.email, 'confirmed');
    expect(messages).toHaveLength(1);
    const audits = await rows(
      "SELECT id FROM audit_log WHERE action = 'order.paid' AND detail ->> 'orderId' = ?",
      body.order.id,
    );
    expect(audits).toHaveLength(1);
  });

  it('answers 400 to a webhook with a bad signature and changes nothing', async () => {
    const { body } = await buy('paid', { ...buyer(), ticketType: 'standard' });
    const paid = await stripeDoes(sessionOf(body.checkoutUrl!), 'complete');
    // One hex digit changed (to another: replacing it with '0' changed nothing when it was '0' already).
    const flipped = paid.signature.replace(/v1=(.)/, (_, d: string) => `v1=${d === '0' ? '1' : '0'}`);
    const forged = await deliverWebhook({ body: paid.body, signature: flipped });
    expect(forged.status).toBe(400);
    expect((await forged.json<{ code: string }>()).code).toBe('signature_invalid');
    const tampered = await deliverWebhook({ body: paid.body.replace('"paid"', '"paid" '), signature: paid.signature });
    expect(tampered.status).toBe(400);
    expect((await deliverWebhook({ body: paid.body, signature: '' })).status).toBe(400);
    expect(await statuses(body.order.id)).toEqual(['awaiting_payment']);
    expect(await rows('SELECT id FROM stripe_events WHERE id = ?', paid.event.id)).toHaveLength(0);
  });

  it('waits for a delayed payment method: unpaid on completion, confirmed on async success', async () => {
    const { body } = await buy('paid', { ...buyer(), ticketType: 'standard' });
    const session = sessionOf(body.checkoutUrl!);
    await deliverWebhook(await stripeDoes(session, 'complete', '?payment_status=unpaid'));
    expect(await statuses(body.order.id)).toEqual(['awaiting_payment']);
    await deliverWebhook(await stripeDoes(session, 'async-succeeded'));
    expect(await statuses(body.order.id)).toEqual(['confirmed']);
  });

  it('charges what the server computes: pay what you can at its minimum or more, never less', async () => {
    const low = await buy('paid', { ...buyer(), ticketType: 'pwyc', amount: 9.99 });
    expect(low.res.status).toBe(400);
    expect(low.body.errors?.map((e) => e.field)).toEqual(['amount']);
    const fair = await buy('paid', { ...buyer(), ticketType: 'pwyc', amount: 12.5 });
    expect(fair.body.order.totalMinor).toBe(1250);
  });

  it('sells a hidden ticket only with a voucher that unlocks it, and a discount once per use', async () => {
    const hidden = await buy('paid', { ...buyer(), ticketType: 'vip' });
    expect(hidden.res.status).toBe(400);
    const now = new Date().toISOString();
    const add = (code: string, kind: string, value: number | null, ticketType: string | null, uses: number) =>
      voucherCodeHash(code).then((hash) =>
        env.DB.prepare(
          `INSERT INTO vouchers (event_id, code_hash, hint, kind, value, ticket_type, max_uses, created_by, created_at)
           VALUES ('paid', ?, ?, ?, ?, ?, ?, 'test', ?)`,
        )
          .bind(hash, code.slice(-4), kind, value, ticketType, uses, now)
          .run(),
      );
    await add('VIP-PASS', 'unlock', null, 'vip', 5);
    await add('HALF-OFF', 'percent', 50, null, 1);
    const vip = await buy('paid', { ...buyer(), ticketType: 'vip', voucher: ' vip-pass ' });
    expect(vip.res.status, JSON.stringify(vip.body)).toBe(201);
    expect(vip.body.order.totalMinor).toBe(10000);
    // Typed as people do: lower case, without its dash.
    const half = await buy('paid', { ...buyer(), ticketType: 'standard', voucher: 'half off' });
    expect(half.body.order.totalMinor).toBe(2000);
    const again = await buy('paid', { ...buyer(), ticketType: 'standard', voucher: 'HALF-OFF' });
    expect(again.res.status).toBe(400);
    expect(again.body.errors?.[0]?.field).toBe('voucher');
  });

  it('adds solidarity tickets as extras, which take no place until given', async () => {
    const { body } = await buy('paid', { ...buyer(), ticketType: 'standard', solidarity: 2 });
    expect(body.order.totalMinor).toBe(4000 + 2 * 4000);
    await deliverWebhook(await stripeDoes(sessionOf(body.checkoutUrl!), 'complete'));
    const tickets = await rows('SELECT status FROM solidarity_tickets WHERE order_id = ?', body.order.id);
    expect(tickets).toEqual([{ status: 'available' }, { status: 'available' }]);
    expect(await rows('SELECT id FROM registrations WHERE order_id = ?', body.order.id)).toHaveLength(1);
  });

  it('keeps free tickets free: no order, no Stripe, confirmed at once', async () => {
    const res = await postJson('/api/events/paid-free-first/registrations', buyer());
    expect(res.status).toBe(201);
    const body = await res.json<Bought>();
    expect(body.registration.status).toBe('confirmed');
    expect(body.checkoutUrl).toBeUndefined();
  });

  it('gives out a free ticket type only up to its quantity, even to 20 people at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        buy('paid-free-limited', { ...person(`free-rush-${i}`), ticketType: 'community' }),
      ),
    );
    expect(results.filter((r) => r.res.status === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.res.status !== 201);
    expect(refused.map((r) => r.body.code)).toEqual(Array(15).fill('ticket_unavailable'));
    const [taken] = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM registrations WHERE event_id = 'paid-free-limited' AND ticket_type = 'community'",
    );
    expect(taken!.n).toBe(5);
    // The other ticket types are still on sale.
    const other = await buy('paid-free-limited', { ...buyer(), ticketType: 'standard' });
    expect(other.res.status).toBe(201);
  });

  it('redirects a form post to Checkout with 303', async () => {
    const who = buyer();
    const res = await postForm('/api/events/paid/registrations', [
      ['name', who.name as string],
      ['email', who.email as string],
      ['consent', 'on'],
      ['ticketType', 'standard'],
      ['attendees.1.name', ''],
      ['attendees.1.email', ''],
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/cs_test_/);
  });

  it('releases the holds and answers a clear problem when Stripe is unreachable', async () => {
    const broken = { ...(env as unknown as Bindings), STRIPE_API_BASE: 'http://127.0.0.1:9' };
    const ctx = createExecutionContext();
    const who = buyer();
    const res = await createApp({ content: () => content }).request(
      `${ORIGIN}/api/events/paid-expiry/registrations`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress() },
        body: JSON.stringify({ ...who, ticketType: 'standard' }),
      },
      broken,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(502);
    expect((await res.json<{ code: string; detail: string }>()).detail).toContain('nothing was reserved or charged');
    expect(
      await rows("SELECT id FROM registrations WHERE email_key = ? AND status <> 'cancelled'", who.email),
    ).toHaveLength(0);
  });
});

describe('group orders', () => {
  it('holds one place per attendee, each with their own ticket; attendees with an email get their own message', async () => {
    const who = buyer();
    const friend = `friend-${n}@example.org`;
    const { res, body } = await buy('paid', {
      ...who,
      ticketType: 'standard',
      attendees: [{ name: 'Friend With Mail', email: friend }, { name: 'Friend Without' }],
    });
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.order.registrationIds).toHaveLength(3);
    expect(body.order.totalMinor).toBe(12000);
    await deliverWebhook(await stripeDoes(sessionOf(body.checkoutUrl!), 'complete'));
    const people = await rows<{ name: string; email: string; status: string; ticket_code: string }>(
      'SELECT name, email, status, ticket_code FROM registrations WHERE order_id = ? ORDER BY id',
      body.order.id,
    );
    expect(people.map((p) => [p.email, p.status])).toEqual([
      [who.email, 'confirmed'],
      [friend, 'confirmed'],
      [who.email, 'confirmed'],
    ]);
    expect(new Set(people.map((p) => p.ticket_code)).size).toBe(3);
    expect(lastMessageTo(friend).link).toBeDefined();
    const toBuyer = await rows('SELECT id FROM outbox WHERE to_address = ? AND kind = ?', who.email, 'confirmed');
    expect(toBuyer).toHaveLength(1);
  });

  it('holds all or none: an attendee whose address already has a place stops the whole order', async () => {
    const taken = buyer();
    await buy('paid-free-first', taken);
    const first = await buy('paid', {
      ...buyer(),
      ticketType: 'standard',
      attendees: [{ name: 'Taken', email: taken.email }],
    });
    // paid-free-first is another event: that address is free here.
    expect(first.res.status).toBe(201);
    const who = buyer();
    const clash = await buy('paid', {
      ...who,
      ticketType: 'standard',
      attendees: [{ name: 'Again', email: first.body.registration ? (taken.email as string) : '' }],
    });
    expect(clash.res.status).toBe(409);
    expect(
      await rows("SELECT id FROM registrations WHERE email_key = ? AND event_id = 'paid'", who.email),
    ).toHaveLength(0);
  });
});

describe('holds that run out', () => {
  it('returns places when the session expires, and when the cron finds the hold over', async () => {
    const a = await buy('paid-expiry', { ...buyer(), ticketType: 'standard' });
    const b = await buy('paid-expiry', { ...buyer(), ticketType: 'standard' });
    const full = await buy('paid-expiry', { ...buyer(), ticketType: 'standard' });
    expect(full.res.status).toBe(409);
    await deliverWebhook(await stripeDoes(sessionOf(a.body.checkoutUrl!), 'expire'));
    expect(await statuses(a.body.order.id)).toEqual(['cancelled']);
    const later = new Date(Date.now() + 31 * 60_000 + 120_000);
    expect(await releaseExpired(services(later))).toBeGreaterThanOrEqual(1);
    expect(await statuses(b.body.order.id)).toEqual(['cancelled']);
    const again = await buy('paid-expiry', { ...buyer(), ticketType: 'standard' });
    expect(again.res.status).toBe(201);
  });

  it('refunds a payment that arrives after the place went to someone else, and says so', async () => {
    const late = buyer();
    const first = await buy('paid-late', { ...late, ticketType: 'standard' });
    await releaseExpired(services(new Date(Date.now() + 40 * 60_000)));
    const second = await buy('paid-late', { ...buyer(), ticketType: 'standard' });
    expect(second.res.status).toBe(201);
    await deliverWebhook(await stripeDoes(sessionOf(first.body.checkoutUrl!), 'complete'));
    expect(await statuses(first.body.order.id)).toEqual(['cancelled']);
    expect(await orderRow(first.body.order.id)).toMatchObject({ status: 'cancelled', amount_refunded: 3000 });
    expect(await rows('SELECT reason FROM refunds WHERE order_id = ?', first.body.order.id)).toEqual([
      { reason: 'late_payment' },
    ]);
    expect(lastMessageTo(late.email as string).message?.subject).toContain('refunded');
  });

  it('confirms a late payment when the place is still free', async () => {
    const { body } = await buy('paid-refunds', { ...buyer(), ticketType: 'standard' });
    await releaseExpired(services(new Date(Date.now() + 40 * 60_000)));
    expect(await statuses(body.order.id)).toEqual(['cancelled']);
    await deliverWebhook(await stripeDoes(sessionOf(body.checkoutUrl!), 'complete'));
    expect(await statuses(body.order.id)).toEqual(['confirmed']);
  });

  it('records a refund made in Stripe’s dashboard (charge.refunded)', async () => {
    const { body } = await buy('paid-refunds', { ...buyer(), ticketType: 'standard' });
    const session = sessionOf(body.checkoutUrl!);
    await deliverWebhook(await stripeDoes(session, 'complete'));
    const refunded = await stripeDoes(session, 'refund', '?amount=1000');
    expect((await deliverWebhook(refunded)).status).toBe(200);
    expect((await deliverWebhook(refunded)).status).toBe(200);
    expect(await orderRow(body.order.id)).toMatchObject({ amount_refunded: 1000 });
    expect(await rows('SELECT reason, amount FROM refunds WHERE order_id = ?', body.order.id)).toEqual([
      { reason: 'stripe', amount: 1000 },
    ]);
  });
});

describe('POST /api/stripe/webhook when Stripe cannot be reached back', () => {
  it('answers a 502 problem, never a 500, so Stripe retries; the retry records the refund once', async () => {
    const { body } = await buy('paid-refunds', { ...buyer(), ticketType: 'standard' });
    const session = sessionOf(body.checkoutUrl!);
    await deliverWebhook(await stripeDoes(session, 'complete'));
    const refunded = await stripeDoes(session, 'refund', '?amount=500');
    const broken = { ...(env as unknown as Bindings), STRIPE_API_BASE: 'http://127.0.0.1:9' };
    const ctx = createExecutionContext();
    const res = await createApp({ content: () => content }).request(
      `${ORIGIN}/api/stripe/webhook`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': refunded.signature },
        body: refunded.body,
      },
      broken,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await orderRow(body.order.id)).toMatchObject({ amount_refunded: 0 });
    expect((await deliverWebhook(refunded)).status).toBe(200);
    expect(await orderRow(body.order.id)).toMatchObject({ amount_refunded: 500 });
  });
});

describe('the guarantees', () => {
  it('never holds more than the capacity: 200 buyers at once for 50 places, the rest wait unpaid', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => buy('paid-rush', { ...person(`rush-${i}`), ticketType: 'standard' })),
    );
    const codes = results.map((r) => r.res.status);
    expect(codes.filter((c) => c !== 201 && c !== 409)).toEqual([]);
    const answered = results.map((r) => r.body.registration?.status);
    expect(answered.filter((s) => s === 'awaiting_payment')).toHaveLength(50);
    expect(results.filter((r) => r.body.checkoutUrl)).toHaveLength(50);
    // Everyone else is on the waitlist, without an order (or, rarely, told a place just opened).
    expect(answered.filter((s) => s === 'waitlisted').length + codes.filter((c) => c === 409).length).toBe(150);
    const [held] = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM registrations WHERE event_id = 'paid-rush' AND status = 'awaiting_payment'",
    );
    expect(held!.n).toBe(50);
    const [orders] = await rows<{ n: number }>("SELECT count(*) AS n FROM orders WHERE event_id = 'paid-rush'");
    expect(orders!.n).toBe(50);
  }, 120_000);

  it('answers any JSON or form body with a problem, never a 500', async () => {
    const json = fc.record(
      {
        name: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('Fuzz')),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 })),
        consent: fc.oneof(fc.boolean(), fc.constant(true)),
        ticketType: fc.oneof(fc.constantFrom('standard', 'pwyc', 'vip', 'solidarity', 'crew', ''), fc.string()),
        quantity: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.string({ maxLength: 3 })),
        amount: fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 5 })),
        solidarity: fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constant(null)),
        voucher: fc.string({ maxLength: 70 }),
        attendees: fc.oneof(
          fc.array(fc.record({ name: fc.string({ maxLength: 10 }), email: fc.string({ maxLength: 10 }) }), {
            maxLength: 11,
          }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(json, async (body) => {
        const res = await postJson('/api/events/paid/registrations', body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    const fields = fc.array(
      fc.tuple(
        fc.constantFrom(
          'name',
          'email',
          'consent',
          'ticketType',
          'quantity',
          'amount',
          'solidarity',
          'voucher',
          'attendees.1.name',
          'attendees.9.email',
          'attendees.x.name',
        ),
        fc.string({ maxLength: 12 }),
      ),
      { maxLength: 10 },
    );
    await fc.assert(
      fc.asyncProperty(fields, async (list) => {
        const res = await postForm('/api/events/paid/registrations', list);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
