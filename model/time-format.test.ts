import { describe, expect, it } from 'vitest';
import { formatInstant, formatShortDay, formatWhen } from './time-format.ts';

describe('times as people read them', () => {
  it('writes an event out in its zone, one day or several', () => {
    const toronto = { start: '2027-05-13T09:00:00', end: '2027-05-13T18:00:00', city: 'Toronto' };
    expect(formatWhen(toronto)).toBe('Thursday 13 May 2027, 09:00–18:00 (Toronto time)');
    expect(formatWhen({ ...toronto, end: '2027-05-14T18:00:00' })).toBe(
      'Thursday 13 May 2027, 09:00 – Friday 14 May 2027, 18:00 (Toronto time)',
    );
  });

  it('reads an instant in the event zone, across a daylight-saving change', () => {
    expect(formatInstant('2027-03-27T10:00:00.000Z', 'Europe/Lisbon', 'Lisbon')).toBe(
      'Sat 27 Mar 2027, 10:00 (Lisbon time)',
    );
    expect(formatInstant('2027-03-28T09:00:00.000Z', 'Europe/Lisbon', 'Lisbon')).toBe(
      'Sun 28 Mar 2027, 10:00 (Lisbon time)',
    );
    expect(formatShortDay('2026-11-26T23:30:00')).toBe('Thu 26 Nov 2026');
  });
});
