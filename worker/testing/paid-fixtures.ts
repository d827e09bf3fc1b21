// Paid fixture events for the payment tests (fixtures.ts adds them to the catalogue), and helpers
// that drive the Stripe fake (tests/support/fake-stripe.ts) as a buyer and as Stripe would.
import { env } from 'cloudflare:test';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { CatalogueTicket } from '../../model/tickets.ts';
import type { Bindings } from '../env.ts';

/** A ticket type as the catalogue carries it, in euros, with every flag off unless given. */
export const ticket = (id: string, priceMinor: number, more: Partial<CatalogueTicket> = {}): CatalogueTicket => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  priceMinor,
  currency: 'EUR',
  hidden: false,
  afterApproval: false,
  solidarity: false,
  ...more,
});

const paidTickets = [
  ticket('standard', 4000, { quantity: 30 }),
  ticket('pwyc', 2500, { payWhatYouCan: { minimumMinor: 1000, suggestedMinor: 2500 } }),
  ticket('solidarity', 4000, { solidarity: true }),
  ticket('crew', 0, { hidden: true }),
  ticket('vip', 10000, { hidden: true }),
];

type Fixture = [string, Partial<Omit<CatalogueEvent, 'registration'>> & { registration?: object }];

/** Ids and overrides, made into events by fixtures.ts's fixtureEvent. */
export const paidFixtures: Fixture[] = [
  ['paid', { capacity: 50, tickets: paidTickets, refundPolicy: {} }],
  ['paid-free-first', { capacity: 50, tickets: [ticket('community', 0), ticket('standard', 4000)] }],
  // A free ticket type with a quantity of its own, below the capacity.
  ['paid-free-limited', { capacity: 50, tickets: [ticket('community', 0, { quantity: 5 }), ticket('standard', 4000)] }],
  ['paid-rush', { capacity: 50, tickets: [ticket('standard', 2000)] }],
  ['paid-late', { capacity: 1, registration: { waitlist: false }, tickets: [ticket('standard', 3000)] }],
  ['paid-wait', { capacity: 1, tickets: [ticket('standard', 3000)] }],
  ['paid-expiry', { capacity: 2, registration: { waitlist: false }, tickets: [ticket('standard', 3000)] }],
  ['paid-refunds', { capacity: 50, tickets: [ticket('standard', 5000)] }],
  [
    'paid-camp',
    {
      kind: 'camp',
      capacity: 2,
      registration: { mode: 'application', waitlist: true, paymentDays: 3 },
      tickets: [ticket('camper', 30000, { afterApproval: true })],
    },
  ],
  // Payment links (payments/pay-link.ts): camps paid once accepted, and waitlists of paid events.
  ...(['paid-camp-big', 'paid-camp-bulk', 'paid-camp-full'] as const).map(
    (id): Fixture => [
      id,
      {
        kind: 'camp',
        capacity: id === 'paid-camp-big' ? 50 : id === 'paid-camp-bulk' ? 2 : 1,
        registration: { mode: 'application', waitlist: true, paymentDays: 3 },
        tickets: [ticket('camper', 30000, { afterApproval: true })],
      },
    ],
  ),
  [
    'walk-paid-camp',
    {
      capacity: 1000,
      registration: { mode: 'application', waitlist: true },
      tickets: [ticket('camper', 30000, { afterApproval: true })],
    },
  ],
  ['paid-line', { capacity: 1, tickets: [ticket('standard', 3000)] }],
  ['paid-cancel-hold', { capacity: 3, tickets: [ticket('standard', 3000)] }],
  ['paid-line-hand', { capacity: 1, tickets: [ticket('standard', 3000)] }],
];

/** A webhook as Stripe would deliver it, signed by the fake with the test secret. */
export type SignedEvent = { event: { id: string; type: string }; body: string; signature: string };

/** What a buyer (or Stripe's dashboard) does at the fake: complete, async-succeeded, expire, refund. */
export async function stripeDoes(
  sessionId: string,
  action: 'complete' | 'async-succeeded' | 'expire' | 'refund',
  query = '',
): Promise<SignedEvent> {
  const base = (env as unknown as Bindings).STRIPE_API_BASE;
  const res = await fetch(`${base}/_test/sessions/${sessionId}/${action}${query}`, { method: 'POST' });
  if (!res.ok) throw new Error(`fake Stripe: ${action} ${sessionId}: ${res.status}`);
  return res.json<SignedEvent>();
}
