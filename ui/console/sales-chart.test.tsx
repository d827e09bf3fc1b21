// The sales chart: stacked bars that add up to each day's tickets, and the words and table a
// screen reader gets.
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../model/time-format.ts';
import { CHART } from './charts.tsx';
import { SalesChart, type SalesSeries, stackedBars } from './sales-chart.tsx';

const series: SalesSeries = {
  types: [
    { id: 'standard', name: 'Standard' },
    { id: 'pwyc', name: 'Pay what you can' },
  ],
  days: [
    { date: '2027-03-01', byType: [2, 1], tickets: 3, amountMinor: 30000 },
    { date: '2027-03-02', byType: [0, 0], tickets: 0, amountMinor: 0 },
    { date: '2027-03-03', byType: [4, 2], tickets: 6, amountMinor: 52000 },
  ],
  totals: { byType: [6, 3], tickets: 9, amountMinor: 82000 },
};
const money = (minor: number) => `CA$${(minor / 100).toFixed(2)}`;

describe('stackedBars', () => {
  it('cuts each day’s bar into its types, bottom up, as tall as the bar in all', () => {
    const g = stackedBars(series);
    const bottom = CHART.height - CHART.bottom;
    for (const [i, stack] of g.stacks.entries()) {
      const total = stack.reduce((h, s) => h + s.height, 0);
      expect(total).toBeCloseTo(g.bars[i]!.height, 1);
      if (stack.length) expect(stack[0]!.y + stack[0]!.height).toBeCloseTo(bottom, 1);
    }
    expect(g.stacks[1]).toEqual([]);
    expect(g.stacks[2]!.map((s) => s.type)).toEqual([0, 1]);
    expect(g.stacks[2]![0]!.height).toBeCloseTo(2 * g.stacks[2]![1]!.height, 1);
  });
});

describe('SalesChart', () => {
  const html = String(<SalesChart series={series} money={money} timeZone="America/Toronto" />);
  const [first, third] = [formatDay('2027-03-01T00:00'), formatDay('2027-03-03T00:00')];

  it('says what it shows, in the event’s zone, with the money taken', () => {
    expect(html).toContain(`9 tickets sold in the 3 days from ${first} to ${third}; the most, 6, on ${third}.`);
    expect(html).toContain('(America/Toronto)');
    expect(html).toContain('CA$820.00 in all');
  });

  it('gives the numbers per type and day as a table', () => {
    expect(html).toContain('<th scope="col">Pay what you can</th>');
    expect(html).toContain(`<th scope="row">${third}</th><td>4</td><td>2</td><td>6</td><td>CA$520.00</td>`);
  });

  it('hides the drawing from screen readers and uses no inline style', () => {
    expect(html).toContain('aria-hidden="true"');
    expect(html).not.toMatch(/style=/);
  });

  it('says so when nothing was sold', () => {
    const none = { ...series, days: series.days.map((d) => ({ ...d, byType: [0, 0], tickets: 0, amountMinor: 0 })) };
    expect(String(<SalesChart series={none} money={money} timeZone="UTC" />)).toContain(
      'No tickets sold in the last 3 days.',
    );
  });
});
