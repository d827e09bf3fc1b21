// The plumbing of D1's Sessions API (local D1 has no replicas and always gives an empty bookmark, so
// the binding is wrapped to record what the worker asks for and to hand out a bookmark).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { app, ORIGIN, person } from '../testing/fixtures.ts';

function recordingDb(bookmark: string) {
  const asked: (string | undefined)[] = [];
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop !== 'withSession') return Reflect.get(target, prop).bind(target);
      return (constraint?: string) => {
        asked.push(constraint);
        const session = target.withSession(constraint as D1SessionConstraint);
        let wrote = false;
        return {
          prepare: (q: string) => {
            if (/^\s*(insert|update|delete)/i.test(q)) wrote = true;
            return session.prepare(q);
          },
          batch: (s: D1PreparedStatement[]) => {
            wrote = true;
            return session.batch(s);
          },
          getBookmark: () => (wrote ? bookmark : null),
        };
      };
    },
  });
  return { DB, asked };
}

async function request(path: string, init: RequestInit, DB: D1Database) {
  const ctx = createExecutionContext();
  const res = await app.request(`${ORIGIN}${path}`, init, { ...env, DB }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('D1 sessions', () => {
  it('sends reads anywhere, writes to the primary, and hands the writer a bookmark', async () => {
    const { DB, asked } = recordingDb('00000001-00000002-00004ff8-abcdef');
    expect((await request('/api/events/open-event/availability', {}, DB)).headers.get('x-d1-bookmark')).toBeNull();
    const res = await request(
      '/api/events/unlimited/registrations',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.90' },
        body: JSON.stringify(person('bookmarked')),
      },
      DB,
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-d1-bookmark')).toBe('00000001-00000002-00004ff8-abcdef');
    expect(res.headers.getSetCookie().join()).toMatch(
      /__Host-gathering-d1=00000001-00000002-00004ff8-abcdef; Max-Age=600/,
    );
    expect(asked).toEqual(['first-unconstrained', 'first-primary']);
  });

  it('reads after the bookmark a client sends back, and ignores one that is not a bookmark', async () => {
    const { DB, asked } = recordingDb('unused');
    await request('/api/events/open-event/availability', { headers: { 'x-d1-bookmark': '0000000a-0000000b' } }, DB);
    await request('/api/events/open-event/availability', { headers: { cookie: '__Host-gathering-d1=0000000c-1' } }, DB);
    const odd = await request('/api/events/open-event/availability', { headers: { 'x-d1-bookmark': "x'; DROP" } }, DB);
    expect(odd.status).toBe(200);
    expect(asked).toEqual(['0000000a-0000000b', '0000000c-1', 'first-unconstrained']);
  });
});
