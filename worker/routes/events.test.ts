import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, content } from '../testing/fixtures.ts';

describe('GET /api/events', () => {
  it('lists upcoming and recent events in start order with UTC instants', async () => {
    const res = await call('/api/events');
    expect(res.status).toBe(200);
    const { events } = await res.json<{ events: { id: string; startUtc: string; endUtc: string }[] }>();
    const all = await Promise.all((await content.list({ all: true }))!.events.map((e) => content.event(e.id)));
    expect(events.map((e) => e.id)).toEqual(all.map((e) => e!.id));
    expect(events.map((e) => e.id)).toContain('camp-live');
    const starts = events.map((e) => e.startUtc);
    expect([...starts].sort()).toEqual(starts);
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
