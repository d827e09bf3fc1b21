// The console's programme tools in a real Chromium at a phone's size, signed in by the emailed
// link: the 1:1 scheduler run in the browser's Web Worker (under the site's CSP) and stored
// through the API, the overview's charts, the export downloaded and parsed, and the audit log.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';
import { makeOrganiser, signInByMail } from '../support/organiser.ts';

const session = withSiteAndBrowser();
const EVENT = 'indiecon-toronto-2027';
const ORGANISER = 'tools-organiser@example.org';
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const axe = async () =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze())
    .violations;
const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** The console's page budget: its HTML within the first round trip (14 KB gzipped), as the event page's. */
const weight = async () => gzipSync(await page.content()).length;

beforeAll(async () => {
  // Six people who opted in to 1:1 meetings, as the scheduler command's test has them.
  const skills = ['pricing', 'writing', 'product design'];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${session.server.url}/api/events/${EVENT}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${120 + i}` },
      body: JSON.stringify({
        name: `Browser Planner ${i}`,
        email: `browser-planner-${i}@example.org`,
        consent: true,
        answers: { role: 'Writer', topics: ['Craft', 'Business'], 'photo-ok': i % 2 === 0 },
        profile: { offers: [skills[i % 3]], seeks: [skills[(i + 1) % 3]], available: true },
      }),
    });
    expect(res.status).toBe(201);
  }
  makeOrganiser(session.server, ORGANISER, 'manager', [EVENT]);
  context = await session.browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true });
  page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await signInByMail(page, session.server, ORGANISER);
});
afterAll(async () => context?.close());

describe('the console in a browser', () => {
  it('runs the 1:1 scheduler in a Web Worker and stores the meetings', async () => {
    await page.goto(`${session.server.url}/console/events/${EVENT}/meetings`);
    expect(await page.getByRole('heading', { name: '1:1 meetings' }).isVisible()).toBe(true);
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await weight()).toBeLessThan(14 * 1024);
    await page.getByRole('button', { name: 'Run the scheduler' }).click();
    await page.getByText(/^Scheduled \d+ meetings\./).waitFor();
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
    expect(await figure('people')).toBe('6');
    expect(await figure('slots')).toBe('2');
    const scheduled = Number(await figure('meetings'));
    expect(scheduled).toBeGreaterThan(0);
    expect(await figure('time')).toMatch(/^\d+(\.\d)? m?s$/);
    await page.screenshot({ path: 'test-results/console-meetings-phone.png', fullPage: true });

    await page.getByRole('button', { name: 'Store these meetings' }).click();
    await page.getByText(`Stored ${scheduled} meetings for 6 people in slots 1, 2.`).waitFor();
    // The meetings are in D1, as the API reads them with this browser's session.
    const stored = (await (
      await context.request.get(`${session.server.url}/api/admin/events/${EVENT}/meetings`)
    ).json()) as {
      figures: { participants: number; meetings: number };
    };
    expect(stored.figures).toMatchObject({ participants: 6, meetings: scheduled });
    await page.reload();
    expect(await page.locator('dl.counts').first().textContent()).toContain(`Meetings${scheduled}`);
    // Nothing was refused by the content security policy, and no script failed.
    expect(problems).toEqual([]);
  });

  it('stores nothing when people changed since the plan, and says to run it again', async () => {
    await page.goto(`${session.server.url}/console/events/${EVENT}/meetings`);
    await page.getByRole('button', { name: 'Run the scheduler' }).click();
    await page.getByText(/^Scheduled \d+ meetings\./).waitFor();
    // Someone opts in meanwhile: the plan the meetings were made from is out of date.
    const res = await fetch(`${session.server.url}/api/events/${EVENT}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.140' },
      body: JSON.stringify({
        name: 'Late Planner',
        email: 'late-planner@example.org',
        consent: true,
        answers: { role: 'Writer' },
        profile: { offers: ['writing'], seeks: ['pricing'], available: true },
      }),
    });
    expect(res.status).toBe(201);
    await page.getByRole('button', { name: 'Store these meetings' }).click();
    await page.getByText('Nothing was stored.').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Run the scheduler again');
    expect(await page.getByRole('button', { name: 'Store these meetings' }).isVisible()).toBe(false);
  });

  it('says how to schedule from a terminal without JavaScript', async () => {
    const noScript = await session.browser.newContext({
      javaScriptEnabled: false,
      storageState: await context.storageState(),
    });
    const bare = await noScript.newPage();
    await bare.goto(`${session.server.url}/console/events/${EVENT}/meetings`);
    expect(await bare.getByRole('button', { name: 'Run the scheduler' }).isVisible()).toBe(false);
    expect(await bare.getByText(`npm run schedule -- --event ${EVENT}`).isVisible()).toBe(true);
    await noScript.close();
  });

  it('shows the overview with its charts, readable on a phone', async () => {
    await page.goto(`${session.server.url}/console/events/${EVENT}/`);
    const caption = page.locator('#chart-registrations figcaption');
    expect(await caption.textContent()).toMatch(/^\d+ registrations in the \d+ days from /);
    expect(await page.locator('#chart-registrations rect.chart-bar').count()).toBeGreaterThan(0);
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await weight()).toBeLessThan(14 * 1024);
    await page.screenshot({ path: 'test-results/console-overview-phone.png', fullPage: true });
  });

  it('downloads the CSV for Excel in Europe and it parses', async () => {
    await page.goto(`${session.server.url}/console/events/${EVENT}/export`);
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await weight()).toBeLessThan(14 * 1024);
    await page.screenshot({ path: 'test-results/console-export-phone.png', fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV with semicolons' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${EVENT}-registrations-semicolons.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    const planners = records.filter((r) => r.Name?.startsWith('Browser Planner'));
    expect(planners).toHaveLength(6);
    expect(records.find((r) => r.Name === 'Late Planner')).toBeDefined();
    expect(planners[0]).toMatchObject({
      'Which tracks interest you most?': 'Craft; Business',
      "I'm happy to appear in event photos": 'yes',
      'Matching profile': 'yes',
    });
    // The test server's day (25 November 2026) in Toronto.
    expect(planners[0]!.Registered).toMatch(/^2026-11-25 0\d:\d{2}$/);
  });

  it('shows the scheduling in the audit log', async () => {
    await page.goto(`${session.server.url}/console/audit?action=meetings.schedule`);
    expect(await page.getByRole('cell', { name: ORGANISER }).first().isVisible()).toBe(true);
    expect(await axe()).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    expect(await weight()).toBeLessThan(14 * 1024);
    await page.screenshot({ path: 'test-results/console-audit-phone.png', fullPage: true });
  });
});
