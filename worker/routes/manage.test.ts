import { describe, expect, it } from 'vitest';
import { Browser, call, person, registerUnproven, rows } from '../testing/fixtures.ts';

async function register(n: string, event = 'manage') {
  return registerUnproven(event, person(n, { answers: { role: 'Writer' } }));
}

describe('the manage page', () => {
  it('is private: no-store, noindex, no referrer', async () => {
    const me = await register('private');
    const res = await me.browser.fetch(me.page);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<meta name="robots" content="noindex"/>');
  });

  it('answers 404 for a wrong or malformed link, and for a page this browser does not hold', async () => {
    expect((await call(`/manage/m_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await call('/manage/whatever')).status).toBe(404);
    const me = await register('someone-elses');
    expect((await new Browser().fetch(me.page)).status).toBe(404);
    expect((await call(me.page)).status).toBe(404);
  });

  it('leaves the secret out of the address after the first click', async () => {
    const res = await postJsonManage('secretless');
    expect(res.first.status).toBe(303);
    expect(res.first.headers.get('location')).toBe(`/manage/${res.id}`);
    expect(res.first.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('updates answers with a plain form, and keeps typed values next to errors', async () => {
    const me = await register('answers');
    const bad = await me.browser.postForm(`${me.page}/answers`, [
      ['answers.role', 'Astronaut'],
      ['answers.notes', 'typed <b>note</b>'],
    ]);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Choose one of: Designer, Developer, Writer.');
    expect(html).toContain('typed &lt;b&gt;note&lt;/b&gt;</textarea>');
    expect(html).toMatch(
      /<select id="q-role" name="answers.role" required="" aria-describedby="q-role-error" aria-invalid="true">/,
    );
    const good = await me.browser.postForm(`${me.page}/answers`, [
      ['answers.role', 'Developer'],
      ['answers.photo', 'on'],
    ]);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${me.page}?done=saved`);
    const [row] = await rows<{ answers: string }>('SELECT answers FROM registrations WHERE id = ?', me.id);
    expect(JSON.parse(row!.answers)).toEqual({ role: 'Developer', photo: true });
  });

  it('shows the waitlist position, and cancelling a place promotes the first waitlisted person', async () => {
    const first = await register('holder', 'manage-queue');
    expect(first.status).toBe('confirmed');
    const second = await register('waiting-1', 'manage-queue');
    const third = await register('waiting-2', 'manage-queue');
    expect(await (await third.browser.fetch(third.page)).text()).toContain('You are number 2 on the waitlist.');

    const res = await first.browser.postForm(`${first.page}/cancel`, [['confirm', 'yes']]);
    expect(res.status).toBe(303);
    expect(await (await first.browser.fetch(first.page)).text()).toContain('This registration is cancelled.');
    const after = await rows<{ id: number; status: string }>(
      'SELECT id, status FROM registrations WHERE id IN (?, ?, ?) ORDER BY id',
      first.id,
      second.id,
      third.id,
    );
    expect(after.map((r) => r.status)).toEqual(['cancelled', 'confirmed', 'waitlisted']);
    const secondPage = await (await second.browser.fetch(second.page)).text();
    expect(secondPage).toContain('Your place is confirmed.');
    expect(secondPage).toContain('aria-label="QR code of your ticket"');
    expect(await (await third.browser.fetch(third.page)).text()).toContain('You are number 1 on the waitlist.');
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
    expect(await (await me.browser.fetch(me.page)).text()).toContain('Leave the waitlist');
    await me.browser.postForm(`${me.page}/cancel`, [['confirm', 'yes']]);
    const [row] = await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', me.id);
    expect(row!.status).toBe('cancelled');
  });

  it('shows when and where on the ticket in the event zone, never as an ISO timestamp', async () => {
    const me = await register('ticket', 'manage');
    const html = await (await me.browser.fetch(me.page)).text();
    expect(html).toMatch(/\(Berlin time\)/);
    expect(html).toContain('Werkhaus, Skalitzer Str. 85, Berlin');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

async function postJsonManage(n: string) {
  const { postJson } = await import('../testing/fixtures.ts');
  const res = await postJson('/api/events/manage/registrations', person(n, { answers: { role: 'Writer' } }));
  const { registration } = await res.json<{ registration: { id: number; manageUrl: string } }>();
  const first = await new Browser().fetch(registration.manageUrl);
  return { id: registration.id, first };
}
