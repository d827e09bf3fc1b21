import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { call, person, postForm, postJson } from '../testing/fixtures.ts';

async function register(eventId: string, who: string) {
  const res = await postJson(`/api/events/${eventId}/registrations`, person(who));
  return new URL((await res.json<{ registration: { manageUrl: string } }>()).registration.manageUrl).pathname;
}

async function createCalendarLink(manage: string) {
  const res = await postForm(`${manage}/calendar`, []);
  expect(res.status).toBe(303);
  const token = new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('calendar')!;
  expect(token).toMatch(/^c_[A-Za-z0-9_-]{43}$/);
  const page = await (await call(`${manage}?calendar=${token}`)).text();
  expect(page).toContain(`webcal://localhost:8787/api/calendars/personal/${token}.ics`);
  return `/api/calendars/personal/${token}.ics`;
}

const summaries = async (path: string) => {
  const res = await call(path);
  expect(res.status).toBe(200);
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  return cal
    .getAllSubcomponents('vevent')
    .map((v) => `${v.getFirstPropertyValue('summary')} [${v.getFirstPropertyValue('status')}]`);
};

describe('starring sessions', () => {
  it('stars and unstars with plain forms on the manage page', async () => {
    const manage = await register('agenda', 'star-form');
    expect(await (await call(manage)).text()).toContain('☆ Star<span class="visually-hidden"> Session 2</span>');
    const res = await postForm(`${manage}/stars`, [
      ['sessionId', 'agenda/session-2'],
      ['starred', 'on'],
    ]);
    expect(res.status).toBe(303);
    expect(await (await call(manage)).text()).toContain('★ Starred<span class="visually-hidden"> Session 2</span>');
    await postForm(`${manage}/stars`, [
      ['sessionId', 'agenda/session-2'],
      ['starred', 'off'],
    ]);
    expect(await (await call(manage)).text()).not.toContain('★ Starred');
  });

  it('stars with JSON for the event page, and refuses unknown sessions', async () => {
    const manage = await register('agenda', 'star-json');
    const res = await call(`${manage}/stars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'agenda/session-1', starred: true }),
    });
    expect(await res.json()).toEqual({ eventId: 'agenda', starred: ['agenda/session-1'] });
    expect(await (await call(`${manage}/stars`)).json()).toEqual({ eventId: 'agenda', starred: ['agenda/session-1'] });
    const bad = await call(`${manage}/stars`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'other/session-1', starred: true }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/calendars/personal/{token}.ics', () => {
  it("holds the person's events across events and the sessions they starred", async () => {
    const first = await register('agenda', 'agenda-person');
    const second = await register('agenda-two', 'agenda-person');
    await postForm(`${first}/stars`, [
      ['sessionId', 'agenda/session-3'],
      ['starred', 'on'],
    ]);
    const feed = await createCalendarLink(first);
    expect(await summaries(feed)).toEqual([
      'Fixture agenda [CONFIRMED]',
      'Session 3 [CONFIRMED]',
      'Fixture agenda-two [CONFIRMED]',
    ]);

    await postForm(`${second}/cancel`, []);
    expect(await summaries(feed)).toEqual(['Fixture agenda [CONFIRMED]', 'Session 3 [CONFIRMED]']);
  });

  it('is private, answers 304 until something changes, and a reset makes the old URL 404', async () => {
    const manage = await register('agenda', 'agenda-reset');
    const feed = await createCalendarLink(manage);
    const first = await call(feed);
    expect(first.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    const etag = first.headers.get('etag')!;
    expect((await call(feed, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await postForm(`${manage}/stars`, [
      ['sessionId', 'agenda/session-1'],
      ['starred', 'on'],
    ]);
    const changed = await call(feed, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    const fresh = await createCalendarLink(manage);
    expect(fresh).not.toBe(feed);
    expect((await call(feed)).status).toBe(404);
    expect((await call(fresh)).status).toBe(200);
  });
});
