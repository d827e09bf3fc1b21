// Writing to attendees: who may, who receives it (the shared filter), the preview against what is
// sent, one outbox row per recipient in a set-based send, List-Unsubscribe on announcements only,
// unsubscribing (one click from a mail provider, idempotent, honoured), and typed text kept as text.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../access/secrets.ts';
import { deliverDue } from '../../messages/delivery.ts';
import { DELIVER_AT_ONCE } from '../../messages/mailings.ts';
import { LocalSender } from '../../messages/senders.ts';
import {
  app,
  asOrganiser,
  Browser,
  type Caller,
  call,
  consolePost,
  content,
  organiserBrowser,
  organiserToken,
  person,
  postJson,
  rows,
  signedInBrowser,
} from '../../testing/fixtures.ts';

type Organiser = Awaited<ReturnType<typeof organiserBrowser>>;
const html = { headers: { accept: 'text/html' } };
const EVENT = 'open-event';
const base = `/console/events/${EVENT}/messages`;

const registered: Record<string, { id: number; ticketCode: string }> = {};
let manager: Organiser;

async function register(key: string, role: string, photo: boolean) {
  const res = await postJson(`/api/events/${EVENT}/registrations`, person(`msg-${key}`, { answers: { role, photo } }));
  const { registration } = await res.json<{ registration: { id: number; ticketCode: string } }>();
  registered[key] = registration;
}

beforeAll(async () => {
  await register('ada', 'Writer', true);
  await register('bob', 'Writer', false);
  await register('cy', 'Designer', true);
  await register('dee', 'Writer', true);
  await register('gone', 'Writer', true);
  const token = await organiserToken('Messages setup', 'manager');
  await asOrganiser(token, `/api/admin/events/${EVENT}/check-in`, {
    method: 'POST',
    body: JSON.stringify({ ticketCode: registered.dee!.ticketCode }),
  });
  await asOrganiser(token, `/api/admin/events/${EVENT}/registrations/${registered.gone!.id}/cancel`, {
    method: 'POST',
    body: JSON.stringify({}),
  });
  manager = await organiserBrowser('msg-manager@example.org', 'manager');
});

/** Fields of the compose form. */
const message = (o: { subject?: string; text?: string; announcement?: boolean; audience?: [string, string][] }) =>
  [
    ...(o.audience ?? [['status', 'confirmed']]),
    ['subject', o.subject ?? 'Doors open at nine'],
    ['text', o.text ?? 'Bring your ticket.'],
    ...(o.announcement ? [['announcement', 'yes']] : []),
  ] as [string, string][];

/** The hidden fields of the preview's send form. */
function sendForm(page: string, action = base): [string, string][] {
  const form = page.slice(page.indexOf(`action="${action}"`));
  const fields = [
    ...form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g),
  ];
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return fields.map((m) => [decode(m[1]!), decode(m[2]!)]).filter(([name]) => name !== 'csrf') as [string, string][];
}

async function preview(browser: Organiser, fields: [string, string][]) {
  const res = await consolePost(browser, `${base}/preview`, fields);
  return { res, page: await res.text() };
}

/** Previews and sends; returns the mailing's id. */
async function send(browser: Organiser, fields: [string, string][]) {
  const { page } = await preview(browser, fields);
  const res = await consolePost(browser, base, sendForm(page));
  expect(res.status, await res.clone().text()).toBe(303);
  return Number(res.headers.get('location')!.match(/messages\/(\d+)/)![1]);
}

const outboxOf = (mailingId: number) =>
  rows<{ to_address: string; status: string; body: string; params: string; unsubscribe_hash: string | null }>(
    'SELECT to_address, status, body, params, unsubscribe_hash FROM outbox WHERE mailing_id = ? ORDER BY id',
    mailingId,
  );

const delivered = (address: string, subject: string) =>
  LocalSender.kept.find((m) => m.to.address === address && m.subject === subject);

describe('who may write to attendees', () => {
  it.each([
    ['owner', null, EVENT, 200],
    ['manager', null, EVENT, 200],
    ['manager', [EVENT], EVENT, 200],
    ['manager', ['admin'], EVENT, 403],
    ['viewer', null, EVENT, 403],
    ['check-in', null, EVENT, 403],
    ['check-in', [EVENT], EVENT, 403],
  ] as const)('a %s scoped to %j, on %s: %i', async (role, events, event, status) => {
    const browser = await organiserBrowser(
      `msg-${role}-${events ? events.join('') : 'all'}@example.org`,
      role,
      events && [...events],
    );
    const path = `/console/events/${event}/messages`;
    expect((await browser.fetch(path, html)).status).toBe(status);
    expect((await consolePost(browser, `${path}/preview`, message({}))).status).toBe(status);
    const sent = await consolePost(browser, path, [...message({}), ['nonce', 'n'.repeat(43)], ['expected', '1']]);
    expect(sent.status).toBe(status === 200 ? 409 : status);
  });

  it('sends someone not signed in to sign in, refuses a person without a role, and any write without the token', async () => {
    const anonymous = await new Browser().fetch(base);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toContain('/signin?next=');
    const stranger = await signedInBrowser('msg-stranger@example.org');
    expect((await stranger.fetch(base, html)).status).toBe(403);
    const noToken = await manager.postForm(`${base}/preview`, message({}));
    expect(noToken.status).toBe(403);
    const crossSite = await manager.fetch(`${base}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams([['csrf', manager.csrf], ...message({})]).toString(),
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('the audience and the preview', () => {
  it('starts from the confirmed people, or from the filter a link brings along', async () => {
    const plain = await (await manager.fetch(base, html)).text();
    expect(plain).toContain('value="confirmed" checked=""');
    const linked = await (await manager.fetch(`${base}?status=waitlisted&a.role=Writer&checkedIn=no`, html)).text();
    expect(linked).toContain('value="waitlisted" checked=""');
    expect(linked).not.toContain('value="confirmed" checked=""');
    expect(linked).toContain('<option value="Writer" selected="">');
    expect(linked).toContain('<option value="no" selected="">Not checked in');
  });

  it('picks people by status, check-in and answers, and shows the message as the first will read it', async () => {
    const { res, page } = await preview(
      manager,
      message({
        audience: [
          ['status', 'confirmed'],
          ['checkedIn', 'no'],
          ['a.role', 'Writer'],
          ['a.photo', 'yes'],
        ],
      }),
    );
    expect(res.status).toBe(200);
    // Ada: confirmed Writer with photos. Not Bob (no photos), Cy (Designer), Dee (checked in), nor the cancelled one.
    expect(page).toContain('Preview: 1 person will receive it');
    expect(page).toContain('Person msg-ada (confirmed)');
    expect(page).toContain('Hello Person msg-ada,');
    expect(page).toContain('To: Person msg-ada &lt;personmsg-ada@example.org&gt;');
    expect(page).toContain('Send to 1 person');

    const everyone = await preview(manager, message({ audience: [] }));
    expect(everyone.page).toContain('Preview: 5 people will receive it');
    const checkedIn = await preview(manager, message({ audience: [['checkedIn', 'yes']] }));
    expect(checkedIn.page).toContain('Preview: 1 person will receive it');
    expect(checkedIn.page).toContain('Person msg-dee (confirmed)');
  });

  it('sends to exactly the people previewed, one outbox row each, and shows delivery per recipient', async () => {
    const fields = message({
      subject: 'Writers, read this',
      audience: [
        ['status', 'confirmed'],
        ['a.role', 'Writer'],
      ],
    });
    const { page } = await preview(manager, fields);
    expect(page).toContain('Preview: 3 people will receive it');
    const res = await consolePost(manager, base, sendForm(page));
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.match(/messages\/(\d+)\?done=sent$/)![1]);
    const [mailing] = await rows<{ recipients: number; created_by: string; announcement: number }>(
      'SELECT recipients, created_by, announcement FROM mailings WHERE id = ?',
      id,
    );
    expect(mailing).toEqual({ recipients: 3, created_by: 'msg-manager@example.org', announcement: 0 });
    const sent = await outboxOf(id);
    expect(sent.map((m) => m.to_address).sort()).toEqual([
      'personmsg-ada@example.org',
      'personmsg-bob@example.org',
      'personmsg-dee@example.org',
    ]);
    expect(sent.every((m) => m.status === 'sent' && m.unsubscribe_hash === null)).toBe(true);
    const ada = delivered('personmsg-ada@example.org', 'Writers, read this')!;
    expect(ada.text).toMatch(/^Hello Person msg-ada,\n\nBring your ticket\./);
    expect(ada.text).toMatch(/Your registration \(update answers, cancel\): http:\/\/localhost:8787\/manage\/m_/);
    expect(ada.headers).toBeUndefined();

    const status = await manager.fetch(`${base}/${id}?done=sent`, html);
    expect(status.status).toBe(200);
    const statusPage = await status.text();
    expect(statusPage).toContain('The message is on its way');
    expect(statusPage).toContain('personmsg-bob@example.org');
    expect(statusPage).toMatch(/<dt>Sent<\/dt><dd>3<\/dd>/);
    expect(await (await manager.fetch(base, html)).text()).toContain('Writers, read this');

    const [audit] = await rows<{ actor: string; event_id: string; detail: string }>(
      "SELECT actor, event_id, detail FROM audit_log WHERE action = 'mailing.send' ORDER BY id DESC LIMIT 1",
    );
    expect(audit!.actor).toBe('msg-manager@example.org');
    expect(JSON.parse(audit!.detail)).toEqual({
      mailingId: id,
      recipients: 3,
      announcement: false,
      subject: 'Writers, read this',
    });
  });

  it('sends once when the send form is posted twice (a double click)', async () => {
    const { page } = await preview(manager, message({ subject: 'Twice?' }));
    const form = sendForm(page);
    const [first, second] = await Promise.all([consolePost(manager, base, form), consolePost(manager, base, form)]);
    const locations = [first.headers.get('location'), second.headers.get('location')];
    const ids = new Set(locations.map((l) => l!.match(/messages\/(\d+)/)![1]));
    expect(ids.size).toBe(1);
    expect(locations.some((l) => l!.endsWith('done=duplicate'))).toBe(true);
    expect(await rows("SELECT id FROM mailings WHERE subject = 'Twice?'")).toHaveLength(1);
    const again = await consolePost(manager, base, form);
    expect(again.headers.get('location')).toMatch(/done=duplicate$/);
  });

  it('sends nothing when the audience changed since the preview, and previews again', async () => {
    const fields = message({ subject: 'Changed', audience: [['a.role', 'Developer']] });
    await register('eve', 'Developer', false);
    const { page } = await preview(manager, fields);
    expect(page).toContain('Preview: 1 person will receive it');
    await register('fay', 'Developer', false);
    const res = await consolePost(manager, base, sendForm(page));
    expect(res.status).toBe(409);
    const again = await res.text();
    expect(again).toContain('changed since your preview, so nothing was sent');
    expect(again).toContain('Preview: 2 people will receive it');
    expect(await rows("SELECT id FROM mailings WHERE subject = 'Changed'")).toEqual([]);
  });

  it('refuses an empty audience, a missing subject or text, and sending without a preview, clearly', async () => {
    const nobody = await preview(manager, message({ audience: [['status', 'declined']] }));
    expect(nobody.res.status).toBe(400);
    expect(nobody.page).toContain('No one matches this audience');
    expect(nobody.page).not.toContain('Send to');
    const blank = await preview(manager, message({ subject: '  ', text: '' }));
    expect(blank.res.status).toBe(400);
    expect(blank.page).toContain('Write a subject.');
    expect(blank.page).toContain('Write the message.');
    const unknown = await preview(manager, message({ audience: [['a.role', 'Astronaut']] }));
    expect(unknown.page).toContain('has no option');
    const unpreviewed = await consolePost(manager, base, message({}));
    expect(unpreviewed.status).toBe(400);
    expect(await unpreviewed.text()).toContain('Preview the message before sending it.');
    const zero = await consolePost(manager, base, [
      ...message({ audience: [['status', 'declined']] }),
      ['nonce', 'z'.repeat(43)],
      ['expected', '0'],
    ]);
    expect(zero.status).toBe(400);
    expect(await rows("SELECT id FROM mailings WHERE subject = 'Doors open at nine'")).toEqual([]);
  });

  it('keeps what the organiser typed as text: never a template, never markup', async () => {
    const hostile = 'Hi {{name}} {{manage_url}} {{note}} {{other}} {{unsubscribe_url}} <script>alert(1)</script>';
    const fields = message({
      subject: '{{manage_url}} <b>bold</b>',
      text: hostile,
      audience: [
        ['status', 'confirmed'],
        ['a.role', 'Designer'],
      ],
    });
    const { page } = await preview(manager, fields);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Hi {{name}} {{manage_url}}');
    const id = await send(manager, fields);
    const [stored] = await outboxOf(id);
    expect(JSON.parse(stored!.params)).toEqual({ note: hostile });
    const cy = delivered('personmsg-cy@example.org', '{{manage_url}} <b>bold</b>')!;
    expect(cy.text).toContain(hostile);
    // The one link is the template's own, after the text.
    expect(cy.text.match(/\/manage\/m_/g)).toHaveLength(1);
  });
});

describe('announcements and unsubscribing', () => {
  it('carry List-Unsubscribe with one-click POST; other messages do not', async () => {
    const id = await send(
      manager,
      message({ subject: 'News!', announcement: true, audience: [['a.role', 'Designer']] }),
    );
    const cy = delivered('personmsg-cy@example.org', 'News!')!;
    const url = cy.headers!['List-Unsubscribe']!.match(
      /^<(http:\/\/localhost:8787\/unsubscribe\/(u_\d+\.[A-Za-z0-9_-]{43}))>$/,
    )!;
    expect(cy.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(cy.text).toContain(`To stop announcements about this event, open: ${url[1]}`);
    expect(cy.text).not.toContain('/manage/');
    const [stored] = await outboxOf(id);
    expect(stored!.unsubscribe_hash).toBe(await hashSecret(url[2]!));
    expect(stored!.body).not.toContain(url[2]!);
  });

  it('stops announcements by one click from a mail provider, once, and honours it for announcements only', async () => {
    await send(manager, message({ subject: 'Announcing', announcement: true, audience: [['a.role', 'Designer']] }));
    const header = delivered('personmsg-cy@example.org', 'Announcing')!.headers!['List-Unsubscribe']!;
    const link = header.match(/^<http:\/\/localhost:8787(\/unsubscribe\/u_[^>]+)>$/)![1]!;
    // Opening the link only asks.
    const opened = await new Browser().fetch(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Stop announcements');
    expect(await rows('SELECT * FROM unsubscribes')).toEqual([]);
    // The provider's POST: from its own servers, without Origin or cookies.
    const oneClick = () =>
      call(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('You no longer receive announcements about Fixture open-event');
    expect((await oneClick()).status).toBe(200);
    expect(await rows('SELECT email_key, event_id FROM unsubscribes')).toEqual([
      { email_key: 'personmsg-cy@example.org', event_id: EVENT },
    ]);

    const announcement = await preview(manager, message({ announcement: true, audience: [['a.role', 'Designer']] }));
    expect(announcement.res.status).toBe(400);
    expect(announcement.page).toContain('stopped this event’s announcements');
    const everyone = await preview(manager, message({ announcement: true, audience: [['status', 'confirmed']] }));
    expect(everyone.page).toContain('Preview: 5 people will receive it');
    expect(everyone.page).toContain('1 more person matches but stopped');
    // A message about their own registration still reaches them.
    const id = await send(manager, message({ subject: 'About your place', audience: [['a.role', 'Designer']] }));
    expect((await outboxOf(id)).map((m) => m.to_address)).toEqual(['personmsg-cy@example.org']);
  });

  it('lets exactly that request through the cross-site check', async () => {
    const crossSite = (path: string, body: string) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body,
      });
    const token = `u_1.${'A'.repeat(43)}`;
    // A well-formed but unknown link passes the check and is then not found.
    expect((await crossSite(`/unsubscribe/${token}`, 'List-Unsubscribe=One-Click')).status).toBe(404);
    expect((await crossSite(`/unsubscribe/${token}`, 'List-Unsubscribe=One-Click&more=1')).status).toBe(403);
    expect((await crossSite(`/unsubscribe/${token}`, `List-Unsubscribe=One-Click${' '.repeat(600)}`)).status).toBe(403);
    expect((await crossSite(`/unsubscribe/${token}`, 'list-unsubscribe=one-click')).status).toBe(403);
    expect((await crossSite('/signout', 'List-Unsubscribe=One-Click')).status).toBe(403);
    expect((await crossSite(`${base}/preview`, 'List-Unsubscribe=One-Click')).status).toBe(403);
    expect((await new Browser().fetch(`/unsubscribe/${token}`)).status).toBe(404);
  });
});

describe('limits', () => {
  it('are not blocked by the public per-address cap, and do not use it up', async () => {
    await register('busy', 'Designer', false);
    for (const subject of ['One', 'Two', 'Three', 'Four'])
      await send(
        manager,
        message({
          subject,
          audience: [
            ['status', 'confirmed'],
            ['q', 'msg-busy'],
          ],
        }),
      );
    for (const subject of ['One', 'Two', 'Three', 'Four'])
      expect(delivered('personmsg-busy@example.org', subject)).toBeDefined();
    // Registering again asks for the link again: a public action, still allowed after four mailings.
    LocalSender.kept.length = 0;
    const again = await postJson(
      `/api/events/${EVENT}/registrations`,
      person('msg-busy', { answers: { role: 'Writer' } }),
    );
    expect(again.status).toBe(200);
    expect(LocalSender.kept.find((m) => m.to.address === 'personmsg-busy@example.org')?.kind).toBe('manage-link');
  });
});

/** A D1 binding that counts the queries run through it (each statement of a batch counts). */
function countingDb(db: D1Database, counter: { n: number }): D1Database {
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, prop) {
        if (prop === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (prop === 'all' || prop === 'run' || prop === 'first' || prop === 'raw')
          return (...args: unknown[]) => {
            counter.n++;
            return (target[prop] as (...a: unknown[]) => unknown)(...args);
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    originals.set(proxy, statement);
    return proxy;
  };
  return {
    prepare: (query: string) => wrap(db.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => {
      counter.n += statements.length;
      return db.batch(statements.map((s) => originals.get(s) ?? s));
    },
  } as unknown as D1Database;
}

describe('sending to many', () => {
  it('stays within 50 D1 queries per request whatever the audience, one outbox row per person', async () => {
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
      INSERT INTO registrations (event_id, name, email, email_key, status, answers, ticket_code, manage_token_hash,
        consent_at, created_at, updated_at)
      SELECT 'unlimited', 'Bulk ' || i, 'bulk' || i || '@example.org', 'bulk' || i || '@example.org', 'confirmed',
        '{}', 'BULK-' || i, 'bulk-hash-' || i, '2026-01-01', '2026-01-01', '2026-01-01' FROM n`,
    ).run();
    const owner = await organiserBrowser('msg-bulk-owner@example.org', 'owner');
    const bulk = '/console/events/unlimited/messages';
    const fields = message({ subject: 'To all 400', announcement: true });
    const previewPage = await (await consolePost(owner, `${bulk}/preview`, fields)).text();
    expect(previewPage).toContain('Preview: 400 people will receive it');
    const counter = { n: 0 };
    const counted: Caller = async (path, init) => {
      const ctx = createExecutionContext();
      const res = await app.request(
        `http://localhost:8787${path}`,
        init,
        { ...env, DB: countingDb(env.DB, counter) },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    const browser = Object.assign(new Browser(counted), { csrf: owner.csrf });
    for (const [name, value] of owner.cookies) browser.cookies.set(name, value);
    const res = await consolePost(browser, bulk, sendForm(previewPage, bulk));
    expect(res.status).toBe(303);
    expect(counter.n).toBeLessThanOrEqual(50);
    const id = Number(res.headers.get('location')!.match(/messages\/(\d+)/)![1]);
    const [count] = await rows<{ n: number; people: number }>(
      'SELECT count(*) AS n, count(DISTINCT to_key) AS people FROM outbox WHERE mailing_id = ?',
      id,
    );
    expect(count).toEqual({ n: 400, people: 400 });
    // The request delivered the first few; the cron trigger goes on with the same delivery as every message.
    const sentSoFar = async () =>
      (
        await rows<{ n: number }>(
          "SELECT count(*) AS n FROM outbox WHERE mailing_id = ? AND status = 'sent' AND unsubscribe_hash IS NOT NULL",
          id,
        )
      )[0]!.n;
    expect(await sentSoFar()).toBe(DELIVER_AT_ONCE);
    await deliverDue({ env, content }, { limit: 50 });
    expect(await sentSoFar()).toBe(DELIVER_AT_ONCE + 50);
  }, 30_000);
});
