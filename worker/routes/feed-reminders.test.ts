// Reminders in the personal feed: off until the person turns them on (manage page or My Gathering),
// then a VALARM 15 minutes before each starred session and 1:1 meeting, and never before the
// events themselves. The feed's validators move with the setting.
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  appAt,
  type Browser,
  call,
  person,
  registerAndProve,
  registerUnproven,
  rows,
  signedInBrowser,
} from '../testing/fixtures.ts';

/** Makes the person's feed from their manage page; the address is in the answer. */
async function feedOf(browser: Browser, page: string) {
  const html = await (await browser.postForm(`${page}/calendar`, [['confirm', 'yes']])).text();
  return html.match(/\/api\/calendars\/personal\/c_[A-Za-z0-9_-]{43}\.ics/)![0];
}

/** Each entry's summary, and its alarm's trigger when it has one. */
async function alarms(feed: string) {
  const res = await call(feed);
  expect(res.status).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((v) => {
      const alarm = v.getFirstSubcomponent('valarm');
      return [
        String(v.getFirstPropertyValue('summary')),
        alarm && `${alarm.getFirstPropertyValue('action')} ${alarm.getFirstProperty('trigger')!.toICALString()}`,
      ] as const;
    }),
  );
}

/** A person registered and proven at the agenda event (a session starred) and with a 1:1 meeting. */
async function personWithAgenda(n: string) {
  const me = await registerAndProve('agenda', person(n));
  await me.browser.postForm(`${me.page}/stars`, [
    ['sessionId', 'agenda/session-2'],
    ['starred', 'on'],
  ]);
  const meetup = await registerAndProve('meetup-matching', person(n));
  const other = await registerUnproven('meetup-matching', person(`${n}-other`));
  await rows(
    `INSERT INTO meetings (event_id, slot_index, table_number, registration_a, registration_b, score, created_at)
      VALUES ('meetup-matching', 0, 4, ?, ?, 5, ?)`,
    meetup.id,
    other.id,
    new Date().toISOString(),
  );
  return { ...me, feed: await feedOf(me.browser, me.page) };
}

const later = (browser: Browser, minutes: number) => {
  const moved = new (browser.constructor as typeof Browser)(appAt(new Date(Date.now() + minutes * 60_000)));
  for (const [k, v] of browser.cookies) moved.cookies.set(k, v);
  return moved;
};

describe('POST /manage/{id}/calendar/reminders', () => {
  it('adds a 15-minute alarm to starred sessions and meetings only once turned on, and takes it off again', async () => {
    const me = await personWithAgenda('reminders-manage');
    const off = await alarms(me.feed);
    expect([...off.keys()].sort()).toEqual([
      '1:1 meeting, table 4',
      'Fixture agenda',
      'Fixture meetup-matching',
      'Session 2',
    ]);
    expect([...off.values()].every((a) => a === null)).toBe(true);
    const page = await (await me.browser.fetch(me.page)).text();
    expect(page).toContain('Turn reminders on');

    const before = await call(me.feed);
    const res = await later(me.browser, 1).postForm(`${me.page}/calendar/reminders`, [['reminders', 'on']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${me.page}#calendar`);
    const on = await alarms(me.feed);
    expect(on.get('Session 2')).toBe('DISPLAY TRIGGER:-PT15M');
    expect(on.get('1:1 meeting, table 4')).toBe('DISPLAY TRIGGER:-PT15M');
    expect(on.get('Fixture agenda')).toBeNull();
    expect(on.get('Fixture meetup-matching')).toBeNull();
    expect(await (await me.browser.fetch(me.page)).text()).toContain('Turn reminders off');
    // A calendar that kept the old copy gets the new one, by ETag or by date.
    expect((await call(me.feed, { headers: { 'if-none-match': before.headers.get('etag')! } })).status).toBe(200);
    const since = { 'if-modified-since': before.headers.get('last-modified')! };
    expect((await call(me.feed, { headers: since })).status).toBe(200);

    await later(me.browser, 2).postForm(`${me.page}/calendar/reminders`, [['reminders', 'off']]);
    expect([...(await alarms(me.feed)).values()].every((a) => a === null)).toBe(true);
  });

  it('keeps the setting when the link is reset', async () => {
    const me = await personWithAgenda('reminders-reset');
    await me.browser.postForm(`${me.page}/calendar/reminders`, [['reminders', 'on']]);
    const fresh = await feedOf(me.browser, me.page);
    expect((await alarms(fresh)).get('Session 2')).toBe('DISPLAY TRIGGER:-PT15M');
  });

  it('changes nothing for a browser without proof of the email, and refuses a bad value', async () => {
    const me = await personWithAgenda('reminders-unproven');
    // The same address, registered elsewhere by someone who cannot prove it.
    const stranger = await registerUnproven('unlimited', person('reminders-unproven'));
    const res = await stranger.browser.postForm(`${stranger.page}/calendar/reminders`, [['reminders', 'on']]);
    expect(res.status).toBe(303);
    expect((await alarms(me.feed)).get('Session 2')).toBeNull();

    const bad = await me.browser.postJson(`${me.page}/calendar/reminders`, { reminders: 'maybe' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reminders' }] });
    const form = await me.browser.postForm(`${me.page}/calendar/reminders`, [['reminders', 'maybe']]);
    expect(form.status).toBe(400);
    expect(form.headers.get('content-type')).toContain('text/html');
    const json = await me.browser.postJson(`${me.page}/calendar/reminders`, { reminders: true });
    expect(await json.json()).toEqual({ reminders: true, calendar: true });
  });

  it('never answers a bad form or JSON body with a 500', async () => {
    const me = await personWithAgenda('reminders-fuzz');
    const text = fc.oneof(fc.constantFrom('on', 'off', 'true', '', '__proto__'), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('reminders', 'x', '__proto__'), text), { maxLength: 4 }),
        async (fields) => {
          const res = await me.browser.postForm(`${me.page}/calendar/reminders`, fields);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await me.browser.postJson(`${me.page}/calendar/reminders`, body);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it('answers that there is no calendar yet when the person has none', async () => {
    const me = await registerAndProve('agenda', person('reminders-no-feed'));
    const res = await me.browser.postJson(`${me.page}/calendar/reminders`, { reminders: true });
    expect(await res.json()).toEqual({ reminders: false, calendar: false });
    expect(await (await me.browser.fetch(me.page)).text()).not.toContain('Turn reminders');
  });
});

describe('POST /my/calendar/reminders', () => {
  it('turns reminders on and off from My Gathering', async () => {
    const me = await personWithAgenda('reminders-my');
    const browser = await signedInBrowser('personreminders-my@example.org');
    expect(await (await browser.fetch('/my/')).text()).toContain('Turn reminders on');
    const res = await browser.postForm('/my/calendar/reminders', [['reminders', 'on']]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/my/#calendar');
    expect((await alarms(me.feed)).get('Session 2')).toBe('DISPLAY TRIGGER:-PT15M');
    expect(await (await browser.fetch('/my/')).text()).toContain('Turn reminders off');
    // Signed out, the form sends people to sign in.
    expect((await call('/my/calendar/reminders', { method: 'POST' })).status).toBe(303);
  });
});

describe('subscribe links of the personal feed', () => {
  it('offers the calendar app, Google Calendar, Outlook.com and Microsoft 365', async () => {
    const me = await registerAndProve('agenda', person('reminders-links'));
    const html = await (await me.browser.postForm(`${me.page}/calendar`, [])).text();
    const https = html.match(/http:\/\/localhost:8787\/api\/calendars\/personal\/c_[A-Za-z0-9_-]{43}\.ics/)![0];
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), https));
    const webcal = https.replace('http:', 'webcal:');
    expect(hrefs.map((h) => h.href)).toContain(webcal);
    const google = hrefs.find((h) => h.host === 'calendar.google.com')!;
    expect(google.searchParams.get('cid')).toBe(webcal);
    for (const host of ['outlook.live.com', 'outlook.office.com']) {
      const outlook = hrefs.find((h) => h.host === host)!;
      expect(outlook.pathname, host).toBe('/calendar/0/addfromweb');
      expect(outlook.searchParams.get('url'), host).toBe(https);
      expect(outlook.searchParams.get('name'), host).toBe('My agenda (Gathering)');
    }
  });
});
