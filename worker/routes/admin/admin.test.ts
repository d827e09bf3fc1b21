import { beforeAll, describe, expect, it } from 'vitest';
import { asOrganiser, call, organiserToken, person, postJson, rows } from '../../testing/fixtures.ts';

type View = { id: number; name: string; email: string; status: string; ticketCode: string; checkedInAt: string | null };

let manager: string;
let viewer: string;
let door: string;
let otherEvent: string;
const ids: Record<string, number> = {};

beforeAll(async () => {
  manager = await organiserToken('Priya (manager)', 'manager');
  viewer = await organiserToken('Board (viewer)', 'viewer');
  door = await organiserToken('Door team', 'check-in', ['admin']);
  otherEvent = await organiserToken('Other event', 'manager', ['open-event']);
  const people = [
    ['ada', 'Ada Lovelace', 'ada@example.org'],
    ['grace', 'Grace Hopper', 'grace@example.org'],
    ['formula', '=HYPERLINK("http://evil.example","x")', 'formula@example.org'],
    ['quote', 'Dora "Dee" Quote', 'dora@example.org'],
    ['waiting', 'Wai Ting', 'wai@example.org'],
  ];
  for (const [key, name, email] of people) {
    const res = await postJson('/api/events/admin/registrations', {
      name,
      email,
      consent: true,
      answers: { role: 'Writer', notes: '+1 plus one' },
    });
    ids[key!] = (await res.json<{ registration: { id: number } }>()).registration.id;
  }
  for (const n of ['app-1', 'app-2']) {
    const res = await postJson('/api/events/admin-camp/registrations', person(n));
    ids[n] = (await res.json<{ registration: { id: number } }>()).registration.id;
  }
});

describe('authentication', () => {
  it('answers 401 with WWW-Authenticate for a missing or wrong token', async () => {
    const none = await call('/api/admin/events/admin/registrations');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(await none.json()).toMatchObject({ code: 'unauthorized' });
    expect((await asOrganiser('gat_not-a-real-token', '/api/admin/events/admin/registrations')).status).toBe(401);
  });

  it('answers 403 for the wrong role or scope', async () => {
    const approve = await asOrganiser(viewer, `/api/admin/events/admin-camp/registrations/${ids['app-1']}/approve`, {
      method: 'POST',
      body: '{}',
    });
    expect(approve.status).toBe(403);
    expect(await approve.json()).toMatchObject({
      code: 'forbidden',
      detail: 'A viewer cannot change registrations.',
    });
    expect((await asOrganiser(otherEvent, '/api/admin/events/admin/registrations')).status).toBe(403);
    expect((await asOrganiser(door, '/api/admin/events/admin/registrations')).status).toBe(403);
    expect((await asOrganiser(viewer, '/api/admin/tokens')).status).toBe(403);
  });
});

describe('GET /api/admin/events/{eventId}/registrations', () => {
  it('filters by status and by text in names and emails', async () => {
    const confirmed = await (await asOrganiser(viewer, '/api/admin/events/admin/registrations?status=confirmed')).json<{
      registrations: View[];
    }>();
    expect(confirmed.registrations.map((r) => r.name)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      '=HYPERLINK("http://evil.example","x")',
    ]);
    const waiting = await (await asOrganiser(viewer, '/api/admin/events/admin/registrations?status=waitlisted')).json<{
      registrations: View[];
    }>();
    expect(waiting.registrations.map((r) => r.email)).toEqual(['dora@example.org', 'wai@example.org']);
    const search = await (await asOrganiser(viewer, '/api/admin/events/admin/registrations?q=HOPPER')).json<{
      registrations: View[];
    }>();
    expect(search.registrations.map((r) => r.id)).toEqual([ids.grace]);
    const byEmail = await (await asOrganiser(viewer, '/api/admin/events/admin/registrations?q=%25')).json<{
      registrations: View[];
    }>();
    expect(byEmail.registrations).toEqual([]);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { registrations: View[]; nextCursor: string | null } = await (
        await asOrganiser(viewer, `/api/admin/events/admin/registrations?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.registrations.length).toBeLessThanOrEqual(2);
      seen.push(...page.registrations.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.ada, ids.grace, ids.formula, ids.quote, ids.waiting]);
  });

  it('filters by updated since', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    const res = await asOrganiser(
      viewer,
      `/api/admin/events/admin/registrations?updatedSince=${encodeURIComponent(future)}`,
    );
    expect((await res.json<{ registrations: View[] }>()).registrations).toEqual([]);
  });

  it('refuses bad query parameters with the field named', async () => {
    const res = await asOrganiser(viewer, '/api/admin/events/admin/registrations?status=happy&limit=5000');
    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { field: string }[] }>();
    expect(body.errors.map((e) => e.field).sort()).toEqual(['limit', 'status']);
    expect((await asOrganiser(viewer, '/api/admin/events/admin/registrations?cursor=bm9wZQ')).status).toBe(400);
    expect((await asOrganiser(viewer, '/api/admin/events/no-such/registrations')).status).toBe(404);
  });
});

describe('organiser decisions', () => {
  it('approves an application with a note, then refuses the next when no place is left', async () => {
    const res = await asOrganiser(manager, `/api/admin/events/admin-camp/registrations/${ids['app-1']}/approve`, {
      method: 'POST',
      body: JSON.stringify({ message: 'See you in Lisbon!' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json<{ registration: View & { decisionMessage: string } }>()).registration).toMatchObject({
      status: 'confirmed',
      decisionMessage: 'See you in Lisbon!',
    });
    const full = await asOrganiser(manager, `/api/admin/events/admin-camp/registrations/${ids['app-2']}/approve`, {
      method: 'POST',
    });
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ code: 'event_full' });
    const again = await asOrganiser(manager, `/api/admin/events/admin-camp/registrations/${ids['app-1']}/approve`, {
      method: 'POST',
    });
    expect(await again.json()).toMatchObject({ code: 'not_pending' });
    const messages = await rows<{ kind: string; body: string; params: string }>(
      'SELECT kind, body, params FROM outbox WHERE registration_id = ? ORDER BY id',
      ids['app-1'],
    );
    expect(messages.map((m) => m.kind)).toEqual(['received', 'accepted']);
    // The note goes in as text at delivery, never as part of the template.
    expect(messages[1]!.body).toContain('{{note}}');
    expect(JSON.parse(messages[1]!.params)).toEqual({ note: 'See you in Lisbon!' });
  });

  it('declines an application', async () => {
    const res = await asOrganiser(manager, `/api/admin/events/admin-camp/registrations/${ids['app-2']}/decline`, {
      method: 'POST',
      body: JSON.stringify({ message: 'Full this time.' }),
    });
    expect((await res.json<{ registration: View }>()).registration.status).toBe('declined');
  });

  it('cancels a place, which goes to the first waitlisted person; manual promotion needs a free place', async () => {
    const noRoom = await asOrganiser(manager, `/api/admin/events/admin/registrations/${ids.waiting}/promote`, {
      method: 'POST',
    });
    expect(noRoom.status).toBe(409);
    expect(await noRoom.json()).toMatchObject({ code: 'event_full' });
    const res = await asOrganiser(manager, `/api/admin/events/admin/registrations/${ids.grace}/cancel`, {
      method: 'POST',
    });
    expect((await res.json<{ registration: View }>()).registration.status).toBe('cancelled');
    const quote = await (await asOrganiser(viewer, `/api/admin/events/admin/registrations/${ids.quote}`)).json<{
      registration: View;
    }>();
    expect(quote.registration.status).toBe('confirmed');
    const wai = await (await asOrganiser(viewer, `/api/admin/events/admin/registrations/${ids.waiting}`)).json<{
      waitlistPosition: number;
    }>();
    expect(wai.waitlistPosition).toBe(1);
    const counts = await (await asOrganiser(viewer, '/api/admin/events/admin/counts')).json();
    expect(counts).toEqual({
      capacity: 3,
      counts: {
        pending: 0,
        confirmed: 3,
        waitlisted: 1,
        declined: 0,
        cancelled: 1,
        event_cancelled: 0,
        awaiting_payment: 0,
        checkedIn: 0,
      },
    });
  });
});

describe('POST /api/admin/events/{eventId}/check-in', () => {
  it('checks in once and says so on the second scan, accepting sloppy typing', async () => {
    const ada = await (await asOrganiser(viewer, `/api/admin/events/admin/registrations/${ids.ada}`)).json<{
      registration: View;
    }>();
    const first = await asOrganiser(door, '/api/admin/events/admin/check-in', {
      method: 'POST',
      body: JSON.stringify({ ticketCode: ada.registration.ticketCode }),
    });
    expect(first.status).toBe(200);
    const a = await first.json<{ alreadyCheckedIn: boolean; checkedInAt: string; name: string }>();
    expect(a).toMatchObject({ name: 'Ada Lovelace', alreadyCheckedIn: false });
    const sloppy = ada.registration.ticketCode.toLowerCase().replace(/-/g, ' ');
    const second = await (
      await asOrganiser(door, '/api/admin/events/admin/check-in', {
        method: 'POST',
        body: JSON.stringify({ ticketCode: sloppy }),
      })
    ).json();
    expect(second).toMatchObject({ alreadyCheckedIn: true, checkedInAt: a.checkedInAt });
  });

  it('refuses cancelled and waitlisted tickets with the reason, and unknown ones with 404', async () => {
    const grace = await (await asOrganiser(viewer, `/api/admin/events/admin/registrations/${ids.grace}`)).json<{
      registration: View;
    }>();
    const cancelled = await asOrganiser(door, '/api/admin/events/admin/check-in', {
      method: 'POST',
      body: JSON.stringify({ ticketCode: grace.registration.ticketCode }),
    });
    expect(cancelled.status).toBe(409);
    expect(await cancelled.json()).toMatchObject({
      code: 'ticket_not_valid',
      detail: 'This registration was cancelled.',
      status: 409,
      name: 'Grace Hopper',
      registrationStatus: 'cancelled',
    });
    const wai = await (await asOrganiser(viewer, `/api/admin/events/admin/registrations/${ids.waiting}`)).json<{
      registration: View;
    }>();
    const waiting = await (
      await asOrganiser(door, '/api/admin/events/admin/check-in', {
        method: 'POST',
        body: JSON.stringify({ ticketCode: wai.registration.ticketCode }),
      })
    ).json();
    expect(waiting).toMatchObject({ detail: 'This person is on the waitlist, without a place.' });
    const unknown = await asOrganiser(door, '/api/admin/events/admin/check-in', {
      method: 'POST',
      body: JSON.stringify({ ticketCode: 'ZZZZ-ZZZZ-ZZ' }),
    });
    expect(unknown.status).toBe(404);
  });
});

describe('exports', () => {
  it('exports CSV that spreadsheets cannot run as formulas', async () => {
    const res = await asOrganiser(viewer, '/api/admin/events/admin/registrations.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('admin-registrations.csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^"Registration","Status","Name","Email",/);
    expect(lines[0]).toContain('"Role","Topics","Website","Other email","Notes","Photos are fine"');
    expect(lines).toHaveLength(6);
    expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines.find((l) => l.includes('Dora'))).toContain('"Dora ""Dee"" Quote"');
    expect(lines[1]).toContain(`"'+1 plus one"`);
  });

  it('exports JSON', async () => {
    const body = await (await asOrganiser(viewer, '/api/admin/events/admin/registrations.json')).json<{
      registrations: View[];
    }>();
    expect(body.registrations).toHaveLength(5);
  });
});

describe('audit log and tokens', () => {
  it('records who did what and when', async () => {
    const { entries } = await (await asOrganiser(viewer, '/api/admin/audit?limit=200')).json<{
      entries: { actor: string; action: string; registrationId: number | null }[];
    }>();
    // Tokens are named as tokens, so none can pass for a person.
    const actions = entries.map((e) => `${e.actor.replace(/^token #\d+ \((.*)\)$/, '$1')}: ${e.action}`);
    expect(entries.every((e) => /^token #\d+ \(/.test(e.actor))).toBe(true);
    expect(actions).toEqual(
      expect.arrayContaining([
        'Priya (manager): registration.approve',
        'Priya (manager): registration.decline',
        'Priya (manager): registration.cancel',
        'Door team: check-in',
        'Board (viewer): registrations.export',
      ]),
    );
    expect(entries.find((e) => e.action === 'registration.cancel')!.registrationId).toBe(ids.grace);
  });

  it('lists tokens without secrets and revokes them', async () => {
    const list = await (await asOrganiser(manager, '/api/admin/tokens')).json<{
      tokens: { id: number; name: string }[];
    }>();
    expect(JSON.stringify(list)).not.toMatch(/tokenHash|gat_/);
    const other = list.tokens.find((t) => t.name === 'Other event')!;
    expect((await asOrganiser(manager, `/api/admin/tokens/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await asOrganiser(otherEvent, '/api/admin/events/open-event/registrations')).status).toBe(401);
  });
});
