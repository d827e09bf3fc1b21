// Finding the way back, on a phone (360 px) in a real Chromium against the real worker: "email me my
// links" with JavaScript off and on, the confirmation pages, the calendar link shown again, the
// event page's call to action and form states, and every problem of the form in one round. Every
// new page is checked with axe (which runs as a script: with JavaScript on).
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';
import { type DevServer, startDevServer } from '../support/dev-server.ts';

const session = withSiteAndBrowser();
const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let ip = 10;

async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function register(eventId: string, email: string, answers: Record<string, string> = {}, server = session.server) {
  const res = await fetch(`${server.url}/api/events/${eventId}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${ip++}` },
    body: JSON.stringify({ name: `Person ${email.split('@')[0]}`, email, consent: true, answers }),
  });
  expect([201, 200]).toContain(res.status);
  return (await res.json()) as { registration: { id: number; manageUrl: string } };
}

async function mailTo(address: string) {
  const res = await fetch(`${session.server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
  const { messages } = (await res.json()) as { messages: { to: { address: string }; kind: string; text: string }[] };
  return messages.filter((m) => m.to.address === address && m.kind === 'my-links');
}

async function phonePage(o: { javaScript?: boolean } = {}): Promise<[BrowserContext, Page]> {
  const context = await session.browser.newContext({ ...phone, javaScriptEnabled: o.javaScript ?? true });
  // A step that cannot happen fails with its own message, well before the test's time runs out.
  context.setDefaultTimeout(15_000);
  return [context, await context.newPage()];
}

describe('"Email me my links" on a phone', () => {
  it('works with JavaScript off, from an event whose registration has closed: the same page for anyone', async () => {
    const address = 'lost-links@example.org';
    await register('indiecon-toronto-2027', address, { role: 'Writer' });
    const [context, page] = await phonePage({ javaScript: false });
    // The Lisbon hosts' circle stopped taking registrations before the test day.
    await page.goto(`${session.server.url}/events/hosts-circle-lisbon-2026-12/`);
    const section = page.getByRole('region', { name: 'Already registered?' });
    await section.getByLabel('Address you registered with').fill(address);
    await section.getByRole('button', { name: 'Email me my links' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const known = (await page.getByRole('main').getByRole('status').textContent())!.replace(address, '…');
    expect(known).toContain('If … has registrations with us, a message with a link to each is on its way.');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/links-sent-phone.png', fullPage: true });

    // An address nobody registered gets the very same answer.
    await page.goBack();
    const footer = page.getByRole('region', { name: "Can't find your link?" });
    await footer.getByLabel('Address you registered with').fill('nobody-at-all@example.org');
    await footer.getByRole('button', { name: 'Email me my links' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(
      (await page.getByRole('main').getByRole('status').textContent())!.replace('nobody-at-all@example.org', '…'),
    ).toBe(known);

    const [message] = await mailTo(address);
    expect(message!.text).toContain('IndieCon Toronto 2027');
    expect(message!.text).toMatch(/\/manage\/m_[A-Za-z0-9_-]{43}/);
    expect(await mailTo('nobody-at-all@example.org')).toEqual([]);

    // A mistyped address comes back with the problem beside the field.
    await page.goBack();
    await page
      .getByRole('region', { name: 'Already registered?' })
      .getByLabel('Address you registered with')
      .fill('oops');
    await page.getByRole('region', { name: 'Already registered?' }).getByRole('button').click();
    await page.getByRole('heading', { name: 'Email me my links', level: 1 }).waitFor();
    expect(await page.locator('#links-email-error').textContent()).toBe(
      'Type your email address, like name@example.org.',
    );
    await context.close();
  });

  it('answers in place with JavaScript on, and puts the focus on a mistyped address', async () => {
    const [context, page] = await phonePage();
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    const section = page.getByRole('region', { name: 'Already registered?' });
    const input = section.getByLabel('Address you registered with');
    await input.fill('not-an-address');
    await section.getByRole('button', { name: 'Email me my links' }).click();
    await section.locator('.field-error').waitFor();
    expect(await section.locator('.field-error').textContent()).toBe('Type your email address, like name@example.org.');
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('in-place@example.org');
    await section.getByRole('button', { name: 'Email me my links' }).click();
    await page.waitForFunction(() =>
      (document.querySelector('.find-links .form-status')?.textContent ?? '').includes('on its way'),
    );
    expect(page.url()).toBe(`${session.server.url}/events/indiecon-toronto-2027/`);
    expect(await section.locator('.field-error').count()).toBe(0);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('is on the page of a link that does not work', async () => {
    const [context, page] = await phonePage({ javaScript: false });
    const res = await page.goto(`${session.server.url}/manage/m_${'B'.repeat(43)}`);
    expect(res!.status()).toBe(404);
    await page.getByRole('main').getByLabel('Address you registered with').fill('someone@example.org');
    await page.getByRole('main').getByRole('button', { name: 'Email me my links' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await context.close();
    // axe runs as a script: its pages are checked with JavaScript on (these pages have no script of their own).
    const [axeContext, axePage] = await phonePage();
    await axePage.goto(`${session.server.url}/manage/m_${'C'.repeat(43)}`);
    expect(await sideways(axePage)).toBeLessThanOrEqual(0);
    expect(await axe(axePage)).toEqual([]);
    const form = axePage.getByRole('main');
    await form.getByLabel('Address you registered with').fill('oops');
    await form.getByRole('button', { name: 'Email me my links' }).click();
    await axePage.getByRole('heading', { name: 'Email me my links', level: 1 }).waitFor();
    expect(await axe(axePage)).toEqual([]);
    await form.getByLabel('Address you registered with').fill('axe-links@example.org');
    await form.getByRole('button', { name: 'Email me my links' }).click();
    await axePage.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await sideways(axePage)).toBeLessThanOrEqual(0);
    expect(await axe(axePage)).toEqual([]);
    await axeContext.close();
  });
});

describe('confirmations and the calendar link on a phone', () => {
  it('asks before cancelling, keeps the place on "no", and says what happened on "yes" (JavaScript off)', async () => {
    const { registration } = await register('indiecon-toronto-2027', 'confirm-phone@example.org', { role: 'Writer' });
    const [context, page] = await phonePage({ javaScript: false });
    await page.goto(registration.manageUrl);
    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await page.getByRole('heading', { name: 'Cancel your place at IndieCon Toronto 2027?' }).waitFor();
    expect(await page.getByText('This cannot be undone').isVisible()).toBe(true);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/confirm-cancel-phone.png', fullPage: true });
    await page.getByRole('link', { name: 'No, keep my registration' }).click();
    expect(await page.getByText('Your place is confirmed.').isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await page.waitForURL(/done=cancelled/);
    expect(await page.getByRole('main').getByRole('status').first().textContent()).toContain(
      'Your registration is cancelled.',
    );
    await context.close();

    const [axeContext, axePage] = await phonePage();
    const other = await register('indiecon-toronto-2027', 'confirm-axe@example.org', { role: 'Writer' });
    await axePage.goto(other.registration.manageUrl);
    await axePage.goto(`${session.server.url}/manage/${other.registration.id}/cancel`);
    expect(await axe(axePage)).toEqual([]);
    await axeContext.close();
  });

  it('shows the calendar link again on return, with a copy button, inside the screen', async () => {
    const address = 'calendar-phone@example.org';
    await register('indiecon-toronto-2027', address, { role: 'Writer' });
    // The link from the email proves the address, which a calendar across events needs.
    const res = await fetch(`${session.server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
    const { messages } = (await res.json()) as { messages: { to: { address: string }; text: string }[] };
    const link = messages.find((m) => m.to.address === address)!.text.match(/\/manage\/m_[A-Za-z0-9_-]{43}/)![0];
    const [context, page] = await phonePage();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`${session.server.url}${link}`);
    await page.getByRole('button', { name: 'Create my calendar link' }).click();
    const address1 = await page.getByLabel("Your calendar's address").inputValue();
    expect(address1).toMatch(/\/api\/calendars\/personal\/c_[A-Za-z0-9_-]{43}\.ics$/);

    await page.goto(page.url().replace(/\/calendar$/, ''));
    expect(await page.getByLabel("Your calendar's address").inputValue()).toBe(address1);
    await page.getByRole('button', { name: 'Copy the address' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address1);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    const box = await page.getByLabel("Your calendar's address").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await page.locator('#calendar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/calendar-link-phone.png' });
    expect(await axe(page)).toEqual([]);

    await page.getByRole('link', { name: 'Reset my calendar link' }).click();
    await page.getByRole('heading', { name: 'Reset your calendar link?' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, reset my calendar link' }).click();
    await page.getByText('Your calendar link is reset').waitFor();
    expect(await page.getByLabel("Your calendar's address").inputValue()).not.toBe(address1);
    expect((await fetch(address1)).status).toBe(404);
    await context.close();
  });
});

describe('the event page tells the truth before anyone submits', () => {
  it('puts the call to action at the top, inline styles applied, and lowers places left after registering', async () => {
    const [context, page] = await phonePage();
    const violations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    const cta = page.locator('[data-cta]');
    await page.waitForFunction(() => /places left/.test(document.querySelector('[data-cta-state]')?.textContent ?? ''));
    const before = Number((await cta.textContent())!.match(/(\d+) of 250 places left/)![1]);
    // Near the top: the call to action shows on the first screen of a phone.
    const top = await cta.boundingBox();
    expect(top!.y + top!.height).toBeLessThan(740);
    // The inline stylesheet applies (and the policy lets it): the button is the site's button.
    expect(await cta.getByRole('link', { name: 'Register' }).evaluate((el) => getComputedStyle(el).borderRadius)).toBe(
      '999px',
    );
    await cta.getByRole('link', { name: 'Register' }).click();
    expect(page.url()).toMatch(/#register$/);

    await page.getByLabel('Your name').fill('Places Left');
    await page.locator('#r-email').fill('places-left@example.org');
    await page.getByLabel('What best describes your work?').selectOption('Writer');
    await page.getByLabel(/I agree that the organisers keep/).check();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#register .notice').waitFor();
    await page.waitForFunction(
      (n) => (document.querySelector('[data-cta-state]')?.textContent ?? '').startsWith(`${n - 1} of 250`),
      before,
    );
    expect(violations).toEqual([]);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('shows every problem in one round and focuses the first, without sending anything', async () => {
    const [context, page] = await phonePage();
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && posts++);
    await page.goto(`${session.server.url}/events/indiecon-toronto-2027/`);
    await page.locator('#r-email').fill('half-done');
    await page.getByRole('button', { name: 'Register' }).click();
    const errors = page.locator('form[data-registration-form] .field-error');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([
      'Name is required.',
      'Email needs to be an address like name@example.org.',
      'Please answer "What best describes your work?".',
      'Please agree to the privacy notice to register.',
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('r-name');
    expect(await page.locator('#q-role').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
    await page.screenshot({ path: 'test-results/one-round-errors-phone.png', fullPage: true });
    expect(await axe(page)).toEqual([]);

    // Fixing some leaves only the others, and the focus goes to the first of those.
    await page.getByLabel('Your name').fill('Round Two');
    await page.locator('#r-email').fill('round-two@example.org');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForFunction(
      () => document.querySelectorAll('form[data-registration-form] .field-error').length === 2,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-role');
    await context.close();
  });

  it('says "Apply" for an application event', async () => {
    const [context, page] = await phonePage();
    await page.goto(`${session.server.url}/events/copass-camp-lisbon-2027/`);
    await page.waitForFunction(() => (document.querySelector('[data-availability]')?.textContent ?? '').length > 0);
    expect(await page.locator('[data-cta]').getByRole('link').textContent()).toBe('Apply');
    expect(await page.locator('[data-cta-state]').textContent()).toBe(
      'Applications are open; an organiser reviews each one.',
    );
    expect(await page.locator('form[data-registration-form] button[type="submit"]').textContent()).toBe(
      'Send my application',
    );
    await context.close();
  });

  it('offers "Join the waitlist" once the event is full', async () => {
    // The Berlin breakfast has 30 places and a waitlist.
    for (let i = 0; i < 30; i++) await register('freelance-breakfast-berlin-2026-12', `breakfast-${i}@example.org`);
    const [context, page] = await phonePage();
    await page.goto(`${session.server.url}/events/freelance-breakfast-berlin-2026-12/`);
    await page.waitForFunction(() => /waitlist/.test(document.querySelector('[data-cta-state]')?.textContent ?? ''));
    expect(await page.locator('[data-cta-state]').textContent()).toBe('The event is full; you can join the waitlist.');
    expect(await page.locator('[data-cta]').getByRole('link').textContent()).toBe('Join the waitlist');
    const submit = page.locator('form[data-registration-form] button[type="submit"]');
    expect(await submit.textContent()).toBe('Join the waitlist');
    await page.getByLabel('Your name').fill('Waiting Wanda');
    await page.locator('#r-email').fill('wanda@example.org');
    await page.getByLabel(/I agree that the organisers keep/).check();
    await submit.click();
    await page.locator('#register .notice').waitFor();
    expect(await page.locator('#register .notice').textContent()).toContain('you are on the waitlist');
    await page.screenshot({ path: 'test-results/waitlist-phone.png', fullPage: true });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('says when registration opens, with no form, before it opens', async () => {
    // The same build, served by a worker whose clock is a month earlier: the page follows the live state.
    let early: DevServer | undefined;
    try {
      early = await startDevServer({ DEV_NOW: '2026-10-15T12:00:00.000Z' });
      const [context, page] = await phonePage();
      await page.goto(`${early.url}/events/indiecon-toronto-2027/`);
      const message = 'Registration for IndieCon Toronto 2027 opens on Sunday 1 November 2026 at 09:00 (Toronto time).';
      await page.waitForFunction((m) => document.querySelector('[data-cta-state]')?.textContent === m, message);
      expect(await page.locator('[data-cta-button]').isHidden()).toBe(true);
      expect(await page.locator('form[data-registration-form]').isHidden()).toBe(true);
      expect(await page.locator('[data-panel-state]').textContent()).toBe(message);
      await page.screenshot({ path: 'test-results/not-yet-open-phone.png', fullPage: true });
      expect(await axe(page)).toEqual([]);
      await context.close();
    } finally {
      await early?.stop();
    }
  });
});
