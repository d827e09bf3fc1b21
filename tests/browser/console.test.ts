// The organiser console on a phone, in a real Chromium against the worker as it deploys: sign in by
// the emailed link, find applications, approve one and decline another with a note, decide two at
// once after a preview; every page axe-clean, one row wide, and light.
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';
import { makeOrganiser, signInByMail } from '../support/organiser.ts';

const session = withSiteAndBrowser();
const EVENT = 'copass-camp-lisbon-2027';
const owner = 'camp-owner@example.org';

async function apply(name: string, n: number) {
  const res = await fetch(`${session.server.url}/api/events/${EVENT}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${60 + n}` },
    body: JSON.stringify({
      name,
      email: `applicant${n}@example.org`,
      consent: true,
      answers: { 'home-space': 'Casa do Largo', why: 'To meet the hosts.' },
    }),
  });
  expect(res.status).toBe(201);
}

/** What a console page costs and whether it holds up: axe, no sideways scrolling, gzip size. */
async function check(page: Page, name: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze();
  expect(axe.violations, name).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, name).toBeLessThanOrEqual(0);
  // The event page's budget (HTML within the first round trip) holds for console pages too.
  expect(gzipSync(await page.content()).length, name).toBeLessThan(14 * 1024);
  await page.screenshot({ path: `test-results/console-${name}.png`, fullPage: true });
}

describe('the organiser console on a phone', () => {
  it('signs in by email, approves, declines with a note and decides two at once', async () => {
    makeOrganiser(session.server, owner, 'owner', [EVENT]);
    for (const [i, name] of ['Ana Approve', 'Dan Decline', 'Bea Bulk', 'Bo Bulk'].entries()) await apply(name, i);
    const context = await session.browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    const page = await context.newPage();
    await signInByMail(page, session.server, owner);
    await check(page, 'events');

    await page.getByRole('link', { name: 'Copass Camp Lisbon 2027' }).click();
    await page.getByRole('heading', { name: 'Copass Camp Lisbon 2027', level: 1 }).waitFor();
    await check(page, 'event');
    await page.getByRole('link', { name: 'Registrations' }).click();
    await page.getByRole('heading', { name: 'Registrations', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: 'pending' }).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('4 registrations match.').waitFor();
    await check(page, 'registrations');

    await page.getByRole('link', { name: 'Ana Approve' }).click();
    await check(page, 'person');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved.').waitFor();
    expect(await page.getByText('registration.approve by camp-owner@example.org').isVisible()).toBe(true);

    await page.goBack();
    await page.goBack();
    await page.getByRole('link', { name: 'Dan Decline' }).click();
    await page.locator('#note-decline').fill('The camp is full of hosts this year.');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.getByText('Declined; the person has been told.').waitFor();

    await page.getByRole('link', { name: '← Registrations' }).click();
    await page.getByRole('checkbox', { name: 'Choose Bea Bulk' }).check();
    await page.getByRole('checkbox', { name: 'Choose Bo Bulk' }).check();
    await page.getByRole('checkbox', { name: 'Choose Dan Decline' }).check();
    await page.getByRole('radio', { name: 'approve' }).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Approve 2 applications?' }).waitFor();
    expect(await page.getByText('Dan Decline (declined)').isVisible()).toBe(true);
    await check(page, 'bulk-preview');
    await page.getByRole('button', { name: 'Approve 2' }).click();
    await page.getByText(/Done: 2 approved/).waitFor();

    const mailbox = await (
      await fetch(`${session.server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } })
    ).json();
    const sent = (mailbox as { messages: { to: { address: string }; subject: string; text: string }[] }).messages;
    // The camp's ticket is paid once accepted: approving holds the place and sends a payment link.
    const accepted = sent.find(
      (m) => m.to.address === 'applicant0@example.org' && /Pay for your place/.test(m.subject),
    );
    expect(accepted?.text).toMatch(/\/manage\/m_[A-Za-z0-9_-]{43}\?pay/);
    const declined = sent.find(
      (m) => m.to.address === 'applicant1@example.org' && /About your application/.test(m.subject),
    );
    expect(declined?.text).toContain('The camp is full of hosts this year.');
    await context.close();
  });
});
