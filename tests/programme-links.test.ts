// Where people find the new feeds and exports on the built site: the event page's programme (a
// feed per track and per room, schedule.json and schedule.xml), a speaker's page (their feed), and
// the subscribe and add-to-calendar links for Google Calendar, Outlook.com and Microsoft 365.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testBuild } from './support/test-build.ts';

const page = (path: string) => readFileSync(join(testBuild.site, path, 'index.html'), 'utf8');
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), 'http://localhost:8787/'));
const paths = (html: string) => hrefs(html).map((u) => `${u.protocol === 'webcal:' ? 'webcal:' : ''}${u.pathname}`);

describe("an event page's programme", () => {
  const html = page('events/indiecon-toronto-2027');

  it('links a feed for each track and each room, to subscribe to or download', () => {
    const base = '/api/calendars/events/indiecon-toronto-2027';
    for (const path of [`${base}/tracks/business.ics`, `${base}/tracks/craft.ics`, `${base}/rooms/studio-b.ics`]) {
      expect(paths(html)).toContain(path);
      expect(paths(html)).toContain(`webcal:${path}`);
    }
    expect(html).toContain('.ics<span class="visually-hidden"> of the Business track</span>');
  });

  it('links the schedule for conference apps as XML and JSON', () => {
    expect(paths(html)).toContain('/api/events/indiecon-toronto-2027/schedule.xml');
    expect(paths(html)).toContain('/api/events/indiecon-toronto-2027/schedule.json');
  });

  it('offers no track feeds when the programme has no tracks', () => {
    const camp = page('events/copass-camp-lisbon-2027');
    expect(camp).not.toContain('Follow one track');
    expect(paths(camp)).toContain('/api/calendars/events/copass-camp-lisbon-2027/rooms/sala-azul-atelier-da-graca.ics');
  });

  it('subscribes to the whole programme in Google Calendar, Outlook.com and Microsoft 365', () => {
    const feed = 'http://localhost:8787/api/calendars/events/indiecon-toronto-2027.ics';
    const links = hrefs(html);
    expect(
      links.find((u) => u.host === 'calendar.google.com' && u.searchParams.has('cid'))!.searchParams.get('cid'),
    ).toBe(feed.replace('http:', 'webcal:'));
    for (const host of ['outlook.live.com', 'outlook.office.com']) {
      const subscribe = links.find((u) => u.host === host && u.pathname === '/calendar/0/addfromweb')!;
      expect(subscribe.searchParams.get('url'), host).toBe(feed);
      expect(subscribe.searchParams.get('name'), host).toBe('IndieCon Toronto 2027');
    }
  });

  it('adds the event itself to Outlook.com or Microsoft 365 with its times in UTC', () => {
    for (const host of ['outlook.live.com', 'outlook.office.com']) {
      const add = hrefs(html).find((u) => u.host === host && u.pathname === '/calendar/0/action/compose')!;
      expect(add.searchParams.get('subject'), host).toBe('IndieCon Toronto 2027');
      expect(add.searchParams.get('startdt'), host).toBe('2027-05-13T13:00:00Z');
      expect(add.searchParams.get('rru'), host).toBe('addevent');
    }
  });
});

describe("a speaker's page", () => {
  it('offers their sessions across events as a feed', () => {
    const html = page('people/priya-raman');
    expect(html).toContain('Follow Priya Raman');
    expect(paths(html)).toContain('webcal:/api/calendars/speakers/priya-raman.ics');
    const office = hrefs(html).find((u) => u.host === 'outlook.office.com')!;
    expect(office.searchParams.get('url')).toBe('http://localhost:8787/api/calendars/speakers/priya-raman.ics');
  });

  it('shows their photo at the top without waiting for it to scroll into view', () => {
    const img = page('people/priya-raman').match(/<img class="avatar"[^>]*>/)![0];
    expect(img).toContain('width="120" height="120"');
    expect(img).not.toContain('loading="lazy"');
  });
});
