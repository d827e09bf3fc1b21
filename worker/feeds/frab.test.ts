// The frab schedule's rules on their own: ids and UUIDs that stay put, a version that moves with
// the programme and only with it, and what a cancelled event or an odd zone publishes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { events, fixtureEvent, site } from '../testing/fixtures.ts';
import { frabSchedule, scheduleVersion } from './frab.ts';
import { distinctIntegers, sha1, stableInteger, uuidV5 } from './stable-ids.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const agenda = events.find((e) => e.id === 'agenda')!;
const talks = (e: CatalogueEvent) =>
  frabSchedule(site, e).schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());

describe('stable ids', () => {
  it('computes SHA-1 and name-based UUIDs as the standards say', () => {
    expect(hex(sha1(new Uint8Array()))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    const fox = new TextEncoder().encode('The quick brown fox jumps over the lazy dog');
    expect(hex(sha1(fox))).toBe('2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
    // Python's uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'), and a URL with non-ASCII text.
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('https://example.org/ünïcode 💸')).toBe('1feab96e-d187-5183-9efa-be45a30a1c6d');
  });

  it('gives distinct positive 31-bit ids that do not move when other names come and go', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { maxLength: 40 }),
        fc.array(fc.string()),
        (names, more) => {
          const ids = distinctIntegers(names);
          expect(new Set(ids.values()).size).toBe(names.length);
          for (const id of ids.values()) expect(id >= 1 && id <= 2 ** 31 - 1).toBe(true);
          const grown = distinctIntegers([...names, ...more]);
          for (const name of names) expect(grown.get(name)).toBe(ids.get(name));
        },
      ),
    );
  });

  it('probes past a collision, leaving the name that sorts first its own id', () => {
    // Found by search: two session ids with the same stableInteger.
    const [first, second] = ['ev/s-549599', 'ev/s-712382'];
    expect(stableInteger(first)).toBe(stableInteger(second));
    const ids = distinctIntegers([second, first]);
    expect(ids.get(first)).toBe(stableInteger(first));
    expect(ids.get(second)).toBe(stableInteger(`${second}#1`));
  });
});

describe('the schedule version', () => {
  const version = scheduleVersion(agenda);
  const withSession = (i: number, change: Partial<CatalogueEvent['sessions'][number]>) => ({
    ...agenda,
    sessions: agenda.sessions.map((s, j) => (j === i ? { ...s, ...change } : s)),
  });

  it('stays the same for the same programme, and says when it last changed', () => {
    expect(scheduleVersion(structuredClone(agenda))).toBe(version);
    expect(version).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \([0-9a-f]{8}\)$/);
  });

  it('changes when a session changes, is cancelled or is removed', () => {
    const modified = '2030-01-01T10:00:00.000Z';
    const edited = withSession(1, { revision: { hash: 'edited', sequence: 1, modified } });
    expect(scheduleVersion(edited)).not.toBe(version);
    expect(scheduleVersion(edited)).toContain('2030-01-01 10:00 UTC');
    expect(scheduleVersion(withSession(1, { status: 'cancelled' }))).not.toBe(version);
    expect(scheduleVersion({ ...agenda, sessions: agenda.sessions.slice(1) })).not.toBe(version);
  });
});

describe('what a schedule publishes', () => {
  it('leaves out every session of a cancelled event, and says so in its title', () => {
    const cancelled = { ...agenda, status: 'cancelled' as const };
    const { conference } = frabSchedule(site, cancelled).schedule;
    expect(conference.title).toBe('Cancelled: Fixture agenda');
    expect(talks(cancelled)).toEqual([]);
    // Apps still get the days, so the schedule stays valid and replaces what they had.
    expect(conference.days.length).toBeGreaterThan(0);
  });

  it('names the zone only when the c3voc pattern accepts it', () => {
    expect(frabSchedule(site, agenda).schedule.conference.time_zone_name).toBe('Europe/Berlin');
    const gmt = fixtureEvent('gmt', { timeZone: 'Etc/GMT+5', sessions: [] });
    expect(frabSchedule(site, gmt).schedule.conference).not.toHaveProperty('time_zone_name');
  });

  it('gives each session an id, a UUID and a slug of its own, and the same again next time', () => {
    const first = talks(agenda);
    expect(new Set(first.map((t) => t.id)).size).toBe(agenda.sessions.length);
    expect(new Set(first.map((t) => t.guid)).size).toBe(agenda.sessions.length);
    expect(first.map((t) => t.slug)).toEqual(first.map((t) => `agenda-${t.id}-${t.url.split('/').at(-2)}`));
    expect(talks(structuredClone(agenda))).toEqual(first);
  });

  it("links each session's own page, and keeps the UUID it had before sessions had pages", () => {
    const [first] = talks(agenda);
    expect(first!.url).toBe('http://localhost:8787/events/agenda/sessions/session-1/');
    expect(first!.guid).toBe(uuidV5('http://localhost:8787/events/agenda/#session-session-1'));
  });
});
