// Event changes reach people: each deployed change of an event (cancelled, set on again, postponed,
// given a new date, its programme changed) is announced by the cron exactly once, with one message
// per person, whatever the number of runs or isolates. Content is built again as a deploy would
// build it (worker/testing/deploys.ts), so the programme history is the build's own.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent, CatalogueSession } from '../../model/catalogue.ts';
import { contentHistory, moved } from '../testing/deploys.ts';
import {
  Browser,
  type Caller,
  fixtureEvent,
  freshAddress,
  lastMessageTo,
  organiserToken,
  person,
  rows,
} from '../testing/fixtures.ts';
import { deliveriesAfter, EVENTS_PER_RUN } from './announce.ts';
import { deliverDue } from './delivery.ts';

type Held = { id: number; email: string; status: string; ticketCode: string; browser: Browser; page: string };

/** Registers through an app, in a browser that keeps the registration (by the answer's link). */
async function register(app: Caller, eventId: string, n: string): Promise<Held> {
  const who = person(n);
  const res = await app(`/api/events/${eventId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress() },
    body: JSON.stringify(who),
  });
  const { registration } = await res.json<{
    registration: { id: number; status: string; ticketCode: string; manageUrl: string };
  }>();
  const browser = new Browser(app);
  await browser.open(registration.manageUrl);
  return { ...registration, email: who.email, browser, page: `/manage/${registration.id}` };
}

/** The same browser (its cookies) talking to another build of the site. */
function on(app: Caller, browser: Browser): Browser {
  const moved = new Browser(app);
  for (const [k, v] of browser.cookies) moved.cookies.set(k, v);
  return moved;
}

const organiser = (app: Caller, token: string, path: string, init: RequestInit = {}) =>
  app(`/api/admin${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });

const statusOf = async (id: number) =>
  (
    await rows<{ status: string; status_before: string | null }>(
      'SELECT status, status_before FROM registrations WHERE id = ?',
      id,
    )
  )[0]!;

const messages = (eventId: string, kind: string) =>
  rows<{ registration_id: number; body: string; subject: string; params: string | null }>(
    'SELECT registration_id, body, subject, params FROM outbox WHERE event_id = ? AND kind = ? ORDER BY registration_id',
    eventId,
    kind,
  );

const counts = async (eventId: string) =>
  Object.fromEntries(
    (
      await rows<{ status: string; n: number }>(
        'SELECT status, n FROM registration_counts WHERE event_id = ? AND n <> 0',
        eventId,
      )
    ).map((r) => [r.status, r.n]),
  );

/** Sessions an hour apart from the event's start, in Hall. */
function talks(e: CatalogueEvent, n: number): CatalogueSession[] {
  return Array.from({ length: n }, (_, i) => {
    const start = Date.parse(e.startUtc) + i * 3_600_000;
    const local = (ms: number) => new Date(ms + (Date.parse(`${e.start}Z`) - Date.parse(e.startUtc))).toISOString();
    return {
      id: `${e.id}/talk-${i + 1}`,
      title: `Talk ${i + 1}`,
      start: local(start).slice(0, 19),
      end: local(start + 45 * 60_000).slice(0, 19),
      startUtc: new Date(start).toISOString(),
      endUtc: new Date(start + 45 * 60_000).toISOString(),
      room: 'Hall',
      kind: 'talk',
      status: 'scheduled',
      speakers: [],
      abstract: 'About things.',
      revision: { hash: `${e.id}-${i}`, sequence: 0, modified: e.revision.modified },
    };
  });
}

const withTalks = (id: string, n: number, o: Parameters<typeof fixtureEvent>[1] = {}) => {
  const e = fixtureEvent(id, { capacity: 20, ...o });
  return { ...e, sessions: talks(e, n) };
};

describe('an event cancelled, then set on again', () => {
  it('sets every active registration aside with one message each, holds the places, and restores them', async () => {
    const h = contentHistory([fixtureEvent('called-off', { capacity: 2 })]);
    const a = await register(h.first.app, 'called-off', 'off-a');
    const b = await register(h.first.app, 'called-off', 'off-b');
    const c = await register(h.first.app, 'called-off', 'off-c');
    const d = await register(h.first.app, 'called-off', 'off-d');
    expect([a.status, b.status, c.status, d.status]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    await d.browser.postForm(`${d.page}/cancel`, []);

    const off = h.build({ 'called-off': { status: 'cancelled', cancellation: 'The roof leaks.' } });
    expect((await off.announce()).announced).toEqual([{ eventId: 'called-off', sequence: 1, kind: 'event-cancelled' }]);
    expect(await statusOf(a.id)).toEqual({ status: 'event_cancelled', status_before: 'confirmed' });
    expect(await statusOf(c.id)).toEqual({ status: 'event_cancelled', status_before: 'waitlisted' });
    expect((await statusOf(d.id)).status).toBe('cancelled');
    const told = await messages('called-off', 'event-cancelled');
    expect(told.map((m) => m.registration_id)).toEqual([a.id, b.id, c.id]);
    expect(told.every((m) => JSON.parse(m.params!).note === 'The roof leaks.')).toBe(true);
    expect(await counts('called-off')).toEqual({ event_cancelled: 3, held: 2, cancelled: 1 });

    // Later runs of the same deploy: nothing more.
    expect((await off.announce()).announced).toEqual([]);
    expect((await off.announce()).announced).toEqual([]);
    expect(await messages('called-off', 'event-cancelled')).toHaveLength(3);

    await deliverDue({ env, content: off.content }, { registrationId: a.id });
    const { message } = lastMessageTo(a.email);
    expect(message?.subject).toBe('Cancelled: Fixture called-off');
    expect(message?.text).toContain('The roof leaks.');
    expect(message?.text).toContain('There is nothing you need to do');

    const page = await (await on(off.app, a.browser).fetch(a.page)).text();
    expect(page).toContain('This event is cancelled.');
    expect(page).toContain('The roof leaks.');
    expect(page).toContain('Your registration ended with the event.');
    expect(page).not.toContain('Cancel my registration');
    expect(page).not.toContain('Ticket for');

    // Set on again: a new registration in the meantime finds the two places still held.
    const again = h.build({});
    const e = await register(again.app, 'called-off', 'off-e');
    expect(e.status).toBe('waitlisted');
    expect((await again.announce()).announced).toEqual([
      { eventId: 'called-off', sequence: 2, kind: 'event-restored' },
    ]);
    expect(await statusOf(a.id)).toEqual({ status: 'confirmed', status_before: null });
    expect(await statusOf(b.id)).toEqual({ status: 'confirmed', status_before: null });
    expect(await statusOf(c.id)).toEqual({ status: 'waitlisted', status_before: null });
    expect((await messages('called-off', 'event-restored')).map((m) => m.registration_id)).toEqual([a.id, b.id, c.id]);
    expect(await counts('called-off')).toEqual({ confirmed: 2, waitlisted: 2, cancelled: 1 });
    // The line is as it was: the person who waited before the cancellation is still first.
    const line = await rows<{ id: number }>(
      "SELECT id FROM registrations WHERE event_id = 'called-off' AND status = 'waitlisted' ORDER BY waitlisted_at, id",
    );
    expect(line.map((r) => r.id)).toEqual([c.id, e.id]);
  });

  it('refuses promotions, check-in and the meeting plan with a reason naming the event', async () => {
    const h = contentHistory([fixtureEvent('called-off-door', { capacity: 1 })]);
    const a = await register(h.first.app, 'called-off-door', 'door-a');
    const b = await register(h.first.app, 'called-off-door', 'door-b');
    const off = h.build({ 'called-off-door': { status: 'cancelled' } });
    await off.announce();
    const token = await organiserToken('Door', 'manager');
    const refusals = [
      await organiser(off.app, token, `/events/called-off-door/registrations/${b.id}/promote`, { method: 'POST' }),
      await organiser(off.app, token, '/events/called-off-door/check-in', {
        method: 'POST',
        body: JSON.stringify({ ticketCode: a.ticketCode }),
      }),
      await organiser(off.app, token, '/events/called-off-door/meetings/plan'),
      await organiser(off.app, token, '/events/called-off-door/meetings', {
        method: 'PUT',
        body: JSON.stringify({ fingerprint: 'x', meetings: [] }),
      }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(409);
      const problem = await res.json<{ code: string; detail: string }>();
      expect(problem.code).toBe('event_cancelled');
      expect(problem.detail).toMatch(/^Fixture called-off-door is cancelled, so /);
    }
  });
});

describe('the moments between a deploy and the cron', () => {
  it('already refuse decisions, promotions and the door, and a cancellation promotes nobody', async () => {
    const h = contentHistory([
      fixtureEvent('gap-camp', { kind: 'camp', registration: { mode: 'application' } }),
      fixtureEvent('gap-open', { capacity: 1 }),
    ]);
    const applicant = await register(h.first.app, 'gap-camp', 'gap-p');
    const held = await register(h.first.app, 'gap-open', 'gap-x');
    const waiting = await register(h.first.app, 'gap-open', 'gap-y');
    const off = h.build({ 'gap-camp': { status: 'cancelled' }, 'gap-open': { status: 'cancelled' } });
    const token = await organiserToken('Gap', 'manager');
    for (const action of ['approve', 'decline']) {
      const res = await organiser(off.app, token, `/events/gap-camp/registrations/${applicant.id}/${action}`, {
        method: 'POST',
      });
      expect(res.status).toBe(409);
      expect((await res.json<{ detail: string }>()).detail).toBe(
        `Fixture gap-camp is cancelled, so applications cannot be ${action}d.`,
      );
    }
    const bulk = await organiser(off.app, token, '/events/gap-camp/registrations/bulk', {
      method: 'POST',
      body: JSON.stringify({ action: 'approve', ids: [applicant.id] }),
    });
    expect(bulk.status).toBe(409);
    expect((await bulk.json<{ code: string }>()).code).toBe('event_cancelled');
    expect((await statusOf(applicant.id)).status).toBe('pending');
    const checkIn = await organiser(off.app, token, '/events/gap-open/check-in', {
      method: 'POST',
      body: JSON.stringify({ ticketCode: held.ticketCode }),
    });
    expect((await checkIn.json<{ code: string }>()).code).toBe('event_cancelled');
    // Answers and stars wait too; leaving does not.
    const page = await (await on(off.app, held.browser).fetch(held.page)).text();
    expect(page).toContain('This event is cancelled.');
    await on(off.app, held.browser).postForm(`${held.page}/cancel`, []);
    expect((await statusOf(held.id)).status).toBe('cancelled');
    expect((await statusOf(waiting.id)).status).toBe('waitlisted');
    expect(await messages('gap-open', 'promoted')).toEqual([]);
  });
});

describe('an event postponed, then given a new date', () => {
  it('tells people once that they keep their place, then once the new date, and "I can’t make it" frees the place', async () => {
    const original = fixtureEvent('moved-on', { capacity: 1 });
    const h = contentHistory([original]);
    const a = await register(h.first.app, 'moved-on', 'moved-a');
    const b = await register(h.first.app, 'moved-on', 'moved-b');
    expect([a.status, b.status]).toEqual(['confirmed', 'waitlisted']);

    const postponed = h.build({ 'moved-on': { status: 'postponed' } });
    expect((await postponed.announce()).announced.map((x) => x.kind)).toEqual(['event-postponed']);
    expect((await postponed.announce()).announced).toEqual([]);
    expect((await messages('moved-on', 'event-postponed')).map((m) => m.registration_id)).toEqual([a.id, b.id]);
    expect((await statusOf(a.id)).status).toBe('confirmed');
    expect((await statusOf(b.id)).status).toBe('waitlisted');
    const waiting = await (await on(postponed.app, a.browser).fetch(a.page)).text();
    expect(waiting).toContain('This event is postponed. You keep your registration');
    expect(waiting).not.toContain('the new date</a>');

    const later = h.build({ 'moved-on': { ...moved(original, 24 * 14), status: 'scheduled' } });
    expect((await later.announce()).announced.map((x) => x.kind)).toEqual(['event-rescheduled']);
    expect((await later.announce()).announced).toEqual([]);
    expect((await messages('moved-on', 'event-rescheduled')).map((m) => m.registration_id)).toEqual([a.id, b.id]);

    // The message's link leads to the manage page, where the button is.
    await deliverDue({ env, content: later.content }, { registrationId: a.id });
    const { message, link } = lastMessageTo(a.email);
    expect(message?.subject).toBe('New date: Fixture moved-on');
    expect(message?.text).toMatch(/\/manage\/m_[A-Za-z0-9_-]{43}#new-date/);
    const browser = new Browser(later.app);
    const page = await (await browser.open(link!)).text();
    expect(page).toContain('New date:');
    expect(page).toContain(`href="${a.page}/new-date"`);
    const confirm = await browser.fetch(`${a.page}/new-date`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Your place goes to the next person on the waitlist at once.');
    expect((await statusOf(a.id)).status).toBe('confirmed');
    const done = await browser.postForm(`${a.page}/new-date`, []);
    expect(done.headers.get('location')).toBe(`${a.page}?done=cancelled`);
    expect((await statusOf(a.id)).status).toBe('cancelled');
    expect((await statusOf(b.id)).status).toBe('confirmed');
    expect(await messages('moved-on', 'promoted')).toHaveLength(1);
    // Done once: the page and the button are gone for a registration that no longer holds a place.
    expect((await browser.fetch(`${a.page}/new-date`)).headers.get('location')).toBe(a.page);
  });

  it('has no "new date" page for an event that was never postponed', async () => {
    const h = contentHistory([fixtureEvent('never-moved')]);
    const a = await register(h.first.app, 'never-moved', 'never-a');
    const res = await a.browser.fetch(`${a.page}/new-date`);
    expect(res.status).toBe(303);
    await a.browser.postForm(`${a.page}/new-date`, []);
    expect((await statusOf(a.id)).status).toBe('confirmed');
  });
});

describe('programme digests', () => {
  it('sends one digest per person for two edits in one deploy, their starred sessions first', async () => {
    const original = withTalks('agenda-change', 3);
    const h = contentHistory([original]);
    const fan = await register(h.first.app, 'agenda-change', 'digest-fan');
    const other = await register(h.first.app, 'agenda-change', 'digest-other');
    await fan.browser.postForm(`${fan.page}/stars`, [
      ['sessionId', 'agenda-change/talk-3'],
      ['starred', 'on'],
    ]);
    const [one, two, three] = original.sessions;
    const later = moved({ ...original, sessions: [one!] }, 2).sessions![0]!;
    const deploy = h.build({
      'agenda-change': { sessions: [later, two!, { ...three!, room: 'Room B' }] },
    });
    expect((await deploy.announce()).announced.map((x) => x.kind)).toEqual(['programme-changed']);
    expect((await deploy.announce()).announced).toEqual([]);
    const digests = await messages('agenda-change', 'programme-changed');
    expect(digests.map((m) => m.registration_id)).toEqual([fan.id, other.id]);
    const [forFan, forOther] = digests.map((m) => m.body);
    expect(forFan!.indexOf('★ You starred: Talk 3')).toBeGreaterThan(0);
    expect(forFan!.indexOf('Talk 3')).toBeLessThan(forFan!.indexOf('Talk 1'));
    expect(forOther!.indexOf('Talk 1')).toBeLessThan(forOther!.indexOf('Talk 3'));
    expect(forOther).not.toContain('★');
    expect(forOther).toMatch(/Talk 3\nwas: [^\n]+, Hall\nnow: [^\n]+, Room B/);
    expect(forOther).toMatch(new RegExp(`Talk 1\\nwas: [^\\n]*${one!.start.slice(11, 16)}`));
    expect(forOther).toMatch(new RegExp(`now: [^\\n]*${later.start.slice(11, 16)}`));
    expect(forOther).not.toContain('Talk 2');

    await deliverDue({ env, content: deploy.content }, { registrationId: fan.id });
    const { message } = lastMessageTo(fan.email);
    expect(message?.subject).toBe('Programme changes: Fixture agenda-change');
    expect(message?.text).toContain('Hello Person digest-fan,');
    expect(message?.text).not.toContain('{{');
  });

  it('lists changes from several builds in the one deploy that carries them', async () => {
    const original = withTalks('agenda-builds', 2);
    const h = contentHistory([original]);
    await register(h.first.app, 'agenda-builds', 'builds-a');
    const [one, two] = original.sessions;
    h.build({ 'agenda-builds': { sessions: [{ ...one!, room: 'Room A' }, two!] } });
    const deploy = h.build({
      'agenda-builds': {
        sessions: [
          { ...one!, room: 'Room A' },
          { ...two!, status: 'cancelled' },
        ],
      },
    });
    await deploy.announce();
    const [digest] = await messages('agenda-builds', 'programme-changed');
    expect(digest?.body).toMatch(/Talk 1\nwas: [^\n]+, Hall\nnow: [^\n]+, Room A/);
    expect(digest?.body).toMatch(/Talk 2: cancelled\nwas: [^\n]+, Hall/);
  });

  it('sends one digest when several isolates run at once', async () => {
    const original = withTalks('agenda-race', 2);
    const h = contentHistory([original]);
    const people = await Promise.all(
      ['race-a', 'race-b', 'race-c'].map((n) => register(h.first.app, 'agenda-race', n)),
    );
    const deploy = h.build({
      'agenda-race': { sessions: [{ ...original.sessions[0]!, room: 'Loft' }, original.sessions[1]!] },
    });
    // Every run has found the change to announce before any of them claims it.
    const runs = 4;
    let arrived = 0;
    let release = () => {};
    const allThere = new Promise<void>((resolve) => (release = resolve));
    const db = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'batch')
          return async (statements: D1PreparedStatement[]) => {
            if (++arrived === runs) release();
            await allThere;
            return target.batch(statements);
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const reports = await Promise.all(Array.from({ length: runs }, () => deploy.announce({ db })));
    expect(arrived).toBe(runs);
    expect(reports.flatMap((r) => r.announced)).toHaveLength(1);
    const digests = await messages('agenda-race', 'programme-changed');
    expect(digests.map((m) => m.registration_id)).toEqual(people.map((p) => p.id).sort((x, y) => x - y));
  });

  it('sends nothing when the organisers turned the digest off, and still announces the change once', async () => {
    const original = withTalks('agenda-quiet', 1);
    const h = contentHistory([original]);
    await register(h.first.app, 'agenda-quiet', 'quiet-a');
    const deploy = h.build(
      { 'agenda-quiet': { sessions: [{ ...original.sessions[0]!, room: 'Elsewhere' }] } },
      { quiet: ['agenda-quiet'] },
    );
    expect((await deploy.announce()).announced).toEqual([{ eventId: 'agenda-quiet', sequence: 1, kind: 'quiet' }]);
    expect(await messages('agenda-quiet', 'programme-changed')).toEqual([]);
    expect((await deploy.announce()).announced).toEqual([]);
  });

  it('names the venue a session moved to, at an event with several', async () => {
    const base = withTalks('agenda-venues', 1);
    const venues = [
      { key: 'werkhaus', name: 'Werkhaus', address: 'Skalitzer Str. 85, Berlin' },
      { key: 'annex', name: 'Annex', address: 'Oranienstr. 6, Berlin' },
    ];
    const original = { ...base, venues, sessions: [{ ...base.sessions[0]!, venue: 'werkhaus' }] };
    const h = contentHistory([original]);
    await register(h.first.app, 'agenda-venues', 'venues-a');
    const deploy = h.build({ 'agenda-venues': { sessions: [{ ...original.sessions[0]!, venue: 'annex' }] } });
    await deploy.announce();
    const [digest] = await messages('agenda-venues', 'programme-changed');
    expect(digest?.body).toMatch(
      /Talk 1\nwas: [^\n]+, Hall, Werkhaus, Skalitzer Str\. 85, Berlin\nnow: [^\n]+, Hall, Annex, /,
    );
  });

  it('says nothing about edits that change no time, room, venue or status', async () => {
    const original = withTalks('agenda-titles', 1);
    const h = contentHistory([original]);
    await register(h.first.app, 'agenda-titles', 'titles-a');
    const deploy = h.build({ 'agenda-titles': { sessions: [{ ...original.sessions[0]!, title: 'Renamed' }] } });
    expect(deploy.changes.events).toEqual([]);
    await deploy.announce();
    expect(await messages('agenda-titles', 'programme-changed')).toEqual([]);
  });
});

describe('a cron run', () => {
  /** env.DB, counting the statements sent to it. */
  function counted() {
    let n = 0;
    const db = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'prepare')
          return (query: string) => {
            n++;
            return target.prepare(query);
          };
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { db, count: () => n, reset: () => (n = 0) };
  }

  it('stops at its bound, the next runs go on, and a list seen through costs one query', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `bounded-${i + 1}`);
    const h = contentHistory(ids.map((id) => fixtureEvent(id, { capacity: 20 })));
    for (const id of ids) await register(h.first.app, id, `${id}-a`);
    const deploy = h.build(Object.fromEntries(ids.map((id) => [id, { status: 'postponed' as const }])));
    const d1 = counted();
    const runs: string[][] = [];
    for (let i = 0; i < 4; i++) {
      d1.reset();
      const report = await deploy.announce({ limit: 3, db: d1.db });
      runs.push(report.announced.map((a) => a.eventId));
      expect(report.queries).toBe(d1.count());
    }
    expect(runs.map((r) => r.length)).toEqual([3, 3, 1, 0]);
    expect(runs.flat().sort()).toEqual(ids);
    expect(
      await rows('SELECT event_id FROM outbox WHERE kind = ? AND event_id LIKE ?', 'event-postponed', 'bounded-%'),
    ).toHaveLength(7);
    d1.reset();
    expect((await deploy.announce({ db: d1.db })).announced).toEqual([]);
    expect(d1.count()).toBe(1);
  });

  it('announces at most 5 events, and leaves delivery what fits the free plan with room to spare', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `budget-${i + 1}`);
    const h = contentHistory(ids.map((id) => fixtureEvent(id, { capacity: 20 })));
    for (const id of ids) await register(h.first.app, id, `${id}-a`);
    const deploy = h.build(Object.fromEntries(ids.map((id) => [id, { status: 'cancelled' as const }])));
    const d1 = counted();
    const first = await deploy.announce({ db: d1.db });
    expect(first.announced).toHaveLength(EVENTS_PER_RUN);
    expect(d1.count()).toBe(2 + EVENTS_PER_RUN * 3);
    // Delivery costs up to three queries a message, plus one to claim them; the rest of the 50 is
    // for the cron's housekeeping.
    for (const queries of [0, 1, 3, first.queries, Number.POSITIVE_INFINITY])
      expect(Math.min(queries, first.queries) + deliveriesAfter(queries) * 3 + 1).toBeLessThanOrEqual(40);
  });
});
