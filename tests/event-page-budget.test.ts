// The event page as it is built: within 14 KB gzip with its stylesheet inline (one round trip to
// render), that style allowed by its hash in the policy and nothing else, schema.org Event data, and
// a PNG social card that later builds reuse.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent, CatalogueSession } from '../model/catalogue.ts';
import { cardPath, eventCard } from '../model/social-card.ts';
import { writeSocialCards } from '../scripts/social-cards.ts';
import { type ProcessedPhoto, photoJsonPath } from '../ui/photo.tsx';
import { SessionPage } from '../ui/session-page.tsx';
import { readEvent, scriptFiles, scriptGzip, sessionPageGzip } from './support/page-weight.ts';
import { testBuild } from './support/test-build.ts';

/** The budget: what fits in the first round trip of a new connection (TCP's initial window, about 14 KB). */
const BUDGET = 14 * 1024;
/** The event page's JavaScript, with every module it imports. */
const SCRIPT_BUDGET = 5 * 1024;
const events = readdirSync(join(testBuild.site, 'events'));
const page = (id: string) => readFileSync(join(testBuild.site, 'events', id, 'index.html'), 'utf8');
const policy = readFileSync(join(testBuild.site, '_headers'), 'utf8');

describe('the event page', () => {
  it.each(events)('%s fits in 14 KB gzip with its stylesheet, which the policy allows by hash', (id) => {
    const html = page(id);
    expect(gzipSync(html).length).toBeLessThanOrEqual(BUDGET);
    expect(html).not.toContain('rel="stylesheet"');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(policy).toContain(`style-src 'self' 'sha256-${hash}';`);
    expect(policy).not.toContain('unsafe-inline');
  });

  it.each(events)('%s carries schema.org Event data and a PNG social card of 1200×630', (id) => {
    const html = page(id);
    const [, json] = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)!;
    expect(json).not.toMatch(/<\/|<!--/);
    const data = JSON.parse(json!);
    expect(data).toMatchObject({ '@context': 'https://schema.org', '@type': 'Event' });
    expect(data.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const image = html.match(/<meta property="og:image" content="([^"]+)"/)![1]!;
    expect(image).toMatch(new RegExp(`/cards/${id}\\.[a-z0-9]+\\.png$`));
    expect(data.image).toEqual([image]);
    const png = readFileSync(join(testBuild.site, new URL(image).pathname));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it.each(events)('%s ships at most 5 KB gzip of JavaScript, all of it from this site', (id) => {
    const html = page(id);
    for (const f of scriptFiles(testBuild.site, html)) expect(f).toMatch(/^\/_astro\/[^/]+\.js$/);
    expect(scriptGzip(testBuild.site, html)).toBeLessThanOrEqual(SCRIPT_BUDGET);
  });

  it('gives every other page the site card, a PNG too', () => {
    const home = readFileSync(join(testBuild.site, 'index.html'), 'utf8');
    expect(home).toMatch(/<meta property="og:image" content="[^"]+\/cards\/gathering\.[a-z0-9]+\.png">/);
    expect(home).toContain('<link rel="stylesheet" href="/styles/app.css">');
  });
});

/** A session page's HTML as the worker renders it, with the photos the build made. */
async function sessionPageHtml(site: string, event: CatalogueEvent, session: CatalogueSession) {
  const photos = new Map<string, ProcessedPhoto>();
  for (const p of session.speakers.filter((s) => s.photo))
    photos.set(p.id, JSON.parse(readFileSync(join(site, photoJsonPath(p.id)), 'utf8')));
  const siteUrl = 'http://localhost:8787';
  const card = `${siteUrl}${cardPath(event.id, eventCard(event))}`;
  return String(await String(SessionPage({ event, session, photos, card, siteUrl })));
}

describe('the session page', () => {
  // Rendered as the worker renders it (worker/routes/session-pages.tsx), with the photos the build made.
  const sessions = events.flatMap((id) => {
    const event = readEvent(testBuild.catalogue, id);
    return event.sessions.map((session) => ({ id: session.id, event, session }));
  });

  it.each(sessions)('$id fits in 14 KB gzip with the stylesheet it links', async ({ event, session }) => {
    const html = await sessionPageHtml(testBuild.site, event, session);
    expect(html).toContain(`<h1>${session.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</h1>`);
    expect(sessionPageGzip(testBuild.site, html)).toBeLessThanOrEqual(BUDGET);
  });
});

describe('social cards', () => {
  it('renders a card only when its words change: a second build renders none', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cards-'));
    const site = mkdtempSync(join(tmpdir(), 'cards-site-'));
    try {
      const first = await writeSocialCards({ catalogue: testBuild.catalogue, site, cache });
      expect(first.rendered).toBe(first.cards);
      const second = await writeSocialCards({ catalogue: testBuild.catalogue, site, cache });
      expect(second).toMatchObject({ cards: first.cards, rendered: 0 });
      expect(readdirSync(join(site, 'cards'))).toHaveLength(first.cards);
    } finally {
      rmSync(cache, { recursive: true, force: true });
      rmSync(site, { recursive: true, force: true });
    }
  });
});
