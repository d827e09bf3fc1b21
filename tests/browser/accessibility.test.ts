// Accessibility rules (axe-core, WCAG 2.1 A and AA) on the pages people use most, in the real browser:
// landmarks, heading order, labels, contrast.
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';

const session = withSiteAndBrowser();

async function violations(path: string) {
  // axe needs a page from an explicit context.
  const context = await session.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${session.server.url}${path}`);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  await context.close();
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

describe('accessibility', () => {
  it.each([
    '/',
    '/events/indiecon-toronto-2027/',
    '/events/copass-camp-lisbon-2027/',
    '/events/remote-work-unconference-montreal-2027/',
    '/cities/toronto/',
    '/spaces/',
    '/calendars/',
    '/people/priya-raman/',
    '/no-such-page/',
  ])('%s has no violations', async (path) => {
    expect(await violations(path)).toEqual([]);
  });

  it('the manage page has no violations', async () => {
    const res = await fetch(`${session.server.url}/api/events/indiecon-toronto-2027/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.200' },
      body: JSON.stringify({
        name: 'Axe Tester',
        email: 'axe@example.org',
        consent: true,
        answers: { role: 'Writer' },
      }),
    });
    const { registration } = (await res.json()) as { registration: { manageUrl: string } };
    expect(await violations(new URL(registration.manageUrl).pathname)).toEqual([]);
  });

  it('the form page with errors has no violations', async () => {
    // axe runs as a script, so JavaScript stays on; a native submit() posts the form as it would be without it.
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    await Promise.all([
      page.waitForURL('**/registrations'),
      page.evaluate(() =>
        HTMLFormElement.prototype.submit.call(document.querySelector('form[data-registration-form]')),
      ),
    ]);
    expect(await page.locator('#r-email-error').isVisible()).toBe(true);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });
});
