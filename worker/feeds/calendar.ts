// Builds iCalendar text from catalogue entries with ical-generator. Times carry their TZID with a
// VTIMEZONE generated here (timezones-ical-library works inside workerd); no floating times.
import ical, { escape as escapeText, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CatalogueEvent, CatalogueSession, EventSummary } from '../../model/catalogue.ts';
import { zonedDateTime } from './zoned-time.ts';

/**
 * UIDs come from stable content ids only, so they survive rebuilds, edits and moves in time; their
 * domain is the site's host (from the event's URL), so two deployments never collide.
 */
export const uidDomain = (url: string) => new URL(url).host;
export const eventUid = (e: EventSummary) => `event-${e.id}@${uidDomain(e.url)}`;
export const sessionUid = (e: EventSummary, s: CatalogueSession) =>
  `session-${s.id.replace(/\//g, '.')}@${uidDomain(e.url)}`;

export type FeedEntry = {
  uid: string;
  title: string;
  /** Local wall-clock start and end in timeZone. */
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  timeZone: string;
  description: string;
  location: { name: string; address: string; lat?: number; lng?: number };
  url: string;
  cancelled: boolean;
  /** Not yet certain for this person (waitlisted, application pending). */
  tentative?: boolean;
  sequence: number;
  lastModified: string;
  categories: string[];
};

export function eventEntry(e: EventSummary): FeedEntry {
  const status = e.status === 'postponed' ? 'Postponed: the new date will be announced.\n\n' : '';
  return {
    uid: eventUid(e),
    title: e.title,
    start: e.start,
    end: e.end,
    startUtc: e.startUtc,
    endUtc: e.endUtc,
    timeZone: e.timeZone,
    description: `${status}${e.summary}\n\n${e.description}`.trim(),
    location: e.venue,
    url: e.url,
    cancelled: e.status === 'cancelled',
    sequence: e.revision.sequence,
    lastModified: e.revision.modified,
    categories: [e.kind, ...e.tags],
  };
}

export function sessionEntry(e: EventSummary, s: CatalogueSession): FeedEntry {
  const who = s.speakers.length ? `With ${s.speakers.map((p) => p.name).join(', ')}.\n\n` : '';
  const where = s.room ? `${s.room}, ${e.venue.name}` : e.venue.name;
  return {
    uid: sessionUid(e, s),
    title: s.title,
    start: s.start,
    end: s.end,
    startUtc: s.startUtc,
    endUtc: s.endUtc,
    timeZone: e.timeZone,
    description: `${who}${s.abstract}\n\nPart of ${e.title}.`.trim(),
    location: { ...e.venue, name: where },
    url: `${e.url}#session-${s.id.split('/').pop()}`,
    cancelled: s.status === 'cancelled' || e.status === 'cancelled',
    sequence: s.revision.sequence + e.revision.sequence,
    lastModified: s.revision.modified > e.revision.modified ? s.revision.modified : e.revision.modified,
    categories: [s.kind, ...(s.track ? [s.track] : [])],
  };
}

export type FeedOptions = {
  name: string;
  description: string;
  url: string;
  refreshHours?: number;
  stamp: string;
  /** VTIMEZONE text by zone, from the catalogue (the build makes them; see scripts/build-catalogue.ts). */
  vtimezones: Record<string, string>;
};

// Control characters have no place in calendar text: tabs become spaces, the rest go.
const clean = (text: string) =>
  text.replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');

export function buildCalendar(options: FeedOptions, entries: FeedEntry[]): string {
  const zones = new Set(entries.map((e) => e.timeZone));
  const hours = options.refreshHours ?? 12;
  const calendar = ical({
    // ical-generator writes these two without escaping; they are TEXT values, so escape them here.
    name: escapeText(clean(options.name), false),
    description: escapeText(clean(options.description), false),
    url: options.url,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Gathering', product: 'Gathering feeds', language: 'EN' },
    // No calendar-level zone name: with one, ical-generator writes DTSTAMP in local time without Z.
    timezone: { name: null, generator: (zone: string) => options.vtimezones[zone] ?? null },
    ttl: hours * 3600,
    x: zones.size === 1 ? { 'X-WR-TIMEZONE': [...zones][0]! } : {},
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      start: zonedDateTime(entry.start, entry.timeZone, Date.parse(entry.startUtc)),
      end: zonedDateTime(entry.end, entry.timeZone, Date.parse(entry.endUtc)),
      timezone: entry.timeZone,
      stamp: new Date(options.stamp),
      summary: clean(entry.title),
      description: clean(entry.description),
      location: {
        title: clean(entry.location.name),
        address: clean(entry.location.address),
        ...(entry.location.lat !== undefined && entry.location.lng !== undefined
          ? { geo: { lat: entry.location.lat, lon: entry.location.lng } }
          : {}),
      },
      url: entry.url,
      status: entry.cancelled
        ? ICalEventStatus.CANCELLED
        : entry.tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
      sequence: entry.sequence,
      lastModified: new Date(entry.lastModified),
      categories: entry.categories.map((name) => ({ name: clean(name) })),
    });
  }
  return calendar.toString();
}

/** The .ics for one event and its sessions: download links and confirmation messages. */
export function eventCalendar(e: CatalogueEvent, stamp: string): string {
  const options = {
    name: e.title,
    description: e.summary,
    url: e.url,
    stamp,
    vtimezones: { [e.timeZone]: e.vtimezone },
  };
  return buildCalendar(options, [eventEntry(e), ...e.sessions.map((s) => sessionEntry(e, s))]);
}
