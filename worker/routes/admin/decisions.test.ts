// Organisers' decisions beyond one approve or decline: full application events with a waitlist,
// undoing a decline, moving people in the waitlist, fresh links, and deciding many at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { asOrganiser, organiserToken, person, postJson, rows } from '../../testing/fixtures.ts';

let manager: string;
beforeAll(async () => {
  manager = await organiserToken('decisions', 'manager');
});

let n = 0;
async function apply(eventId: string, extra: Record<string, unknown> = {}) {
  const res = await postJson(`/api/events/${eventId}/registrations`, person(`decide-${n++}`, extra));
  return (await res.json<{ registration: { id: number } }>()).registration.id;
}
const post = (path: string, body?: unknown) =>
  asOrganiser(manager, `/api/admin/events/${path}`, { method: 'POST', body: body ? JSON.stringify(body) : undefined });
const statusOf = async (id: number) =>
  (await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', id))[0]!.status;
const kindsTo = async (id: number) =>
  (await rows<{ kind: string }>('SELECT kind FROM outbox WHERE registration_id = ? ORDER BY id', id)).map(
    (m) => m.kind,
  );

describe('POST /api/admin/events/{eventId}/registrations/bulk', () => {
  it('fills free places in id order and puts the rest on the waitlist, with one message each', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await apply('bulk-camp'));
    const res = await post('bulk-camp/registrations/bulk', { action: 'approve', ids, message: 'Welcome {{name}}' });
    expect(res.status).toBe(200);
    const outcome = await res.json<{ confirmed: number[]; waitlisted: number[] }>();
    expect(outcome.confirmed).toEqual(ids.slice(0, 3));
    expect(outcome.waitlisted).toEqual(ids.slice(3));
    expect(await kindsTo(ids[0]!)).toEqual(['received', 'accepted']);
    expect(await kindsTo(ids[4]!)).toEqual(['received', 'accepted-waitlisted']);
    // The waitlist keeps the order the organiser saw.
    const line = await rows<{ id: number }>(
      "SELECT id FROM registrations WHERE event_id = 'bulk-camp' AND status = 'waitlisted' ORDER BY waitlisted_at, id",
    );
    expect(line.map((r) => r.id)).toEqual(ids.slice(3));
    const audit = await rows<{ registration_id: number; actor: string }>(
      "SELECT registration_id, actor FROM audit_log WHERE action = 'registration.approve' AND event_id = 'bulk-camp'",
    );
    expect(audit.map((a) => a.registration_id).sort()).toEqual(ids.slice(0, 3).sort());
    // Already decided: nothing changes, nothing is sent twice.
    const again = await (await post('bulk-camp/registrations/bulk', { action: 'approve', ids })).json();
    expect(again).toEqual({ confirmed: [], waitlisted: [], declined: [] });
    expect(await kindsTo(ids[0]!)).toEqual(['received', 'accepted']);
  });

  it('never gives more places than there are, even when two organisers approve at once', async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await apply('bulk-race'));
    const [a, b] = await Promise.all([
      post('bulk-race/registrations/bulk', { action: 'approve', ids: ids.slice(0, 8) }),
      post('bulk-race/registrations/bulk', { action: 'approve', ids: ids.slice(4) }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [confirmed] = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM registrations WHERE event_id = 'bulk-race' AND status = 'confirmed'",
    );
    expect(confirmed!.n).toBe(5);
    const [counted] = await rows<{ n: number }>(
      "SELECT n FROM registration_counts WHERE event_id = 'bulk-race' AND status = 'confirmed'",
    );
    expect(counted!.n).toBe(5);
  });

  it('declines with one note, and refuses an empty, oversized or malformed request clearly', async () => {
    const ids = [await apply('bulk-race'), await apply('bulk-race')];
    const res = await post('bulk-race/registrations/bulk', { action: 'decline', ids, message: 'Next year!' });
    expect(await res.json()).toEqual({ confirmed: [], waitlisted: [], declined: ids });
    expect(await statusOf(ids[1]!)).toBe('declined');
    for (const body of [
      { action: 'approve', ids: [] },
      { action: 'approve', ids: Array.from({ length: 201 }, (_, i) => i + 1) },
      { action: 'accept', ids },
      { action: 'approve', ids: ['1'] },
      { action: 'approve', ids, extra: true },
    ]) {
      const bad = await post('bulk-race/registrations/bulk', body);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('POST /api/admin/events/{eventId}/registrations/{id}/approve on a full event', () => {
  it('accepts the person onto the waitlist when the event keeps one', async () => {
    const first = [await apply('bulk-camp')];
    await post('bulk-camp/registrations/bulk', { action: 'approve', ids: first });
    const late = await apply('bulk-camp');
    const res = await post(`bulk-camp/registrations/${late}/approve`);
    expect(res.status).toBe(200);
    expect((await res.json<{ registration: { status: string } }>()).registration.status).toBe('waitlisted');
    expect(await kindsTo(late)).toEqual(['received', 'accepted-waitlisted']);
  });
});

describe('POST /api/admin/events/{eventId}/registrations/{id}/undecline', () => {
  it('gives a declined person the place while one is free, and refuses when none is', async () => {
    const a = await apply('undecline-camp');
    const b = await apply('undecline-camp');
    await post(`undecline-camp/registrations/${a}/decline`);
    await post(`undecline-camp/registrations/${b}/decline`);
    const undone = await post(`undecline-camp/registrations/${a}/undecline`);
    expect(undone.status).toBe(200);
    expect(await statusOf(a)).toBe('confirmed');
    expect(await kindsTo(a)).toEqual(['received', 'declined', 'accepted']);
    const full = await post(`undecline-camp/registrations/${b}/undecline`);
    expect(full.status).toBe(409);
    expect(await full.text()).toContain('no free place left');
    const notDeclined = await post(`undecline-camp/registrations/${a}/undecline`);
    expect(notDeclined.status).toBe(409);
    expect(await notDeclined.text()).toContain('only a decline can be undone');
  });
});

describe('POST /api/admin/events/{eventId}/registrations/{id}/waitlist-move', () => {
  it('moves people up, down and to the front, and says when there is nowhere to go', async () => {
    await apply('line');
    const [a, b, c] = [await apply('line'), await apply('line'), await apply('line')];
    const line = async () =>
      (
        await rows<{ id: number }>(
          "SELECT id FROM registrations WHERE event_id = 'line' AND status = 'waitlisted' ORDER BY waitlisted_at, id",
        )
      ).map((r) => r.id);
    expect(await line()).toEqual([a, b, c]);
    expect((await post(`line/registrations/${c}/waitlist-move`, { move: 'up' })).status).toBe(200);
    expect(await line()).toEqual([a, c, b]);
    expect((await post(`line/registrations/${a}/waitlist-move`, { move: 'down' })).status).toBe(200);
    expect(await line()).toEqual([c, a, b]);
    expect((await post(`line/registrations/${b}/waitlist-move`, { move: 'first' })).status).toBe(200);
    expect(await line()).toEqual([b, c, a]);
    const top = await post(`line/registrations/${b}/waitlist-move`, { move: 'up' });
    expect(top.status).toBe(409);
    expect(await top.text()).toContain('already first');
    expect((await post(`line/registrations/${b}/waitlist-move`, { move: 'sideways' })).status).toBe(400);
  });
});

describe('POST /api/admin/events/{eventId}/registrations/{id}/resend-link', () => {
  it('emails a fresh manage link, beyond the public hourly cap, and records who asked', async () => {
    const id = await apply('line');
    for (let i = 0; i < 4; i++) expect((await post(`line/registrations/${id}/resend-link`)).status).toBe(200);
    expect((await kindsTo(id)).filter((k) => k === 'manage-link')).toHaveLength(4);
    const [audit] = await rows<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'registration.resend-link' AND registration_id = ?",
      id,
    );
    expect(audit!.n).toBe(4);
  });
});
