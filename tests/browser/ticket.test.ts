// The ticket and the places people read, on a phone (360 px wide) in a real Chromium against the
// real worker: the time written out in the event's zone, a map link, a ticket code on one line, and
// on a camp held at two venues, each session's own place.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';

const session = withSiteAndBrowser();
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the ticket on a phone', () => {
  it('says what, when (written out, in the event zone) and where with a map link, the code on one line', async () => {
    const res = await fetch(`${session.server.url}/api/events/indiecon-toronto-2027/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.201' },
      body: JSON.stringify({
        name: 'Phone Ticket',
        email: 'phone-ticket@example.org',
        consent: true,
        answers: { role: 'Writer' },
      }),
    });
    const { registration } = (await res.json()) as { registration: { manageUrl: string } };
    const context = await session.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(registration.manageUrl);

    const ticket = page.getByRole('region', { name: 'Your ticket' });
    expect(await ticket.getByRole('definition').allTextContents()).toEqual([
      'IndieCon Toronto 2027',
      'Thursday 13 May 2027, 09:00 – Friday 14 May 2027, 18:00 (Toronto time)',
      'Main hall and Studio B, Spadina Commons, 401 Richmond St W, Toronto, ON M5V 3A8 Map of Spadina Commons · Maps app for Spadina Commons',
    ]);
    const map = ticket.getByRole('link', { name: 'Map of Spadina Commons' });
    expect(await map.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=43.6479&mlon=-79.3951#map=17/43.6479/-79.3951',
    );
    expect(await map.isVisible()).toBe(true);

    // One line: the code's text makes a single line box, inside the screen.
    const code = page.locator('.ticket-code');
    expect(await code.textContent()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    const lines = await code.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()];
      return {
        count: new Set(rects.map((r) => Math.round(r.top))).size,
        right: Math.max(...rects.map((r) => r.right)),
      };
    });
    expect(lines.count).toBe(1);
    expect(lines.right).toBeLessThanOrEqual(360);
    expect(await code.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // Times are words in the event's zone, never ISO timestamps.
    const registered = page.getByRole('row', { name: /^Registered/ }).getByRole('cell');
    expect(await registered.textContent()).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d \(Toronto time\)$/);
    expect(await page.locator('main').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}(T\d|\b)/);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/ticket-phone.png', fullPage: true });
    await ticket.screenshot({ path: 'test-results/ticket-phone-ticket.png' });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('shows each session of a camp held at two venues where it happens, on a phone', async () => {
    const context = await session.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${session.server.url}/events/copass-camp-lisbon-2027/`);
    const where = page.getByRole('complementary', { name: 'Event details' }).getByRole('definition');
    expect((await where.allTextContents()).join('\n')).toContain('Atelier da Graça');
    const venueOf = (id: string) =>
      page.locator(`[data-session="copass-camp-lisbon-2027/${id}"] .session-venue`).textContent();
    expect(await venueOf('welcome-dinner')).toMatch(/^At Casa do Largo, Largo do Intendente/);
    expect(await venueOf('spaces-exchange')).toMatch(/^At Atelier da Graça, Rua da Graça 72/);
    expect(await page.getByRole('link', { name: 'Map of Atelier da Graça' }).first().getAttribute('href')).toContain(
      'mlat=38.7178',
    );
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.locator('[data-session="copass-camp-lisbon-2027/spaces-exchange"]').screenshot({
      path: 'test-results/session-venue-phone.png',
    });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
