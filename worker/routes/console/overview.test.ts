// The event overview's charts: the right totals for an event under way, and days and hours counted
// in the event's zone across a change of daylight-saving time.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { utcToLocal } from '../../../model/time.ts';
import { formatDay } from '../../../model/time-format.ts';
import { offsetSegments } from '../../console/charts.ts';
import { chartCounts } from '../../db/charts.ts';
import { database } from '../../db/client.ts';
import { appAt, asOrganiser, organiserBrowser, organiserToken, person, rows } from '../../testing/fixtures.ts';

const DAY = 86_400_000;
/** camp-live began two days ago, runs six days, and takes registrations for three more. */
const EVENT = 'camp-live';
const berlinDay = (ms: number) => utcToLocal(ms, 'Europe/Berlin').slice(0, 10);

beforeAll(async () => {
  const now = Date.now();
  const tickets: string[] = [];
  for (const [n, ago] of [
    [1, 0],
    [2, 0],
    [3, 1],
    [4, 3],
  ] as const) {
    const res = await appAt(new Date(now - ago * DAY))(`/api/events/${EVENT}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `203.0.113.${70 + n}` },
      body: JSON.stringify(person(`overview-${n}`)),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    tickets.push((await res.json<{ registration: { ticketCode: string } }>()).registration.ticketCode);
  }
  const door = await organiserToken('Overview door', 'check-in', [EVENT]);
  for (const ticketCode of tickets.slice(0, 3)) {
    const res = await asOrganiser(door, `/api/admin/events/${EVENT}/check-in`, {
      method: 'POST',
      body: JSON.stringify({ ticketCode }),
    });
    expect(res.status).toBe(200);
  }
});

describe('GET /console/events/{eventId}/ charts', () => {
  it('shows registrations per day and check-ins per hour with their totals', async () => {
    const browser = await organiserBrowser('overview-viewer@example.org', 'viewer', [EVENT]);
    const res = await browser.fetch(`/console/events/${EVENT}/`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const today = berlinDay(Date.now());
    const weekAgo = berlinDay(Date.now() - 6 * DAY);
    const long = (day: string) => formatDay(`${day}T00:00`);
    // No opening date: a week at least, from the first registration.
    expect(html).toContain(`4 registrations in the 7 days from ${long(weekAgo)} to ${long(today)}`);
    expect(html).toContain(`; the most, 2, on ${long(today)}.`);
    expect(html).toContain(`3 check-ins on ${long(today)}`);
    expect(html).toContain('<dt>Checked in</dt><dd>3</dd>');
    // Every day of the window has its row in the table, empty days too.
    expect(html.match(/<th scope="row">[^<]*<\/th><td>\d+<\/td>/g)!.length).toBeGreaterThanOrEqual(7);
    expect(html).not.toMatch(/style=/);
  });

  it('says when there is nothing to draw yet', async () => {
    const browser = await organiserBrowser('overview-owner@example.org', 'owner');
    const html = await (
      await browser.fetch('/console/events/not-yet-open/', { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('Registration has not opened yet.');
    expect(html).toContain('Check-ins will show here on the day of the event.');
  });
});

describe('counting by local day', () => {
  it('finds the change of daylight-saving time to the quarter hour', () => {
    // Berlin falls back at 01:00 UTC on 25 October 2026; Lord Howe Island moves by half an hour.
    const berlin = offsetSegments(
      Date.parse('2026-10-24T22:00:00Z'),
      Date.parse('2026-10-26T23:00:00Z'),
      'Europe/Berlin',
    );
    expect(berlin.map((s) => [new Date(s.from).toISOString(), s.offset])).toEqual([
      ['2026-10-24T22:00:00.000Z', 120],
      ['2026-10-25T01:00:00.000Z', 60],
    ]);
    const lordHowe = offsetSegments(
      Date.parse('2026-10-03T00:00:00Z'),
      Date.parse('2026-10-05T00:00:00Z'),
      'Australia/Lord_Howe',
    );
    expect(lordHowe.map((s) => s.offset)).toEqual([630, 660]);
    expect(offsetSegments(0, 30 * DAY, 'Asia/Kolkata')).toEqual([{ from: 0, offset: 330 }]);
  });

  it('puts each registration on its day in the zone, before and after the change', async () => {
    const at = ['2026-10-24T22:30:00.000Z', '2026-10-25T22:30:00.000Z', '2026-10-25T23:30:00.000Z'];
    for (const [i, created] of at.entries())
      await rows(
        `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
           consent_at, created_at, updated_at, checked_in_at)
         VALUES ('dst-check', 'DST', ?, ?, 'confirmed', '{}', ?, ?, ?, ?, ?, ?)`,
        `dst${i}@example.org`,
        `dst${i}@example.org`,
        `DST-${i}`,
        `dst-hash-${i}`,
        created,
        created,
        created,
        created,
      );
    const from = Date.parse('2026-10-23T22:00:00Z');
    const until = Date.parse('2026-10-26T23:00:00Z');
    const window = {
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
      segments: offsetSegments(from, until, 'Europe/Berlin').map((s) => ({
        from: new Date(s.from).toISOString(),
        offset: s.offset,
      })),
    };
    const counts = await chartCounts(database(env.DB), 'dst-check', window, window);
    // 22:30 UTC is 00:30 the next day in summer time (UTC+2), 23:30 the same day in winter time (UTC+1).
    expect(counts.days).toEqual([
      { day: '2026-10-25', n: 2 },
      { day: '2026-10-26', n: 1 },
    ]);
    expect(counts.hours).toEqual([
      { hour: '2026-10-25 00', n: 1 },
      { hour: '2026-10-25 23', n: 1 },
      { hour: '2026-10-26 00', n: 1 },
    ]);
  });
});
