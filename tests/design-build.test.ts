// The design system's pages as they are built: the calendars page grouped with one subscribe control
// per feed, venues linked to OpenStreetMap and the maps app, and no map or script from another origin.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testBuild } from './support/test-build.ts';

const page = (path: string) => readFileSync(join(testBuild.site, path, 'index.html'), 'utf8');
const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe('the calendars page', () => {
  const html = page('calendars');
  const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);

  it('groups the feeds: everything, cities, kinds, events', () => {
    expect(headings.slice(0, 4)).toEqual(['Every event', 'By city', 'By kind of event', 'One event and its programme']);
    for (const city of ['toronto', 'lisbon', 'berlin']) expect(html).toContain(`/api/calendars/cities/${city}.ics`);
    expect(html).toContain('/api/calendars/kinds/camp.ics');
    expect(html).toContain('/api/calendars/events/indiecon-toronto-2027.ics');
  });

  it('gives each feed one control that opens on every way to subscribe, without a script', () => {
    const controls = [...html.matchAll(/<details class="subscribe">([\s\S]*?)<\/details>/g)].map((m) => m[1]!);
    const feeds = new Set([...html.matchAll(/href="(https?:[^"?]+\.ics)"/g)].map((m) => m[1]));
    expect(controls).toHaveLength(feeds.size);
    for (const control of controls) {
      expect(count(control, /<summary>Subscribe<span class="visually-hidden"> to [^<]+<\/span><\/summary>/g)).toBe(1);
      expect(count(control, /href="webcal:/g)).toBe(1);
      expect(count(control, /href="https:\/\/calendar\.google\.com\//g)).toBe(1);
      expect(count(control, /href="https:\/\/outlook\.(live|office)\.com\//g)).toBe(2);
    }
    expect(html).not.toContain('<script');
  });
});

describe('venues on a map', () => {
  it.each([
    ['the event page', 'events/indiecon-toronto-2027'],
    ['a space page', 'spaces/spadina-commons'],
  ])('%s links OpenStreetMap and the maps app at the venue', (_, path) => {
    const html = page(path);
    expect(html).toContain(
      'href="https://www.openstreetmap.org/?mlat=43.6479&amp;mlon=-79.3951#map=17/43.6479/-79.3951"',
    );
    expect(html).toMatch(/href="geo:43\.6479,-79\.3951\?q=43\.6479,-79\.3951\(Spadina%20Commons%2C[^"]*\)"/);
  });

  it("links each session's own venue when an event has several", () => {
    const html = page('events/copass-camp-lisbon-2027');
    expect(count(html, /class="map-links"/g)).toBeGreaterThan(2);
  });

  it('embeds no map and loads nothing from another origin on any page', () => {
    const files = readdirSync(testBuild.site, { recursive: true, withFileTypes: true }).filter((f) =>
      f.name.endsWith('.html'),
    );
    for (const f of files) {
      const html = readFileSync(join(f.parentPath, f.name), 'utf8');
      expect(html, f.name).not.toMatch(/<iframe|<(script|img|link)[^>]+(src|href)="https?:\/\/(?!localhost)/);
    }
  });
});
