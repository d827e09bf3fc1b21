// Calendar text from catalogue entries. Times carry their TZID with the VTIMEZONE the build made
// (see scripts/build-catalogue.ts); no floating times. Each entry renders on its own (ics.ts), so
// the build can render the entries of long lists once and a request only joins them.
import type { CatalogueEvent, CatalogueSession, EventSummary } from '../../model/catalogue.ts';
import { sessionSlug, trackColour } from '../../model/session-groups.ts';
import { eventVenues, hasSeveralVenues, sessionVenue, venueLine } from '../../model/venues.ts';
import { component, escapeText, localStamp, property, utcStamp } from './ics.ts';

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
  /** RFC 7986 COLOR: a CSS3 colour name (the session's track's). */
  color?: string;
  /** RFC 7986 IMAGE: an absolute URL of the event's picture. */
  image?: string;
  /** A reminder 15 minutes before (personal feeds, when the person turns reminders on). */
  alarm?: boolean;
};

/** Several clients ignore STATUS, so the summary says it too. */
const statusPrefix = (status: string) =>
  status === 'cancelled' ? 'Cancelled: ' : status === 'postponed' ? 'Postponed: ' : '';

/** Paragraphs of a description: empty ones leave no blank lines behind. */
const paragraphs = (...parts: (string | undefined)[]) =>
  parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join('\n\n');

export function eventEntry(
  e: EventSummary & Pick<CatalogueEvent, 'venues'> & Partial<Pick<CatalogueEvent, 'image'>>,
): FeedEntry {
  // A postponed event stays on its old date as TENTATIVE until the organisers set a new one, so
  // subscribers see it move rather than vanish and come back.
  const status = e.status === 'postponed' ? 'Postponed: the new date will be announced.' : '';
  // LOCATION holds one place: the first venue; the description names them all.
  const venues = hasSeveralVenues(e) ? `Venues:\n${eventVenues(e).map(venueLine).join('\n')}` : '';
  return {
    uid: eventUid(e),
    title: `${statusPrefix(e.status)}${e.title}`,
    start: e.start,
    end: e.end,
    startUtc: e.startUtc,
    endUtc: e.endUtc,
    timeZone: e.timeZone,
    description: paragraphs(status, e.summary, e.description, venues),
    location: e.venue,
    url: e.url,
    cancelled: e.status === 'cancelled',
    tentative: e.status === 'postponed',
    sequence: e.revision.sequence,
    lastModified: e.revision.modified,
    categories: [e.kind, ...e.tags],
    image: e.image && new URL(e.image.src, e.url).href,
  };
}

export function sessionEntry(e: EventSummary & Pick<CatalogueEvent, 'venues'>, s: CatalogueSession): FeedEntry {
  const who = s.speakers.length ? `With ${s.speakers.map((p) => p.name).join(', ')}.` : '';
  const cancelled = s.status === 'cancelled' || e.status === 'cancelled';
  const venue = sessionVenue(e, s);
  const where = s.room ? `${s.room}, ${venue.name}` : venue.name;
  return {
    uid: sessionUid(e, s),
    title: `${statusPrefix(cancelled ? 'cancelled' : e.status)}${s.title}`,
    start: s.start,
    end: s.end,
    startUtc: s.startUtc,
    endUtc: s.endUtc,
    timeZone: e.timeZone,
    description: paragraphs(who, s.abstract, `Part of ${e.title}.`),
    location: { ...venue, name: where },
    // The session's own page (the event's URL ends with a slash).
    url: `${e.url}sessions/${sessionSlug(s.id)}/`,
    cancelled,
    tentative: e.status === 'postponed',
    sequence: s.revision.sequence + e.revision.sequence,
    lastModified: s.revision.modified > e.revision.modified ? s.revision.modified : e.revision.modified,
    categories: [s.kind, ...(s.track ? [s.track] : [])],
    color: s.track && trackColour(s.track).name,
  };
}

export type FeedOptions = {
  name: string;
  description: string;
  url: string;
  refreshHours?: number;
  /** RFC 7986 SOURCE: the address the calendar is fetched from. */
  source?: string;
  /** VTIMEZONE text by zone, from the catalogue (the build makes them; see scripts/build-catalogue.ts). */
  vtimezones: Record<string, string>;
};

// Control characters have no place in calendar text: tabs become spaces, the rest go.
const clean = (text: string) =>
  text
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '');
const text = (value: string) => escapeText(clean(value));

/**
 * One VEVENT, as text. Its DTSTAMP is when this version of the entry was published, so an unchanged
 * entry renders to the same bytes in every build.
 */
export function renderEntry(entry: FeedEntry): string {
  const zone = entry.timeZone;
  const where = entry.location;
  const status = entry.cancelled ? 'CANCELLED' : entry.tentative ? 'TENTATIVE' : 'CONFIRMED';
  return [
    'BEGIN:VEVENT\r\n',
    property('UID', entry.uid),
    property('SEQUENCE', String(entry.sequence)),
    property('DTSTAMP', utcStamp(entry.lastModified)),
    property(`DTSTART;TZID=${zone}`, localStamp(entry.start)),
    property(`DTEND;TZID=${zone}`, localStamp(entry.end)),
    property('SUMMARY', text(entry.title)),
    property('LOCATION', text(`${where.name}\n${where.address}`)),
    where.lat !== undefined && where.lng !== undefined ? property('GEO', `${where.lat};${where.lng}`) : '',
    entry.description ? property('DESCRIPTION', text(entry.description)) : '',
    entry.categories.length ? property('CATEGORIES', entry.categories.map(text).join(',')) : '',
    entry.color ? property('COLOR', entry.color) : '',
    entry.image ? property(`IMAGE;VALUE=URI;DISPLAY=BADGE${imageType(entry.image)}`, entry.image) : '',
    property('URL;VALUE=URI', entry.url),
    property('STATUS', status),
    property('LAST-MODIFIED', utcStamp(entry.lastModified)),
    entry.alarm ? reminder(entry.title) : '',
    'END:VEVENT\r\n',
  ].join('');
}

const imageTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};
/** FMTTYPE from the picture's extension, when it is a known one. */
function imageType(url: string): string {
  const type = imageTypes[new URL(url).pathname.split('.').pop()?.toLowerCase() ?? ''];
  return type ? `;FMTTYPE=${type}` : '';
}

/** A display alarm 15 minutes before the entry starts. */
const reminder = (title: string) =>
  [
    'BEGIN:VALARM\r\n',
    'ACTION:DISPLAY\r\n',
    property('DESCRIPTION', text(title)),
    'TRIGGER:-PT15M\r\n',
    'END:VALARM\r\n',
  ].join('');

export type RenderedEntry = { timeZone: string; text: string };

/** A whole calendar from rendered entries: its own properties first, then zones, then entries. */
export function renderCalendar(options: FeedOptions, entries: RenderedEntry[]): string {
  const zones = [...new Set(entries.map((e) => e.timeZone))].sort();
  const duration = `PT${options.refreshHours ?? 12}H`;
  return [
    'BEGIN:VCALENDAR\r\n',
    'VERSION:2.0\r\n',
    'PRODID:-//Gathering//Gathering feeds//EN\r\n',
    'METHOD:PUBLISH\r\n',
    property('NAME', text(options.name)),
    property('X-WR-CALNAME', text(options.name)),
    property('X-WR-CALDESC', text(options.description)),
    property('DESCRIPTION', text(options.description)),
    property('URL', options.url),
    options.source ? property('SOURCE;VALUE=URI', options.source) : '',
    property('REFRESH-INTERVAL;VALUE=DURATION', duration),
    property('X-PUBLISHED-TTL', duration),
    zones.length === 1 ? property('X-WR-TIMEZONE', zones[0]!) : '',
    ...zones.map((z) => (options.vtimezones[z] ? component(options.vtimezones[z]) : '')),
    ...entries.map((e) => e.text),
    'END:VCALENDAR\r\n',
  ].join('');
}

export function buildCalendar(options: FeedOptions, entries: FeedEntry[]): string {
  return renderCalendar(
    options,
    entries.map((e) => ({ timeZone: e.timeZone, text: renderEntry(e) })),
  );
}

/** The .ics for one event and its sessions: download links and confirmation messages. */
export function eventCalendar(e: CatalogueEvent): string {
  const options = {
    name: e.title,
    description: e.summary,
    url: e.url,
    vtimezones: { [e.timeZone]: e.vtimezone },
  };
  return buildCalendar(options, [eventEntry(e), ...e.sessions.map((s) => sessionEntry(e, s))]);
}
