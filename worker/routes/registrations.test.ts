import { describe, expect, it } from 'vitest';
import { Browser, call, person, postForm, postJson, rows } from '../testing/fixtures.ts';

type Created = {
  registration: { id: number; status: string; ticketCode: string; waitlistPosition: number | null; manageUrl: string };
  message: string;
};

describe('GET /api/events/{eventId}/availability', () => {
  it('tells places left without revealing who registered', async () => {
    await postJson('/api/events/tiny-no-waitlist/registrations', person('avail-1'));
    const res = await call('/api/events/tiny-no-waitlist/availability');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ state: 'open', placesLeft: 1, capacity: 2, message: '1 of 2 places left.' });
    expect(JSON.stringify(body)).not.toContain('example.org');
  });

  it('names each state: not yet open, closed, application', async () => {
    expect(await (await call('/api/events/not-yet-open/availability')).json()).toMatchObject({ state: 'not_yet_open' });
    expect(await (await call('/api/events/ended/availability')).json()).toMatchObject({ state: 'closed' });
    expect(await (await call('/api/events/camp/availability')).json()).toMatchObject({ state: 'application' });
  });
});

describe('POST /api/events/{eventId}/registrations', () => {
  it('confirms a registration with a ticket code and a working manage link', async () => {
    const res = await postJson(
      '/api/events/open-event/registrations',
      person('json', { answers: { role: 'Designer', topics: ['Craft'], photo: true } }),
    );
    expect(res.status).toBe(201);
    const body = await res.json<Created>();
    expect(body.registration).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(body.registration.ticketCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{2}$/);
    const browser = new Browser();
    const manage = await browser.open(body.registration.manageUrl);
    expect(manage.status).toBe(200);
    const html = await manage.text();
    expect(html).toContain('Your place is confirmed.');
    expect(html).toContain(body.registration.ticketCode);
    const [stored] = await rows<{ answers: string; manage_token_hash: string }>(
      'SELECT answers, manage_token_hash FROM registrations WHERE id = ?',
      body.registration.id,
    );
    expect(JSON.parse(stored!.answers)).toEqual({ role: 'Designer', topics: ['Craft'], photo: true });
    expect(stored!.manage_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.registration.manageUrl).not.toContain(stored!.manage_token_hash);
    const messages = await rows<{ kind: string; status: string; attach_calendar: number }>(
      'SELECT kind, status, attach_calendar FROM outbox WHERE registration_id = ?',
      body.registration.id,
    );
    expect(messages).toEqual([{ kind: 'confirmed', status: 'sent', attach_calendar: 1 }]);
  });

  it('works as a plain form post: 303 to the manage page, with no secret in its address', async () => {
    const browser = new Browser();
    const res = await browser.postForm('/api/events/open-event/registrations', [
      ['name', 'Form Person'],
      ['email', 'form@example.org'],
      ['consent', 'on'],
      ['answers.role', 'Writer'],
      ['answers.topics', 'Craft'],
      ['answers.topics', 'Business'],
    ]);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/manage\/\d+\?welcome=1$/);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('__Host-gathering='))).toMatch(
      /^__Host-gathering=s_[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const html = await (await browser.fetch(location)).text();
    expect(html).toContain('Thank you!');
    // Without the browser's session, the address alone opens nothing.
    expect((await call(location)).status).toBe(404);
    const [stored] = await rows<{ answers: string }>(
      "SELECT answers FROM registrations WHERE email = 'form@example.org'",
    );
    expect(JSON.parse(stored!.answers)).toEqual({ role: 'Writer', topics: ['Craft', 'Business'] });
  });

  it('shows form errors next to the fields, keeping and escaping what was typed', async () => {
    const res = await postForm('/api/events/open-event/registrations', [
      ['name', '<script>alert(1)</script>'],
      ['email', 'not-an-email'],
      ['answers.notes', 'kept "notes"'],
    ]);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('kept &quot;notes&quot;</textarea>');
    expect(html).toMatch(/id="r-email-error">Email needs to be an address like name@example.org.</);
    expect(html).toMatch(/id="r-consent-error">Please agree to the privacy notice/);
    expect(await rows("SELECT id FROM registrations WHERE email = 'not-an-email'")).toEqual([]);
  });

  it('never takes a second place for the same email, and sends the link again', async () => {
    const first = await postJson(
      '/api/events/open-event/registrations',
      person('dup', { answers: { role: 'Writer' } }),
    );
    expect(first.status).toBe(201);
    const again = await postJson(
      '/api/events/open-event/registrations',
      person('dup', { email: 'PERSON' + 'dup@Example.org', answers: { role: 'Writer' } }),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'already_registered' });
    expect(await rows("SELECT id FROM registrations WHERE email_key = 'persondup@example.org'")).toHaveLength(1);
    const kinds = await rows<{ kind: string }>(
      `SELECT o.kind FROM outbox o JOIN registrations r ON r.id = o.registration_id
        WHERE r.email_key = 'persondup@example.org' ORDER BY o.id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['confirmed', 'manage-link']);
  });

  it('makes retries with an Idempotency-Key safe, and refuses the key for another body', async () => {
    const headers = { 'idempotency-key': 'retry-123' };
    const first = await postJson(
      '/api/events/open-event/registrations',
      person('idem', { answers: { role: 'Writer' } }),
      headers,
    );
    const second = await postJson(
      '/api/events/open-event/registrations',
      person('idem', { answers: { role: 'Writer' } }),
      headers,
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = await first.json<Created>();
    const b = await second.json<Created>();
    expect(b.registration).toMatchObject({
      id: a.registration.id,
      status: a.registration.status,
      ticketCode: a.registration.ticketCode,
    });
    expect(b.registration.manageUrl).toBeUndefined();
    const other = await postJson(
      '/api/events/open-event/registrations',
      person('idem-other', { answers: { role: 'Writer' } }),
      headers,
    );
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('keeps applications pending until an organiser decides', async () => {
    const res = await postJson(
      '/api/events/camp/registrations',
      person('camper', { answers: { why: 'To meet hosts.' } }),
    );
    expect(res.status).toBe(201);
    expect((await res.json<Created>()).registration.status).toBe('pending');
    const [message] = await rows<{ kind: string; attach_calendar: number }>(
      `SELECT o.kind, o.attach_calendar FROM outbox o JOIN registrations r ON r.id = o.registration_id
        WHERE r.email = 'personcamper@example.org'`,
    );
    expect(message).toEqual({ kind: 'received', attach_calendar: 0 });
  });

  it('refuses as full when there is no waitlist', async () => {
    await postJson('/api/events/tiny-no-waitlist/registrations', person('tiny-1'));
    const res = await postJson('/api/events/tiny-no-waitlist/registrations', person('tiny-2'));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'event_full' });
    expect(await rows("SELECT id FROM registrations WHERE email = 'persontiny-2@example.org'")).toEqual([]);
  });

  it.each([
    ['not-yet-open', 'registration_not_open'],
    ['ended', 'registration_ended'],
    ['cancelled', 'event_cancelled'],
    ['postponed', 'event_postponed'],
    ['past', 'event_over'],
    ['closed', 'registration_closed'],
    ['external', 'registration_external'],
  ])('refuses %s events with a clear reason (%s)', async (id, code) => {
    const res = await postJson(`/api/events/${id}/registrations`, person(`refused-${id}`));
    expect(res.status).toBe(409);
    const body = await res.json<{ code: string; detail: string }>();
    expect(body.code).toBe(code);
    expect(body.detail).toContain(`Fixture ${id}`);
    expect(await rows('SELECT id FROM registrations WHERE event_id = ?', id)).toEqual([]);
  });

  it('answers an unknown event with 404', async () => {
    const res = await postJson('/api/events/nope/registrations', person('x'));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'event_not_found' });
  });
});

describe('POST /api/events/{eventId}/registrations with bad input', () => {
  const send = (body: string, type = 'application/json') =>
    call('/api/events/open-event/registrations', {
      method: 'POST',
      headers: { 'content-type': type, 'cf-connecting-ip': `10.0.0.${Math.random()}`, origin: 'http://localhost:8787' },
      body,
    });

  it.each([
    ['malformed JSON', () => send('{"name": '), 400, 'malformed_body'],
    ['a wrong content type', () => send('name=x', 'text/plain'), 415, 'unsupported_media_type'],
    [
      'an oversized body',
      () => send(JSON.stringify({ ...person('big'), answers: { notes: 'x'.repeat(20_000) } })),
      413,
      'payload_too_large',
    ],
  ])('answers %s with a problem', async (_, request, status, code) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status, code });
  });

  it.each([
    ['an unknown question id', { answers: { role: 'Designer', shoe: '42' } }, 'answers.shoe'],
    ['a missing required answer', { answers: {} }, 'answers.role'],
    ['an option that does not exist', { answers: { role: 'Astronaut' } }, 'answers.role'],
    ['an over-long name', { name: 'n'.repeat(101), answers: { role: 'Writer' } }, 'name'],
    ['an invalid email', { email: 'person@nowhere', answers: { role: 'Writer' } }, 'email'],
    ['a name of control characters only', { name: '\u0007\u0008', answers: { role: 'Writer' } }, 'name'],
    [
      'a bidi override in an answer',
      { answers: { role: 'Writer', website: 'https://example.org/\u202e' } },
      'answers.website',
    ],
    ['no consent', { consent: false, answers: { role: 'Writer' } }, 'consent'],
    ['a filled honeypot', { homepage: 'http://spam.example', answers: { role: 'Writer' } }, 'homepage'],
    ['a wrong type of answer', { answers: { role: 'Writer', photo: 'maybe' } }, 'answers.photo'],
    ['an unknown top-level field', { admin: true, answers: { role: 'Writer' } }, '(body)'],
  ])('refuses %s, naming the field, and stores nothing', async (_, change, field) => {
    const email = `bad-${Math.random().toString(36).slice(2)}@example.org`;
    const res = await postJson('/api/events/open-event/registrations', { ...person('bad'), email, ...change });
    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { field: string; message: string }[] }>();
    expect(body.errors.map((e) => e.field)).toContain(field);
    expect(await rows('SELECT id FROM registrations WHERE email = ?', email)).toEqual([]);
  });

  it('rate-limits one address with 429 and Retry-After', async () => {
    // 10 a minute: 21 quick requests span at most two windows, so at least one is refused
    // wherever the minute boundary falls.
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 21; i++) {
      const res = await postJson('/api/events/unlimited/registrations', person(`rl-${i}`), {
        'cf-connecting-ip': '203.0.113.9',
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(20);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(retryAfter).toBe('60');
  });

  it('counts IPv6 clients per /64, not per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await postJson('/api/events/unlimited/registrations', person(`rl6-${i}`), {
        'cf-connecting-ip': `2001:db8:1234:5678:${i.toString(16)}::1`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
  });

  it('strips line breaks and control characters from the name instead of storing them', async () => {
    const res = await postJson('/api/events/unlimited/registrations', person('lines', { name: 'Ada\r\nBcc: x\u0007' }));
    expect(res.status).toBe(201);
    const [stored] = await rows<{ name: string }>(
      "SELECT name FROM registrations WHERE email = 'personlines@example.org'",
    );
    expect(stored!.name).toBe('Ada Bcc: x');
  });
});

describe('optional protections', () => {
  it('requires a passing Turnstile check when a secret is configured', async () => {
    const { env, createExecutionContext } = await import('cloudflare:test');
    const { app } = await import('../testing/fixtures.ts');
    const res = await app.request(
      'http://localhost:8787/api/events/unlimited/registrations',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' },
        body: JSON.stringify(person('turnstile')),
      },
      { ...env, TURNSTILE_SECRET_KEY: 'configured' },
      createExecutionContext(),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'turnstile_failed' });
    expect(await rows("SELECT id FROM registrations WHERE email = 'personturnstile@example.org'")).toEqual([]);
  });

  it('shows locally delivered messages only when the dev mailbox is on', async () => {
    const { env, createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test');
    const { app } = await import('../testing/fixtures.ts');
    const off = await app.request('http://localhost:8787/api/dev/mailbox', {}, { ...env, DEV_MAILBOX: undefined });
    expect(off.status).toBe(404);
    const ctx = createExecutionContext();
    await app.request(
      'http://localhost:8787/api/events/unlimited/registrations',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.78' },
        body: JSON.stringify(person('mailbox')),
      },
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const res = await app.request(
      'http://localhost:8787/api/dev/mailbox',
      { headers: { accept: 'application/json' } },
      { ...env, DEV_MAILBOX: 'on' },
    );
    const { messages } = await res.json<{ messages: { to: { address: string }; subject: string; text: string }[] }>();
    const mine = messages.find((m) => m.to.address === 'personmailbox@example.org')!;
    expect(mine.subject).toBe("You're registered: Fixture unlimited");
    expect(mine.text).toMatch(/\/manage\/m_[A-Za-z0-9_-]{43}/);
  });
});
