import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type Browser, call, person, registerAndProve, registerUnproven } from '../testing/fixtures.ts';

async function createCalendarLink(browser: Browser, page: string) {
  const res = await browser.postForm(`${page}/calendar`, [['confirm', 'yes']]);
  // Shown in the answer, never put in an address the browser requests again.
  expect(res.status).toBe(200);
  expect(res.headers.get('location')).toBeNull();
  const html = await res.text();
  const token = html.match(/\/api\/calendars\/personal\/(c_[A-Za-z0-9_-]{43})\.ics/)?.[1];
  expect(token).toBeDefined();
  expect(html).toContain(`webcal://localhost:8787/api/calendars/personal/${token}.ics`);
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
    const me = await registerUnproven('agenda', person('star-form'));
    const page = () => me.browser.fetch(me.page).then((r) => r.text());
    expect(await page()).toContain('☆ Star<span class="visually-hidden"> Session 2</span>');
    const res = await me.browser.postForm(`${me.page}/stars`, [
      ['sessionId', 'agenda/session-2'],
      ['starred', 'on'],
    ]);
    expect(res.status).toBe(303);
    expect(await page()).toContain('★ Starred<span class="visually-hidden"> Session 2</span>');
    await me.browser.postForm(`${me.page}/stars`, [
      ['sessionId', 'agenda/session-2'],
      ['starred', 'off'],
    ]);
    expect(await page()).not.toContain('★ Starred');
  });

  it('stars with JSON for the event page, and refuses unknown sessions', async () => {
    const me = await registerUnproven('agenda', person('star-json'));
    const res = await me.browser.postJson(`${me.page}/stars`, { sessionId: 'agenda/session-1', starred: true });
    expect(await res.json()).toEqual({ eventId: 'agenda', starred: ['agenda/session-1'] });
    expect(await (await me.browser.fetch(`${me.page}/stars`)).json()).toEqual({
      eventId: 'agenda',
      starred: ['agenda/session-1'],
    });
    expect(await (await me.browser.fetch('/manage/events/agenda')).json()).toEqual({
      registrationId: me.id,
      starred: ['agenda/session-1'],
    });
    const bad = await me.browser.postJson(`${me.page}/stars`, { sessionId: 'other/session-1', starred: true });
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/calendars/personal/{token}.ics', () => {
  it("holds the person's events across events and the sessions they starred", async () => {
    const first = await registerAndProve('agenda', person('agenda-person'));
    const second = await registerAndProve('agenda-two', person('agenda-person'));
    await first.browser.postForm(`${first.page}/stars`, [
      ['sessionId', 'agenda/session-3'],
      ['starred', 'on'],
    ]);
    const feed = await createCalendarLink(first.browser, first.page);
    expect(await summaries(feed)).toEqual([
      'Fixture agenda [CONFIRMED]',
      'Session 3 [CONFIRMED]',
      'Fixture agenda-two [CONFIRMED]',
    ]);
    const res = await call(feed);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    await second.browser.postForm(`${second.page}/cancel`, [['confirm', 'yes']]);
    expect(await summaries(feed)).toEqual(['Fixture agenda [CONFIRMED]', 'Session 3 [CONFIRMED]']);
  });

  it('is private, answers 304 until something changes, and a reset makes the old URL 404', async () => {
    const me = await registerAndProve('agenda', person('agenda-reset'));
    const feed = await createCalendarLink(me.browser, me.page);
    const first = await call(feed);
    expect(first.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    const etag = first.headers.get('etag')!;
    const unchanged = await call(feed, { headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    // The secret address is never sent on as a referrer, from a 304 either.
    expect(unchanged.headers.get('referrer-policy')).toBe('no-referrer');
    await me.browser.postForm(`${me.page}/stars`, [
      ['sessionId', 'agenda/session-1'],
      ['starred', 'on'],
    ]);
    const changed = await call(feed, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    const fresh = await createCalendarLink(me.browser, me.page);
    expect(fresh).not.toBe(feed);
    expect((await call(feed)).status).toBe(404);
    expect((await call(fresh)).status).toBe(200);
  });
});
