import { describe, expect, it } from 'vitest';
import { call, person, postForm, postJson, rows } from '../testing/fixtures.ts';

async function register(n: string, event = 'manage') {
  const res = await postJson(`/api/events/${event}/registrations`, person(n, { answers: { role: 'Writer' } }));
  const body = await res.json<{ registration: { id: number; status: string; manageUrl: string } }>();
  return { ...body.registration, path: new URL(body.registration.manageUrl).pathname };
}

describe('the manage page', () => {
  it('is private: no-store, noindex, no referrer', async () => {
    const me = await register('private');
    const res = await call(me.path);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<meta name="robots" content="noindex" />');
  });

  it('answers 404 for a wrong or malformed link', async () => {
    expect((await call(`/manage/m_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await call('/manage/whatever')).status).toBe(404);
  });

  it('updates answers with a plain form, and keeps typed values next to errors', async () => {
    const me = await register('answers');
    const bad = await postForm(`${me.path}/answers`, [
      ['answers.role', 'Astronaut'],
      ['answers.notes', 'typed <b>note</b>'],
    ]);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Choose one of: Designer, Developer, Writer.');
    expect(html).toContain('typed &lt;b&gt;note&lt;/b&gt;</textarea>');
    const good = await postForm(`${me.path}/answers`, [
      ['answers.role', 'Developer'],
      ['answers.photo', 'on'],
    ]);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${me.path}?done=saved`);
    const [row] = await rows<{ answers: string }>('SELECT answers FROM registrations WHERE id = ?', me.id);
    expect(JSON.parse(row!.answers)).toEqual({ role: 'Developer', photo: true });
  });

  it('shows the waitlist position, and cancelling a place promotes the first waitlisted person', async () => {
    const first = await register('holder', 'manage-queue');
    expect(first.status).toBe('confirmed');
    const second = await register('waiting-1', 'manage-queue');
    const third = await register('waiting-2', 'manage-queue');
    expect(await (await call(third.path)).text()).toContain('You are number 2 on the waitlist.');

    const res = await postForm(`${first.path}/cancel`, []);
    expect(res.status).toBe(303);
    expect(await (await call(first.path)).text()).toContain('This registration is cancelled.');
    const after = await rows<{ id: number; status: string }>(
      'SELECT id, status FROM registrations WHERE id IN (?, ?, ?) ORDER BY id',
      first.id,
      second.id,
      third.id,
    );
    expect(after.map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'waitlisted']);
    const secondPage = await (await call(second.path)).text();
    expect(secondPage).toContain('Your place is confirmed.');
    expect(secondPage).toContain('aria-label="QR code of your ticket"');
    expect(await (await call(third.path)).text()).toContain('You are number 1 on the waitlist.');
    const kinds = await rows<{ registration_id: number; kind: string }>(
      'SELECT registration_id, kind FROM outbox WHERE registration_id IN (?, ?) ORDER BY id',
      first.id,
      second.id,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        { registration_id: first.id, kind: 'cancelled' },
        { registration_id: second.id, kind: 'promoted' },
      ]),
    );
  });

  it('lets a waitlisted person leave the waitlist', async () => {
    const me = await register('leaver', 'manage-queue');
    expect(me.status).toBe('waitlisted');
    expect(await (await call(me.path)).text()).toContain('Leave the waitlist');
    await postForm(`${me.path}/cancel`, []);
    const [row] = await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', me.id);
    expect(row!.status).toBe('cancelled');
  });
});
