// What every calendar app sees in an entry: the RFC's framing, what the summary says when plans
// change, clean text and UIDs that belong to the site. Parsed with ical.js, as apps would.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent, CatalogueSession } from '../../model/catalogue.ts';
import { fixtureEvent } from '../testing/fixtures.ts';
import { buildCalendar, eventCalendar } from './calendar.ts';
import { eventFeed, meetingEntry, personalFeed } from './feeds.ts';

function withSession(event: CatalogueEvent, s: Partial<CatalogueSession> = {}): CatalogueEvent {
  const session: CatalogueSession = {
    id: `${event.id}/talk`,
    title: 'A talk',
    start: event.start,
    end: event.end,
    startUtc: event.startUtc,
    endUtc: event.endUtc,
    kind: 'talk',
    status: 'scheduled',
    speakers: [{ id: 'ada', name: 'Ada' }],
    abstract: '',
    revision: { hash: 'h', sequence: 0, modified: event.revision.modified },
    ...s,
  } as CatalogueSession;
  return { ...event, sessions: [session] };
}

const entries = (text: string) =>
  new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => ({
    uid: v.getFirstPropertyValue('uid') as string,
    summary: v.getFirstPropertyValue('summary') as string,
    status: v.getFirstPropertyValue('status') as string,
    description: v.getFirstPropertyValue('description') as string,
  }));

describe('calendar framing (RFC 5545 3.1, 3.6)', () => {
  it('ends with CRLF after END:VCALENDAR and puts calendar properties before any component', () => {
    const text = eventCalendar(withSession(fixtureEvent('framing')));
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const lines = text.split('\r\n');
    const firstComponent = lines.findIndex((l, i) => i > 0 && l.startsWith('BEGIN:'));
    for (const name of ['REFRESH-INTERVAL', 'X-PUBLISHED-TTL', 'X-WR-TIMEZONE', 'X-WR-CALNAME', 'DESCRIPTION']) {
      const at = lines.findIndex((l) => l.startsWith(name));
      expect(at, name).toBeGreaterThan(0);
      expect(at, name).toBeLessThan(firstComponent);
    }
  });
});

describe('plans that change', () => {
  it('publishes a postponed event and its sessions as TENTATIVE, "Postponed: " first', () => {
    const event = withSession(fixtureEvent('later', { status: 'postponed' }));
    const [e, s] = entries(eventCalendar(event));
    expect(e).toMatchObject({ summary: 'Postponed: Fixture later', status: 'TENTATIVE' });
    expect(e!.description).toContain('the new date will be announced');
    expect(s).toMatchObject({ summary: 'Postponed: A talk', status: 'TENTATIVE' });
  });

  it('says "Cancelled: " before the summary of cancelled events and sessions', () => {
    const [e, s] = entries(eventCalendar(withSession(fixtureEvent('off', { status: 'cancelled' }))));
    expect(e).toMatchObject({ summary: 'Cancelled: Fixture off', status: 'CANCELLED' });
    expect(s).toMatchObject({ summary: 'Cancelled: A talk', status: 'CANCELLED' });
    const [, talk] = entries(eventCalendar(withSession(fixtureEvent('on'), { status: 'cancelled' })));
    expect(talk).toMatchObject({ summary: 'Cancelled: A talk', status: 'CANCELLED' });
  });
});

describe('text', () => {
  it('strips line and paragraph separators and other controls', () => {
    const event = fixtureEvent('seps', { title: 'One\u2028Two\u2029Three\u0085Four\u000bFive' });
    const text = eventCalendar(event);
    expect(text).not.toMatch(/[\u2028\u2029\u0085\u000b]/);
    expect(entries(text)[0]!.summary).toBe('OneTwoThreeFourFive');
  });

  it('leaves no blank lines in DESCRIPTION when the abstract is empty', () => {
    const [, s] = entries(eventCalendar(withSession(fixtureEvent('empty'), { abstract: '  ' })));
    expect(s!.description).toBe('With Ada.\n\nPart of Fixture empty.');
  });
});

describe('UIDs', () => {
  it("take their domain from the site's address", () => {
    const event = withSession(fixtureEvent('uid', { url: 'https://events.example.org/events/uid/' }));
    const uids = eventFeed(event).entries.map((e) => e.uid);
    expect(uids).toEqual(['event-uid@events.example.org', 'session-uid.talk@events.example.org']);
  });
});

describe('URL', () => {
  it("points a session at its own page and the event at the event's", () => {
    const event = withSession(fixtureEvent('pages', { url: 'https://events.example.org/events/pages/' }));
    expect(eventFeed(event).entries.map((e) => e.url)).toEqual([
      'https://events.example.org/events/pages/',
      'https://events.example.org/events/pages/sessions/talk/',
    ]);
  });
});

describe('personal entries', () => {
  const site = {
    siteUrl: 'https://events.example.org',
    version: 'v',
    builtAt: '2026-01-01T00:00:00.000Z',
    vocabulary: [],
  };
  const event = withSession(fixtureEvent('mine', { url: 'https://events.example.org/events/mine/' }));
  const feed = (status: 'pending' | 'waitlisted' | 'confirmed', updatedAt?: string) =>
    personalFeed(site, {
      registrations: [{ event, status, updatedAt }],
      starred: ['mine/talk'],
      meetings: [],
      reminders: false,
    });

  it('have UIDs of their own, distinct from the public entries', () => {
    const mine = feed('confirmed').entries.map((e) => e.uid);
    const public_ = eventFeed(event).entries.map((e) => e.uid);
    expect(mine).toHaveLength(2);
    for (const uid of mine) {
      expect(public_).not.toContain(uid);
      expect(uid.endsWith('@events.example.org')).toBe(true);
    }
  });

  it('raise SEQUENCE and LAST-MODIFIED when a place moves from pending to waitlisted to confirmed', () => {
    const [pending] = feed('pending', '2036-02-01T00:00:00.000Z').entries;
    const [waiting] = feed('waitlisted', '2036-02-02T00:00:00.000Z').entries;
    const [confirmed] = feed('confirmed', '2036-02-03T00:00:00.000Z').entries;
    expect(waiting!.sequence).toBeGreaterThan(pending!.sequence);
    expect(confirmed!.sequence).toBeGreaterThan(waiting!.sequence);
    expect(confirmed!.lastModified).toBe('2036-02-03T00:00:00.000Z');
    const [parsed] = entries(buildCalendar({ ...feed('confirmed'), vtimezones: {} }, [confirmed!]));
    expect(parsed).toMatchObject({ status: 'CONFIRMED', summary: 'Fixture mine' });
    // A new revision of the event still outranks any status of the old one.
    const revised = { ...event, revision: { ...event.revision, sequence: 1 } };
    const [later] = personalFeed(site, {
      registrations: [{ event: revised, status: 'pending' }],
      starred: [],
      meetings: [],
      reminders: false,
    }).entries;
    expect(later!.sequence).toBeGreaterThan(confirmed!.sequence);
  });

  it('give a meeting an opaque UID that names no registration', () => {
    const slot = { start: event.start, end: event.end, startUtc: event.startUtc, endUtc: event.endUtc };
    const m = meetingEntry({ ...event, networkingSlots: [slot] } as CatalogueEvent, {
      id: 4711,
      slotIndex: 0,
      tableNumber: 3,
      createdAt: event.revision.modified,
    })!;
    expect(m.uid).toMatch(/^meeting-[0-9a-f]+@events\.example\.org$/);
    expect(m.uid).not.toContain('4711');
  });
});
