// The pages a person meets when the event changed (the manage page of a cancelled, postponed or
// rescheduled event, and "I can't make the new date"), rendered by the same components the worker
// uses, in Chromium at a phone's width with the site's stylesheet: axe-clean, no sideways scrolling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import { type ProgrammeRevision, recordProgramme } from '../../model/programme.ts';
import { NewDatePage } from '../../ui/event-change.tsx';
import { ManagePage, type ManagePageProps } from '../../ui/manage-page.tsx';
import { launchBrowser } from '../support/browser.ts';
import { testBuild } from '../support/test-build.ts';

const ORIGIN = 'http://gathering.test';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sample: CatalogueEvent = JSON.parse(
  readFileSync(join(testBuild.catalogue, 'events/indiecon-toronto-2027.json'), 'utf8'),
);

/** The sample event built once more for each version, as deploys would build it. */
function built(...versions: Partial<CatalogueEvent>[]): CatalogueEvent {
  const ledger: Record<string, ProgrammeRevision> = {};
  let event = sample;
  for (const [i, v] of [{}, ...versions].entries()) {
    event = recordProgramme({ ...sample, ...v }, ledger, `2026-11-0${i + 1}T00:00:00.000Z`);
    ledger[`events/${event.id}`] = event.revision;
  }
  return event;
}

const props = (event: CatalogueEvent, status: 'confirmed' | 'event_cancelled', statusText: string) =>
  ({
    registration: {
      id: 7,
      name: 'Ada Lovelace',
      email: 'ada@example.org',
      status,
      statusText,
      ticketCode: 'K7QM-4TZ8-HX',
      createdAt: '2026-11-20T10:00:00.000Z',
      answers: {},
      decisionMessage: null,
      checkedInAt: null,
    },
    event,
    active: status === 'confirmed' && event.status !== 'cancelled',
    mayStopLinks: true,
    position: null,
    stars: [],
    calendar: { kind: 'none' },
    ticketUrl: `${ORIGIN}/t/K7QM-4TZ8-HX`,
  }) satisfies ManagePageProps;

/** Opens the HTML at a phone's width with the site's stylesheet; axe's violations and the page's width. */
async function check(html: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) =>
    new URL(route.request().url()).pathname === '/styles/app.css'
      ? route.fulfill({ path: 'site/public/styles/app.css', contentType: 'text/css' })
      : route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await page.goto(`${ORIGIN}/manage/7`);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const text = (await page.locator('main').textContent()) ?? '';
  await context.close();
  return { violations: result.violations.map((v) => `${v.id}: ${v.help}`), width, text };
}

const later = { start: '2027-06-10T09:00:00', end: '2027-06-11T18:00:00' };

describe('pages of an event that changed', () => {
  it.each([
    [
      'cancelled',
      props(
        built({ status: 'cancelled', cancellation: 'The venue flooded; we are sorry.' }),
        'event_cancelled',
        'Your registration ended with the event.',
      ),
      ['This event is cancelled.', 'The venue flooded; we are sorry.', 'nothing more for you to do'],
    ],
    [
      'postponed',
      props(built({ status: 'postponed' }), 'confirmed', 'Your place is confirmed.'),
      ['This event is postponed. You keep your registration'],
    ],
    [
      'given a new date',
      props(built({ status: 'postponed' }, { status: 'scheduled', ...later }), 'confirmed', 'Your place is confirmed.'),
      ['New date: Thursday', "I can't make the new date"],
    ],
  ])('the manage page of an event %s is clear, axe-clean and fits a phone', async (_, p, says) => {
    const { violations, width, text } = await check(String(await ManagePage(p)));
    expect(violations).toEqual([]);
    expect(width).toBeLessThanOrEqual(360);
    for (const words of says) expect(text).toContain(words);
  });

  it('the "I can\'t make the new date" page asks before it cancels, axe-clean on a phone', async () => {
    const event = built({ status: 'postponed' }, { status: 'scheduled', ...later });
    const html = String(await NewDatePage({ event, base: '/manage/7', confirmed: true }));
    const { violations, width, text } = await check(html);
    expect(violations).toEqual([]);
    expect(width).toBeLessThanOrEqual(360);
    expect(text).toContain('Your place goes to the next person on the waitlist at once.');
    expect(text).toContain('Yes, cancel my registration');
    expect(text).toContain('No, keep my registration');
  });
});
