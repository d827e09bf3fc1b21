import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeZone, localToUtc, parseLocal, utcToLocal } from './time.ts';

describe('localToUtc', () => {
  it('converts wall-clock times with the offset in force on that day', () => {
    expect(localToUtc('2027-05-13T09:00', 'America/Toronto').toISOString()).toBe('2027-05-13T13:00:00.000Z');
    expect(localToUtc('2027-01-13T09:00', 'America/Toronto').toISOString()).toBe('2027-01-13T14:00:00.000Z');
    expect(localToUtc('2026-12-10T18:30', 'Asia/Kolkata').toISOString()).toBe('2026-12-10T13:00:00.000Z');
  });

  it('keeps wall-clock times either side of a daylight-saving change', () => {
    expect(localToUtc('2027-03-27T10:00', 'Europe/Lisbon').toISOString()).toBe('2027-03-27T10:00:00.000Z');
    expect(localToUtc('2027-03-28T10:00', 'Europe/Lisbon').toISOString()).toBe('2027-03-28T09:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward, and takes the earlier of a repeated hour', () => {
    expect(localToUtc('2027-03-14T02:30', 'America/Toronto').toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(localToUtc('2026-11-01T01:30', 'America/Toronto').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('round-trips: the zone shows the same wall time at the computed instant (outside gaps)', () => {
    const zones = [
      'America/Toronto',
      'Europe/Lisbon',
      'Australia/Sydney',
      'Asia/Kathmandu',
      'America/Mexico_City',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, ms) => {
          const instant = Math.floor(ms / 60000) * 60000;
          const wall = utcToLocal(instant, zone).slice(0, 16);
          const back = localToUtc(wall, zone).getTime();
          // In a repeated hour either instant is right; the wall time must match.
          expect(utcToLocal(back, zone).slice(0, 16)).toBe(wall);
        },
      ),
    );
  });
});

describe('utcToLocal', () => {
  it('agrees with Intl at every instant, on transition days too', () => {
    const zones = [
      'America/Toronto',
      'Europe/Lisbon',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/Santiago',
      'Africa/Casablanca',
    ];
    const wallOf = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .format(ms)
        .replace(' ', 'T');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          expect(utcToLocal(ms, zone).slice(0, 16)).toBe(wallOf(ms, zone));
        },
      ),
      { numRuns: 5000 },
    );
    // Lord Howe moves by half an hour, at 02:00 local time, on the first Sunday of April 2027.
    for (let m = 0; m < 24 * 60; m += 15) {
      const ms = Date.UTC(2027, 3, 3, 0, m) - 11 * 3_600_000;
      expect(utcToLocal(ms, 'Australia/Lord_Howe').slice(0, 16)).toBe(wallOf(ms, 'Australia/Lord_Howe'));
    }
  });
});

describe('parseLocal and isTimeZone', () => {
  it('rejects impossible dates and times', () => {
    expect(parseLocal('2027-02-30T10:00')).toBeUndefined();
    expect(parseLocal('2027-01-01T24:00')).toBeUndefined();
    expect(parseLocal('2027-01-01 10:00')).toBeUndefined();
    expect(parseLocal('2027-01-01T10:00:30')).toMatchObject({ second: 30 });
  });

  it('agrees with the calendar on every date and time, valid or not', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1900, max: 2100 }),
          mo: fc.integer({ min: 0, max: 13 }),
          d: fc.integer({ min: 0, max: 32 }),
          h: fc.integer({ min: 0, max: 24 }),
          mi: fc.integer({ min: 0, max: 60 }),
        }),
        ({ y, mo, d, h, mi }) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
          const probe = new Date(Date.UTC(y, mo - 1, d, h, mi));
          const valid =
            mo >= 1 && mo <= 12 && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && h < 24 && mi < 60;
          expect(parseLocal(text) !== undefined).toBe(valid);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('accepts IANA names and refuses abbreviations and inventions', () => {
    expect(isTimeZone('Europe/Lisbon')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('EST')).toBe(false);
  });
});
