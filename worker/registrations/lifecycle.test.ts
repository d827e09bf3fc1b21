// The lifecycle table against the real thing: every (state, action) pair goes through HTTP, and
// through the database guards directly, and both agree with the table.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { database } from '../db/client.ts';
import { confirmPaidOrder, releaseOrders } from '../db/holds.ts';
import { orderById } from '../db/orders.ts';
import {
  cancelRegistration,
  checkIn,
  decideApplication,
  findRegistration,
  promoteRegistration,
  undeclineApplication,
} from '../db/registrations.ts';
import { contentHistory } from '../testing/deploys.ts';
import {
  appWithEvent,
  asOrganiser,
  type Caller,
  call,
  content,
  fixtureEvent,
  organiserToken,
  person,
  postJson,
  rows,
} from '../testing/fixtures.ts';
import {
  allows,
  checkInAllowed,
  lifecycle,
  placeAction,
  type RegistrationStatus,
  registrationStatuses,
} from './lifecycle.ts';

const actions = ['approve', 'decline', 'undecline', 'cancel', 'promote', 'check-in'] as const;
type Action = (typeof actions)[number];

let manager: string;
let n = 0;
// Seen with a capacity of 1, the open event is full: new registrations join its waitlist.
const full = appWithEvent('walk-open', { capacity: 1 });

type InState = { id: number; eventId: string; ticketCode: string; app?: Caller; event?: CatalogueEvent };

/** A registration in each state; one whose event was cancelled comes with the content that says so. */
async function inState(status: RegistrationStatus): Promise<InState> {
  const who = person(`walk-${status}-${n++}`, {});
  const register = async (eventId: string, seenFull = false) => {
    const res = seenFull
      ? await full(`/api/events/${eventId}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.18.0.${n}` },
          body: JSON.stringify(who),
        })
      : await postJson(`/api/events/${eventId}/registrations`, who);
    const { registration } = await res.json<{ registration: { id: number; ticketCode: string } }>();
    return { id: registration.id, eventId, ticketCode: registration.ticketCode };
  };
  const act = (r: { id: number; eventId: string }, action: string) =>
    asOrganiser(manager, `/api/admin/events/${r.eventId}/registrations/${r.id}/${action}`, { method: 'POST' });
  switch (status) {
    case 'pending':
      return register('walk-camp');
    case 'confirmed':
      return register('walk-open');
    case 'waitlisted':
      return register('walk-open', true);
    case 'declined': {
      const r = await register('walk-camp');
      await act(r, 'decline');
      return r;
    }
    case 'cancelled': {
      const r = await register('walk-open');
      await act(r, 'cancel');
      return r;
    }
    case 'awaiting_payment': {
      // A place held for a payment (payments/holds.ts makes them): set directly, no Stripe needed here.
      const r = await register('walk-open');
      await env.DB.prepare("UPDATE registrations SET status = 'awaiting_payment' WHERE id = ?").bind(r.id).run();
      return r;
    }
    case 'event_cancelled': {
      // Its own event, cancelled by a deploy and announced by the cron, as in production.
      const id = `walk-off-${n}`;
      const h = contentHistory([fixtureEvent(id, { capacity: 1000 })]);
      const res = await h.first.app(`/api/events/${id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.18.1.${n % 250}` },
        body: JSON.stringify(who),
      });
      const { registration } = await res.json<{ registration: { id: number; ticketCode: string } }>();
      const off = h.build({ [id]: { status: 'cancelled' } });
      await off.announce();
      const event = off.events.find((e) => e.id === id);
      return { id: registration.id, eventId: id, ticketCode: registration.ticketCode, app: off.app, event };
    }
  }
}

const statusOf = async (id: number) =>
  (await rows<{ status: RegistrationStatus }>('SELECT status FROM registrations WHERE id = ?', id))[0]!.status;

beforeAll(async () => {
  manager = await organiserToken('Walker', 'manager');
  // Someone confirmed, so that the event seen with capacity 1 is full.
  await postJson('/api/events/walk-open/registrations', person('walk-first'));
});

const allowed = (action: Action, s: RegistrationStatus) =>
  action === 'check-in' ? checkInAllowed(s) : allows(action, s);

/** At a cancelled event, only leaving answers by the table; everything else waits for the event. */
const refusalCode = (action: Action, s: RegistrationStatus) =>
  s === 'event_cancelled' && (action === 'check-in' || !('whileEventCancelled' in lifecycle[action]))
    ? 'event_cancelled'
    : action === 'check-in'
      ? 'ticket_not_valid'
      : lifecycle[action].refusal;

describe('the lifecycle table, through HTTP', () => {
  const pairs = registrationStatuses.flatMap((s) => actions.map((a) => [s, a] as const));
  it.each(pairs)('%s → %s does what the table says', async (status, action) => {
    const r = await inState(status);
    expect(await statusOf(r.id)).toBe(status);
    // A registration of a cancelled event is acted on through the deploy that cancelled it.
    const via = r.app ?? call;
    const base = `/api/admin/events/${r.eventId}`;
    const authorization = `Bearer ${manager}`;
    const res =
      action === 'check-in'
        ? await via(`${base}/check-in`, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify({ ticketCode: r.ticketCode }),
          })
        : await via(`${base}/registrations/${r.id}/${action}`, { method: 'POST', headers: { authorization } });
    if (allowed(action, status)) {
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await statusOf(r.id)).toBe(action === 'check-in' ? status : lifecycle[action].to);
    } else {
      expect(res.status).toBe(409);
      const body = await res.json<{ code: string; detail: string }>();
      expect(body.code).toBe(refusalCode(action, status));
      expect(body.detail.length).toBeGreaterThan(10);
      expect(await statusOf(r.id)).toBe(status);
    }
  });
});

describe('the lifecycle table, in the database guards', () => {
  const audit = { actor: 'walk', action: 'walk', at: new Date().toISOString() };
  const pairs = registrationStatuses.flatMap((s) => actions.map((a) => [s, a] as const));
  it.each(pairs)('%s → %s changes the row exactly when the table allows it', async (status, action) => {
    const r = await inState(status);
    const db = database(env.DB);
    const row = (await findRegistration(db, r.eventId, r.id))!;
    const event = r.event ?? (await content.event(r.eventId))!;
    const now = new Date().toISOString();
    const changed =
      action === 'check-in'
        ? (await checkIn(db, r.eventId, r.ticketCode, now, audit)).justCheckedIn
        : action === 'cancel'
          ? (await cancelRegistration(db, event, row, now, [])).changed
          : action === 'promote'
            ? (await promoteRegistration(db, event, row, now, audit)).changed
            : action === 'undecline'
              ? (await undeclineApplication(db, event, row, now, audit)).changed
              : (await decideApplication(db, event, row, action, null, now, audit)).changed;
    expect(changed).toBe(allowed(action, status));
  });
});

describe('the lifecycle table on paid tickets', () => {
  let k = 0;
  /** An application for a ticket paid after approval (price kept), moved straight to `status`, with an open order. */
  async function paidInState(status: RegistrationStatus) {
    const res = await postJson('/api/events/walk-paid-camp/registrations', person(`walk-paid-${status}-${k++}`));
    const { registration } = await res.json<{ registration: { id: number } }>();
    const orderId = `ord_walk_${registration.id}`;
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO orders (id, event_id, buyer_registration_id, buyer_email_key, status, currency, amount_subtotal,
           amount_total, expires_at, created_at, updated_at)
         VALUES (?, 'walk-paid-camp', ?, 'x', 'open', 'EUR', 30000, 30000, ?, ?, ?)`,
      ).bind(orderId, registration.id, new Date(Date.now() + 86_400_000).toISOString(), '2026-01-01', '2026-01-01'),
      env.DB.prepare(
        "UPDATE registrations SET status = ?, order_id = CASE WHEN ? = 'awaiting_payment' THEN ? END, waitlisted_at = ? WHERE id = ?",
      ).bind(status, status, orderId, new Date().toISOString(), registration.id),
    ]);
    return { id: registration.id, orderId };
  }
  const pairs = registrationStatuses.flatMap((s) => (['approve', 'promote'] as const).map((a) => [s, a] as const));
  it.each(pairs)(
    '%s → %s takes the paid transition (a hold with a payment link) when the table allows it',
    async (status, action) => {
      const r = await paidInState(status);
      const paid = placeAction(action, 30000);
      const res = await asOrganiser(manager, `/api/admin/events/walk-paid-camp/registrations/${r.id}/${action}`, {
        method: 'POST',
      });
      if (allows(paid, status)) {
        expect(res.status, await res.clone().text()).toBe(200);
        expect(await statusOf(r.id)).toBe(lifecycle[paid].to);
        const [order] = await rows<{ status: string }>(
          'SELECT o.status FROM orders o JOIN registrations r ON r.order_id = o.id WHERE r.id = ?',
          r.id,
        );
        expect(order?.status).toBe('open');
      } else {
        expect(res.status).toBe(409);
        expect((await res.json<{ code: string }>()).code).toBe(lifecycle[paid].refusal);
        expect(await statusOf(r.id)).toBe(status);
      }
    },
  );
  const byPayment = registrationStatuses.flatMap((s) => (['pay', 'releaseHold'] as const).map((a) => [s, a] as const));
  it.each(byPayment)(
    '%s → %s (by a payment or its end) changes the row exactly when the table allows it',
    async (status, action) => {
      const r = await paidInState(status);
      const db = database(env.DB);
      const event = (await content.event('walk-paid-camp'))!;
      const now = new Date().toISOString();
      // Each order id points at this registration only when it holds a place for payment; the others get one here.
      await env.DB.prepare('UPDATE registrations SET order_id = ? WHERE id = ?').bind(r.orderId, r.id).run();
      if (action === 'releaseHold') await releaseOrders(db, event, [r.orderId], now);
      else {
        const order = (await orderById(db, r.orderId))!;
        await confirmPaidOrder(db, {
          event,
          order,
          stripeEventId: `evt_walk_${r.id}`,
          type: 'x',
          paymentIntent: `pi_${r.id}`,
          amountTax: 0,
          amountCharged: order.amountTotal,
          now,
        });
      }
      expect(await statusOf(r.id)).toBe(allows(action, status) ? lifecycle[action].to : status);
    },
  );
});

describe('the counts the database keeps', () => {
  it('match the registrations after every move above, erasures included', async () => {
    const [one] = await rows<{ id: number }>("SELECT id FROM registrations WHERE status = 'confirmed' LIMIT 1");
    await env.DB.prepare('DELETE FROM registrations WHERE id = ?').bind(one!.id).run();
    const [held] = await rows<{ id: number }>(
      "SELECT id FROM registrations WHERE status = 'event_cancelled' AND status_before = 'confirmed' LIMIT 1",
    );
    await env.DB.prepare('DELETE FROM registrations WHERE id = ?').bind(held!.id).run();
    const counted = await rows(
      `SELECT event_id, status, count(*) AS n FROM registrations GROUP BY event_id, status
       UNION ALL SELECT event_id, 'checked_in', count(*) FROM registrations WHERE checked_in_at IS NOT NULL
       GROUP BY event_id
       UNION ALL SELECT event_id, 'held', count(*) FROM registrations
         WHERE status = 'event_cancelled' AND status_before = 'confirmed' GROUP BY event_id
       ORDER BY 1, 2`,
    );
    const kept = await rows('SELECT event_id, status, n FROM registration_counts WHERE n <> 0 ORDER BY 1, 2');
    expect(counted.length).toBeGreaterThan(5);
    expect(kept).toEqual(counted);
  });
});
