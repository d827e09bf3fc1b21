// Signing in as a person would on a phone: ask for a link, read it in the (dev) mailbox, confirm,
// and find registrations of two events on My Gathering.
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';

const session = withSiteAndBrowser();
const address = 'phone-person@example.org';

async function register(eventId: string, answers: Record<string, string>) {
  const res = await fetch(`${session.server.url}/api/events/${eventId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.31' },
    body: JSON.stringify({ name: 'Phone Person', email: address, consent: true, answers }),
  });
  expect(res.status).toBe(201);
}

async function newestLink(): Promise<string> {
  const res = await fetch(`${session.server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
  const { messages } = (await res.json()) as { messages: { to: { address: string }; kind: string; text: string }[] };
  const mine = messages.find((m) => m.to.address === address && m.kind === 'sign-in')!;
  return mine.text.match(/http:\/\/[^\s]+\/signin\/g_[A-Za-z0-9_-]{43}/)![0];
}

describe('signing in on a phone', () => {
  it('signs in through the emailed link and shows registrations of two events', async () => {
    await register('indiecon-toronto-2027', { role: 'Writer' });
    await register('copass-camp-lisbon-2027', { 'home-space': 'Casa do Largo', why: 'To meet the hosts.' });
    const context = await session.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/signin`);
    expect((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze()).violations).toEqual([]);
    await page.getByLabel('Email').fill(address);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    const link = (await newestLink()).replace(/^http:\/\/[^/]+/, session.server.url);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/my/');
    expect(await page.getByRole('link', { name: 'IndieCon Toronto 2027', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Copass Camp Lisbon 2027', exact: true }).isVisible()).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(
      (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze()).violations,
    ).toEqual([]);
    await page.screenshot({ path: 'test-results/my-gathering-phone.png', fullPage: true });

    await page.getByRole('link', { name: 'IndieCon Toronto 2027', exact: true }).click();
    await page.getByRole('heading', { name: 'Your registration' }).waitFor();
    await context.close();
  });
});
