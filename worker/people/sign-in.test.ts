// Signing in by email, end to end through HTTP: asking, the link (confirmed by POST, once, for 15
// minutes), the code (five tries), sessions, and My Gathering.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { emailKey } from '../../model/email.ts';
import type { OrganiserRole } from '../access/rules.ts';
import { database } from '../db/client.ts';
import { addOrganiser } from '../db/people.ts';
import { appAt, Browser, lastMessageTo, person, postJson, rows } from '../testing/fixtures.ts';

const linkIn = (text: string) => text.match(/\/signin\/(g_[A-Za-z0-9_-]{43})/)?.[0];
const codeIn = (text: string) => text.match(/code on the sign-in page: (\d{6})/)?.[1];

async function ask(address: string, browser = new Browser()) {
  const res = await browser.postForm('/signin', [['email', address]]);
  const message = lastMessageTo(address).message;
  return { res, browser, message, link: message && linkIn(message.text), code: message && codeIn(message.text) };
}

describe('asking to sign in', () => {
  it('answers the same whether or not the address is known, and mails a link and a code', async () => {
    await postJson('/api/events/security/registrations', person('known-signer', { answers: { role: 'Writer' } }));
    const known = await ask('personknown-signer@example.org');
    const unknown = await ask('never-seen@example.org');
    expect(known.res.status).toBe(200);
    expect(unknown.res.status).toBe(200);
    const page = (text: string, address: string) => text.replaceAll(address, '<address>');
    expect(page(await known.res.text(), 'personknown-signer@example.org')).toBe(
      page(await unknown.res.text(), 'never-seen@example.org'),
    );
    expect(known.link).toBeDefined();
    expect(known.code).toMatch(/^\d{6}$/);
    // Neither secret sits in the outbox; only hashes are kept.
    const stored = await rows<{ body: string; subject: string }>(
      "SELECT body, subject FROM outbox WHERE kind = 'sign-in'",
    );
    for (const m of stored) expect(m.body).toBe('');
    const [request] = await rows<{ token_hash: string; code_hash: string }>(
      "SELECT token_hash, code_hash FROM sign_in_requests WHERE email_key = 'never-seen@example.org'",
    );
    expect(request!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(request!.code_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses what is not an email address, with the form again', async () => {
    const res = await new Browser().postForm('/signin', [['email', 'not an address']]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Type your email address');
  });

  it('sends at most three sign-in messages an hour to one address, whoever asks', async () => {
    for (let i = 0; i < 5; i++) await ask('flooded@example.org');
    expect(await rows("SELECT id FROM outbox WHERE kind = 'sign-in' AND to_key = 'flooded@example.org'")).toHaveLength(
      3,
    );
  });
});

describe('the sign-in link', () => {
  it('only shows a button when opened, and signs in when the button is pressed', async () => {
    const { link, browser } = await ask('link-user@example.org');
    const opened = await browser.fetch(link!);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<button class="button primary" type="submit">Sign in</button>');
    expect(opened.headers.get('set-cookie')).toBeNull();
    const confirmed = await browser.fetch(link!, { method: 'POST' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/my/');
    const my = await browser.fetch('/my/');
    expect(my.status).toBe(200);
    expect(await my.text()).toContain('Signed in as link-user@example.org');
  });

  it('works once, even for simultaneous clicks', async () => {
    const { link } = await ask('twice@example.org');
    const browsers = Array.from({ length: 6 }, () => new Browser());
    const results = await Promise.all(browsers.map((b) => b.fetch(link!, { method: 'POST' })));
    expect(results.filter((r) => r.status === 303)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404)).toHaveLength(5);
    expect(
      await rows(
        "SELECT id FROM sign_ins WHERE person_id = (SELECT id FROM people WHERE email_key = 'twice@example.org')",
      ),
    ).toHaveLength(1);
  });

  it('expires after 15 minutes', async () => {
    const { link } = await ask('late@example.org');
    const later = new Browser(appAt(new Date(Date.now() + 16 * 60_000)));
    expect((await later.fetch(link!, { method: 'POST' })).status).toBe(404);
  });
});

describe('the sign-in code', () => {
  it('signs in with the code typed on another device', async () => {
    const { code } = await ask('coder@example.org');
    const other = new Browser();
    const res = await other.postForm('/signin/code', [
      ['email', 'Coder@Example.org'],
      ['code', code!],
    ]);
    expect(res.status).toBe(303);
    expect((await other.fetch('/my/')).status).toBe(200);
  });

  it('allows five tries: after five wrong codes even the right one fails', async () => {
    const { code } = await ask('guesser@example.org');
    const wrong = code === '000000' ? '111111' : '000000';
    const browser = new Browser();
    const tries = await Promise.all(
      Array.from({ length: 5 }, () =>
        browser.postForm('/signin/code', [
          ['email', 'guesser@example.org'],
          ['code', wrong],
        ]),
      ),
    );
    for (const t of tries) expect(t.status).toBe(400);
    const right = await browser.postForm('/signin/code', [
      ['email', 'guesser@example.org'],
      ['code', code!],
    ]);
    expect(right.status).toBe(400);
    expect(await right.text()).toContain('a code allows five tries');
  });
});

describe('sessions', () => {
  async function signedIn(address: string) {
    const { link, browser } = await ask(address);
    await browser.fetch(link!, { method: 'POST' });
    return browser;
  }

  it('are cookies: __Host-, Secure, HttpOnly, SameSite=Lax, stored hashed', async () => {
    const { link, browser } = await ask('cookie@example.org');
    const res = await browser.fetch(link!, { method: 'POST' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-gathering='))!;
    expect(cookie).toMatch(
      /^__Host-gathering=s_[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    expect(await rows('SELECT id FROM browser_sessions WHERE token_hash = ?', secret)).toEqual([]);
  });

  it('end after 14 idle days or 30 days in all, whatever the activity', async () => {
    const browser = await signedIn('idle@example.org');
    const cookies = new Map(browser.cookies);
    const at = (days: number) => {
      const b = new Browser(appAt(new Date(Date.now() + days * 86_400_000)));
      for (const [k, v] of cookies) b.cookies.set(k, v);
      return b;
    };
    // Used on day 13 and day 26: each use keeps it alive for 14 more days, until day 30.
    expect((await at(13).fetch('/my/')).status).toBe(200);
    expect((await at(26).fetch('/my/')).status).toBe(200);
    expect((await at(31).fetch('/my/')).status).toBe(303);
    const idle = await signedIn('idle-only@example.org');
    const idleCookies = new Map(idle.cookies);
    const later = new Browser(appAt(new Date(Date.now() + 15 * 86_400_000)));
    for (const [k, v] of idleCookies) later.cookies.set(k, v);
    expect((await later.fetch('/my/')).status).toBe(303);
  });

  it('end everywhere at once when the person asks', async () => {
    const first = await signedIn('everywhere@example.org');
    const second = await signedIn('everywhere@example.org');
    expect((await first.fetch('/my/')).status).toBe(200);
    await second.postForm('/signout', [['everywhere', 'on']]);
    expect((await first.fetch('/my/')).status).toBe(303);
    expect((await second.fetch('/my/')).status).toBe(303);
  });

  it('records every sign-in, coarsely, and shows it', async () => {
    const { link, browser } = await ask('recorded@example.org');
    const agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
    await browser.fetch(link!, { method: 'POST', headers: { 'user-agent': agent } });
    expect(await (await browser.fetch('/my/')).text()).toContain('Firefox on Linux, with a link');
  });
});

describe('My Gathering', () => {
  it("lists the person's registrations across events, linked once the address is proven by signing in", async () => {
    const address = 'traveller@example.org';
    await postJson('/api/events/security/registrations', person('t', { email: address, answers: { role: 'Writer' } }));
    await postJson('/api/events/security-two/registrations', person('t', { email: 'Traveller@example.org' }));
    const { link, browser } = await ask(address);
    await browser.fetch(link!, { method: 'POST' });
    const html = await (await browser.fetch('/my/')).text();
    expect(html).toContain('Fixture security</a>');
    expect(html).toContain('Fixture security-two</a>');
    const [reg] = await rows<{ id: number }>(
      "SELECT id FROM registrations WHERE email_key = ? AND event_id = 'security-two'",
      emailKey(address),
    );
    expect((await browser.fetch(`/manage/${reg!.id}`)).status).toBe(200);
  });

  it('sends people who are not signed in to sign in first', async () => {
    const res = await new Browser().fetch('/my/');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Fmy%2F');
  });

  it('emails the links to every registration, in one message', async () => {
    const address = 'links@example.org';
    await postJson('/api/events/security/registrations', person('l', { email: address, answers: { role: 'Writer' } }));
    const { link, browser } = await ask(address);
    await browser.fetch(link!, { method: 'POST' });
    await browser.postForm('/my/links', []);
    const { message } = lastMessageTo(address);
    expect(message!.subject).toBe('Your registrations on Gathering');
    expect(message!.text).toMatch(/Fixture security\n.*\(Berlin time\)\nhttp:\/\/localhost:8787\/manage\/m_/);
  });
});

describe('organisers who sign in', () => {
  async function organiser(address: string, role: OrganiserRole, eventIds: string[] | null) {
    const { link, browser } = await ask(address);
    await browser.fetch(link!, { method: 'POST' });
    const [signedIn] = await rows<{ id: number }>('SELECT id FROM people WHERE email_key = ?', emailKey(address));
    await addOrganiser(database(env.DB), { personId: signedIn!.id, role, eventIds, now: '2026-01-01', by: 'test' });
    return browser;
  }

  it('use the organiser API with their sign-in, within their role and events', async () => {
    const door = await organiser('door@example.org', 'check-in', ['security']);
    expect((await door.fetch('/my/')).status).toBe(200);
    expect(await (await door.fetch('/my/')).text()).toContain('<strong>check-in</strong>, for Fixture security');
    const own = await door.postJson('/api/admin/events/security/check-in', { ticketCode: 'ABCDEFGHJK' });
    expect(own.status).toBe(404);
    expect(await own.json()).toMatchObject({ code: 'ticket_not_found' });
    const other = await door.postJson('/api/admin/events/security-two/check-in', { ticketCode: 'ABCDEFGHJK' });
    expect(other.status).toBe(403);
    expect((await door.fetch('/api/admin/events/security/registrations')).status).toBe(403);
  });

  it('are refused from another site, and people without a role get 401', async () => {
    const owner = await organiser('owner-signed@example.org', 'owner', null);
    const forged = await owner.fetch('/api/admin/events/security/registrations/1/cancel', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'cross_site_request' });
    const { link, browser } = await ask('not-an-organiser@example.org');
    await browser.fetch(link!, { method: 'POST' });
    const refused = await browser.fetch('/api/admin/events/security/counts');
    expect(refused.status).toBe(401);
    expect((await refused.json<{ detail: string }>()).detail).toContain('Sign in as an organiser');
  });
});

describe('email addresses', () => {
  it('compare ignoring case and after Unicode normalisation, and nothing else', () => {
    expect(emailKey('Ana@Example.ORG')).toBe('ana@example.org');
    expect(emailKey('jose\u0301@example.org')).toBe(emailKey('josé@example.org'));
    expect(emailKey('a.b+c@example.org')).not.toBe(emailKey('ab@example.org'));
  });
});
