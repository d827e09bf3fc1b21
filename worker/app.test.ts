import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('problem details', () => {
  it('answers unknown API routes with a 404 problem', async () => {
    const res = await SELF.fetch('https://example.com/api/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: 404, code: 'not_found', instance: '/api/does-not-exist' });
    expect(body.detail).toContain('GET /api/does-not-exist');
  });

  it('answers an unknown event with event_not_found', async () => {
    const res = await SELF.fetch('https://example.com/api/events/no-such-event');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'event_not_found',
      detail: 'There is no event with id "no-such-event".',
    });
  });

  it('answers 503 on health, with no internals, when D1 is gone', async () => {
    const { createApp } = await import('./app.ts');
    const broken = {
      ...env,
      DB: {
        prepare() {
          throw new Error('D1 secret internals');
        },
      } as unknown as D1Database,
    };
    const res = await createApp().request('/api/health', {}, broken);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    expect(text).not.toContain('secret internals');
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every API route from the route declarations', async () => {
    const res = await SELF.fetch('https://example.com/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/events',
        '/api/events/{eventId}',
        '/api/events/{eventId}/availability',
        '/api/events/{eventId}/registrations',
        '/api/admin/events/{eventId}/registrations',
        '/api/admin/events/{eventId}/check-in',
        '/api/admin/audit',
        '/api/admin/tokens',
        '/api/admin/events/{eventId}/meetings/plan',
        '/api/admin/events/{eventId}/meetings',
        '/api/calendars/events.ics',
        '/api/calendars/personal/{file}',
        '/api/stripe/webhook',
      ]),
    );
    // Stripe's webhook: its signature header, and what Stripe reads of the answer.
    const hook = doc.paths['/api/stripe/webhook'] as {
      post: { parameters: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> };
    };
    expect(hook.post.parameters).toContainEqual(
      expect.objectContaining({ name: 'stripe-signature', in: 'header', required: true }),
    );
    expect(Object.keys(hook.post.responses)).toEqual(expect.arrayContaining(['200', '400']));
    const list = (
      doc.paths['/api/admin/events/{eventId}/registrations'] as {
        get: { security: unknown; parameters: { name: string }[] };
      }
    ).get;
    expect(list.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['eventId', 'status', 'q', 'updatedSince', 'cursor', 'limit']),
    );
    expect(doc.components.schemas).toHaveProperty('Problem');
  });
});
