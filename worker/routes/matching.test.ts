// Meeting people, end to end through HTTP: opting in, suggestions, introductions, scheduling.

import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { planMeetings, type SchedulePlan, scheduleInputOf } from '../matching/plan.ts';
import { type Meeting, validateSchedule } from '../matching/scheduler.ts';
import { asOrganiser, type Browser, call, organiserToken, registerAndProve, rows } from '../testing/fixtures.ts';

type Person = { manage: string; id: number; browser: Browser };

async function join(eventId: string, name: string, profile?: Record<string, unknown>): Promise<Person> {
  const me = await registerAndProve(eventId, {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`,
    consent: true,
    ...(profile ? { profile } : {}),
  });
  return { manage: me.page, id: me.id, browser: me.browser };
}

const page = async (p: Person) => (await p.browser.fetch(p.manage)).text();

describe('profiles and suggestions', () => {
  let ana: Person;
  let ben: Person;
  let cai: Person;
  let dee: Person;

  beforeAll(async () => {
    ana = await join('meetup-matching', 'Ana', {
      offers: 'UX, bookbinding',
      seeks: 'rates',
      interests: ['remote work'],
      city: 'Lisbon',
      languages: ['Portuguese', 'English'],
      available: true,
    });
    ben = await join('meetup-matching', 'Ben', {
      offers: ['pricing'],
      seeks: ['product design'],
      interests: ['remote teams'],
      city: 'lisbon',
      languages: ['english'],
      available: true,
    });
    cai = await join('meetup-matching', 'Cai', { offers: ['pricing'], available: true });
    dee = await join('meetup-matching', 'Dee');
  });

  it('stores a profile given at registration, with words mapped onto the vocabulary', async () => {
    const [profile] = await rows<{ offers: string; seeks: string; interests: string; display_name: string }>(
      'SELECT offers, seeks, interests, display_name FROM profiles WHERE registration_id = ?',
      ana.id,
    );
    expect(profile).toEqual({
      offers: '["product-design","~bookbinding"]',
      seeks: '["pricing"]',
      interests: '["remote-teams"]',
      display_name: 'Ana',
    });
    expect(await rows('SELECT * FROM profiles WHERE registration_id = ?', dee.id)).toEqual([]);
  });

  it('suggests people in order, with reasons, never oneself and never someone who did not opt in', async () => {
    const html = await page(ana);
    const suggested = [...html.matchAll(/<strong>(\w+)<\/strong>/g)]
      .map((m) => m[1])
      .filter((n) => ['Ana', 'Ben', 'Cai', 'Dee'].includes(n!));
    expect(suggested).toEqual(['Ben', 'Cai']);
    expect(html).toContain(
      'offers pricing, which you seek; seeks product design, which you offer; ' +
        'you both care about remote teams; also based in lisbon; you both speak english',
    );
    expect(html).not.toContain('ben@example.org');
  });

  it('keeps a person at this event only unless both chose the whole network', async () => {
    const elsewhere = await join('network-elsewhere', 'Eli', {
      offers: ['pricing'],
      seeks: ['product design'],
      visibility: 'network',
    });
    expect(await page(ana)).not.toContain('<strong>Eli</strong>');
    await ana.browser.postForm(`${ana.manage}/profile`, [
      ['offers', 'UX, bookbinding'],
      ['seeks', 'rates'],
      ['interests', 'remote work'],
      ['city', 'Lisbon'],
      ['languages', 'Portuguese, English'],
      ['visibility', 'network'],
      ['available', 'on'],
    ]);
    expect(await page(ana)).toContain('<strong>Eli</strong><span class="meta"> (another event)</span>');
    expect(await page(elsewhere)).toContain('<strong>Ana</strong>');
  });

  it('shows profile errors next to the fields', async () => {
    const res = await dee.browser.postForm(`${dee.manage}/profile`, [
      ['offers', Array.from({ length: 14 }, (_, i) => `skill ${i}`).join(',')],
      ['visibility', 'everyone'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="p-offers-error">Give at most 12 offers.');
  });

  it("introduces two people only when the second accepts; then each sees the other's email", async () => {
    await ben.browser.postForm(`${ben.manage}/introductions`, [
      ['to', String(ana.id)],
      ['note', 'Coffee about pricing?'],
    ]);
    const anaPage = await page(ana);
    expect(anaPage).toContain('Asking to meet you');
    expect(anaPage).toContain('<strong>Ben</strong>: “Coffee about pricing?”');
    expect(anaPage).not.toContain('ben@example.org');
    expect(await page(ben)).toContain('Requested, waiting for an answer');
    const [intro] = await rows<{ id: number }>('SELECT id FROM introductions WHERE from_registration = ?', ben.id);
    await ana.browser.postForm(`${ana.manage}/introductions/${intro!.id}`, [['decision', 'accept']]);
    expect(await page(ana)).toContain('<a href="mailto:ben@example.org">ben@example.org</a>');
    expect(await page(ben)).toContain('<a href="mailto:ana@example.org">ana@example.org</a>');
    const kinds = await rows<{ kind: string; registration_id: number }>(
      "SELECT kind, registration_id FROM outbox WHERE kind LIKE 'intro-%' ORDER BY id",
    );
    expect(kinds).toEqual([
      { kind: 'intro-request', registration_id: ana.id },
      { kind: 'intro-accepted', registration_id: ben.id },
    ]);
  });

  it('never suggests someone again after a declined introduction', async () => {
    await cai.browser.postForm(`${cai.manage}/introductions`, [['to', String(ana.id)]]);
    const [intro] = await rows<{ id: number }>('SELECT id FROM introductions WHERE from_registration = ?', cai.id);
    await ana.browser.postForm(`${ana.manage}/introductions/${intro!.id}`, [['decision', 'decline']]);
    expect(await page(ana)).not.toMatch(/<strong>Cai<\/strong>[^<]*<p class="meta">/);
    expect(await page(cai)).not.toContain('Ask to meet<span class="visually-hidden"> Ana</span>');
    const again = await cai.browser.postForm(`${cai.manage}/introductions`, [['to', String(ana.id)]]);
    expect(await again.text()).toContain('That introduction was declined before.');
  });

  it('limits introductions per person per day', async () => {
    const asker = await join('meetup-matching', 'Asker', { seeks: ['pricing'], offers: ['writing'] });
    const targets = await Promise.all(
      Array.from({ length: 11 }, (_, i) => join('meetup-matching', `Target${i}`, { offers: ['pricing'] })),
    );
    for (const t of targets.slice(0, 10))
      await asker.browser.postForm(`${asker.manage}/introductions`, [['to', String(t.id)]]);
    const eleventh = await asker.browser.postForm(`${asker.manage}/introductions`, [['to', String(targets[10]!.id)]]);
    expect(await eleventh.text()).toContain('You can ask for 10 introductions a day');
    expect(await rows('SELECT id FROM introductions WHERE from_registration = ?', asker.id)).toHaveLength(10);
  });

  it('opting out removes a person from every suggestion at once', async () => {
    await cai.browser.postForm(`${cai.manage}/profile/delete`, [['confirm', 'yes']]);
    expect(await rows('SELECT * FROM profiles WHERE registration_id = ?', cai.id)).toEqual([]);
    expect(await page(ben)).not.toContain('<strong>Cai</strong>');
  });
});

describe('1:1 meeting schedules', () => {
  let manager: string;
  const people: Person[] = [];

  beforeAll(async () => {
    manager = await organiserToken('Scheduler', 'manager');
    const skills = ['pricing', 'product design', 'writing', 'remote teams'];
    for (let i = 0; i < 8; i++) {
      people.push(
        await join('camp-live', `Camper${i}`, {
          offers: [skills[i % 4]!],
          seeks: [skills[(i + 1) % 4]!],
          interests: ['remote teams'],
          available: i !== 7,
        }),
      );
    }
    // A meeting in the slot that is already over, which must survive re-runs.
    await rows(
      `INSERT INTO meetings (event_id, slot_index, table_number, registration_a, registration_b, score, created_at)
        VALUES ('camp-live', 0, 1, ?, ?, 5, '2026-01-01T00:00:00.000Z') RETURNING id`,
      people[0]!.id,
      people[1]!.id,
    );
  });

  const plan = async () =>
    (await asOrganiser(manager, '/api/admin/events/camp-live/meetings/plan')).json<SchedulePlan>();
  const store = (body: unknown) =>
    asOrganiser(manager, '/api/admin/events/camp-live/meetings', { method: 'PUT', body: JSON.stringify(body) });
  // What `npm run schedule` does: fetch the plan, run the scheduler outside the worker, send the result.
  const schedule = async () => {
    const p = await plan();
    return store({ fingerprint: p.fingerprint, meetings: planMeetings(p) });
  };
  const view = async () =>
    (await asOrganiser(manager, '/api/admin/events/camp-live/meetings')).json<{
      slots: {
        index: number;
        meetings: { table: number; a: { registrationId: number }; b: { registrationId: number }; score: number }[];
      }[];
      figures: { participants: number; meetings: number; unmatched: unknown[] };
    }>();

  it('fills only the slots that have not started, with available people, within the tables', async () => {
    const res = await schedule();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ slotsScheduled: [1, 2], participants: 7 });
    const { slots, figures } = await view();
    expect(slots[0]!.meetings).toHaveLength(1);
    const unavailable = people[7]!.id;
    const pairs = new Set<string>();
    for (const slot of slots) {
      expect(slot.meetings.length).toBeLessThanOrEqual(3);
      const seated = slot.meetings.flatMap((m) => [m.a.registrationId, m.b.registrationId]);
      expect(new Set(seated).size).toBe(seated.length);
      for (const m of slot.meetings) {
        expect([m.a.registrationId, m.b.registrationId]).not.toContain(unavailable);
        expect(m.score).toBeGreaterThan(0);
        const key = [m.a.registrationId, m.b.registrationId].sort().join('-');
        expect(pairs.has(key)).toBe(false);
        pairs.add(key);
      }
    }
    expect(figures.participants).toBe(7);
    expect(figures.meetings).toBe(slots.reduce((n, s) => n + s.meetings.length, 0));
  });

  it('re-running keeps started slots, and opting out or cancelling removes a person from future meetings', async () => {
    await people[2]!.browser.postForm(`${people[2]!.manage}/profile/delete`, [['confirm', 'yes']]);
    await people[3]!.browser.postForm(`${people[3]!.manage}/cancel`, [['confirm', 'yes']]);
    await schedule();
    const { slots } = await view();
    expect(slots[0]!.meetings.map((m) => [m.a.registrationId, m.b.registrationId])).toEqual([
      [people[0]!.id, people[1]!.id],
    ]);
    const later = slots.slice(1).flatMap((s) => s.meetings.flatMap((m) => [m.a.registrationId, m.b.registrationId]));
    expect(later).not.toContain(people[2]!.id);
    expect(later).not.toContain(people[3]!.id);
  });

  it('shows each person their meetings, and puts them in their calendar feed', async () => {
    const someone = people[4]!;
    const html = await page(someone);
    expect(html).toContain('Your 1:1 meetings');
    const res = await someone.browser.postForm(`${someone.manage}/calendar`, []);
    const token = (await res.text()).match(/personal\/(c_[A-Za-z0-9_-]{43})\.ics/)?.[1];
    const feed = new ICAL.Component(ICAL.parse(await (await call(`/api/calendars/personal/${token}.ics`)).text()));
    const meetings = feed
      .getAllSubcomponents('vevent')
      .filter((v) => String(v.getFirstPropertyValue('summary')).startsWith('1:1 meeting, table '));
    expect(meetings.length).toBeGreaterThan(0);
    expect(String(meetings[0]!.getFirstPropertyValue('location'))).toMatch(/^Table \d, Werkhaus/);
    // Who one meets stays on the manage page, out of feeds that get synced and shared.
    expect(feed.toString()).not.toContain('Camper');
  });

  it('never shows organisers the notes people wrote', async () => {
    await people[4]!.browser.postForm(`${people[4]!.manage}/introductions`, [
      ['to', String(people[5]!.id)],
      ['note', 'a private note'],
    ]);
    const text = JSON.stringify(await view());
    expect(text).not.toContain('a private note');
    expect(text).not.toContain('@example.org');
  });

  it('never seats a pair after a declined introduction, and what it stores passes validateSchedule', async () => {
    const [asker, asked] = [people[4]!, people[5]!];
    const [intro] = await rows<{ id: number }>(
      'SELECT id FROM introductions WHERE from_registration = ? AND to_registration = ?',
      asker.id,
      asked.id,
    );
    await asked.browser.postForm(`${asked.manage}/introductions/${intro!.id}`, [['decision', 'decline']]);
    expect((await schedule()).status).toBe(200);
    const input = scheduleInputOf(await plan());
    const stored = await rows<{ slot: number; table: number; a: number; b: number; score: number }>(
      `SELECT slot_index AS slot, table_number AS "table", registration_a AS a, registration_b AS b, score
        FROM meetings WHERE event_id = 'camp-live'`,
    );
    const future: Meeting[] = stored.filter((m) => input.slots.some((s) => s.index === m.slot));
    expect(future.length).toBeGreaterThan(0);
    expect(future.map((m) => [m.a, m.b].sort())).not.toContainEqual([asker.id, asked.id].sort());
    expect(validateSchedule(input, future)).toEqual([]);
    const declined = { slot: future[0]!.slot, table: 3, a: asker.id, b: asked.id, score: 5 };
    expect(validateSchedule(input, [declined]).map((p) => p.code)).toContain('declined');
  });

  it('hands out a plan with no names or addresses, only what the score reads', async () => {
    const p = await plan();
    expect(p.participants.length).toBeGreaterThan(0);
    expect(Object.keys(p.participants[0]!).sort()).toEqual(
      ['city', 'id', 'interests', 'key', 'languages', 'offers', 'seeks'].sort(),
    );
    expect(JSON.stringify(p)).not.toMatch(/Camper|@example\.org/);
  });

  it('refuses meetings that break the rules, naming each problem, and stores nothing', async () => {
    const p = await plan();
    const before = await rows('SELECT * FROM meetings ORDER BY id');
    const [x, y, z] = p.participants.map((q) => q.id);
    const slot = p.slots[0]!.index;
    const res = await store({
      fingerprint: p.fingerprint,
      meetings: [
        { slot, table: 1, a: x, b: y, score: 1234 },
        { slot, table: 2, a: x, b: z, score: 1 },
        { slot, table: 99, a: 999_999, b: y, score: 1 },
      ],
    });
    expect(res.status).toBe(422);
    const body = await res.json<{ code: string; problems: { code: string; meeting: number; message: string }[] }>();
    expect(body.code).toBe('schedule_invalid');
    const codes = body.problems.map((q) => q.code);
    for (const code of ['score-mismatch', 'double-booked', 'unknown-person', 'table-out-of-range'])
      expect(codes).toContain(code);
    expect(await rows('SELECT * FROM meetings ORDER BY id')).toEqual(before);
  });

  it('refuses a result made from an older plan, and bad bodies with a clear problem', async () => {
    const old = await plan();
    const newcomer = await join('camp-live', 'Latecomer', { offers: ['pricing'], seeks: ['writing'], available: true });
    const stale = await store({ fingerprint: old.fingerprint, meetings: planMeetings(old) });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'schedule_stale' });
    expect((await plan()).participants.map((q) => q.id)).toContain(newcomer.id);
    expect((await store({ fingerprint: 'x', meetings: 'all of them' })).status).toBe(400);
    const huge = {
      fingerprint: 'x',
      meetings: Array.from({ length: 60_000 }, () => ({ slot: 1, table: 1, a: 1, b: 2, score: 1 })),
    };
    expect([400, 413]).toContain((await store(huge)).status);
    const viewer = await organiserToken('Looker', 'viewer');
    expect((await asOrganiser(viewer, '/api/admin/events/camp-live/meetings/plan')).status).toBe(403);
    expect(
      (await asOrganiser(viewer, '/api/admin/events/camp-live/meetings', { method: 'PUT', body: '{}' })).status,
    ).toBe(403);
  });

  it('erasing a registration removes the profile, meetings and messages', async () => {
    const gone = people[6]!;
    expect(
      (await asOrganiser(manager, `/api/admin/events/camp-live/registrations/${gone.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    for (const table of [
      'registrations WHERE id',
      'profiles WHERE registration_id',
      'outbox WHERE registration_id',
      'manage_links WHERE registration_id',
    ]) {
      expect(await rows(`SELECT * FROM ${table} = ?`, gone.id), table).toEqual([]);
    }
    expect(
      await rows('SELECT * FROM meetings WHERE registration_a = ? OR registration_b = ?', gone.id, gone.id),
    ).toEqual([]);
    expect((await gone.browser.fetch(gone.manage)).status).toBe(404);
  });
});
