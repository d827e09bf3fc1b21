import { env } from 'cloudflare:test';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { Browser, content, person, postJson, rows } from '../testing/fixtures.ts';
import { backoffMinutes, DELIVERIES_PER_RUN, deliverDue, MAX_ATTEMPTS } from './delivery.ts';
import type { OutgoingMessage, Sender } from './senders.ts';

const ctx = { env, content };

/** A mail transport that records what it was given, or fails the first `failures` times. */
class Recorder implements Sender {
  readonly name = 'recorder';
  sent: OutgoingMessage[] = [];
  constructor(private failures = 0) {}
  async send(m: OutgoingMessage) {
    if (this.failures-- > 0) throw new Error('mail server down');
    this.sent.push(m);
  }
}

async function register(n: string) {
  const res = await postJson('/api/events/outbox/registrations', person(n));
  return (await res.json<{ registration: { id: number } }>()).registration.id;
}

/** Registering delivers its own message at once; make it due again so the test drives delivery. */
async function requeue(ids: number[]) {
  const list = ids.join(',');
  await env.DB.batch([
    env.DB.prepare(
      `DELETE FROM delivery_attempts WHERE message_id IN (SELECT id FROM outbox WHERE registration_id IN (${list}))`,
    ),
    env.DB.prepare(
      `UPDATE outbox SET status = 'pending', next_attempt_at = '2000-01-01T00:00:00.000Z', attempts = 0
        WHERE registration_id IN (${list})`,
    ),
  ]);
}

async function queue(n: string) {
  const id = await register(n);
  await requeue([id]);
  return id;
}

describe('outbox delivery', () => {
  it("sends with the person's name, a fresh working manage link and the event .ics", async () => {
    const id = await queue('mail-1');
    const sender = new Recorder();
    await deliverDue(ctx, { sender });
    const m = sender.sent.find((s) => s.to.address === 'personmail-1@example.org')!;
    expect(m.subject).toBe("You're registered: Fixture outbox");
    expect(m.text).toContain('Hello Person mail-1,');
    const link = /http:\/\/localhost:8787(\/manage\/m_[A-Za-z0-9_-]{43})/.exec(m.text)![1]!;
    expect((await new Browser().open(link)).status).toBe(200);
    const vevent = new ICAL.Component(ICAL.parse(m.attachments[0]!.content)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe('Fixture outbox');
    const [stored] = await rows<{ body: string; status: string }>(
      'SELECT body, status FROM outbox WHERE registration_id = ?',
      id,
    );
    expect(stored).toMatchObject({ status: 'sent' });
    expect(stored!.body).toContain('{{manage_url}}');
    expect(stored!.body).not.toContain('/manage/m_');
  });

  it('retries with backoff after a failure, records every attempt, and never drops the message', async () => {
    const id = await queue('mail-2');
    const now = new Date('2030-01-01T00:00:00.000Z');
    await deliverDue(ctx, { sender: new Recorder(1), now });
    const [after] = await rows<{ status: string; attempts: number; next_attempt_at: string; last_error: string }>(
      'SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE registration_id = ?',
      id,
    );
    expect(after).toEqual({
      status: 'pending',
      attempts: 1,
      next_attempt_at: new Date(now.getTime() + backoffMinutes(1) * 60_000).toISOString(),
      last_error: 'mail server down',
    });
    const sender = new Recorder();
    await deliverDue(ctx, { sender, now: new Date(now.getTime() + 30_000) });
    expect(sender.sent.filter((m) => m.to.address === 'personmail-2@example.org')).toHaveLength(0);
    await deliverDue(ctx, { sender, now: new Date(now.getTime() + 2 * 60_000) });
    expect(sender.sent.filter((m) => m.to.address === 'personmail-2@example.org')).toHaveLength(1);
    const attempts = await rows<{ ok: number; error: string | null }>(
      `SELECT a.ok, a.error FROM delivery_attempts a JOIN outbox o ON o.id = a.message_id
        WHERE o.registration_id = ? ORDER BY a.id`,
      id,
    );
    expect(attempts).toEqual([
      { ok: 0, error: 'mail server down' },
      { ok: 1, error: null },
    ]);
  });

  it('keeps a message as failed, not deleted, after the last attempt', async () => {
    const id = await queue('mail-3');
    let now = new Date('2031-01-01T00:00:00.000Z');
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDue(ctx, { sender: new Recorder(99), now });
      now = new Date(now.getTime() + 7 * 60 * 60_000);
    }
    const [row] = await rows<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM outbox WHERE registration_id = ?',
      id,
    );
    expect(row).toEqual({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('stores the confirmation link with the registration, and removes it if the first attempt fails', async () => {
    const id = await register('mail-stored');
    // The registering request delivered its confirmation with the link stored in the same batch.
    const stored = await rows<{ kind: string; message_id: number }>(
      'SELECT kind, message_id FROM manage_links WHERE registration_id = ? ORDER BY id',
      id,
    );
    const [message] = await rows<Record<string, unknown>>('SELECT * FROM outbox WHERE registration_id = ?', id);
    expect(stored).toEqual([
      { kind: 'email', message_id: message!.id },
      { kind: 'answer', message_id: null },
    ]);
    const { deliverMessages } = await import('./delivery.ts');
    const { messageFromRow } = await import('../db/outbox.ts');
    const { hashSecret, newSecret } = await import('../access/secrets.ts');
    const token = newSecret('m_');
    const hash = await hashSecret(token);
    await env.DB.prepare(
      "INSERT INTO manage_links (registration_id, token_hash, kind, message_id, created_at) VALUES (?, ?, 'email', ?, ?)",
    )
      .bind(id, hash, message!.id, new Date().toISOString())
      .run();
    const links = new Map([[message!.id as number, { token, hash }]]);
    await deliverMessages(ctx, [messageFromRow(message!)], { sender: new Recorder(1), links });
    expect(await rows('SELECT id FROM manage_links WHERE token_hash = ?', hash)).toEqual([]);
  });

  it('removes the link minted for an attempt that failed, so retries leave no usable stray links', async () => {
    const id = await queue('mail-links');
    const before = await rows('SELECT id FROM manage_links WHERE registration_id = ?', id);
    let now = new Date('2032-01-01T00:00:00.000Z');
    for (let i = 0; i < 3; i++) {
      await deliverDue(ctx, { sender: new Recorder(99), now });
      now = new Date(now.getTime() + 7 * 60 * 60_000);
    }
    expect(await rows('SELECT id FROM manage_links WHERE registration_id = ?', id)).toEqual(before);
  });

  it('fails closed: without a mail transport nothing is marked sent, and messages wait', async () => {
    const id = await queue('mail-closed');
    const closed = { env: { ...env, DEV_MAILBOX: undefined, MAIL_API_URL: '', MAIL_API_KEY: undefined }, content };
    expect(await deliverDue(closed)).toEqual({ sent: 0, retried: 0, failed: 0 });
    const [row] = await rows<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM outbox WHERE registration_id = ?',
      id,
    );
    expect(row).toEqual({ status: 'pending', attempts: 0 });
  });

  it('never sends a message twice when delivery runs overlap', async () => {
    const ids = [];
    for (const n of ['a', 'b', 'c', 'd']) ids.push(await register(`overlap-${n}`));
    await requeue(ids);
    const sender = new Recorder();
    await Promise.all([deliverDue(ctx, { sender }), deliverDue(ctx, { sender }), deliverDue(ctx, { sender })]);
    const overlap = sender.sent.filter((m) => m.to.address.startsWith('personoverlap-'));
    expect(overlap).toHaveLength(4);
    expect(new Set(overlap.map((m) => m.id)).size).toBe(4);
  });

  it('delivers a bounded number a run, within the free plan, and the rest on the next runs', async () => {
    const ids = [];
    for (let i = 0; i < DELIVERIES_PER_RUN + 3; i++) ids.push(await register(`bounded-${i}`));
    await requeue(ids);
    const sender = new Recorder();
    const first = await deliverDue(ctx, { sender });
    expect(first.sent + first.retried + first.failed).toBeLessThanOrEqual(DELIVERIES_PER_RUN);
    for (let run = 0; run < 5; run++) await deliverDue(ctx, { sender });
    const mine = sender.sent.filter((m) => m.to.address.startsWith('personbounded-'));
    expect(new Set(mine.map((m) => m.to.address)).size).toBe(DELIVERIES_PER_RUN + 3);
  });
});
