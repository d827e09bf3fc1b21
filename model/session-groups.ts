// An event's programme by track and by room: what the per-track and per-room calendar feeds, the
// schedule exports (frab) and the event page's "follow a track" links share, so all of them name and
// group sessions the same way.
import { type CatalogueEvent, type CatalogueSession, hashText, slugify } from './catalogue.ts';
import { hasSeveralVenues, sessionVenue } from './venues.ts';

export type SessionGroup = { slug: string; name: string; sessions: CatalogueSession[] };

/**
 * The room a session is in, as apps show it: its room, with the venue's name when the event has
 * several venues (two venues may each have a "Main hall"); without a room, the venue itself.
 */
export function roomName(e: Pick<CatalogueEvent, 'venue' | 'venues'>, s: Pick<CatalogueSession, 'room' | 'venue'>) {
  const venue = sessionVenue(e, s);
  const room = s.room ?? venue.room;
  if (!room) return venue.name;
  return hasSeveralVenues(e) ? `${room}, ${venue.name}` : room;
}

/** Groups in the order their first session comes; names that slugify alike are one group. */
function groupBy(sessions: CatalogueSession[], nameOf: (s: CatalogueSession) => string | undefined) {
  const groups = new Map<string, SessionGroup>();
  // Most sessions share a few names: slugify each name once.
  const slugs = new Map<string, string>();
  for (const s of sessions) {
    const name = nameOf(s);
    if (name !== undefined && !slugs.has(name)) slugs.set(name, slugify(name));
    const slug = name === undefined ? '' : slugs.get(name)!;
    if (!slug) continue;
    const group = groups.get(slug);
    if (group) group.sessions.push(s);
    else groups.set(slug, { slug, name: name!, sessions: [s] });
  }
  return [...groups.values()];
}

export const tracksOf = (e: CatalogueEvent): SessionGroup[] => groupBy(e.sessions, (s) => s.track);
export const roomsOf = (e: CatalogueEvent): SessionGroup[] => groupBy(e.sessions, (s) => roomName(e, s));

/** Whether following one group gives less than the whole programme, so a link to it is worth showing. */
export const narrowerThanAll = (e: CatalogueEvent, groups: SessionGroup[]) =>
  groups.some((g) => g.sessions.length < e.sessions.length);

/** CSS3 colour names (RFC 7986's COLOR takes these) with their hex values (the frab JSON's tracks). */
const PALETTE = [
  ['teal', '#008080'],
  ['darkorange', '#ff8c00'],
  ['royalblue', '#4169e1'],
  ['crimson', '#dc143c'],
  ['seagreen', '#2e8b57'],
  ['darkviolet', '#9400d3'],
  ['goldenrod', '#daa520'],
  ['steelblue', '#4682b4'],
  ['mediumvioletred', '#c71585'],
  ['olivedrab', '#6b8e23'],
  ['sienna', '#a0522d'],
  ['slateblue', '#6a5acd'],
] as const;

/**
 * A track's colour, derived from its name alone: the same track keeps its colour in every feed and
 * every build, whatever other tracks come and go (two tracks may happen to share one).
 */
export function trackColour(track: string): { name: string; hex: string } {
  const [name, hex] = PALETTE[Number.parseInt(hashText(slugify(track)), 16) % PALETTE.length]!;
  return { name, hex };
}

/** "indiecon-toronto-2027/opening" → "opening": what a session goes by inside its event. */
export const sessionSlug = (sessionId: string) => sessionId.split('/').pop()!;

/** The addresses of the feeds and exports these groups have, shared by the site and the worker. */
export const programmePaths = {
  /** A session's own page (rendered by the worker); its short id is the last part of its id. */
  session: (eventId: string, sessionId: string) => `/events/${eventId}/sessions/${sessionSlug(sessionId)}/`,
  track: (eventId: string, slug: string) => `/api/calendars/events/${eventId}/tracks/${slug}.ics`,
  room: (eventId: string, slug: string) => `/api/calendars/events/${eventId}/rooms/${slug}.ics`,
  speaker: (personId: string) => `/api/calendars/speakers/${personId}.ics`,
  schedule: (eventId: string, format: 'json' | 'xml') => `/api/events/${eventId}/schedule.${format}`,
};
