import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, content } from '../testing/fixtures.ts';

describe('GET /api/events', () => {
  it('lists upcoming and recent events in start order with UTC instants', async () => {
    const res = await call('/api/events');
    expect(res.status).toBe(200);
    const body = await res.json<{ events: { id: string; startUtc: string }[]; page: number; pages: number }>();
    expect(body).toMatchObject({ page: 1, pages: 1 });
    expect(body.events.map((e) => e.id)).toEqual((await content.eventsPage(1))!.events.map((e) => e.id));
    expect(body.events.map((e) => e.id)).toContain('camp-live');
    const starts = body.events.map((e) => e.startUtc);
    expect([...starts].sort()).toEqual(starts);
  });

  it('answers a clear problem for a page that does not exist or is not a number', async () => {
    expect((await call('/api/events?page=2')).status).toBe(404);
    const bad = await call('/api/events?page=two');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('page must be a whole number');
  });
});

describe('GET /api/events/{eventId}', () => {
  it('gives the event with its sessions, converted from the event zone', async () => {
    const res = await SELF.fetch('https://example.com/api/events/copass-camp-lisbon-2027');
    expect(res.status).toBe(200);
    const event = await res.json<{ timeZone: string; sessions: { id: string; start: string; startUtc: string }[] }>();
    expect(event.timeZone).toBe('Europe/Lisbon');
    const byId = new Map(event.sessions.map((s) => [s.id, s]));
    // 10:00 in Lisbon is 10:00Z before the clocks go forward on 28 March 2027, 09:00Z after.
    expect(byId.get('copass-camp-lisbon-2027/spaces-exchange')).toMatchObject({
      start: '2027-03-27T10:00:00',
      startUtc: '2027-03-27T10:00:00.000Z',
    });
    expect(byId.get('copass-camp-lisbon-2027/hosting-travellers')).toMatchObject({
      start: '2027-03-28T10:00:00',
      startUtc: '2027-03-28T09:00:00.000Z',
    });
  });
});
