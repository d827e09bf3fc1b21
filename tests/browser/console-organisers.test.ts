// The organiser console's team, tokens and messages in the real Chromium at a phone's size: an owner
// (made as the first one of a deployment is) signs in by the emailed link from the dev mailbox,
// writes to the confirmed people of an event and finds the message in the mailbox, unsubscribes as
// a recipient would, invites someone and creates a token; axe checks every page on the way.
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type DevServer, startDevServer } from '../support/dev-server.ts';
import { makeOrganiser, signInByMail } from '../support/organiser.ts';

const OWNER = 'phone-owner@example.org';
const EVENT = 'indiecon-toronto-2027';
let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDevServer(), launchBrowser()]);
  makeOrganiser(server, OWNER, 'owner');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Mail = { to: { address: string }; kind: string; subject: string; text: string; headers?: Record<string, string> };

/** The newest message in the dev mailbox that matches, waiting for delivery (it runs after the answer). */
async function mail(match: (m: Mail) => boolean): Promise<Mail> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await fetch(`${server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
    const found = ((await res.json()) as { messages: Mail[] }).messages.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no such message in the dev mailbox:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const local = (url: string) => url.replace(/^http:\/\/[^/]+/, server.url);

/** Axe, no sideways scrolling on a phone, and the page-weight budget. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // The console's page-weight budget: the HTML within the first round trip.
  expect(gzipSync(await page.content()).length, page.url()).toBeLessThan(14 * 1024);
}

async function register(name: string, email: string) {
  const res = await fetch(`${server.url}/api/events/${EVENT}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.41' },
    body: JSON.stringify({ name, email, consent: true, answers: { role: 'Writer' } }),
  });
  expect(res.status).toBe(201);
}

describe('the organiser console on a phone', () => {
  it('signs in by email, writes to the confirmed people, and the message arrives', async () => {
    await register('Rhea Reader', 'rhea@example.org');
    await register('Sam Sender', 'sam@example.org');
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    const page = await context.newPage();

    // Signing in by the emailed link, read from the dev mailbox.
    await signInByMail(page, server, OWNER);
    await page.goto(`${server.url}/console/events/${EVENT}/`);
    await page.getByRole('link', { name: 'Write to attendees' }).click();
    await page.getByRole('heading', { name: 'Write to attendees' }).waitFor();
    expect(await page.getByLabel('Confirmed').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Subject').fill('Doors open at nine');
    await page.getByLabel('Message', { exact: true }).fill('Bring your ticket; coffee is on us.');
    await page.getByLabel('This is an announcement').check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview: 2 people will receive it' }).waitFor();
    expect(await page.getByText('Hello Rhea Reader,').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/console-message-preview-phone.png', fullPage: true });
    await page.getByRole('button', { name: 'Send to 2 people' }).click();
    await page.getByRole('heading', { name: 'Doors open at nine' }).waitFor();
    expect(await page.getByText('The message is on its way').isVisible()).toBe(true);
    await expectAccessible(page);

    const received = await mail((m) => m.to.address === 'sam@example.org' && m.subject === 'Doors open at nine');
    expect(received.text).toContain('Hello Sam Sender,\n\nBring your ticket; coffee is on us.');
    expect(received.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const recipients = await page.locator('table.data').textContent();
    expect(recipients).toContain('rhea@example.org');
    expect(recipients).toContain('sam@example.org');
    await context.close();

    // The recipient stops the announcements from the link in the message.
    const reader = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    const inbox = await reader.newPage();
    await inbox.goto(local(received.headers!['List-Unsubscribe']!.slice(1, -1)));
    await expectAccessible(inbox);
    await inbox.getByRole('button', { name: 'Stop announcements' }).click();
    await inbox.getByText('You no longer receive announcements about IndieCon Toronto 2027').waitFor();
    await expectAccessible(inbox);
    await reader.close();
  });

  it('invites someone to the team and creates a token', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    const page = await context.newPage();
    await signInByMail(page, server, OWNER, '/console/team');
    await page.goto(`${server.url}/console/team`);
    await expectAccessible(page);
    // The invite form's fields (each person's change form has a role and events too).
    await page.locator('#invite-email').fill('new-door@example.org');
    await page.locator('#invite-role').selectOption('check-in');
    await page.locator('#invite-events').fill(EVENT);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('The invitation is on its way.').waitFor();
    await page.getByText('Change or remove yourself').click();
    await expectAccessible(page);
    await page.screenshot({ path: 'test-results/console-team-phone.png', fullPage: true });
    const invitation = await mail((m) => m.to.address === 'new-door@example.org' && m.kind === 'invitation');
    const invitee = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
    const invitePage = await invitee.newPage();
    await invitePage.goto(local(invitation.text.match(/http:\/\/\S+\/invitations\/i_[A-Za-z0-9_-]{43}/)![0]));
    await invitePage.getByRole('link', { name: 'Sign in as new-door@example.org' }).waitFor();
    await expectAccessible(invitePage);
    await invitee.close();

    await page.goto(`${server.url}/console/tokens`);
    await expectAccessible(page);
    await page.getByLabel('Name').fill('Door scanner');
    await page.getByLabel('Role').selectOption('check-in');
    await page.getByRole('button', { name: 'Create the token' }).click();
    await page.getByRole('heading', { name: 'Token created' }).waitFor();
    const token = await page.getByLabel('The check-in token “Door scanner”').inputValue();
    expect(token).toMatch(/^gat_[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page);
    const counts = await fetch(`${server.url}/api/admin/events/${EVENT}/counts`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(counts.status).toBe(200);
    await context.close();
  });
});
