// Attacks on the worker, each as an outsider would try it, and what must hold.
import { DrizzleQueryError } from 'drizzle-orm/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeError } from './http/errors.ts';
import {
  appAt,
  asOrganiser,
  Browser,
  call,
  content,
  lastMessageTo,
  organiserToken,
  person,
  postForm,
  postJson,
  registerAndProve,
  registerUnproven,
  rows,
} from './testing/fixtures.ts';

const SCRIPT = 'answers.x"><script>alert(document.cookie)</script>';

describe('reflected XSS on the form page', () => {
  it('refuses a made-up field name without ever writing it into the page', async () => {
    const res = await postForm('/api/events/security/registrations', [
      ['name', 'Mallory'],
      [SCRIPT, 'x'],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('alert(document.cookie)');
    expect(html).toContain('The form had fields this event does not ask for.');
  });

  it('never answers with an unescaped "<" from what was sent, whatever the field names and values', async () => {
    // Every generated name and value carries "<zz", which must never come back as markup.
    const text = fc.string({ maxLength: 30 }).map((s) => `${s}<zz>"'&`);
    const names = fc.oneof(
      fc.constantFrom(
        'name',
        'email',
        'consent',
        'homepage',
        'answers.role',
        'answers.notes',
        'profile.offers',
        'profile.optIn',
      ),
      text,
      text.map((t) => `answers.${t}`),
      text.map((t) => `profile.${t}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, text), { maxLength: 8 }), async (fields) => {
        const res = await postForm('/api/events/security/registrations', fields);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain('<zz');
      }),
      { numRuns: 120 },
    );
  });
});

describe('cross-site form posts', () => {
  it('refuses a form posted from another site with a readable 403 page, and stores nothing', async () => {
    const res = await postForm('/api/events/security/registrations', [['name', 'x']], {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('came from another site');
  });

  it('refuses a form post that says neither where it came from (Origin) nor how (Sec-Fetch-Site)', async () => {
    const res = await call('/api/events/security/registrations', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '198.51.100.250' },
      body: 'name=x',
    });
    expect(res.status).toBe(403);
  });

  it('accepts a same-site form whose Origin the referrer policy hides, by its Sec-Fetch-Site', async () => {
    const me = await registerUnproven('security', person('sec-null-origin', { answers: { role: 'Writer' } }));
    const res = await me.browser.fetch(`${me.page}/stars`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', 'sec-fetch-site': 'same-origin' },
      body: 'sessionId=x',
    });
    expect(res.status).toBe(303);
  });

  it('lets scripts send JSON without cookies, but refuses cookie-carrying requests from another site', async () => {
    expect(
      (await postJson('/api/events/security/registrations', person('sec-script', { answers: { role: 'Writer' } })))
        .status,
    ).toBe(201);
    const me = await registerUnproven('security', person('sec-victim', { answers: { role: 'Writer' } }));
    const res = await me.browser.fetch(`${me.page}/cancel`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', me.id))[0]!.status).toBe(
      'confirmed',
    );
  });
});

describe('email ownership before anything is joined across events', () => {
  it("does not let someone using another person's email read their agenda or break their link", async () => {
    const victim = await registerAndProve('security', person('sec-owner', { answers: { role: 'Writer' } }));
    const created = await victim.browser.postForm(`${victim.page}/calendar`, []);
    const feed = (await created.text()).match(/\/api\/calendars\/personal\/c_[A-Za-z0-9_-]{43}\.ics/)![0];

    // The attacker registers the same address (case changed) at another event and gets a link back.
    const attacker = await registerUnproven(
      'security-two',
      person('sec-owner', { email: 'PERSONsec-owner@Example.org' }),
    );
    const page = await (await attacker.browser.fetch(attacker.page)).text();
    expect(page).toContain('open this page from the link in one of our emails');
    const tried = await attacker.browser.postForm(`${attacker.page}/calendar`, []);
    expect(tried.status).toBe(303);
    expect(await tried.text()).not.toContain('/api/calendars/personal/');

    // The victim's calendar is untouched and holds only their own, proven registrations.
    const ics = await (await call(feed)).text();
    expect(ics).toContain('Fixture security');
    expect(ics).not.toContain('Fixture security-two');
    expect((await victim.browser.fetch(victim.page)).status).toBe(200);
    expect(
      await rows('SELECT person_id FROM registrations WHERE id = ? AND person_id IS NULL', attacker.id),
    ).toHaveLength(1);
  });

  it('proves an email only through a link delivered to it, never through the link in the answer', async () => {
    const res = await postJson(
      '/api/events/security/registrations',
      person('sec-prove', { answers: { role: 'Writer' } }),
    );
    const { registration } = await res.json<{ registration: { id: number; manageUrl: string } }>();
    await new Browser().open(registration.manageUrl);
    expect(
      (await rows<{ p: number | null }>('SELECT person_id AS p FROM registrations WHERE id = ?', registration.id))[0]!
        .p,
    ).toBeNull();
    await new Browser().open(lastMessageTo('personsec-prove@example.org').link!);
    expect(
      (await rows<{ p: number | null }>('SELECT person_id AS p FROM registrations WHERE id = ?', registration.id))[0]!
        .p,
    ).not.toBeNull();
  });
});

describe('introductions', () => {
  const join = (n: string, profile: Record<string, unknown>) =>
    registerAndProve('security', person(n, { answers: { role: 'Writer' }, profile }));

  it('holds the limit of 10 a day under 20 simultaneous requests', async () => {
    const asker = await join('sec-asker', { seeks: ['pricing'], offers: ['writing'] });
    const targets = await Promise.all(
      Array.from({ length: 20 }, (_, i) => join(`sec-target-${i}`, { offers: ['pricing'], seeks: ['writing'] })),
    );
    await Promise.all(
      targets.map((t) => asker.browser.postForm(`${asker.page}/introductions`, [['to', String(t.id)]])),
    );
    expect(await rows('SELECT id FROM introductions WHERE from_registration = ?', asker.id)).toHaveLength(10);
  });

  it('delivers a typed note as text, never as a template, and strips line breaks from names', async () => {
    const a = await join('sec-note-a', {
      displayName: 'Eve\r\nBcc: everyone',
      seeks: ['pricing'],
      offers: ['writing'],
    });
    const b = await join('sec-note-b', { offers: ['pricing'], seeks: ['writing'] });
    await a.browser.postForm(`${a.page}/introductions`, [
      ['to', String(b.id)],
      ['note', 'Here is my link: {{manage_url}} {{name}}'],
    ]);
    const { message } = lastMessageTo('personsec-note-b@example.org');
    expect(message!.text).toContain('Here is my link: {{manage_url}} {{name}}');
    expect(message!.text).toContain('Eve Bcc: everyone would like to meet you');
    expect(message!.text.match(/\/manage\/m_/g)).toHaveLength(1);
  });

  it("never shows a legal name once someone's profile is gone", async () => {
    const a = await join('sec-left-a', { displayName: 'Alias A', seeks: ['pricing'], offers: ['writing'] });
    const b = await join('sec-left-b', { displayName: 'Alias B', offers: ['pricing'], seeks: ['writing'] });
    await a.browser.postForm(`${a.page}/introductions`, [['to', String(b.id)]]);
    await b.browser.postForm(`${b.page}/profile/delete`, []);
    const html = await (await a.browser.fetch(a.page)).text();
    expect(html).toContain('someone who left');
    expect(html).not.toContain('Person sec-left-b');
  });
});

describe('email bombing', () => {
  it('sends at most 3 messages an hour to one address about one event, the first confirmation included', async () => {
    for (let i = 0; i < 8; i++) {
      const me = await registerUnproven('security', person('sec-bomb', { answers: { role: 'Writer' } }));
      await me.browser.postForm(`${me.page}/cancel`, []);
    }
    const sent = await rows<{ kind: string }>(
      "SELECT kind FROM outbox WHERE to_key = 'personsec-bomb@example.org' ORDER BY id",
    );
    expect(sent.length).toBeLessThanOrEqual(3);
    expect(sent[0]!.kind).toBe('confirmed');
  });
});

describe('idempotency under concurrency', () => {
  it('lets exactly one of 50 simultaneous requests with one key create; the others wait or replay', async () => {
    const body = person('sec-idem', { answers: { role: 'Writer' } });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        postJson('/api/events/security/registrations', body, { 'idempotency-key': 'sec-key' }),
      ),
    );
    const created = results.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'));
    expect(created).toHaveLength(1);
    for (const r of results) {
      if (r.status === 201) continue;
      expect(r.status).toBe(409);
      expect(await r.json()).toMatchObject({ code: 'idempotency_in_progress' });
    }
    expect(await rows("SELECT id FROM registrations WHERE email = 'personsec-idem@example.org'")).toHaveLength(1);
  });
});

describe('secrets and personal data out of logs', () => {
  it("describes a failed query without its parameters (they hold people's emails)", () => {
    const error = new DrizzleQueryError(
      'select * from registrations where email = ?',
      ['victim@example.org'],
      new Error('boom'),
    );
    expect(describeError(error)).not.toContain('victim@example.org');
    expect(describeError(error)).toContain('boom');
  });
});

describe('manage links', () => {
  it('stop working once the event is over and the grace period has passed', async () => {
    const res = await postJson(
      '/api/events/security/registrations',
      person('sec-expiry', { answers: { role: 'Writer' } }),
    );
    const { registration } = await res.json<{ registration: { manageUrl: string } }>();
    const event = (await content.event('security'))!;
    const later = new Date(Date.parse(event.endUtc) + 31 * 86_400_000);
    expect((await new Browser(appAt(later)).open(registration.manageUrl)).status).toBe(404);
    expect((await new Browser().open(registration.manageUrl)).status).toBe(200);
  });

  it('can be rotated by the person: old links and other browsers stop, a new link is emailed', async () => {
    const me = await registerAndProve('security', person('sec-rotate', { answers: { role: 'Writer' } }));
    const oldLink = lastMessageTo('personsec-rotate@example.org').link!;
    const elsewhere = new Browser();
    await elsewhere.open(oldLink);
    const res = await me.browser.postForm(`${me.page}/links/reset`, []);
    expect(res.status).toBe(303);
    expect((await me.browser.fetch(me.page)).status).toBe(200);
    expect((await elsewhere.fetch(me.page)).status).toBe(404);
    expect((await new Browser().open(oldLink)).status).toBe(404);
    const fresh = lastMessageTo('personsec-rotate@example.org').link!;
    expect(fresh).not.toBe(oldLink);
    expect((await new Browser().open(fresh)).status).toBe(200);
  });
});

describe('organisers reading attendee data', () => {
  it('is written to the audit log, as changes are', async () => {
    const viewer = await organiserToken('Auditor', 'viewer');
    await asOrganiser(viewer, '/api/admin/events/security/registrations');
    const [entry] = await rows<{ actor: string; action: string }>(
      "SELECT actor, action FROM audit_log WHERE actor LIKE 'token #% (Auditor)' ORDER BY id DESC",
    );
    expect(entry).toEqual({ actor: expect.stringMatching(/^token #\d+ \(Auditor\)$/), action: 'registrations.list' });
  });
});

describe('attacks found in review', () => {
  const answers = { answers: { role: 'Writer' } };

  it('never lets a typed name add a recipient to a message', async () => {
    const { recipient } = await import('./messages/senders.ts');
    expect(recipient({ name: 'attacker@evil.example, ', address: 'victim@example.org' })).toBe(
      '"attacker evil example" <victim@example.org>',
    );
    expect(recipient({ name: 'x: attacker@evil.example;', address: 'v@example.org' })).toBe(
      '"x attacker evil example" <v@example.org>',
    );
    expect(recipient({ name: '",;:@<>', address: 'v@example.org' })).toBe('v@example.org');
  });

  it('ends the access of whoever held a registration only by the answer link once the owner proves the address', async () => {
    const attacker = await registerUnproven('security', person('rv-owner', answers));
    expect((await attacker.browser.fetch(attacker.page)).status).toBe(200);
    // The unproven holder may not stop the owner's links.
    await attacker.browser.postForm(`${attacker.page}/links/reset`, []);
    const link = lastMessageTo('personrv-owner@example.org').link!;
    const owner = new Browser();
    expect((await owner.open(link)).status).toBe(200);
    expect((await attacker.browser.fetch(attacker.page)).status).toBe(404);
    expect((await new Browser().open(link)).status).toBe(200);
  });

  it('says so when a new registration could not be emailed because the address had its messages for the hour', async () => {
    for (let i = 0; i < 2; i++) {
      const me = await registerUnproven('security', person('rv-quiet', answers));
      await me.browser.postForm(`${me.page}/cancel`, []);
    }
    const res = await postJson('/api/events/security/registrations', person('rv-quiet', answers));
    expect(res.status).toBe(201);
    expect((await res.json<{ message: string }>()).message).toContain('so we did not email you this time');
  });

  it('answers a declined applicant who registers again as already registered, not with an error', async () => {
    const manager = await organiserToken('Review manager', 'manager');
    const res = await postJson('/api/events/camp/registrations', person('rv-declined', { answers: { why: 'x' } }));
    const { registration } = await res.json<{ registration: { id: number } }>();
    await asOrganiser(manager, `/api/admin/events/camp/registrations/${registration.id}/decline`, { method: 'POST' });
    const again = await postJson('/api/events/camp/registrations', person('rv-declined', { answers: { why: 'x' } }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'already_registered' });
    const form = await postForm('/api/events/camp/registrations', [
      ['name', 'Again'],
      ['email', 'personrv-declined@example.org'],
      ['consent', 'on'],
      ['answers.why', 'x'],
    ]);
    expect(form.status).toBe(200);
  });

  it("asks for a click before another site's link joins a browser's existing session", async () => {
    const mine = await registerUnproven('security', person('rv-plant-victim', answers));
    const res = await postJson('/api/events/security-two/registrations', person('rv-plant-attacker'));
    const { registration } = await res.json<{ registration: { id: number; manageUrl: string } }>();
    const path = new URL(registration.manageUrl).pathname;
    const opened = await mine.browser.fetch(path, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Open your registration');
    expect((await mine.browser.fetch(`/manage/${registration.id}`)).status).toBe(404);
    // Following it on purpose still works.
    expect((await mine.browser.fetch(path, { method: 'POST' })).status).toBe(303);
  });

  it("keeps someone typing another person's address from blocking that person's introductions", async () => {
    const target = await registerAndProve(
      'security',
      person('rv-target', { ...answers, profile: { offers: ['pricing'], seeks: ['writing'], visibility: 'network' } }),
    );
    const real = await registerAndProve(
      'security-two',
      person('rv-real', { profile: { seeks: ['pricing'], offers: ['writing'], visibility: 'network' } }),
    );
    const fake = await registerUnproven(
      'security',
      person('rv-real', { ...answers, profile: { seeks: ['pricing'], offers: ['writing'] } }),
    );
    await fake.browser.postForm(`${fake.page}/introductions`, [['to', String(target.id)]]);
    await real.browser.postForm(`${real.page}/introductions`, [['to', String(target.id)]]);
    expect(await rows('SELECT id FROM introductions WHERE to_registration = ?', target.id)).toHaveLength(2);
  });

  it('takes a declined applicant out of meeting people', async () => {
    const manager = await organiserToken('Review manager 2', 'manager');
    const me = await registerAndProve(
      'camp',
      person('rv-declined-meet', { answers: { why: 'x' }, profile: { offers: ['pricing'] } }),
    );
    await asOrganiser(manager, `/api/admin/events/camp/registrations/${me.id}/decline`, { method: 'POST' });
    expect(await rows('SELECT * FROM profiles WHERE registration_id = ?', me.id)).toEqual([]);
  });

  it("keeps a manager from revoking an owner's token", async () => {
    const owner = await organiserToken('Review owner', 'owner');
    const manager = await organiserToken('Review manager 3', 'manager');
    const [row] = await rows<{ id: number }>("SELECT id FROM api_tokens WHERE name = 'Review owner'");
    const res = await asOrganiser(manager, `/api/admin/tokens/${row!.id}`, { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect((await asOrganiser(owner, '/api/admin/tokens')).status).toBe(200);
  });

  it('refuses a form field named __proto__ like any made-up field', async () => {
    const res = await postForm('/api/events/security/registrations', [
      ['name', 'Proto'],
      ['email', 'proto@example.org'],
      ['consent', 'on'],
      ['answers.role', 'Writer'],
      ['__proto__', 'x'],
    ]);
    expect(res.status).toBe(400);
  });

  it('counts plus-addresses against one mailbox for the hourly limit', async () => {
    for (const tag of ['', '+a', '+b', '+c', '+d']) {
      await postJson(
        '/api/events/security/registrations',
        person('x', { email: `rv-plus${tag}@example.org`, ...answers }),
      );
    }
    const sent = await rows("SELECT id FROM outbox WHERE to_mailbox = 'rv-plus@example.org' AND event_id = 'security'");
    expect(sent.length).toBeLessThanOrEqual(3);
  });

  it('keeps secrets out of the paths it logs', async () => {
    const { redactPath } = await import('./http/errors.ts');
    expect(redactPath(`/manage/m_${'A'.repeat(43)}/x`)).toBe('/manage/[secret]/x');
    expect(redactPath(`/api/calendars/personal/c_${'b'.repeat(43)}.ics`)).toBe('/api/calendars/personal/[secret].ics');
  });
});
