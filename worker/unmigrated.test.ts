// A database that lacks this version's migrations: the health check says so, and requests get a
// clear 503 problem, never a 500. (Storage is per test file, so this file may break its own D1.)
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, person, postJson } from './testing/fixtures.ts';

describe('a database without all its migrations', () => {
  it('fails the health check, naming the newest migration it misses', async () => {
    const [last] = (
      await env.DB.prepare('SELECT id, name FROM d1_migrations ORDER BY id DESC LIMIT 1').all<{
        id: number;
        name: string;
      }>()
    ).results;
    await env.DB.prepare('DELETE FROM d1_migrations WHERE id = ?').bind(last!.id).run();
    const res = await call('/api/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', schema: { missing: [last!.name] } });
  });

  it('answers a clear 503 problem when tables are missing, and 401 for a malformed organiser token', async () => {
    await env.DB.prepare('DROP TABLE registrations').run();
    const res = await postJson(
      '/api/events/open-event/registrations',
      person('unmigrated', { answers: { role: 'Writer' } }),
    );
    expect(res.status).toBe(503);
    const body = await res.json<{ code: string; detail: string }>();
    expect(body.code).toBe('database_unavailable');
    expect(body.detail).toContain('migrations');
    const admin = await call('/api/admin/events/open-event/registrations', {
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(admin.status).toBe(401);
  });
});
