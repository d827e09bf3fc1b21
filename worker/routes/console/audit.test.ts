// The audit log page: filters, pages, who sees which entries, and input that is not right.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { asOrganiser, organiserBrowser, organiserToken, rows } from '../../testing/fixtures.ts';

type OrganiserBrowser = Awaited<ReturnType<typeof organiserBrowser>>;
let owner: OrganiserBrowser;

/** 130 entries: two actors, two events and none, three days of November 2026, one registration. */
beforeAll(async () => {
  owner = await organiserBrowser('audit-owner@example.org', 'owner');
  await rows(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 130)
     INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
     SELECT '2026-11-0' || (1 + i % 3) || 'T1' || (i % 10) || ':00:00.000Z',
       CASE WHEN i % 2 = 0 THEN 'Priya@Example.org' ELSE 'board token' END,
       CASE WHEN i % 5 = 0 THEN 'registration.approve' ELSE 'registrations.list' END,
       CASE i % 3 WHEN 0 THEN 'admin' WHEN 1 THEN 'open-event' ELSE NULL END,
       CASE WHEN i = 42 THEN 7001 END,
       json_object('n', i)
     FROM n`,
  );
});

const page = async (browser: OrganiserBrowser, query = '') => {
  const res = await browser.fetch(`/console/audit${query}`, { headers: { accept: 'text/html' } });
  const html = await res.text();
  const numbers = [...html.matchAll(/<td>n: (\d+)<\/td>/g)].map((m) => Number(m[1]));
  const older = html.match(/href="(\/console\/audit\?[^"]*before=\d+)"/)?.[1]?.replace(/&amp;/g, '&');
  return { res, html, numbers, older };
};

/** The numbers (detail n) of the inserted entries a filter should show, newest first. */
const expected = (keep: (i: number) => boolean) => Array.from({ length: 130 }, (_, k) => 130 - k).filter(keep);

describe('GET /console/audit', () => {
  it('shows the newest entries first, 50 a page, and older pages by link', async () => {
    const first = await page(owner, '?action=registrations.list');
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('cache-control')).toBe('private, no-store');
    const all = expected((i) => i % 5 !== 0);
    expect(first.numbers).toEqual(all.slice(0, 50));
    const second = await page(owner, first.older!.replace('/console/audit', ''));
    expect(second.numbers).toEqual(all.slice(50, 100));
    expect(second.html).toContain('Newest entries');
    const third = await page(owner, second.older!.replace('/console/audit', ''));
    expect(third.numbers).toEqual(all.slice(100));
    expect(third.older).toBeUndefined();
  });

  it('filters by event, actor (any case, part of it), action, days and registration', async () => {
    expect((await page(owner, '?eventId=admin&action=registration.approve')).numbers).toEqual(
      expected((i) => i % 3 === 0 && i % 5 === 0),
    );
    expect((await page(owner, '?actor=priya@EXAMPLE&action=registration.approve')).numbers).toEqual(
      expected((i) => i % 2 === 0 && i % 5 === 0),
    );
    // From 2 November to 2 November: the whole day, in UTC.
    const day = await page(owner, '?from=2026-11-02&to=2026-11-02&eventId=open-event');
    expect(day.numbers).toEqual(expected((i) => 1 + (i % 3) === 2 && i % 3 === 1));
    expect((await page(owner, '?registrationId=7001')).numbers).toEqual([42]);
    const none = await page(owner, '?actor=nobody-at-all');
    expect(none.numbers).toEqual([]);
    expect(none.html).toContain('No entries match.');
  });

  it('keeps the filters in the link to older entries', async () => {
    const first = await page(owner, '?actor=board');
    expect(first.older).toMatch(/^\/console\/audit\?actor=board&before=\d+$/);
  });

  it("shows a role scoped to events only those events' entries", async () => {
    const scoped = await organiserBrowser('audit-scoped@example.org', 'viewer', ['admin']);
    const own = await page(scoped, '?action=registrations.list');
    expect(own.numbers).toEqual(expected((i) => i % 3 === 0 && i % 5 !== 0).slice(0, 50));
    const other = await page(scoped, '?eventId=open-event');
    expect(other.res.status).toBe(403);
    expect(other.html).toContain('Not scoped to event');
  });

  it('is closed to the check-in role', async () => {
    const door = await organiserBrowser('audit-door@example.org', 'check-in');
    const res = await door.fetch('/console/audit', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('A check-in cannot read the audit log');
  });

  it('says which filter is wrong, and keeps what was typed', async () => {
    const { res, html } = await page(owner, '?from=2026-13-45&to=2026-11-01&registrationId=abc&action=a%20b');
    expect(res.status).toBe(400);
    expect(html).toContain('Give a date as YYYY-MM-DD.');
    expect(html).toContain('A registration is a whole number.');
    expect(html).toContain('An action is like');
    expect(html).toContain('value="2026-13-45"');
    expect(html).toContain('aria-invalid="true"');
    const backwards = await page(owner, '?from=2026-11-03&to=2026-11-01');
    expect(backwards.res.status).toBe(400);
    expect(backwards.html).toContain('The end date is before the start.');
  });

  it('never fails on any input', async () => {
    const names = fc.constantFrom('eventId', 'actor', 'action', 'registrationId', 'from', 'to', 'before', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, fc.string({ maxLength: 40 })), { maxLength: 5 }), async (params) => {
        const res = await owner.fetch(`/console/audit?${new URLSearchParams(params)}`, {
          headers: { accept: 'text/html' },
        });
        expect([200, 400, 403]).toContain(res.status);
      }),
      { numRuns: 40 },
    );
  });
});

describe('GET /api/admin/audit', () => {
  it('takes the same filters', async () => {
    const token = await organiserToken('Audit reader', 'viewer');
    const res = await asOrganiser(token, '/api/admin/audit?registrationId=7001');
    expect(res.status).toBe(200);
    const body = await res.json<{ entries: { detail: { n: number } }[]; nextBefore: number | null }>();
    expect(body.entries.map((e) => e.detail.n)).toEqual([42]);
    expect(body.nextBefore).toBeNull();
    const bad = await asOrganiser(token, '/api/admin/audit?to=yesterday');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'to', message: 'Give a date as YYYY-MM-DD.' }] });
  });

  it("gives a role scoped to events those events' entries, without naming one", async () => {
    const token = await organiserToken('Audit scoped', 'manager', ['open-event']);
    const res = await asOrganiser(token, '/api/admin/audit?limit=200&action=registration.approve');
    const body = await res.json<{ entries: { eventId: string | null }[] }>();
    expect(body.entries.length).toBeGreaterThan(0);
    expect(new Set(body.entries.map((e) => e.eventId))).toEqual(new Set(['open-event']));
  });
});
