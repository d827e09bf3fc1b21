// "Email me my links" through HTTP: the same answer for every address, one message with every
// registration's link, limits per client and per recipient, after registration has closed, and
// no 500 whatever is sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalSender } from '../messages/senders.ts';
import { appAt, Browser, call, lastMessageTo, person, postForm, postJson, rows } from '../testing/fixtures.ts';

const linksTo = (address: string) => LocalSender.kept.filter((m) => m.to.address === address && m.kind === 'my-links');
const outboxCount = async (address: string) =>
  (
    await rows<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE kind = 'my-links' AND to_address = ?", address)
  )[0]!.n;

describe('POST /api/my-links', () => {
  it('answers a known and an unknown address alike, and emails the known one the link to each registration', async () => {
    const known = 'found-again@example.org';
    await postJson('/api/events/unlimited/registrations', person('f1', { email: known }));
    await postJson('/api/events/agenda/registrations', person('f2', { email: known }));
    const answers = [];
    for (const email of [known, 'nobody-here@example.org']) {
      const res = await postJson('/api/my-links', { email });
      answers.push({ status: res.status, body: (await res.json<{ message: string }>()).message.replace(email, '…') });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(202);

    const [message, ...more] = linksTo(known);
    expect(more).toEqual([]);
    expect(message!.subject).toBe('Your registrations on Gathering');
    expect(message!.text).toContain('Fixture unlimited');
    expect(message!.text).toContain('Fixture agenda');
    const links = [...message!.text.matchAll(/\/manage\/m_[A-Za-z0-9_-]{43}/g)].map((m) => m[0]);
    expect(links).toHaveLength(2);
    // Each link opens its registration in a fresh browser.
    for (const link of links) expect((await new Browser().open(link)).status).toBe(200);
    expect(linksTo('nobody-here@example.org')).toEqual([]);
  });

  it('answers a form with the same page whether or not the address is known', async () => {
    const known = 'form-found@example.org';
    await postJson('/api/events/unlimited/registrations', person('ff', { email: known }));
    const pages = [];
    for (const email of [known, 'form-unknown@example.org']) {
      const res = await postForm('/api/my-links', [['email', email]]);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      pages.push((await res.text()).replaceAll(email, '…'));
    }
    expect(pages[0]).toBe(pages[1]);
    expect(pages[0]).toContain('<h1>Check your email</h1>');
    expect(linksTo(known)).toHaveLength(1);
  });

  it('shows the form again with the problem for an address that cannot be one', async () => {
    const res = await postForm('/api/my-links', [['email', 'not an address']]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Type your email address, like name@example.org.');
    expect(html).toContain('value="not an address"');
    expect(html).toContain('aria-invalid="true"');
    const json = await postJson('/api/my-links', { email: 'nope' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'email' }] });
  });

  it('sends at most three messages an hour to one mailbox, answering the same after that', async () => {
    const address = 'many-asks@example.org';
    await postJson('/api/events/unlimited/registrations', person('ma', { email: address }));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await postJson('/api/my-links', { email: address })).status);
    // A plus-tag is the same mailbox.
    statuses.push((await postJson('/api/my-links', { email: 'many-asks+x@example.org' })).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await outboxCount(address)).toBe(3);
    // An hour later the mailbox may get one again.
    const later = appAt(new Date(Date.now() + 61 * 60_000));
    await later('/api/my-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.77' },
      body: JSON.stringify({ email: address }),
    });
    expect(await outboxCount(address)).toBe(4);
  });

  it('limits one client with 429 and Retry-After, whatever addresses it asks for', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await postJson(
        '/api/my-links',
        { email: `spray-${i}@example.org` },
        { 'cf-connecting-ip': '203.0.113.44' },
      );
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('60');
    }
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
  });

  it('works after registration has closed, for an event under way', async () => {
    const address = 'after-close@example.org';
    expect((await postJson('/api/events/camp-live/registrations', person('ac', { email: address }))).status).toBe(201);
    // camp-live's registration closes in three days; four days on, the links still come.
    const later = appAt(new Date(Date.now() + 4 * 86_400_000));
    const closed = await later('/api/events/camp-live/availability');
    expect(await closed.json()).toMatchObject({ state: 'closed' });
    const res = await later('/api/my-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.78' },
      body: JSON.stringify({ email: address }),
    });
    expect(res.status).toBe(202);
    // Queued at that later moment (delivery runs on the real clock, so the message waits for it).
    expect(await outboxCount(address)).toBe(1);
  });

  it('leaves out cancelled registrations, and sends nothing when none is left', async () => {
    const address = 'gone-again@example.org';
    await postJson('/api/events/unlimited/registrations', person('ga', { email: address }));
    const { link } = lastMessageTo(address);
    const browser = new Browser();
    const page = (await browser.open(link!)).url;
    const id = (await rows<{ id: number }>('SELECT id FROM registrations WHERE email = ?', address))[0]!.id;
    await browser.postForm(`/manage/${id}/cancel`, [['confirm', 'yes']]);
    expect(page).toBeDefined();
    expect((await postJson('/api/my-links', { email: address })).status).toBe(202);
    expect(linksTo(address)).toEqual([]);
  });

  it('refuses a form from another site', async () => {
    const res = await postForm('/api/my-links', [['email', 'x@example.org']], { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('never answers 500, nor echoes markup, whatever JSON or form is sent', async () => {
    const text = fc.string({ maxLength: 40 }).map((s) => `${s}<zz>`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.oneof(fc.constant('email'), text), text), { maxLength: 5 }), async (f) => {
        const res = await postForm('/api/my-links', f);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain('<zz');
      }),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const res = await postJson('/api/my-links', body);
        expect([202, 400]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
    const raw = await call('/api/my-links', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.79' },
      body: '{"email": ',
    });
    expect(raw.status).toBe(400);
  });
});
