import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeLines, priceOrder } from './pricing.ts';
import type { CatalogueTicket } from './tickets.ts';

const base = { currency: 'EUR', hidden: false, afterApproval: false, solidarity: false };
const tickets: CatalogueTicket[] = [
  { ...base, id: 'standard', name: 'Standard', priceMinor: 4000 },
  { ...base, id: 'pwyc', name: 'PWYC', priceMinor: 2500, payWhatYouCan: { minimumMinor: 1000, suggestedMinor: 2500 } },
  { ...base, id: 'solidarity', name: 'Solidarity', priceMinor: 4000, solidarity: true },
];
const now = new Date('2027-01-01T00:00:00Z');
const voucher = fc.option(
  fc.record({
    kind: fc.constantFrom('percent' as const, 'amount' as const),
    value: fc.integer({ min: 0, max: 20000 }),
    ticketType: fc.constant(null),
  }),
  { nil: undefined },
);

describe('priceOrder', () => {
  it('charges a whole, non-negative total: subtotal minus a discount that never exceeds the tickets', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('standard', 'pwyc'),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1000, max: 50000 }),
        fc.integer({ min: 0, max: 10 }),
        voucher,
        (ticketType, quantity, amountMinor, solidarity, v) => {
          const r = priceOrder({ tickets, ticketType, quantity, amountMinor, solidarity, voucher: v, now });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const { price } = r;
          const unit = ticketType === 'pwyc' ? amountMinor : 4000;
          expect(price.subtotal).toBe(unit * quantity + 4000 * solidarity);
          expect(price.discount).toBeGreaterThanOrEqual(0);
          expect(price.discount).toBeLessThanOrEqual(unit * quantity);
          expect(price.total).toBe(price.subtotal - price.discount);
          expect(Number.isInteger(price.total)).toBe(true);
          // What Stripe charges is exactly our total.
          expect(chargeLines(price).reduce((n, l) => n + l.unitMinor * l.quantity, 0)).toBe(price.total);
        },
      ),
    );
  });

  it('never accepts a pay-what-you-can amount under the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 999 }), (amountMinor) => {
        const r = priceOrder({ tickets, ticketType: 'pwyc', quantity: 1, amountMinor, solidarity: 0, now });
        expect(r.ok).toBe(false);
        expect(!r.ok && r.problems[0]?.field).toBe('amount');
      }),
    );
  });

  it('refuses solidarity tickets as one’s own ticket, unknown types and groups above ten', () => {
    for (const [ticketType, quantity] of [
      ['solidarity', 1],
      ['nope', 1],
      ['standard', 11],
    ] as const)
      expect(priceOrder({ tickets, ticketType, quantity, solidarity: 0, now }).ok).toBe(false);
  });
});
