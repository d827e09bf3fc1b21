// The door: who may open it, what the list a phone keeps holds, and the sync of check-ins queued on
// devices: once per nonce, the earliest check-in winning, undos by the device's clock, every change
// audited, and nothing a hostile client sends reaching a 500.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveCheckIn } from '../../../model/door-rule.ts';
import {
  app,
  asOrganiser,
  Browser,
  ORIGIN,
  organiserBrowser,
  organiserToken,
  person,
  postJson,
  rows,
  signedInBrowser,
} from '../../testing/fixtures.ts';

type Door = Awaited<ReturnType<typeof organiserBrowser>>;
type Item = { nonce: string; action: 'check-in' | 'undo'; ticketCode: string; at: string };
type Result = {
  nonce: string;
  outcome: string;
  name?: string;
  checkedInAt?: string | null;
  checkedInBy?: string | null;
  reason?: string;
};

const door = (eventId: string) => `/console/events/${eventId}/door`;

let n = 0;
async function register(eventId: string) {
  const res = await postJson(`/api/events/${eventId}/registrations`, person(`door-${++n}`, { answers: {} }));
  const { registration } = await res.json<{ registration: { id: number; status: string; ticketCode: string } }>();
  return { ...registration, name: `Person door-${n}` };
}

const item = (ticketCode: string, at: string, action: Item['action'] = 'check-in'): Item => ({
  nonce: crypto.randomUUID(),
  action,
  ticketCode,
  at,
});

// Device times within the last hour, fixed once so the same minute is always the same instant.
const base = Math.floor(Date.now() / 1000) * 1000 - 60 * 60_000;
const minutes = (m: number) => new Date(base + m * 60_000).toISOString();

function sync(browser: Door, eventId: string, items: unknown, headers: Record<string, string> = {}) {
  return browser.fetch(`${door(eventId)}/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': browser.csrf, ...headers },
    body: typeof items === 'string' ? items : JSON.stringify({ items }),
  });
}

async function synced(browser: Door, eventId: string, items: Item[]) {
  const res = await sync(browser, eventId, items);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ results: Result[] }>()).results;
}

const state = async (id: number) =>
  (
    await rows<{ checked_in_at: string | null; checked_in_by: string | null }>(
      'SELECT checked_in_at, checked_in_by FROM registrations WHERE id = ?',
      id,
    )
  )[0]!;

/** The trigger-kept count agrees with the rows (migration 0005). */
async function expectCountsHold(eventId: string) {
  const [kept] = await rows<{ n: number }>(
    "SELECT coalesce((SELECT n FROM registration_counts WHERE event_id = ? AND status = 'checked_in'), 0) AS n",
    eventId,
  );
  const [counted] = await rows<{ n: number }>(
    'SELECT count(*) AS n FROM registrations WHERE event_id = ? AND checked_in_at IS NOT NULL',
    eventId,
  );
  expect(kept!.n).toBe(counted!.n);
}

// Two doors, signed in one after the other (each reads its sign-in link from the mailbox).
let doors: [Door, Door];
beforeAll(async () => {
  doors = [
    await organiserBrowser('door-volunteer@example.org', 'check-in', ['crowded', 'admin-camp', 'promotions']),
    await organiserBrowser('door-second@example.org', 'check-in', ['crowded']),
  ];
});
const volunteer = async () => doors[0];
const second = async () => doors[1];

describe('GET /console/events/{eventId}/door', () => {
  it('opens for the check-in role with the camera allowed on this page alone', async () => {
    const browser = await volunteer();
    const res = await browser.fetch(door('crowded'), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('<script type="module" src="/scripts/console/door.js"></script>');
    expect(html).toContain('<noscript>');
    expect(html).toContain(`data-sync="${door('crowded')}/sync"`);
    const overview = await browser.fetch('/console/events/crowded/', { headers: { accept: 'text/html' } });
    expect(overview.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('is refused to a viewer, and to a scoped role on another event', async () => {
    const viewer = await organiserBrowser('door-viewer@example.org', 'viewer');
    const refused = await viewer.fetch(door('crowded'), { headers: { accept: 'text/html' } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('A viewer cannot check people in.');
    const other = await (await volunteer()).fetch(door('outbox'), { headers: { accept: 'text/html' } });
    expect(other.status).toBe(403);
  });

  it('finds people and checks them in without JavaScript', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const found = await (await browser.fetch(`${door('crowded')}?q=${encodeURIComponent(r.name)}`)).text();
    expect(found).toContain(r.ticketCode);
    expect(found).toContain('not checked in yet');
    const res = await browser.postForm(`${door('crowded')}/check-in`, [
      ['csrf', browser.csrf],
      ['code', r.ticketCode.toLowerCase()],
    ]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('door-answer door-ok');
    expect(html).toContain(r.name);
    const again = await (
      await browser.postForm(`${door('crowded')}/check-in`, [
        ['csrf', browser.csrf],
        ['code', r.ticketCode],
      ])
    ).text();
    expect(again).toContain('Already checked in');
    expect(again).toContain('by door-volunteer@example.org');
  });
});

describe('GET /console/events/{eventId}/door/list', () => {
  it('holds check-in data only: codes, names, status and check-ins', async () => {
    const r = await register('crowded');
    const res = await (await volunteer()).fetch(`${door('crowded')}/list`);
    expect(res.status).toBe(200);
    const list = await res.json<{ full: boolean; tickets: Record<string, unknown>[]; admits: string[] }>();
    expect(list.full).toBe(true);
    expect(list.admits).toEqual(['confirmed']);
    const mine = list.tickets.find((t) => t.code === r.ticketCode)!;
    expect(Object.keys(mine).sort()).toEqual(['checkedInAt', 'checkedInBy', 'code', 'name', 'status']);
    expect(JSON.stringify(list)).not.toMatch(/persondoor-\d+@example\.org/);
  });

  it('answers what changed since a time, and refuses a malformed one', async () => {
    const browser = await volunteer();
    const { now } = await (await browser.fetch(`${door('crowded')}/list`)).json<{ now: string }>();
    const r = await register('crowded');
    const changes = await (await browser.fetch(`${door('crowded')}/list?since=${encodeURIComponent(now)}`)).json<{
      full: boolean;
      tickets: { code: string }[];
    }>();
    expect(changes.full).toBe(false);
    expect(changes.tickets.map((t) => t.code)).toEqual([r.ticketCode]);
    const bad = await browser.fetch(`${door('crowded')}/list?since=yesterday`);
    expect(bad.status).toBe(400);
  });

  it.each([
    ['owner', null, 200],
    ['manager', null, 200],
    ['check-in', ['crowded'], 200],
    ['viewer', null, 403],
    ['check-in', ['outbox'], 403],
    ['manager', ['outbox'], 403],
  ] as const)('answers a %s scoped to %j with %i', async (role, scope, status) => {
    const browser = await organiserBrowser(
      `door-${role}-${scope ?? 'all'}@example.org`,
      role,
      scope ? [...scope] : null,
    );
    const res = await browser.fetch(`${door('crowded')}/list`);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sends someone not signed in to sign in, and refuses a person without a role', async () => {
    const res = await new Browser().fetch(`${door('crowded')}/list`);
    expect(res.status).toBe(303);
    const stranger = await signedInBrowser('door-stranger@example.org');
    expect((await stranger.fetch(`${door('crowded')}/list`)).status).toBe(403);
  });
});

describe('POST /console/events/{eventId}/door/sync', () => {
  it('checks in once per nonce, however often the device sends it', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const it1 = item(r.ticketCode, minutes(1));
    const [first] = await synced(browser, 'crowded', [it1]);
    expect(first).toMatchObject({ outcome: 'checked-in', name: r.name, checkedInAt: it1.at });
    expect(first!.checkedInBy).toBe('door-volunteer@example.org');
    const [again] = await synced(browser, 'crowded', [it1]);
    expect(again).toEqual(first);
    expect(await rows('SELECT * FROM check_ins WHERE nonce = ?', it1.nonce)).toHaveLength(1);
    const audit = await rows<{ actor: string; action: string }>(
      'SELECT actor, action FROM audit_log WHERE registration_id = ?',
      r.id,
    );
    expect(audit).toEqual([{ actor: 'door-volunteer@example.org', action: 'check-in' }]);
    await expectCountsHold('crowded');
  });

  it('records a nonce once when 20 devices send it at the same moment', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const [before] = await rows<{ n: number }>(
      "SELECT coalesce((SELECT n FROM registration_counts WHERE event_id = 'crowded' AND status = 'checked_in'), 0) AS n",
    );
    const one = item(r.ticketCode, minutes(2));
    const answers = await Promise.all(Array.from({ length: 20 }, () => sync(browser, 'crowded', [one])));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(await rows('SELECT * FROM check_ins WHERE nonce = ?', one.nonce)).toHaveLength(1);
    expect(await rows('SELECT * FROM audit_log WHERE registration_id = ?', r.id)).toHaveLength(1);
    const [after] = await rows<{ n: number }>(
      "SELECT n FROM registration_counts WHERE event_id = 'crowded' AND status = 'checked_in'",
    );
    expect(after!.n).toBe(before!.n + 1);
    await expectCountsHold('crowded');
  });

  it('keeps the earliest check-in when two doors check one ticket in', async () => {
    const [a, b] = [await volunteer(), await second()];
    const r = await register('crowded');
    await synced(a, 'crowded', [item(r.ticketCode, minutes(10))]);
    // The second door was offline and checked the same ticket in earlier; it syncs later.
    const [late] = await synced(b, 'crowded', [item(r.ticketCode, minutes(8))]);
    expect(late).toMatchObject({
      alreadyCheckedIn: false,
      outcome: 'checked-in',
      checkedInAt: minutes(8),
      checkedInBy: 'door-second@example.org',
    });
    // A third, later check-in changes nothing, and says someone came in with this ticket before.
    const [third] = await synced(a, 'crowded', [item(r.ticketCode, minutes(12))]);
    expect(third).toMatchObject({ outcome: 'checked-in', alreadyCheckedIn: true, checkedInAt: minutes(8) });
    expect(await state(r.id)).toEqual({ checked_in_at: minutes(8), checked_in_by: 'door-second@example.org' });
    expect(await rows('SELECT * FROM check_ins WHERE registration_id = ?', r.id)).toHaveLength(3);
    await expectCountsHold('crowded');
  });

  it('undoes the check-ins made before the undo, never one made after it', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    await synced(browser, 'crowded', [item(r.ticketCode, minutes(20))]);
    const [undone] = await synced(browser, 'crowded', [item(r.ticketCode, minutes(21), 'undo')]);
    expect(undone).toMatchObject({ outcome: 'undone', checkedInAt: null });
    await expectCountsHold('crowded');
    // An offline door's check-in from before the undo arrives late: the undo still stands.
    await synced(browser, 'crowded', [item(r.ticketCode, minutes(20.5))]);
    expect((await state(r.id)).checked_in_at).toBeNull();
    // One made after the undo (the person came back) counts.
    await synced(browser, 'crowded', [item(r.ticketCode, minutes(23))]);
    expect((await state(r.id)).checked_in_at).toBe(minutes(23));
    const actions = await rows<{ action: string }>(
      'SELECT action FROM audit_log WHERE registration_id = ? ORDER BY id',
      r.id,
    );
    expect(actions.map((a) => a.action)).toEqual(['check-in', 'check-in.undo', 'check-in', 'check-in']);
    await expectCountsHold('crowded');
  });

  it('undoes a check-in made through the organiser API, which keeps working beside the door', async () => {
    const browser = await volunteer();
    const token = await organiserToken('door script', 'check-in', ['crowded']);
    const r = await register('crowded');
    const api = await asOrganiser(token, '/api/admin/events/crowded/check-in', {
      method: 'POST',
      body: JSON.stringify({ ticketCode: r.ticketCode }),
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({
      alreadyCheckedIn: false,
      checkedInBy: expect.stringMatching(/^token #\d+ \(door script\)$/),
    });
    const [undone] = await synced(browser, 'crowded', [
      item(r.ticketCode, new Date(Date.now() + 60_000).toISOString(), 'undo'),
    ]);
    expect(undone).toMatchObject({ outcome: 'undone', checkedInAt: null });
    await expectCountsHold('crowded');
  });

  it('dates a device whose clock runs ahead at the server time', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const [result] = await synced(browser, 'crowded', [item(r.ticketCode, '2099-01-01T00:00:00.000Z')]);
    expect(Date.parse(result!.checkedInAt!)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses registrations that may not pass the door, with the reason, and records nothing', async () => {
    const browser = await volunteer();
    const pending = await register('admin-camp');
    expect(pending.status).toBe('pending');
    const full = await Promise.all([1, 2, 3, 4].map(() => register('promotions')));
    const waitlisted = full.find((r) => r.status === 'waitlisted')!;
    const cancelled = await register('crowded');
    const token = await organiserToken('door canceller', 'owner');
    await asOrganiser(token, `/api/admin/events/crowded/registrations/${cancelled.id}/cancel`, {
      method: 'POST',
      body: '{}',
    });
    const [p] = await synced(browser, 'admin-camp', [item(pending.ticketCode, minutes(30))]);
    expect(p).toMatchObject({ outcome: 'refused', reason: 'This application has not been accepted yet.' });
    const [w] = await synced(browser, 'promotions', [item(waitlisted.ticketCode, minutes(30))]);
    expect(w).toMatchObject({ outcome: 'refused', reason: 'This person is on the waitlist, without a place.' });
    const [c] = await synced(browser, 'crowded', [item(cancelled.ticketCode, minutes(30))]);
    expect(c).toMatchObject({ outcome: 'refused', reason: 'This registration was cancelled.' });
    for (const r of [pending, waitlisted, cancelled])
      expect(await rows('SELECT * FROM check_ins WHERE registration_id = ?', r.id)).toEqual([]);
  });

  it('tells a ticket of another event, or no ticket, without naming anyone', async () => {
    const browser = await volunteer();
    const elsewhere = await register('outbox');
    const [wrong, unknown] = await synced(browser, 'crowded', [
      item(elsewhere.ticketCode, minutes(40)),
      item('ZZZZ-ZZZZ-ZZ', minutes(40)),
    ]);
    expect(wrong).toEqual({
      nonce: wrong!.nonce,
      ticketCode: elsewhere.ticketCode,
      outcome: 'wrong-event',
      reason: 'This ticket is for another event.',
    });
    expect(unknown).toMatchObject({ outcome: 'unknown' });
    expect(await rows('SELECT * FROM check_ins WHERE registration_id = ?', elsewhere.id)).toEqual([]);
  });

  it('syncs a full batch in one request and refuses a larger one', async () => {
    const browser = await volunteer();
    const people = await Promise.all(Array.from({ length: 5 }, () => register('crowded')));
    const items = Array.from({ length: 100 }, (_, i) => item(people[i % 5]!.ticketCode, minutes(50 + i / 10)));
    const results = await synced(browser, 'crowded', items);
    expect(results.filter((r) => r.outcome === 'checked-in')).toHaveLength(100);
    for (const p of people) expect((await state(p.id)).checked_in_at).not.toBeNull();
    const tooMany = await sync(browser, 'crowded', [...items, item(people[0]!.ticketCode, minutes(60))]);
    expect(tooMany.status).toBe(400);
    await expectCountsHold('crowded');
  });

  it('makes the same few D1 queries for one item as for a full batch', async () => {
    const volunteerDoor = await volunteer();
    let prepared = 0;
    const count = <T extends D1Database | D1DatabaseSession>(d1: T) =>
      new Proxy(d1, {
        get(target, prop) {
          if (prop === 'prepare')
            return (q: string) => {
              prepared++;
              return target.prepare(q);
            };
          if (prop === 'withSession')
            return (constraint: D1SessionConstraint) => count((target as D1Database).withSession(constraint));
          const value = Reflect.get(target, prop);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const DB = count(env.DB);
    const counted = new Browser(async (path, init) => {
      const ctx = createExecutionContext();
      const res = await app.request(`${ORIGIN}${path}`, init, { ...env, DB }, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    });
    for (const [k, v] of volunteerDoor.cookies) counted.cookies.set(k, v);
    const asVolunteer = Object.assign(counted, { csrf: volunteerDoor.csrf });
    const people = await Promise.all(Array.from({ length: 4 }, () => register('crowded')));
    const queriesFor = async (items: Item[]) => {
      prepared = 0;
      await synced(asVolunteer, 'crowded', items);
      return prepared;
    };
    const one = await queriesFor([item(people[0]!.ticketCode, minutes(3))]);
    const full = await queriesFor(Array.from({ length: 100 }, (_, i) => item(people[i % 4]!.ticketCode, minutes(4))));
    expect(full).toBe(one);
    expect(full).toBeLessThanOrEqual(10);
  });

  it('refuses a request without the session token, or from another site', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const one = [item(r.ticketCode, minutes(5))];
    const noToken = await browser.fetch(`${door('crowded')}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: one }),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await sync(browser, 'crowded', one, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'cross_site_request' });
    const viewer = await organiserBrowser('door-sync-viewer@example.org', 'viewer');
    expect((await sync(viewer, 'crowded', one)).status).toBe(403);
    expect((await state(r.id)).checked_in_at).toBeNull();
  });

  it('answers malformed and hostile bodies with a 4xx problem', async () => {
    const browser = await volunteer();
    const r = await register('crowded');
    const dup = item(r.ticketCode, minutes(1));
    const bodies: unknown[] = [
      '{"items": [',
      'null',
      '[]',
      { items: [] },
      { items: [{ ...dup, nonce: 'not-a-uuid' }] },
      { items: [{ ...dup, action: 'delete' }] },
      { items: [{ ...dup, at: 'yesterday' }] },
      { items: [{ ...dup, extra: 1 }] },
      { items: [dup, dup] },
      { items: [{ ...dup, ticketCode: "'; DROP TABLE check_ins; --".padEnd(41, 'x') }] },
      `{"items": ${JSON.stringify([dup])}, "__proto__": {"admin": true}}`,
    ];
    for (const body of bodies) {
      const res = await sync(browser, 'crowded', typeof body === 'string' ? body : JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const form = await browser.fetch(`${door('crowded')}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': browser.csrf },
      body: 'items=1',
    });
    expect(form.status).toBe(415);
    const huge = await sync(browser, 'crowded', JSON.stringify({ items: [], pad: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const res = await sync(browser, 'crowded', JSON.stringify(value));
        return res.status >= 400 && res.status < 500;
      }),
      { numRuns: 40 },
    );
    expect(await rows('SELECT * FROM check_ins WHERE registration_id = ?', r.id)).toEqual([]);
  });

  it('agrees with the door rule for any order of check-ins and undos, however they are batched', async () => {
    const [a, b] = [await volunteer(), await second()];
    const action = fc.record({
      action: fc.constantFrom('check-in' as const, 'undo' as const),
      minute: fc.integer({ min: 0, max: 30 }),
      door: fc.constantFrom(0, 1),
      cut: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (actions) => {
        const r = await register('crowded');
        const doors = [
          { browser: a, name: 'door-volunteer@example.org' },
          { browser: b, name: 'door-second@example.org' },
        ];
        const sent: { action: Item['action']; at: string; by: string }[] = [];
        let batch: Item[] = [];
        for (const [i, x] of actions.entries()) {
          batch.push(item(r.ticketCode, minutes(x.minute), x.action));
          if (x.cut || i === actions.length - 1) {
            // A batch is one device's queue: it goes from one door.
            const from = doors[x.door]!;
            await synced(from.browser, 'crowded', batch);
            sent.push(...batch.map((q) => ({ action: q.action, at: q.at, by: from.name })));
            batch = [];
          }
        }
        const expected = resolveCheckIn(null, sent);
        const got = await state(r.id);
        return got.checked_in_at === (expected?.at ?? null) && got.checked_in_by === (expected?.by ?? null);
      }),
      { numRuns: 25 },
    );
    await expectCountsHold('crowded');
  });
});
