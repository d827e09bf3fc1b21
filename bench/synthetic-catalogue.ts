// Large, made-up catalogues for benchmarks: many events across zones, or one event with many sessions.

import { tzlib_get_ical_block } from 'timezones-ical-library';
import { type CatalogueEvent, catalogueEventSchema, type FeedList, type SiteInfo } from '../model/catalogue.ts';
import { utcToLocal } from '../model/time.ts';
import { eventEntry, renderEntry } from '../worker/feeds/calendar.ts';

const zones = [
  'America/Toronto',
  'Europe/Lisbon',
  'Europe/Berlin',
  'America/Mexico_City',
  'Asia/Tokyo',
  'Australia/Sydney',
];
const HOUR = 3_600_000;
const revision = { hash: 'bench', sequence: 1, modified: '2026-11-01T00:00:00.000Z' };

function event(i: number, sessions: number): CatalogueEvent {
  const zone = zones[i % zones.length]!;
  const start = Date.UTC(2027, 0, 1) + i * 7 * HOUR;
  const end = start + Math.max(8, sessions) * HOUR;
  return {
    id: `event-${i}`,
    title: `Event ${i}: pricing, scoping; and more 💸`,
    summary: 'A synthetic event for benchmarks, with a summary long enough to fold.',
    kind: 'conference',
    status: i % 17 === 0 ? 'cancelled' : 'scheduled',
    timeZone: zone,
    start: utcToLocal(start, zone),
    end: utcToLocal(end, zone),
    startUtc: new Date(start).toISOString(),
    endUtc: new Date(end).toISOString(),
    city: 'Toronto',
    citySlug: 'toronto',
    country: 'Canada',
    venue: { name: 'Spadina Commons', address: '401 Richmond St W, Toronto', lat: 43.6, lng: -79.4 },
    hosts: [],
    tags: ['bench'],
    capacity: 100,
    registration: { mode: 'open', waitlist: true, questions: [] },
    networkingSlots: [],
    url: `http://localhost:8787/events/event-${i}/`,
    description: 'Described at some length.\n\nWith two paragraphs, commas, and semicolons; naturally.',
    descriptionHtml: '<p>Described at some length.</p><p>With two paragraphs, commas, and semicolons; naturally.</p>',
    vtimezone: tzlib_get_ical_block(zone)[0]!,
    revision,
    sessions: Array.from({ length: sessions }, (_, j) => {
      const s = start + j * HOUR;
      return {
        id: `event-${i}/session-${j}`,
        title: `Session ${j}, with a comma; and a semicolon — and an émoji 🎤`,
        start: utcToLocal(s, zone),
        end: utcToLocal(s + 45 * 60_000, zone),
        startUtc: new Date(s).toISOString(),
        endUtc: new Date(s + 45 * 60_000).toISOString(),
        room: `Room ${j % 4}`,
        track: j % 2 ? 'Craft' : 'Business',
        kind: 'talk' as const,
        status: 'scheduled' as const,
        speakers: [{ id: 'priya-raman', name: 'Priya Raman' }],
        abstract: 'An abstract of a sensible length for a talk at a conference.',
        revision,
      };
    }),
  };
}

export type SyntheticCatalogue = { site: SiteInfo; events: CatalogueEvent[]; all: FeedList };

export function syntheticCatalogue(events: number, sessionsPerEvent: number): SyntheticCatalogue {
  const list = Array.from({ length: events }, (_, i) => catalogueEventSchema.parse(event(i, sessionsPerEvent)));
  const site = {
    version: 'bench',
    builtAt: '2026-11-01T00:00:00.000Z',
    siteUrl: 'http://localhost:8787',
    vocabulary: [],
  };
  const vtimezones = Object.fromEntries(zones.map((z) => [z, tzlib_get_ical_block(z)[0]!]));
  const entries = list.map((e) => ({
    id: e.id,
    endUtc: e.endUtc,
    timeZone: e.timeZone,
    lastModified: e.revision.modified,
    text: renderEntry(eventEntry(e)),
  }));
  return { site, events: list, all: { name: 'all', entries, vtimezones } };
}
