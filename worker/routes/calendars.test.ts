import { env, SELF } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { assetsSource } from '../content/source.ts';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  SELF.fetch(`http://localhost:8787${path}`, { headers, method });
// The built sample content, read as the worker reads it: upcoming and recent events.
const current = (await (await get('/api/events')).json<{ events: { id: string; status: string; endUtc: string }[] }>())
  .events;
const content = assetsSource(env.ASSETS);
const catalogue = { events: await Promise.all(current.map(async (e) => (await content.event(e.id))!)) };
const UID = '@localhost:8787';

async function parse(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { res, text, calendar: new ICAL.Component(ICAL.parse(text)) };
}

const allFeeds = [
  '/api/calendars/events.ics',
  ...catalogue.events.map((e) => `/api/calendars/events/${e.id}.ics`),
  ...[...new Set(catalogue.events.map((e) => e.citySlug))].map((c) => `/api/calendars/cities/${c}.ics`),
  ...['conference', 'camp', 'meetup', 'unconference', 'workshop'].map((k) => `/api/calendars/kinds/${k}.ics`),
];

describe('feed content, read by a real iCalendar parser', () => {
  it('gives an event and each session its own VEVENT, with UTC instants matching the content', async () => {
    const event = (await content.event('copass-camp-lisbon-2027'))!;
    const { calendar } = await parse(`/api/calendars/events/${event.id}.ics`);
    const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents).toHaveLength(1 + event.sessions.length);
    const byUid = new Map(vevents.map((v) => [v.uid, v]));
    expect(byUid.get(`event-${event.id}${UID}`)!.startDate.toJSDate().toISOString()).toBe(event.startUtc);
    for (const s of event.sessions) {
      const v = byUid.get(`session-${s.id.replace('/', '.')}${UID}`)!;
      expect(v.startDate.toJSDate().toISOString(), s.id).toBe(s.startUtc);
      expect(v.endDate.toJSDate().toISOString(), s.id).toBe(s.endUtc);
      expect(v.startDate.zone.tzid).toBe('Europe/Lisbon');
    }
    // Same wall-clock time either side of the clocks going forward on 28 March 2027.
    const saturday = byUid.get(`session-copass-camp-lisbon-2027.spaces-exchange${UID}`)!;
    const sunday = byUid.get(`session-copass-camp-lisbon-2027.hosting-travellers${UID}`)!;
    expect([saturday.startDate.hour, sunday.startDate.hour]).toEqual([10, 10]);
    expect([saturday.startDate.toJSDate().toISOString(), sunday.startDate.toJSDate().toISOString()]).toEqual([
      '2027-03-27T10:00:00.000Z',
      '2027-03-28T09:00:00.000Z',
    ]);
  });

  it('carries a session across midnight, and escaped text (punctuation, emoji, accents) round-trips', async () => {
    const { calendar } = await parse('/api/calendars/events/indiecon-toronto-2027.ics');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const walk = events.find((e) => e.summary === 'Night walk & karaoke')!;
    expect(walk.startDate.toJSDate().toISOString()).toBe('2027-05-14T02:00:00.000Z');
    expect(walk.endDate.toJSDate().toISOString()).toBe('2027-05-14T04:30:00.000Z');
    expect(walk.endDate.day).toBe(14);
    expect(events.map((e) => e.summary)).toContain("Pricing, scoping; saying no — a freelancer's toolkit 💸");
    const panel = events.find((e) => e.summary === 'From solo to studio, and back again')!;
    expect(panel.description).toContain('With Kwame Mensah, Mira Okafor, Tomasz Nowak.');
    const lisbon = (await parse('/api/calendars/events/copass-camp-lisbon-2027.ics')).calendar;
    expect(new ICAL.Event(lisbon.getFirstSubcomponent('vevent')!).description).toContain(
      'Hosts from Lisbon, Montréal, Berlin and Mexico City',
    );
  });

  it('keeps cancelled events and sessions, marked STATUS:CANCELLED and "Cancelled: "', async () => {
    const { calendar } = await parse('/api/calendars/events/remote-work-unconference-montreal-2027.ics');
    expect(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    const toronto = (await parse('/api/calendars/events/indiecon-toronto-2027.ics')).calendar;
    const clinic = toronto
      .getAllSubcomponents('vevent')
      .find((v) => v.getFirstPropertyValue('summary') === 'Cancelled: Contracts clinic')!;
    expect(clinic.getFirstPropertyValue('status')).toBe('CANCELLED');
    // In the rolling feeds too, for as long as the cancelled event is upcoming or recent.
    const all = (await parse('/api/calendars/events.ics')).calendar;
    const statusOf = new Map(
      all.getAllSubcomponents('vevent').map((v) => [v.getFirstPropertyValue('uid'), v.getFirstPropertyValue('status')]),
    );
    const recent = catalogue.events.filter((e) => Date.parse(e.endUtc) >= Date.now() - 30 * 86_400_000);
    expect(recent.length).toBeGreaterThan(0);
    for (const e of recent)
      expect(statusOf.get(`event-${e.id}${UID}`), e.id).toBe(
        e.status === 'cancelled' ? 'CANCELLED' : e.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED',
      );
  });

  it('has calendar metadata, a VTIMEZONE for every zone used, and location, URL and geo', async () => {
    const { calendar } = await parse('/api/calendars/events/indiecon-toronto-2027.ics');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('name')).toBe('IndieCon Toronto 2027');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('IndieCon Toronto 2027');
    expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toContain('Two days of talks');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('America/Toronto');
    expect(calendar.getFirstProperty('refresh-interval')!.toICALString()).toBe('REFRESH-INTERVAL;VALUE=DURATION:PT6H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT6H');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('url')).toBe('http://localhost:8787/events/indiecon-toronto-2027/');
    expect(vevent.getFirstPropertyValue('location')).toContain('Spadina Commons');
    expect(vevent.getFirstPropertyValue('geo')).toEqual([43.6479, -79.3951]);
    const all = (await parse('/api/calendars/events.ics')).calendar;
    const zones = new Set(all.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')));
    for (const v of all.getAllSubcomponents('vevent'))
      expect(zones.has(v.getFirstProperty('dtstart')!.getParameter('tzid') as string)).toBe(true);
    expect(all.getFirstPropertyValue('x-wr-timezone')).toBeNull();
  });

  it.each(allFeeds)(
    '%s: lines fold within 75 octets, DTSTAMP is UTC, no floating times and no personal data',
    async (path) => {
      const { text, calendar } = await parse(path);
      for (const line of text.split('\r\n'))
        expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
      // UIDs end in the site's host; nothing else may look like an email address.
      expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@(?!localhost:8787)[A-Za-z0-9-]+\.[A-Za-z]{2,}/);
      expect(text).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
      for (const v of calendar.getAllSubcomponents('vevent')) {
        expect(v.getFirstProperty('dtstamp')!.toICALString()).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
        for (const name of ['dtstart', 'dtend']) {
          const p = v.getFirstProperty(name)!;
          expect(
            p.getParameter('tzid') ?? (p.toICALString().endsWith('Z') ? 'UTC' : undefined),
            `${name} has a zone`,
          ).toBeDefined();
        }
      }
    },
  );
});

describe('feed HTTP', () => {
  it('answers text/calendar with ETag, Last-Modified and a public cache policy', async () => {
    const res = await get('/api/calendars/events/indiecon-toronto-2027.ics');
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{8}"$/);
    expect(new Date(res.headers.get('last-modified')!).getTime()).not.toBeNaN();
    expect(res.headers.get('cache-control')).toContain('public');
    expect(res.headers.get('cache-control')).toContain('s-maxage=');
  });

  it('answers 304 to If-None-Match and If-Modified-Since, and 200 when changed', async () => {
    const first = await get('/api/calendars/events/indiecon-toronto-2027.ics');
    const etag = first.headers.get('etag')!;
    const byTag = await get('/api/calendars/events/indiecon-toronto-2027.ics', { 'if-none-match': `W/${etag}` });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await get('/api/calendars/events/indiecon-toronto-2027.ics', { 'if-none-match': '"stale"' })).status).toBe(
      200,
    );
    expect(
      (
        await get('/api/calendars/events/indiecon-toronto-2027.ics', {
          'if-modified-since': first.headers.get('last-modified')!,
        })
      ).status,
    ).toBe(304);
    expect(
      (
        await get('/api/calendars/events/indiecon-toronto-2027.ics', {
          'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT',
        })
      ).status,
    ).toBe(200);
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await get('/api/calendars/events.ics', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it.each([
    '/api/calendars/events/no-such-event.ics',
    '/api/calendars/cities/atlantis.ics',
    '/api/calendars/kinds/party.ics',
    '/api/calendars/events/indiecon-toronto-2027/sessions/nope.ics',
    '/api/calendars/personal/c_nope.ics',
    '/api/calendars/events/indiecon-toronto-2027.txt',
  ])('answers %s with 404 or 400 problem details', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves one session as its own download', async () => {
    const { calendar } = await parse('/api/calendars/events/indiecon-toronto-2027/sessions/numbers-workshop.ics');
    const vevents = calendar.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(1);
    expect(vevents[0]!.getFirstPropertyValue('summary')).toBe('Run your own numbers');
  });
});
