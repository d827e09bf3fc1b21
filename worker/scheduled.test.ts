import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from './index.ts';

const longAgo = '2026-01-01T00:00:00.000Z';

describe('the cron trigger', () => {
  it('delivers pending messages, forgets day-old idempotency keys and sessions that ended', async () => {
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
          VALUES ('e', 'old', 'h', 201, '{}', ?1), ('e', 'fresh', 'h', 201, '{}', ?2)`,
      ).bind(longAgo, new Date().toISOString()),
      env.DB.prepare(
        `INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code,
            manage_token_hash, consent_at, created_at, updated_at)
          VALUES ('indiecon-toronto-2027', 'Cron Person', 'cron@example.org', 'cron@example.org', 'confirmed',
            '{}', 'CRON-CRON-22', 'hash-cron', ?1, ?1, ?1)`,
      ).bind(longAgo),
      env.DB.prepare(
        `INSERT INTO outbox (registration_id, event_id, kind, to_address, to_name, subject, body, attach_calendar,
            status, attempts, next_attempt_at, created_at)
          SELECT id, event_id, 'confirmed', email, name, 'Subject', 'Hello {{name}}, {{manage_url}}', 1, 'pending', 0,
            '2000-01-01T00:00:00.000Z', ?1
          FROM registrations WHERE email = 'cron@example.org'`,
      ).bind(longAgo),
      env.DB.prepare(
        `INSERT INTO browser_sessions (token_hash, created_at, last_seen_at, expires_at)
          VALUES ('ended', ?1, ?1, '2026-01-08T00:00:00.000Z')`,
      ).bind(longAgo),
    ]);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const keys = await env.DB.prepare('SELECT key FROM idempotency_keys ORDER BY key').all<{ key: string }>();
    expect(keys.results.map((k) => k.key)).toEqual(['fresh']);
    const sent = await env.DB.prepare(
      `SELECT o.status FROM outbox o JOIN registrations r ON r.id = o.registration_id
        WHERE r.email = 'cron@example.org'`,
    ).first<{ status: string }>();
    expect(sent?.status).toBe('sent');
    expect((await env.DB.prepare("SELECT id FROM browser_sessions WHERE token_hash = 'ended'").all()).results).toEqual(
      [],
    );
  });
});
