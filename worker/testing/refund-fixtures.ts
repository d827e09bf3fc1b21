// Fixture events and orders for refunds and the organisers' side of paid tickets: refund policies
// relative to now (full, partial, over), a solidarity camp, and paid orders made at the Stripe fake
// as the buying path leaves them (fixtures.ts adds the events to the catalogue).
import { env } from 'cloudflare:test';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { utcToLocal } from '../../model/time.ts';
import { hashSecret, newSecret } from '../access/secrets.ts';
import type { Bindings } from '../env.ts';
import { stripeClient } from '../payments/stripe.ts';
import { stripeDoes, ticket } from './paid-fixtures.ts';

const DAY = 86_400_000;
const ZONE = 'Europe/Berlin';
const when = (days: number) => {
  const ms = Math.floor(Date.now() / 3_600_000) * 3_600_000 + days * DAY;
  return { local: utcToLocal(ms, ZONE), utc: new Date(ms).toISOString() };
};
const policy = (fullDays: number, partialDays: number, percent = 50) => ({
  fullUntil: when(fullDays).local,
  fullUntilUtc: when(fullDays).utc,
  partial: { percent, until: when(partialDays).local, untilUtc: when(partialDays).utc },
});

export const fixtureTickets = [
  ticket('standard', 5000),
  ticket('supporter', 8000),
  ticket('speaker', 0, { hidden: true }),
  ticket('solidarity', 5000, { solidarity: true }),
];

type Fixture = [string, Partial<Omit<CatalogueEvent, 'registration'>> & { registration?: object }];

export const refundFixtures: Fixture[] = [
  ['refund-full', { capacity: 50, tickets: fixtureTickets, refundPolicy: policy(10, 20) }],
  ['refund-partial', { capacity: 50, tickets: fixtureTickets, refundPolicy: policy(-2, 10, 50) }],
  ['refund-over', { capacity: 50, tickets: fixtureTickets, refundPolicy: policy(-3, -1) }],
  ['refund-console', { capacity: 50, tickets: fixtureTickets }],
  ['refund-called-off', { capacity: 50, tickets: fixtureTickets }],
  ['refund-stuck', { capacity: 50, tickets: fixtureTickets }],
  ['refund-back-on', { capacity: 50, tickets: fixtureTickets }],
  [
    'solidarity-camp',
    {
      kind: 'camp',
      capacity: 2,
      registration: { mode: 'application', waitlist: false },
      tickets: [ticket('camper', 30000, { afterApproval: true }), ticket('solidarity', 30000, { solidarity: true })],
    },
  ],
];

const bindings = env as unknown as Bindings;
let n = 0;

export type PaidOrder = { orderId: string; registrationIds: number[]; email: string; manageLink: string };

/**
 * A paid order at the fake Stripe with a registration per line (the first is the buyer), confirmed,
 * and a manage link for the buyer: what the buying path leaves behind. `solidarity` adds extras.
 */
export async function paidOrder(
  eventId: string,
  lines: { ticketType: string; priceMinor: number }[],
  o: { solidarity?: number; paidAt?: string; email?: string; discount?: number } = {},
): Promise<PaidOrder> {
  const i = n++;
  const email = o.email ?? `buyer-${eventId}-${i}-${Date.now() % 1e6}@example.org`;
  const extras = Array.from({ length: o.solidarity ?? 0 }, () => ({ ticketType: 'solidarity', priceMinor: 5000 }));
  const subtotal = [...lines, ...extras].reduce((sum, l) => sum + l.priceMinor, 0);
  const total = subtotal - (o.discount ?? 0);
  const session = await stripeClient(bindings).checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://localhost:8787/ok',
    line_items: [
      { quantity: 1, price_data: { currency: 'eur', unit_amount: total, product_data: { name: 'Tickets' } } },
    ],
  });
  const done = await stripeDoes(session.id, 'complete');
  const pi = (done.event as unknown as { data: { object: { payment_intent: string } } }).data.object.payment_intent;
  const orderId = `ord_${eventId}_${i}_${Date.now() % 1e6}`;
  const now = new Date().toISOString();
  const paidAt = o.paidAt ?? now;
  const ids: number[] = [];
  for (const [k, line] of lines.entries()) {
    const code = `PO${i}K${k}X${Date.now() % 1e6}`;
    const row = await env.DB.prepare(
      `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
        consent_at, created_at, updated_at, order_id, ticket_type, price_minor)
       VALUES (?1, ?2, ?3, ?3, 'confirmed', '{}', ?4, ?4, ?5, ?5, ?5, ?6, ?7, ?8) RETURNING id`,
    )
      .bind(
        eventId,
        k === 0 ? `Buyer ${i}` : `Guest ${i}.${k}`,
        k === 0 ? email : `guest-${i}-${k}-${email}`,
        code,
        now,
        orderId,
        line.ticketType,
        line.priceMinor,
      )
      .first<{ id: number }>();
    ids.push(row!.id);
  }
  await env.DB.prepare(
    `INSERT INTO orders (id, event_id, buyer_registration_id, buyer_email_key, status, currency, amount_subtotal,
      amount_discount, amount_total, solidarity_count, stripe_session_id, stripe_payment_intent, expires_at, paid_at,
      created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, 'paid', 'EUR', ?5, ?11, ?12, ?6, ?7, ?8, ?9, ?10, ?9, ?9)`,
  )
    .bind(
      orderId,
      eventId,
      ids[0] ?? null,
      email,
      subtotal,
      extras.length,
      session.id,
      pi,
      now,
      paidAt,
      o.discount ?? 0,
      total,
    )
    .run();
  for (const _ of extras)
    await env.DB.prepare(
      `INSERT INTO solidarity_tickets (event_id, order_id, ticket_type, price_minor, status)
       VALUES (?, ?, 'solidarity', 5000, 'available')`,
    )
      .bind(eventId, orderId)
      .run();
  const token = newSecret('m_');
  // An order of solidarity extras alone (a donor's) has no attendee to manage.
  if (ids[0] !== undefined)
    await env.DB.prepare(
      "INSERT INTO manage_links (registration_id, token_hash, kind, created_at) VALUES (?, ?, 'answer', ?)",
    )
      .bind(ids[0], await hashSecret(token), now)
      .run();
  return { orderId, registrationIds: ids, email, manageLink: `/manage/${token}` };
}
