// A ticket: the link its QR holds, where that link leads anyone who opens it, and what the
// confirmation emails say about it.
import { describe, expect, it } from 'vitest';
import { ticketCodeFrom, ticketUrl } from '../../model/ticket.ts';
import { formatWhen } from '../../model/time-format.ts';
import { qrPath } from '../../ui/qr-code.tsx';
import { call, events, lastMessageTo, person, postJson, registerAndProve } from '../testing/fixtures.ts';

const crowded = events.find((e) => e.id === 'crowded')!;

async function register(n: string) {
  const res = await postJson('/api/events/crowded/registrations', person(n));
  expect(res.status).toBe(201);
  return (await res.json<{ registration: { id: number; ticketCode: string } }>()).registration;
}

describe('GET /t/{code}', () => {
  it("sends anyone to the ticket's public event page, and nothing personal", async () => {
    const { ticketCode } = await register('ticket-link');
    const res = await call(`/t/${ticketCode}`, { headers: { 'cf-connecting-ip': '203.0.113.10' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/events/crowded/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toContain('ticket-link');
  });

  it('reads codes as people type them', async () => {
    const { ticketCode } = await register('ticket-lower');
    const typed = ticketCode.toLowerCase().replace(/-/g, '');
    const res = await call(`/t/${typed}`, { headers: { 'cf-connecting-ip': '203.0.113.11' } });
    expect(res.headers.get('location')).toBe('/events/crowded/');
  });

  it('answers an unknown or malformed code with a readable 404 page', async () => {
    for (const code of ['ZZZZ-ZZZZ-ZZ', 'not-a-ticket', '%3Cscript%3E', 'A'.repeat(300)]) {
      const res = await call(`/t/${code}`, { headers: { 'cf-connecting-ip': '203.0.113.12' } });
      expect(res.status, code).toBe(404);
      const html = await res.text();
      expect(html).toContain('Ticket not found');
      expect(html).not.toContain('<script>');
    }
  });

  it('is rate-limited per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await call('/t/ZZZZ-ZZZZ-Z2', { headers: { 'cf-connecting-ip': '203.0.113.99' } })).status);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
  });
});

describe('the ticket', () => {
  it("holds a QR of the ticket's link on the manage page", async () => {
    const me = await registerAndProve('crowded', person('ticket-qr'));
    const page = await (await me.browser.fetch(me.page)).text();
    const [, code] = page.match(/class="ticket-code">([^<]+)</)!;
    const link = ticketUrl('http://localhost:8787', code!);
    expect(link).toBe(`http://localhost:8787/t/${code}`);
    expect(page).toContain(`d="${qrPath(link).d}"`);
    expect(ticketCodeFrom(link)).toBe(code);
  });

  it('is in the confirmation email with the date, time and place', async () => {
    const { ticketCode } = await register('ticket-mail');
    const { message } = lastMessageTo('personticket-mail@example.org');
    expect(message?.text).toContain(`Your ticket code is ${ticketCode}`);
    expect(message?.text).toContain(formatWhen(crowded));
    expect(message?.text).toContain('Werkhaus, Skalitzer Str. 85, Berlin');
    expect(message?.text).not.toContain('{{');
  });
});

describe('reading a ticket at the door', () => {
  it('takes the code out of a ticket link on any host, or a bare code', () => {
    expect(ticketCodeFrom('https://example.org/t/K7QM-4TZ8-HX')).toBe('K7QM-4TZ8-HX');
    expect(ticketCodeFrom('http://127.0.0.1:8787/t/k7qm4tz8hx/')).toBe('K7QM-4TZ8-HX');
    expect(ticketCodeFrom(' k7qm 4tz8 hx ')).toBe('K7QM-4TZ8-HX');
    expect(ticketCodeFrom('https://example.org/events/K7QM-4TZ8-HX')).toBeUndefined();
    expect(ticketCodeFrom('WIFI:S:door;T:WPA;P:secret;;')).toBeUndefined();
    expect(ticketCodeFrom('https://[bad')).toBeUndefined();
  });
});
