// Pages and lists stay bounded however many events there are: the home page previews, lists come
// a page at a time, RSS carries the latest few and the worker's lists hold a window of events.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCALE_NOW, writeScaleContent } from '../bench/scale/content.ts';
import { cataloguePaths, EVENTS_PAGE_SIZE, type EventPage, type FeedList } from '../model/catalogue.ts';
import { PAGE_SIZE } from '../site/lib/catalogue.ts';
import { buildSite } from './support/test-build.ts';

const dir = join(tmpdir(), 'gathering-bounded');
let site = '';
let catalogue = '';
const page = (path: string) => readFileSync(join(site, path, 'index.html'), 'utf8');
const cards = (html: string) => html.match(/<li class="card">/g)?.length ?? 0;

beforeAll(() => {
  // 240 events over five years around the build's clock: about 96 past and 144 upcoming.
  writeScaleContent(join(dir, 'content'), { events: 240, sessionsPerEvent: 1, people: 6, spaces: 3 });
  ({ site, catalogue } = buildSite({ content: join(dir, 'content'), dir: join(dir, 'build'), now: SCALE_NOW }).paths);
});

describe('bounded pages', () => {
  it('previews twelve upcoming and twelve past events on the home page and links to the rest', () => {
    const home = page('');
    expect(cards(home)).toBe(24);
    expect(home).toMatch(/<a href="\/upcoming\/">All \d+ upcoming events<\/a>/);
    expect(home).toMatch(/<a href="\/past\/">All \d+ past events<\/a>/);
  });

  it('lists every upcoming event once, a page at a time, with links between the pages', () => {
    const first = page('upcoming');
    const total = Number(first.match(/Page 1 of (\d+) \((\d+) events\)/)![2]);
    const pages = Math.ceil(total / PAGE_SIZE);
    expect(first).toContain('<a href="/upcoming/2/" rel="next">Next page</a>');
    const seen = new Set<string>();
    for (let n = 1; n <= pages; n++) {
      const html = page(n === 1 ? 'upcoming' : `upcoming/${n}`);
      for (const m of html.matchAll(/<h3><a href="\/events\/([^/]+)\/">/g)) seen.add(m[1]!);
      expect(cards(html)).toBe(n < pages ? PAGE_SIZE : total - PAGE_SIZE * (pages - 1));
    }
    expect(seen.size).toBe(total);
  });

  it('lists the next twelve events on the calendars page, each with one subscribe control, and links to the rest', () => {
    const html = page('calendars');
    expect(html.match(/href="https?:[^"]+\/api\/calendars\/events\/[^"/]+\.ics"/g)?.length).toBe(12);
    expect(html).toMatch(/<a href="\/upcoming\/">all \d+ upcoming events<\/a>/);
    const feeds = new Set(html.match(/(?<=href=")https?:[^"?]+\.ics(?=")/g));
    expect(html.match(/<details class="subscribe">/g)).toHaveLength(feeds.size);
  });

  it('keeps RSS to the fifty latest events and splits the sitemap into bounded files', () => {
    const rss = readFileSync(join(site, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>/g)).toHaveLength(50);
    expect(readFileSync(join(site, 'sitemap-index.xml'), 'utf8')).toContain('sitemap-0.xml');
  });

  it('makes no page larger than 50 KB compressed', () => {
    const files = readdirSync(site, { recursive: true, withFileTypes: true }).filter((f) =>
      /\.(html|xml)$/.test(f.name),
    );
    const sizes = files.map((f) => gzipSync(readFileSync(join(f.parentPath, f.name))).length);
    expect(Math.max(...sizes)).toBeLessThan(50_000);
  });

  it('gives the worker lists of a bounded window, and the public list in pages', () => {
    const all: FeedList = JSON.parse(readFileSync(join(catalogue, cataloguePaths.allEvents), 'utf8'));
    const from = Date.parse(SCALE_NOW) - 30 * 86_400_000;
    const until = Date.parse(SCALE_NOW) + 365 * 86_400_000;
    expect(all.entries.length).toBeGreaterThan(0);
    for (const e of all.entries) expect(Date.parse(e.endUtc)).toBeGreaterThanOrEqual(from);
    expect(all.entries.every((e) => e.text.startsWith('BEGIN:VEVENT'))).toBe(true);
    const first: EventPage = JSON.parse(readFileSync(join(catalogue, cataloguePaths.eventsPage(1)), 'utf8'));
    expect(first.events).toHaveLength(EVENTS_PAGE_SIZE);
    expect(first.pages).toBeGreaterThan(1);
    const last = Date.parse(all.entries.at(-1)!.endUtc);
    expect(last).toBeLessThanOrEqual(until + 86_400_000);
  });
});
