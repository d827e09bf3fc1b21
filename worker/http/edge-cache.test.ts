// Cloudflare's cache answers repeated public requests (feeds, availability) without building them
// again, and a registration makes its data centre forget the event's availability at once.
import { describe, expect, it } from 'vitest';
import { call, person, postJson } from '../testing/fixtures.ts';

describe('the edge cache', () => {
  it('answers a feed the second time from the cache, with the same bytes and validators', async () => {
    const first = await call('/api/calendars/events/camp-live.ics');
    expect(first.headers.get('x-gathering-cache')).toBe('miss');
    const second = await call('/api/calendars/events/camp-live.ics');
    expect(second.headers.get('x-gathering-cache')).toBe('hit');
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(second.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('keeps availability for a short while, and forgets it when someone registers here', async () => {
    const path = '/api/events/open-event/availability';
    await call(path);
    const cached = await call(path);
    expect(cached.headers.get('x-gathering-cache')).toBe('hit');
    const before = await cached.json<{ placesLeft: number }>();
    expect(
      (await postJson('/api/events/open-event/registrations', person('cached', { answers: { role: 'Writer' } })))
        .status,
    ).toBe(201);
    const after = await call(path);
    expect(after.headers.get('x-gathering-cache')).toBe('miss');
    expect((await after.json<{ placesLeft: number }>()).placesLeft).toBe(before.placesLeft - 1);
  });
});
