// Registering as a visitor would, in a real Chromium against `wrangler dev`: with JavaScript off
// (plain form posts and server-rendered pages) and on (in place, with live availability).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEventSchema, cataloguePaths } from '../../model/catalogue.ts';
import { withSiteAndBrowser } from '../support/browser.ts';
import { testBuild } from '../support/test-build.ts';

// The sample event that takes open registrations on the test build's day (TEST_NOW).
const event = catalogueEventSchema.parse(
  JSON.parse(readFileSync(join(testBuild.catalogue, cataloguePaths.event('indiecon-toronto-2027')), 'utf8')),
);

const session = withSiteAndBrowser();

describe('registering in a browser', () => {
  it('works with JavaScript off: errors beside the fields, then the manage page, then cancelling', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/events/${event.id}/`);
    await page.getByLabel('Your name').fill('Noscript <Nora>');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(`**/api/events/${event.id}/registrations`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Register for ${event.title}`);
    expect(await page.getByLabel('Your name').inputValue()).toBe('Noscript <Nora>');
    expect(await page.locator('#r-email-error').textContent()).toBe('Email is required.');
    expect(await page.locator('#q-role-error').textContent()).toBe('Please answer "What best describes your work?".');

    await page.getByLabel('Email', { exact: false }).and(page.locator('#r-email')).fill('nora@example.org');
    await page.getByLabel('What best describes your work?').selectOption('Writer');
    await page.getByLabel(/I agree that the organisers keep/).check();
    await page.getByRole('button', { name: 'Register' }).click();
    // The manage page's address holds no secret: the browser's session holds the registration.
    await page.waitForURL(/\/manage\/\d+\?welcome=1$/);
    expect(await page.getByRole('status').first().textContent()).toContain('Thank you!');
    expect(await page.getByText('Your place is confirmed.').isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'QR code of your ticket' }).isVisible()).toBe(true);
    await page.screenshot({ path: 'test-results/manage-page.png', fullPage: true });

    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await page.waitForURL(/done=cancelled/);
    expect(await page.getByText('This registration is cancelled.').isVisible()).toBe(true);
    await context.close();
  });

  it('with JavaScript on, shows live availability and registers in place', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/events/${event.id}/`);
    await page.waitForFunction(() => (document.querySelector('[data-availability]')?.textContent ?? '').length > 0);
    expect(await page.locator('[data-availability]').textContent()).toMatch(/^\d+ of 250 places left\.$/);
    await page.getByLabel('Your name').fill('Scripted Sam');
    await page.getByLabel('Email', { exact: false }).and(page.locator('#r-email')).fill('sam@example.org');
    await page.getByLabel('What best describes your work?').selectOption('Developer');
    await page.getByLabel('Craft').check();
    await page.getByLabel(/I agree that the organisers keep/).check();
    await page.getByRole('button', { name: 'Register' }).click();
    const notice = page.locator('#register .notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Your place is confirmed.');
    expect(page.url()).toBe(`${session.server.url}/events/${event.id}/`);
    const manage = await notice.getByRole('link', { name: 'Open your registration' }).getAttribute('href');
    expect(manage).toMatch(/^\/manage\/\d+$/);

    // Now known to the page, the person can star sessions right in the schedule.
    const star = page.getByRole('button', { name: 'Star: Run your own numbers' });
    await star.click();
    await page.getByRole('button', { name: 'Starred: Run your own numbers' }).waitFor();
    expect(await page.getByRole('button', { name: 'Starred: Run your own numbers' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The same browser (its cookie) opens the manage page; nobody else can.
    const managePage = await (await page.context().request.get(new URL(manage!, session.server.url).href)).text();
    expect(managePage).toContain('★ Starred<span class="visually-hidden"> Run your own numbers</span>');
    expect((await fetch(new URL(manage!, session.server.url))).status).toBe(404);
    await page.close();
  });
});
