// Feeds of part of a programme (a track, a room, a speaker's sessions across events) and the RFC
// 7986 properties every feed carries, read by a real iCalendar parser from the built sample content.
import { env, SELF } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { trackColour } from '../../model/session-groups.ts';
import { assetsSource } from '../content/source.ts';

const get = (path: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://localhost:8787${path}`, { headers });
const content = assetsSource(env.ASSETS);

async function calendarAt(path: string) {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  return { res, calendar, vevents: calendar.getAllSubcomponents('vevent') };
}
// ical.js unescapes the TEXT properties it knows, not NAME or X-WR-*.
const unescaped = (value: unknown) => String(value).replace(/\\([,;\\])/g, '$1');
/** What a session's entry is called: "Cancelled: " first when it is (several clients ignore STATUS). */
const shown = (s: { title: string; status: string }) => (s.status === 'cancelled' ? `Cancelled: ${s.title}` : s.title);
const summaries = (vevents: ICAL.Component[]) => vevents.map((v) => String(v.getFirstPropertyValue('summary'))).sort();

describe('GET /api/calendars/events/{eventId}/tracks/{track}.ics', () => {
  it("holds the track's sessions, each in the track's colour", async () => {
    const event = (await content.event('indiecon-toronto-2027'))!;
    const { calendar, vevents } = await calendarAt('/api/calendars/events/indiecon-toronto-2027/tracks/business.ics');
    const business = event.sessions.filter((s) => s.track === 'Business');
    expect(summaries(vevents)).toEqual(business.map(shown).sort());
    for (const v of vevents) expect(v.getFirstPropertyValue('color')).toBe(trackColour('Business').name);
    expect(calendar.getFirstPropertyValue('name')).toBe('IndieCon Toronto 2027: Business track');
    // A cancelled session stays, marked as such, so calendars drop it.
    const clinic = vevents.find((v) => v.getFirstPropertyValue('summary') === 'Cancelled: Contracts clinic')!;
    expect(clinic.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('answers 304 to its ETag, and 404 for a track the event does not have', async () => {
    const path = '/api/calendars/events/indiecon-toronto-2027/tracks/craft.ics';
    const etag = (await get(path)).headers.get('etag')!;
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304);
    const other = await get('/api/calendars/events/indiecon-toronto-2027/tracks/business.ics');
    expect(other.headers.get('etag')).not.toBe(etag);
    for (const missing of [
      '/api/calendars/events/indiecon-toronto-2027/tracks/nope.ics',
      '/api/calendars/events/no-such-event/tracks/craft.ics',
      '/api/calendars/events/indiecon-toronto-2027/tracks/craft.txt',
    ]) {
      const res = await get(missing);
      expect([400, 404], missing).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('GET /api/calendars/events/{eventId}/rooms/{room}.ics', () => {
  it("holds the room's sessions, and names a room with its venue when there are several", async () => {
    const studio = await calendarAt('/api/calendars/events/indiecon-toronto-2027/rooms/studio-b.ics');
    expect(summaries(studio.vevents)).toEqual(
      [
        'Cancelled: Contracts clinic',
        "Pricing, scoping; saying no — a freelancer's toolkit 💸",
        'Run your own numbers',
      ].sort(),
    );
    const sala = await calendarAt('/api/calendars/events/copass-camp-lisbon-2027/rooms/sala-azul-atelier-da-graca.ics');
    expect(unescaped(sala.calendar.getFirstPropertyValue('name'))).toBe(
      'Copass Camp Lisbon 2027: Sala azul, Atelier da Graça',
    );
    expect(sala.vevents).toHaveLength(3);
    expect((await get('/api/calendars/events/copass-camp-lisbon-2027/rooms/sala-azul.ics')).status).toBe(404);
  });
});

describe('GET /api/calendars/speakers/{person}.ics', () => {
  it("holds the speaker's sessions across the upcoming and recent events", async () => {
    const current = (await (await get('/api/events')).json<{ events: { id: string }[] }>()).events;
    const events = await Promise.all(current.map(async (e) => (await content.event(e.id))!));
    const hers = events.flatMap((e) =>
      e.sessions.filter((s) => s.speakers.some((p) => p.id === 'kwame-mensah')).map(shown),
    );
    expect(hers.length).toBeGreaterThan(1);
    const { calendar, vevents } = await calendarAt('/api/calendars/speakers/kwame-mensah.ics');
    expect(summaries(vevents)).toEqual(hers.sort());
    expect(calendar.getFirstPropertyValue('name')).toBe('Gathering: Kwame Mensah');
    expect(calendar.getFirstPropertyValue('url')).toBe('http://localhost:8787/people/kwame-mensah/');
    // The same entries as in the event's own feed: one UID per session everywhere.
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toContain(
      'session-indiecon-toronto-2027.pricing-toolkit@localhost:8787',
    );
  });

  it('answers 404 for someone who never spoke', async () => {
    const res = await get('/api/calendars/speakers/nobody-at-all.ics');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('RFC 7986 properties', () => {
  it.each([
    '/api/calendars/events.ics',
    '/api/calendars/events/indiecon-toronto-2027.ics',
    '/api/calendars/events/indiecon-toronto-2027/tracks/craft.ics',
    '/api/calendars/speakers/priya-raman.ics',
  ])('%s has a calendar DESCRIPTION and its own address as SOURCE, before any component', async (path) => {
    const res = await get(path);
    const text = await res.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('description')).toBe(
      unescaped(calendar.getFirstPropertyValue('x-wr-caldesc')),
    );
    expect(calendar.getFirstPropertyValue('source')).toBe(`http://localhost:8787${path}`);
    const header = text.slice(0, text.indexOf('BEGIN:V', 10));
    expect(header).toContain('\r\nSOURCE;VALUE=URI:');
    expect(header).toContain('\r\nDESCRIPTION:');
  });

  it("gives an event with a picture its IMAGE, and each session with a track the track's COLOR", async () => {
    const { vevents } = await calendarAt('/api/calendars/events/copass-camp-lisbon-2027.ics');
    const camp = vevents.find(
      (v) => v.getFirstPropertyValue('uid') === 'event-copass-camp-lisbon-2027@localhost:8787',
    )!;
    const image = camp.getFirstProperty('image')!;
    expect(image.getFirstValue()).toBe('http://localhost:8787/images/lisbon-camp.svg');
    expect(image.getParameter('display')).toBe('BADGE');
    expect(image.getParameter('fmttype')).toBe('image/svg+xml');
    const toronto = await calendarAt('/api/calendars/events/indiecon-toronto-2027.ics');
    for (const v of toronto.vevents) {
      const categories = v.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
      const track = ['Business', 'Craft'].find((t) => categories.includes(t));
      expect(v.getFirstPropertyValue('color'), String(v.getFirstPropertyValue('summary'))).toBe(
        track ? trackColour(track).name : null,
      );
      expect(v.getFirstProperty('image')).toBeNull();
    }
  });
});
