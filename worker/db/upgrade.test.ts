// Upgrading keeps what a database already held: a registration and its queued message written
// under an older schema survive every later migration. (Storage is per test file.)
import { applyD1Migrations, type D1Migration, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;

async function emptyDatabase() {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  await env.DB.batch([
    env.DB.prepare('PRAGMA foreign_keys = OFF'),
    ...results.map((t) => env.DB.prepare(`DROP TABLE "${t.name}"`)),
  ]);
}

describe('upgrading from the first released schema', () => {
  it('keeps registrations and queued messages, deriving the new columns', async () => {
    await emptyDatabase();
    const before = migrations.findIndex((m) => m.name.startsWith('0004'));
    await applyD1Migrations(env.DB, migrations.slice(0, before));
    const at = '2026-01-01T10:00:00.000Z';
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code,
          manage_token_hash, consent_at, created_at, updated_at)
         VALUES ('open-event', 'Ada', 'Ada@Example.org', 'ada@example.org', 'confirmed', '{}', 'T1', 'h1', ?, ?, ?)`,
      ).bind(at, at, at),
      env.DB.prepare(
        `INSERT INTO outbox (registration_id, event_id, kind, to_address, to_name, subject, body, next_attempt_at,
          created_at) VALUES (1, 'open-event', 'confirmation', 'Ada@Example.org', 'Ada', 'Hi', 'Body', ?, ?)`,
      ).bind(at, at),
    ]);

    await applyD1Migrations(env.DB, migrations);

    const registration = await env.DB.prepare('SELECT name, status, person_id FROM registrations').first();
    expect(registration).toEqual({ name: 'Ada', status: 'confirmed', person_id: null });
    // Counts start from what was there, and the triggers keep them from then on.
    const counts = () => env.DB.prepare('SELECT event_id, status, n FROM registration_counts WHERE n > 0').all();
    expect((await counts()).results).toEqual([{ event_id: 'open-event', status: 'confirmed', n: 1 }]);
    await env.DB.prepare("UPDATE registrations SET status = 'cancelled'").run();
    expect((await counts()).results).toEqual([{ event_id: 'open-event', status: 'cancelled', n: 1 }]);
    const message = await env.DB.prepare(
      'SELECT to_address, to_key, to_mailbox, sign_in_id, params, status FROM outbox',
    ).first();
    expect(message).toEqual({
      to_address: 'Ada@Example.org',
      to_key: 'ada@example.org',
      to_mailbox: '',
      sign_in_id: null,
      params: null,
      status: 'pending',
    });
  });
});
