// The built site (dist/site, made by `npm run build` before the tests) as visitors and crawlers get it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEventSchema, cataloguePaths, siteCatalogueSchema, slugify } from '../model/catalogue.ts';
import { localToUtc } from '../model/time.ts';
import { TEST_NOW, testBuild } from './support/test-build.ts';

const site = testBuild.site;
const read = (path: string) => JSON.parse(readFileSync(join(testBuild.catalogue, path), 'utf8'));
const siteCatalogue = siteCatalogueSchema.parse(read(cataloguePaths.siteCatalogue));
const catalogue = {
  builtAt: siteCatalogue.site.builtAt,
  events: siteCatalogue.events.map((e) => catalogueEventSchema.parse(read(cataloguePaths.event(e.id)))),
};
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const page = (path: string) => readFileSync(join(site, path, 'index.html'), 'utf8');
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? htmlFiles(join(dir, d.name)) : d.name.endsWith('.html') ? [join(dir, d.name)] : [],
  );
const ids = (dir: string) =>
  readdirSync(join('content', dir), { recursive: true })
    .filter((f) => String(f).endsWith('.md'))
    .map((f) => String(f).replace(/\.md$/, ''));

describe('pages for every content entry', () => {
  it('has a page per event, listing every one of its sessions', () => {
    for (const event of catalogue.events) {
      const html = page(`events/${event.id}`);
      expect(html).toContain(`<h1>${escapeHtml(event.title)}</h1>`);
      for (const s of event.sessions) expect(html, `${event.id} lists ${s.id}`).toContain(`data-session="${s.id}"`);
    }
    expect(catalogue.events.map((e) => e.id).sort()).toEqual(ids('events').sort());
  });

  it('has a page per person, city, kind of event and space, and the spaces network page', () => {
    for (const id of ids('people')) expect(existsSync(join(site, 'people', id, 'index.html')), id).toBe(true);
    for (const city of new Set(catalogue.events.map((e) => slugify(e.city))))
      expect(page(`cities/${city}`)).toContain('<h1>Events in');
    for (const kind of ['conference', 'camp', 'meetup', 'unconference', 'workshop'])
      expect(existsSync(join(site, 'kinds', kind, 'index.html'))).toBe(true);
    const spaces = page('spaces');
    for (const id of ids('spaces')) {
      expect(spaces).toContain(`href="/spaces/${id}/"`);
      expect(page(`spaces/${id}`)).toContain('<h2>Upcoming events here</h2>');
    }
    expect(page('cities/montreal')).toContain('Events in Montréal');
    // The camp's hosts come from several spaces of the network.
    const camp = page('events/copass-camp-lisbon-2027');
    for (const space of ['Casa do Largo', 'Maison Mile End', 'Werkhaus Berlin', 'Colmena'])
      expect(camp).toContain(`<span class="meta"> (${space})</span>`);
    expect(page('people/joao-ferreira')).toMatch(/Member of <a href="\/spaces\/casa-do-largo\/">Casa do Largo<\/a>/);
  });

  it('lists upcoming events soonest first, then past events', () => {
    const home = page('');
    const upcomingAt = home.indexOf('id="upcoming"');
    const pastAt = home.indexOf('id="past"');
    const now = new Date(catalogue.builtAt).getTime();
    const position = (id: string) => home.indexOf(`href="/events/${id}/"`);
    const upcoming = catalogue.events.filter((e) => new Date(e.endUtc).getTime() >= now);
    const past = catalogue.events.filter((e) => new Date(e.endUtc).getTime() < now);
    expect(past.length).toBeGreaterThan(0);
    for (const e of upcoming) expect(position(e.id)).toBeGreaterThan(upcomingAt);
    for (const e of past) expect(position(e.id)).toBeGreaterThan(pastAt);
    expect(upcoming.map((e) => position(e.id))).toEqual(upcoming.map((e) => position(e.id)).sort((a, b) => a - b));
  });
});

describe('times in the event zone', () => {
  it('shows the same wall-clock times either side of a daylight-saving change, with the right instants', () => {
    const html = page('events/copass-camp-lisbon-2027');
    const slot = (id: string) => html.slice(html.indexOf(`data-session="copass-camp-lisbon-2027/${id}"`)).slice(0, 600);
    expect(slot('spaces-exchange')).toContain('<time datetime="2027-03-27T10:00:00.000Z">10:00</time>');
    expect(slot('hosting-travellers')).toContain('<time datetime="2027-03-28T09:00:00.000Z">10:00</time>');
    expect(html).toMatch(/Saturday 27 March 2027 <span class="day-zone">· Western European Standard Time \(UTC\+0\)/);
    expect(html).toMatch(/Sunday 28 March 2027 <span class="day-zone">· Western European Summer Time \(UTC\+1\)/);
    expect(html).toContain('Europe/Lisbon');
  });

  it('names the zone of an event in another country', () => {
    expect(page('events/indiecon-toronto-2027')).toContain('Eastern Daylight Time (UTC−4)');
    expect(page('events/freelance-breakfast-berlin-2026-12')).toContain('Central European Standard Time (UTC+1)');
  });
});

describe('what every page carries', () => {
  it('ships no JavaScript but the event-page script, and only where there is a form or a schedule', () => {
    const files = htmlFiles(site);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const html = readFileSync(f, 'utf8');
      // schema.org data is a data block, never run: it is not script in the policy's sense.
      const scripts = (html.match(/<script[^>]*>/gi) ?? []).filter((t) => t !== '<script type="application/ld+json">');
      const interactive = html.includes('data-registration-form') || html.includes('data-session=');
      const expected =
        interactive && !html.includes('This event has ended.') && !html.includes('banner cancelled') ? 1 : 0;
      expect(scripts.length, f).toBe(expected);
      // Only the bundled page script, as a file: the Content-Security-Policy allows no inline script.
      for (const tag of scripts) expect(tag, f).toMatch(/^<script type="module" src="\/_astro\/[^"]+\.js">$/);
    }
    expect(page('events/indiecon-toronto-2027')).toContain('data-registration-form');
    expect(page('events/indiecon-toronto-2026')).not.toContain('data-registration-form');
  });

  it('has a canonical URL, Open Graph tags and landmarks', () => {
    const html = page('events/indiecon-toronto-2027');
    expect(html).toContain('<link rel="canonical" href="http://localhost:8787/events/indiecon-toronto-2027/">');
    expect(html).toContain('<meta property="og:title" content="IndieCon Toronto 2027">');
    expect(html).toMatch(/<main id="content"/);
    expect(html).toMatch(/<nav class="main" aria-label="Main">/);
    expect(html).toContain('<html lang="en">');
  });

  it('shows banners for cancelled and postponed events, and no calendar links for a cancelled one', () => {
    expect(page('events/remote-work-unconference-montreal-2027')).toContain('This event is cancelled.');
    expect(page('events/remote-work-unconference-montreal-2027')).not.toContain('Add to Google Calendar');
    expect(page('events/pricing-workshop-mexico-city-2027')).toContain('This event is postponed');
  });

  it('shows the form only while registration is open at build time, and says when it closed', () => {
    const builtAt = Date.parse(catalogue.builtAt);
    let closedShown = 0;
    for (const e of catalogue.events.filter(
      (e) =>
        e.status === 'scheduled' &&
        Date.parse(e.endUtc) > builtAt &&
        (e.registration.mode === 'open' || e.registration.mode === 'application'),
    )) {
      const closes = e.registration.closes
        ? localToUtc(e.registration.closes, e.timeZone).getTime()
        : Date.parse(e.startUtc);
      const html = page(`events/${e.id}`);
      if (closes > builtAt) expect(html, e.id).toContain('data-registration-form');
      else {
        expect(html, e.id).not.toContain('data-registration-form');
        expect(html, e.id).toContain('Registration closed on');
        closedShown++;
      }
    }
    expect(page('events/hosts-circle-lisbon-2026-12')).toContain(
      'Registration closed on Friday 20 November 2026 at 23:59 (Europe/Lisbon).',
    );
    expect(closedShown).toBeGreaterThan(0);
    expect(catalogue.builtAt).toBe(TEST_NOW);
  });

  it('offers add-to-calendar links with UTC times and a map link for the venue', () => {
    const html = page('events/indiecon-toronto-2027');
    expect(html).toContain('dates=20270513T130000Z%2F20270514T220000Z');
    expect(html).toContain('startdt=2027-05-13T13%3A00%3A00Z');
    expect(html).toContain('https://www.openstreetmap.org/?mlat=43.6479&amp;mlon=-79.3951');
  });

  it('publishes an RSS feed, a sitemap and a 404 page', () => {
    const rss = readFileSync(join(site, 'rss.xml'), 'utf8');
    for (const e of catalogue.events) expect(rss).toContain(`http://localhost:8787/events/${e.id}/`);
    const sitemap = readFileSync(join(site, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('http://localhost:8787/events/copass-camp-lisbon-2027/');
    // Session pages come from the worker; the sitemap still lists them.
    expect(sitemap).toMatch(/http:\/\/localhost:8787\/events\/indiecon-toronto-2027\/sessions\/[a-z0-9-]+\//);
    expect(sitemap).not.toContain('404');
    expect(readFileSync(join(site, '404.html'), 'utf8')).toContain('See all upcoming events');
  });
});
