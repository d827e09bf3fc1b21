// Security headers on one response of every kind the deployment serves (static page, static file,
// worker page, API JSON, problem, feed), from the real worker and its static assets.
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';

const session = withSiteAndBrowser();

const required = (csp: string) => {
  for (const directive of [
    "default-src 'none'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ])
    expect(csp).toContain(directive);
  expect(csp).not.toContain('unsafe-inline');
};

describe('security headers', () => {
  it.each([
    ['a static page', '/events/indiecon-toronto-2027/', 'strict-origin-when-cross-origin'],
    ['a static file', '/styles/app.css', 'strict-origin-when-cross-origin'],
    ['the 404 page', '/no-such-page/', 'strict-origin-when-cross-origin'],
    ['API JSON', '/api/events', 'strict-origin-when-cross-origin'],
    ['an API problem', '/api/events/no-such-event', 'strict-origin-when-cross-origin'],
    ['a public feed', '/api/calendars/events.ics', 'strict-origin-when-cross-origin'],
    ['a link that does not work', `/manage/m_${'A'.repeat(43)}`, 'no-referrer'],
  ])('%s carries a strict policy', async (_, path, referrer) => {
    const res = await fetch(`${session.server.url}${path}`, { redirect: 'manual' });
    required(res.headers.get('content-security-policy') ?? '');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe(referrer);
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('keeps the catalogue files the worker reads out of public reach', async () => {
    expect((await fetch(`${session.server.url}/_catalogue/site.json`)).status).toBe(404);
  });

  it('runs the pages under that policy without a single violation report', async () => {
    const page = await session.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    await page.waitForFunction(() => (document.querySelector('[data-availability]')?.textContent ?? '').length > 0);
    expect(violations).toEqual([]);
    await page.close();
  });
});
