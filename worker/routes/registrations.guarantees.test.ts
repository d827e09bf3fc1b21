// The promises registrations make under load and under hostile input.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { database } from '../db/client.ts';
import { cancelRegistration, findRegistration } from '../db/registrations.ts';
import { call, content, ORIGIN, person, postJson, rows } from '../testing/fixtures.ts';

type Row = { id: number; email: string; status: string; waitlisted_at: string | null };

describe('never oversold', () => {
  it('confirms exactly 50 of 200 concurrent registrations and waitlists the rest in a stable order', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postJson('/api/events/crowded/registrations', person(`crowd-${i}`))),
    );
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const bodies = await Promise.all(
      responses.map((r) => r.json<{ registration: { status: string; waitlistPosition: number | null } }>()),
    );
    expect(bodies.filter((b) => b.registration.status === 'confirmed')).toHaveLength(50);
    expect(bodies.filter((b) => b.registration.status === 'waitlisted')).toHaveLength(150);

    const all = await rows<Row>(
      "SELECT id, email, status, waitlisted_at FROM registrations WHERE event_id = 'crowded' ORDER BY id",
    );
    expect(all).toHaveLength(200);
    expect(new Set(all.map((r) => r.email)).size).toBe(200);
    expect(all.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    // Places went in arrival order: every confirmed row came before every waitlisted one.
    const lastConfirmed = Math.max(...all.filter((r) => r.status === 'confirmed').map((r) => r.id));
    const firstWaiting = Math.min(...all.filter((r) => r.status === 'waitlisted').map((r) => r.id));
    expect(lastConfirmed).toBeLessThan(firstWaiting);
    const positions = bodies.map((b) => b.registration.waitlistPosition).filter((p): p is number => p !== null);
    expect(new Set(positions).size).toBe(150);

    const messages = await rows<{ kind: string; n: number }>(
      "SELECT kind, count(*) AS n FROM outbox WHERE event_id = 'crowded' GROUP BY kind ORDER BY kind",
    );
    expect(messages).toEqual([
      { kind: 'confirmed', n: 50 },
      { kind: 'waitlisted', n: 150 },
    ]);
  });

  it('gives 5 cancelled places to exactly the first 5 waitlisted, in order', async () => {
    const waiting = await rows<Row>(
      `SELECT id FROM registrations WHERE event_id = 'crowded' AND status = 'waitlisted'
        ORDER BY waitlisted_at, id LIMIT 6`,
    );
    const confirmed = await rows<Row>(
      "SELECT id FROM registrations WHERE event_id = 'crowded' AND status = 'confirmed' ORDER BY id LIMIT 5",
    );
    const db = database(env.DB);
    const event = (await content.event('crowded'))!;
    const results = await Promise.all(
      confirmed.map(async ({ id }) =>
        cancelRegistration(db, event, (await findRegistration(db, 'crowded', id))!, new Date().toISOString(), []),
      ),
    );
    expect(results.every((r) => r.changed && r.promoted === 1)).toBe(true);
    const promoted = await rows<Row>(
      `SELECT id, status FROM registrations WHERE id IN (${waiting.map((w) => w.id).join(',')}) ORDER BY id`,
    );
    expect(promoted.map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
    ]);
    expect(await rows("SELECT id FROM registrations WHERE event_id = 'crowded' AND status = 'confirmed'")).toHaveLength(
      50,
    );
    const sent = await rows<{ registration_id: number }>(
      "SELECT registration_id FROM outbox WHERE event_id = 'crowded' AND kind = 'promoted' ORDER BY registration_id",
    );
    expect(sent.map((s) => s.registration_id)).toEqual(waiting.slice(0, 5).map((w) => w.id));
  });
});

describe('hostile input', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const bodies = fc.oneof(
    fc.string({ maxLength: 300 }),
    json.map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          name: fc.string({ maxLength: 120 }),
          email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })),
          consent: fc.oneof(fc.boolean(), fc.string()),
          answers: fc.dictionary(
            fc.constantFrom('role', 'topics', 'website', 'contact', 'notes', 'photo', 'other', '__proto__'),
            json,
          ),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'name',
            'email',
            'consent',
            'answers.role',
            'answers.topics',
            'answers.photo',
            'homepage',
            'x',
          ),
          fc.string({ maxLength: 60 }),
        ),
        { maxLength: 8 },
      )
      .map((pairs) => new URLSearchParams(pairs).toString()),
  );
  const contentTypes = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data',
    '',
    'application/xml',
  );
  const keys = fc.option(
    fc.string({ minLength: 1, maxLength: 250 }).filter((k) => /^[\x21-\x7e]+$/.test(k)),
    { nil: undefined },
  );

  it('never answers 500 and never leaves a partial row', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, contentTypes, keys, fc.boolean(), async (body, type, key, sameSite) => {
        const headers: Record<string, string> = { 'cf-connecting-ip': `192.0.2.${Math.random()}` };
        if (sameSite) headers.origin = ORIGIN;
        if (type) headers['content-type'] = type;
        if (key) headers['idempotency-key'] = key;
        const res = await call('/api/events/property/registrations', {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
        });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400 && res.headers.get('content-type')?.includes('json'))
          expect(await res.json()).toHaveProperty('code');
        // Every registration has exactly the message that announces it, and a manage link.
        const orphans = await rows(
          `SELECT r.id FROM registrations r WHERE r.event_id = 'property'
            AND (NOT EXISTS (SELECT 1 FROM outbox o WHERE o.registration_id = r.id)
              OR NOT EXISTS (SELECT 1 FROM manage_links m WHERE m.registration_id = r.id))`,
        );
        expect(orphans).toEqual([]);
      }),
      { numRuns: 150 },
    );
    const [{ n }] = (await rows<{ n: number }>(
      "SELECT count(*) AS n FROM registrations WHERE event_id = 'property' AND status = 'confirmed'",
    )) as [{ n: number }];
    expect(n).toBeLessThanOrEqual(5);
  });
});
