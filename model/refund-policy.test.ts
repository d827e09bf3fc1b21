// The refund policy rule: full, then a share, then nothing, by the event's own clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RefundPolicy, refundTerms, shareOf } from './refund-policy.ts';
import { localToUtc } from './time.ts';

const zone = 'America/Toronto';
const policy: RefundPolicy = {
  fullUntil: '2027-04-01T00:00:00',
  partial: { percent: 50, until: '2027-05-01T00:00:00' },
};
const at = (local: string) => localToUtc(local, zone);

describe('refundTerms', () => {
  it('refunds everything before the full-refund date, by the event’s clock', () => {
    // 23:30 in Toronto on 31 March is already 1 April in UTC: still a full refund.
    expect(refundTerms(policy, zone, 12000, at('2027-03-31T23:30:00'))).toEqual({
      kind: 'full',
      percent: 100,
      amountMinor: 12000,
      until: '2027-04-01T00:00:00',
    });
  });

  it('refunds the share from that date until the last one, then nothing', () => {
    expect(refundTerms(policy, zone, 12000, at('2027-04-01T00:00:00'))).toMatchObject({
      kind: 'percent',
      percent: 50,
      amountMinor: 6000,
    });
    expect(refundTerms(policy, zone, 12000, at('2027-05-01T00:00:00'))).toEqual({
      kind: 'none',
      percent: 0,
      amountMinor: 0,
    });
  });

  it('refunds nothing without a policy or a payment', () => {
    expect(refundTerms(undefined, zone, 12000, at('2020-01-01T00:00:00')).kind).toBe('none');
    expect(refundTerms(policy, zone, 0, at('2020-01-01T00:00:00')).kind).toBe('none');
  });

  it('takes a policy with only a partial period, or only a full one', () => {
    expect(refundTerms({ partial: policy.partial }, zone, 999, at('2027-01-01T00:00:00'))).toMatchObject({
      kind: 'percent',
      amountMinor: 499,
    });
    expect(refundTerms({ fullUntil: policy.fullUntil }, zone, 999, at('2027-04-02T00:00:00')).kind).toBe('none');
  });

  it('rounds a share down to a whole minor unit', () => {
    expect(shareOf(1001, 33)).toBe(330);
    expect(shareOf(1, 50)).toBe(0);
    expect(shareOf(12345, 100)).toBe(12345);
    // A share that rounds to nothing is no refund at all.
    expect(
      refundTerms({ partial: { percent: 10, until: '2030-01-01T00:00' } }, zone, 5, at('2027-01-01T00:00')).kind,
    ).toBe('none');
  });

  it('never refunds more than was paid, nor more later than earlier, and is whole minor units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: Date.UTC(2027, 0, 1), max: Date.UTC(2027, 6, 1) }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (paid, percent, t, later) => {
          const p: RefundPolicy = { ...policy, partial: { percent, until: '2027-05-01T00:00:00' } };
          const first = refundTerms(p, zone, paid, new Date(t));
          const second = refundTerms(p, zone, paid, new Date(t + later));
          for (const terms of [first, second]) {
            expect(Number.isInteger(terms.amountMinor)).toBe(true);
            expect(terms.amountMinor).toBeGreaterThanOrEqual(0);
            expect(terms.amountMinor).toBeLessThanOrEqual(paid);
            expect(terms.amountMinor).toBeLessThanOrEqual((paid * terms.percent) / 100);
          }
          expect(second.amountMinor).toBeLessThanOrEqual(first.amountMinor);
        },
      ),
    );
  });
});
