// Laying out sales per ticket type and day: zeros filled in, the event's types first, totals kept.
import { describe, expect, it } from 'vitest';
import { SALES_DAYS, salesSeries } from './sales.ts';

const types = [
  { id: 'standard', name: 'Standard' },
  { id: 'pwyc', name: 'Pay what you can' },
];

describe('salesSeries', () => {
  it('fills every day up to the last one, a week at least, with a column per type', () => {
    const s = salesSeries(
      [
        { day: '2027-03-05', ticketType: 'pwyc', tickets: 2, amountMinor: 4000 },
        { day: '2027-03-07', ticketType: 'standard', tickets: 1, amountMinor: 12000 },
      ],
      types,
      '2027-03-07',
    );
    expect(s.days.map((d) => d.date)).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
      '2027-03-05',
      '2027-03-06',
      '2027-03-07',
    ]);
    expect(s.days[4]).toEqual({ date: '2027-03-05', byType: [0, 2], tickets: 2, amountMinor: 4000 });
    expect(s.totals).toEqual({ byType: [1, 2], tickets: 3, amountMinor: 16000 });
  });

  it('shows at most the last days but counts older sales in the totals', () => {
    const s = salesSeries(
      [
        { day: '2026-12-01', ticketType: 'standard', tickets: 5, amountMinor: 60000 },
        { day: '2027-03-07', ticketType: 'standard', tickets: 1, amountMinor: 12000 },
      ],
      types,
      '2027-03-07',
    );
    expect(s.days).toHaveLength(SALES_DAYS);
    expect(s.days.at(-1)!.tickets).toBe(1);
    expect(s.totals.tickets).toBe(6);
  });

  it('counts sales before the window (day "") in the totals only', () => {
    const s = salesSeries(
      [
        { day: '', ticketType: 'standard', tickets: 4, amountMinor: 48000 },
        { day: '2027-03-07', ticketType: 'pwyc', tickets: 1, amountMinor: 500 },
      ],
      types,
      '2027-03-07',
    );
    expect(s.days[0]!.date).toBe('2027-03-01');
    expect(s.totals).toEqual({ byType: [4, 1], tickets: 5, amountMinor: 48500 });
  });

  it('keeps a type sold but no longer listed, after the listed ones', () => {
    const s = salesSeries(
      [{ day: '2027-03-07', ticketType: 'early', tickets: 1, amountMinor: 100 }],
      types,
      '2027-03-07',
    );
    expect(s.types.map((t) => t.id)).toEqual(['standard', 'pwyc', 'early']);
    expect(s.days.at(-1)!.byType).toEqual([0, 0, 1]);
  });

  it('crosses a month and a year end day by day', () => {
    const s = salesSeries(
      [{ day: '2026-12-30', ticketType: 'standard', tickets: 1, amountMinor: 1 }],
      types,
      '2027-01-02',
    );
    expect(s.days.map((d) => d.date).slice(-4)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });
});
