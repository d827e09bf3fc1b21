// A visitor's first visit, in a real Chromium against the real worker and built site.
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';

const session = withSiteAndBrowser();

describe('the event website in a browser', () => {
  it('goes from the home page to an event and shows its schedule in the event zone', async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${session.server.url}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gatherings for independents');
    expect(await page.getByRole('heading', { level: 2, name: 'Upcoming events' }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Copass Camp Lisbon 2027' }).click();
    await page.waitForURL('**/events/copass-camp-lisbon-2027/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Copass Camp Lisbon 2027');

    const schedule = page.locator('section[aria-labelledby="schedule"]');
    const days = await schedule.locator('h3').allTextContents();
    expect(days[0]).toContain('Thursday 25 March 2027');
    expect(days.find((d) => d.includes('Saturday 27 March'))).toContain('Western European Standard Time (UTC+0)');
    expect(days.find((d) => d.includes('Sunday 28 March'))).toContain('Western European Summer Time (UTC+1)');
    const hosting = schedule.locator('[data-session="copass-camp-lisbon-2027/hosting-travellers"]');
    expect(await hosting.locator('.when').textContent()).toBe('10:00–12:00');
    expect(await hosting.locator('time').first().getAttribute('datetime')).toBe('2027-03-28T09:00:00.000Z');

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/event-page.png', fullPage: true });
    // The only script anywhere is the event page's enhancement, bundled by Astro, from this site.
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(new RegExp(`^${session.server.url}/_astro/[^/]+\\.js$`));
    await page.close();
  });

  it('reads well on a phone, with no horizontal scrolling', async () => {
    const page = await session.browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true });
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/event-page-phone.png', fullPage: true });
    await page.close();
  });

  it('shows the helpful 404 page for an unknown path', async () => {
    const page = await session.browser.newPage();
    const res = await page.goto(`${session.server.url}/events/no-such-event/`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('link', { name: 'See all upcoming events' }).isVisible()).toBe(true);
    await page.close();
  });
});
