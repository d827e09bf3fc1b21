import { describe, expect, it } from 'vitest';
import { eventSchema } from './content.ts';
import { catalogueTickets, formatMoney, toMinor } from './tickets.ts';

const event = {
  title: 'T',
  summary: 'S',
  kind: 'conference',
  start: '2027-05-13T09:00',
  end: '2027-05-14T18:00',
  timeZone: 'America/Toronto',
  city: 'Toronto',
  country: 'Canada',
  venue: { space: 'spadina-commons' },
  capacity: 100,
  registration: { mode: 'open', opens: '2027-01-01T09:00', closes: '2027-05-12T23:59' },
};
const standard = { id: 'standard', name: 'Standard', price: 119.5, currency: 'CAD' };
const problems = (e: object) => eventSchema.safeParse(e).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('ticket types in content', () => {
  it('accepts an event without tickets (free) and one with a priced, a pay-what-you-can and a solidarity type', () => {
    expect(problems(event)).toBeUndefined();
    const tickets = [
      standard,
      { id: 'pwyc', name: 'PWYC', currency: 'CAD', payWhatYouCan: { minimum: 20, suggested: 60 } },
      { id: 'sol', name: 'Solidarity', price: 60, currency: 'CAD', solidarity: true },
    ];
    expect(problems({ ...event, tickets, refundPolicy: { fullUntil: '2027-04-01T00:00' } })).toBeUndefined();
  });

  it.each([
    ['mixed currencies', { tickets: [standard, { ...standard, id: 'eur', currency: 'EUR' }] }, 'tickets.1.currency'],
    ['a quantity above capacity', { tickets: [{ ...standard, quantity: 101 }] }, 'tickets.0.quantity'],
    [
      'a sale opening before registration',
      { tickets: [{ ...standard, sale: { opens: '2026-12-01T09:00' } }] },
      'tickets.0.sale.opens',
    ],
    [
      'a sale closing after registration',
      { tickets: [{ ...standard, sale: { closes: '2027-05-13T10:00' } }] },
      'tickets.0.sale.closes',
    ],
    ['afterApproval on an open event', { tickets: [{ ...standard, afterApproval: true }] }, 'tickets.0.afterApproval'],
    [
      'a paid ticket paid up front on an application event',
      { registration: { mode: 'application' }, tickets: [standard] },
      'tickets.0.afterApproval',
    ],
    ['three decimals in CAD', { tickets: [{ ...standard, price: 1.005 }] }, 'tickets.0.price'],
    ['decimals in JPY', { tickets: [{ ...standard, currency: 'JPY', price: 10.5 }] }, 'tickets.0.price'],
    [
      'a minimum above the suggested price',
      { tickets: [{ id: 'p', name: 'P', currency: 'CAD', payWhatYouCan: { minimum: 50, suggested: 20 } }] },
      'tickets.0.payWhatYouCan.suggested',
    ],
    ['a free solidarity ticket', { tickets: [{ ...standard, price: 0, solidarity: true }] }, 'tickets.0.solidarity'],
    ['the same id twice', { tickets: [standard, standard] }, 'tickets.1.id'],
    ['no price', { tickets: [{ id: 'x', name: 'X', currency: 'CAD' }] }, 'tickets.0.price'],
    ['a refund policy on a free event', { refundPolicy: { fullUntil: '2027-04-01T00:00' } }, 'refundPolicy'],
  ])('refuses %s, naming the field', (_, change, field) => {
    expect(problems({ ...event, ...change })?.join('\n')).toContain(`${field}: expected`);
  });
});

describe('money', () => {
  it('counts in minor units per the currency', () => {
    expect(toMinor(119.5, 'CAD')).toBe(11950);
    expect(toMinor(0.29, 'EUR')).toBe(29);
    expect(toMinor(1200, 'JPY')).toBe(1200);
    expect(toMinor(1.005, 'KWD')).toBe(1005);
    expect(formatMoney(11950, 'CAD')).toBe('CA$119.50');
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
  });

  it('puts prices, the sale window and the policy in the read model', () => {
    const parsed = eventSchema.parse({
      ...event,
      tickets: [{ ...standard, sale: { closes: '2027-03-01T00:00' } }],
      refundPolicy: { fullUntil: '2027-04-01T00:00', partial: { percent: 50, until: '2027-05-01T00:00' } },
    });
    const read = catalogueTickets(parsed, parsed.timeZone);
    expect(read.tickets?.[0]).toMatchObject({ priceMinor: 11950, sale: { closesUtc: '2027-03-01T05:00:00.000Z' } });
    expect(read.refundPolicy).toMatchObject({ fullUntilUtc: '2027-04-01T04:00:00.000Z', partial: { percent: 50 } });
  });
});
