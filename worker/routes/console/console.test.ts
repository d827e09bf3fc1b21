// The console's doors: who gets in, what a stranger's site cannot do, and the events list.
import { describe, expect, it } from 'vitest';
import { Browser, consolePost, organiserBrowser, person, postJson, signedInBrowser } from '../../testing/fixtures.ts';

describe('GET /console/', () => {
  it('sends someone not signed in to sign in, and back here after', async () => {
    const res = await new Browser().fetch('/console/?page=1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent('/console/?page=1')}`);
  });

  it('tells a person signed in without a role that they are not an organiser', async () => {
    const browser = await signedInBrowser('console-stranger@example.org');
    const res = await browser.fetch('/console/');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('You are not an organiser here');
  });

  it('lists the events in scope with their counts and places left, privately', async () => {
    await postJson('/api/events/admin/registrations', person('console-count'));
    const browser = await organiserBrowser('console-scoped@example.org', 'viewer', ['admin', 'unlimited']);
    const res = await browser.fetch('/console/');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    expect(html).toContain('href="/console/events/admin/"');
    expect(html).toContain('href="/console/events/unlimited/"');
    expect(html).not.toContain('href="/console/events/open-event/"');
    expect(html).toContain('no limit');
  });

  it("shows an event's counts to a role scoped to it, and refuses other events", async () => {
    const browser = await organiserBrowser('console-door@example.org', 'check-in', ['admin']);
    const own = await browser.fetch('/console/events/admin/', { headers: { accept: 'text/html' } });
    expect(own.status, await own.clone().text()).toBe(200);
    const html = await own.text();
    expect(html).toContain('Door check-in');
    expect(html).not.toContain('Write to attendees');
    const other = await browser.fetch('/console/events/open-event/', { headers: { accept: 'text/html' } });
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Not scoped to event');
  });
});

describe('writes to the console', () => {
  it('are refused without the session token, or from another site', async () => {
    const browser = await organiserBrowser('console-csrf@example.org', 'owner');
    expect(browser.csrf).toMatch(/^[0-9a-f]{43}$/);
    const missing = await browser.postForm('/console/events/admin/registrations/bulk', [['action', 'approve']]);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Reload the page');
    const crossSite = await browser.fetch('/console/events/admin/registrations/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams([['csrf', browser.csrf]]).toString(),
    });
    expect(crossSite.status).toBe(403);
    // With both, the request reaches the route (which does not exist in this test: 404).
    expect((await consolePost(browser, '/console/no-such-page')).status).toBe(404);
  });
});
