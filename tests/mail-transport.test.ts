// Real mail goes through an HTTP mail API (Resend's request format). The worker as it deploys, under
// wrangler dev, sends to a small local fake of that API, which checks each request as Resend would.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSession, hiddenFields, stateWithOrganiser } from './support/console-http.ts';
import { type DevServer, startDevServer } from './support/dev-server.ts';

type Received = { headers: IncomingMessage['headers']; body: Record<string, unknown> };

const KEY = 're_test_0123456789';
const received: Received[] = [];
const fake = createServer(async (req, res) => {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (req.method !== 'POST' || req.url !== '/emails' || req.headers.authorization !== `Bearer ${KEY}`) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"name":"missing_api_key"}');
    return;
  }
  received.push({ headers: req.headers, body: JSON.parse(text) });
  res.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":"fake-${received.length}"}`);
});

let server: DevServer;
// An owner made as the first one of a deployment is, before mail works: with the printed link.
let owner: ReturnType<typeof stateWithOrganiser>;
beforeAll(async () => {
  owner = stateWithOrganiser('mail-owner@example.org');
  fake.listen(0, '127.0.0.1');
  await once(fake, 'listening');
  const { port } = fake.address() as AddressInfo;
  server = await startDevServer(
    {
      MAIL_API_URL: `http://127.0.0.1:${port}/emails`,
      MAIL_API_KEY: KEY,
      MAIL_FROM: 'Gathering <events@example.org>',
    },
    owner.state,
  );
});
afterAll(async () => {
  await server?.stop();
  fake.close();
});

/** The message the fake received for an address; delivery runs just after the answer is sent. */
async function messageTo(address: string, subject?: string): Promise<Received> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = received.find(
      (m) => JSON.stringify(m.body.to).includes(address) && (subject === undefined || m.body.subject === subject),
    );
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no message to ${address}:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('mail through an HTTP mail API', () => {
  it('sends the confirmation with its calendar file, once per message, from the configured sender', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ mail: 'configured' });
    const res = await fetch(`${server.url}/api/events/indiecon-toronto-2027/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' },
      body: JSON.stringify({
        name: 'Ada Lovelace',
        email: 'ada@example.org',
        consent: true,
        answers: { role: 'Writer' },
      }),
    });
    expect(res.status).toBe(201);
    const { headers, body } = await messageTo('ada@example.org');
    expect(headers['idempotency-key']).toMatch(/^outbox-\d+$/);
    expect(body.from).toBe('Gathering <events@example.org>');
    expect(body.to).toEqual(['"Ada Lovelace" <ada@example.org>']);
    expect(body.subject).toContain('IndieCon Toronto 2027');
    expect(body.text).toMatch(/\/manage\/m_[A-Za-z0-9_-]{43}/);
    const [invite] = body.attachments as { filename: string; content: string; content_type: string }[];
    expect(invite!.content_type).toContain('text/calendar');
    expect(Buffer.from(invite!.content, 'base64').toString('utf8')).toContain('BEGIN:VCALENDAR');
  });

  it('never lets a typed name add a recipient', async () => {
    const res = await fetch(`${server.url}/api/events/indiecon-toronto-2027/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.78' },
      body: JSON.stringify({
        name: 'Eve" <eve@attacker.example>, "Bob',
        email: 'eve-victim@example.org',
        consent: true,
        answers: { role: 'Writer' },
      }),
    });
    expect(res.status).toBe(201);
    const { body } = await messageTo('eve-victim@example.org');
    expect(body.to).toEqual(['"Eve eve attacker example Bob" <eve-victim@example.org>']);
  });
});

describe("organisers' messages through the HTTP mail API", () => {
  it('gives announcements List-Unsubscribe with one-click POST (RFC 8058), and other messages none', async () => {
    const event = 'indiecon-toronto-2027';
    const res = await fetch(`${server.url}/api/events/${event}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.79' },
      body: JSON.stringify({
        name: 'Una Subscriber',
        email: 'una@example.org',
        consent: true,
        answers: { role: 'Writer' },
      }),
    });
    expect(res.status).toBe(201);
    const path = `/console/events/${event}/messages`;
    const organiser = await consoleSession(server.url, owner.signInPath, path);
    const send = async (subject: string, announcement: boolean) => {
      const fields: [string, string][] = [
        ['status', 'confirmed'],
        ['q', 'una@example.org'],
        ['subject', subject],
        ['text', 'The venue moved next door.'],
        ...(announcement ? ([['announcement', 'yes']] as [string, string][]) : []),
      ];
      const preview = await (await organiser.post(`${path}/preview`, fields)).text();
      expect(preview).toContain('Preview: 1 person will receive it');
      expect((await organiser.post(path, hiddenFields(preview, path))).status).toBe(303);
      return messageTo('una@example.org', subject);
    };
    const news = await send('News from IndieCon', true);
    const headers = news.body.headers as Record<string, string>;
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/[^>]+\/unsubscribe\/u_\d+\.[A-Za-z0-9_-]{43}>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(news.body.text).toContain('Hello Una Subscriber,\n\nThe venue moved next door.');

    // The provider's one-click request, from its own server (no Origin, no cookie), is honoured.
    const link = headers['List-Unsubscribe']!.slice(1, -1).replace(/^http:\/\/[^/]+/, server.url);
    const oneClick = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);

    const aboutTheirPlace = await send('Your place at IndieCon', false);
    expect(aboutTheirPlace.body.headers).toBeUndefined();
    expect(aboutTheirPlace.body.text).toMatch(/Your registration \(update answers, cancel\): http:\/\/\S+\/manage\/m_/);
  });
});
