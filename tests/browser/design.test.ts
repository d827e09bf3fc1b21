// The design system in a real Chromium against the worker as it deploys: light and dark at a phone's
// and a desktop's width (the colours really change, axe is clean in both), a header of one row on a
// 360 px phone, no sideways scrolling at 320 px, and printing: a ticket and an agenda each on one
// sheet, without the site's navigation, footer, forms or buttons.
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withSiteAndBrowser } from '../support/browser.ts';
import { makeOrganiser, signInByMail } from '../support/organiser.ts';

const session = withSiteAndBrowser();
const EVENT = 'indiecon-toronto-2027';
const publicPages = ['/', `/events/${EVENT}/`, '/cities/toronto/', '/calendars/', '/spaces/spadina-commons/'];
const organiser = 'design-owner@example.org';
/** A confirmed registration's manage page (its path holds the link's token). */
let manage = '';

beforeAll(async () => {
  const res = await fetch(`${session.server.url}/api/events/${EVENT}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.230' },
    body: JSON.stringify({
      name: 'Dee Zine',
      email: 'dee-zine@example.org',
      consent: true,
      answers: { role: 'Writer' },
    }),
  });
  expect(res.status).toBe(201);
  manage = new URL(((await res.json()) as { registration: { manageUrl: string } }).registration.manageUrl).pathname;
  makeOrganiser(session.server, organiser, 'owner');
});

async function open(options: BrowserContextOptions, path: string) {
  const context = await session.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${session.server.url}${path}`);
  return { page, close: () => context.close() };
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The page's own colours: the root's background and text, and a link's. */
const colours = (page: Page) =>
  page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const link = document.querySelector('main a');
    return { background: root.backgroundColor, text: root.color, link: link && getComputedStyle(link).color };
  });

/** Relative luminance of an rgb() colour, to tell a light page from a dark one. */
function luminance(rgb: string) {
  const [r, g, b] = rgb
    .match(/\d+/g)!
    .slice(0, 3)
    .map((n) => {
      const v = Number(n) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('light and dark', () => {
  it.each([390, 1280])(
    'at %i px, dark turns the pages dark with light text, and both schemes are axe-clean',
    async (width) => {
      for (const path of [...publicPages, manage]) {
        const seen: Record<string, Awaited<ReturnType<typeof colours>>> = {};
        for (const colorScheme of ['light', 'dark'] as const) {
          const { page, close } = await open({ viewport: { width, height: 900 }, colorScheme }, path);
          seen[colorScheme] = await colours(page);
          expect(await axe(page), `${path} ${colorScheme}`).toEqual([]);
          await close();
        }
        const { light, dark } = seen as Record<'light' | 'dark', Awaited<ReturnType<typeof colours>>>;
        expect(luminance(light.background), path).toBeGreaterThan(0.8);
        expect(luminance(dark.background), path).toBeLessThan(0.05);
        expect(luminance(dark.text), path).toBeGreaterThan(luminance(dark.background) + 0.5);
        expect(dark.link, path).not.toBe(light.link);
      }
    },
  );

  it("turns the worker's pages dark too, axe-clean: My Gathering and the console", async () => {
    const context = await session.browser.newContext({ viewport: { width: 390, height: 900 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await signInByMail(page, session.server, organiser, '/my/');
    for (const path of ['/my/', '/console/', `/console/events/${EVENT}`, `/console/events/${EVENT}/registrations`]) {
      await page.goto(`${session.server.url}${path}`);
      expect(luminance((await colours(page)).background), path).toBeLessThan(0.05);
      expect(await axe(page), path).toEqual([]);
    }
    await context.close();
  });

  it('defines eight track colours in each scheme, each one readable on the page', async () => {
    const tracks = async (colorScheme: 'light' | 'dark') => {
      const { page, close } = await open({ colorScheme }, '/');
      const found = await page.evaluate(() => {
        const probe = document.createElement('span');
        document.body.appendChild(probe);
        return Array.from({ length: 8 }, (_, i) => {
          probe.style.color = `var(--track-${i + 1})`;
          return getComputedStyle(probe).color;
        });
      });
      const background = (await colours(page)).background;
      await close();
      return { found, background };
    };
    const light = await tracks('light');
    const dark = await tracks('dark');
    for (const scheme of [light, dark]) {
      expect(new Set(scheme.found).size).toBe(8);
      const bg = luminance(scheme.background);
      for (const c of scheme.found) {
        const [hi, lo] = [luminance(c), bg].sort((a, b) => b - a);
        expect((hi! + 0.05) / (lo! + 0.05), c).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(dark.found).not.toEqual(light.found);
  });
});

describe('on a small phone', () => {
  it('keeps the header to one row at 360 px, every link on it and nothing cut off', async () => {
    for (const path of ['/', `/events/${EVENT}/`, manage]) {
      const { page, close } = await open({ viewport: { width: 360, height: 740 }, isMobile: true }, path);
      const header = await page.evaluate(() => {
        const box = document.querySelector('header.site .wrap')!.getBoundingClientRect();
        const nav = document.querySelector('nav.main')!;
        const items = [...document.querySelectorAll('header.site .brand, nav.main li')].map((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        });
        const line = Number.parseFloat(getComputedStyle(document.querySelector('.brand')!).lineHeight);
        return { box, items, line, hidden: nav.scrollWidth - nav.clientWidth };
      });
      expect(header.items).toHaveLength(6);
      const middles = header.items.map((i) => (i.top + i.bottom) / 2);
      expect(Math.max(...middles) - Math.min(...middles), path).toBeLessThan(4);
      for (const item of header.items) expect(item.right, path).toBeLessThanOrEqual(360);
      expect(header.hidden, path).toBeLessThanOrEqual(0);
      // One row: the header's content is no taller than a line and a half of its tallest item.
      expect(header.box.height, path).toBeLessThan(header.line * 1.5 + 24);
      // The short label keeps its full name for screen readers.
      expect(await page.getByRole('link', { name: 'My Gathering' }).isVisible()).toBe(true);
      await close();
    }
  });

  it('never scrolls sideways at 320 px: public pages, My Gathering, a manage page and the console', async () => {
    const context = await session.browser.newContext({ viewport: { width: 320, height: 700 }, isMobile: true });
    const page = await context.newPage();
    await signInByMail(page, session.server, organiser, '/my/');
    for (const path of [...publicPages, manage, '/my/', '/console/', `/console/events/${EVENT}`]) {
      await page.goto(`${session.server.url}${path}`);
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });
});

/** Pages of a PDF as Chromium writes it (one page object each). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;

describe('printing', () => {
  it('prints the ticket and the starred sessions on one sheet, without navigation, footer, forms or buttons', async () => {
    const { page, close } = await open({ viewport: { width: 390, height: 844 } }, manage);
    for (const title of ['Run your own numbers', 'Contracts clinic']) {
      await page.getByRole('button', { name: `☆ Star ${title}` }).click();
      await page.getByRole('button', { name: `★ Starred ${title}` }).waitFor();
    }
    await page.emulateMedia({ media: 'print' });
    const ticket = page.getByRole('region', { name: 'Your ticket' });
    expect(await ticket.isVisible()).toBe(true);
    expect(await ticket.locator('svg').isVisible()).toBe(true);
    for (const hidden of ['header.site', 'footer.site', 'main form', 'main .button'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    const starred = (title: string) => page.locator('.agenda strong', { hasText: title });
    expect(await starred('Run your own numbers').isVisible()).toBe(true);
    expect(await starred('Contracts clinic').isVisible()).toBe(true);
    expect(await starred('Closing circle').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Your calendar' }).isVisible()).toBe(false);
    expect(pageCount(await page.pdf({ format: 'A4', path: 'test-results/ticket-print.pdf' }))).toBe(1);
    await page.screenshot({ path: 'test-results/ticket-print.png', fullPage: true });
    await close();
  });

  it('prints My Gathering, the registrations and their tickets, on one sheet', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await signInByMail(page, session.server, 'dee-zine@example.org', '/my/');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('heading', { name: 'IndieCon Toronto 2027' }).isVisible()).toBe(true);
    expect(await page.locator('.ticket-code').first().isVisible()).toBe(true);
    for (const hidden of ['header.site', 'footer.site', 'main form', 'main .button'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    expect(await page.getByRole('heading', { name: 'Your sign-ins' }).isVisible()).toBe(false);
    expect(pageCount(await page.pdf({ format: 'A4' }))).toBe(1);
    await context.close();
  });
});
