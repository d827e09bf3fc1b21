// Queries the pages share over the content collections: events in time order, their sessions,
// people and venues.
import { type CollectionEntry, getCollection } from 'astro:content';
import { resolveVenue, slugify } from '../../model/catalogue.ts';
import { localToUtc } from '../../model/time.ts';

export type EventEntry = CollectionEntry<'events'>;
export type SessionEntry = CollectionEntry<'sessions'>;

export const startsAt = (e: EventEntry) => localToUtc(e.data.start, e.data.timeZone).getTime();
export const endsAt = (e: EventEntry) => localToUtc(e.data.end, e.data.timeZone).getTime();

/** Upcoming (including ongoing) soonest first, then past events most recent first. */
export async function eventsInOrder(now = Date.now()) {
  const events = await getCollection('events');
  const upcoming = events.filter((e) => endsAt(e) >= now).sort((a, b) => startsAt(a) - startsAt(b));
  const past = events.filter((e) => endsAt(e) < now).sort((a, b) => startsAt(b) - startsAt(a));
  return { upcoming, past, all: [...upcoming, ...past] };
}

/** Whether the page shows the registration form: as of the build, since pages are static. */
export function registrationState(e: EventEntry, now = Date.now()): 'form' | 'closed' | 'none' {
  const r = e.data.registration;
  if (e.data.status !== 'scheduled' || endsAt(e) < now || (r.mode !== 'open' && r.mode !== 'application'))
    return 'none';
  return localToUtc(r.closes ?? e.data.start, e.data.timeZone).getTime() <= now ? 'closed' : 'form';
}

export async function sessionsOf(eventId: string): Promise<SessionEntry[]> {
  const sessions = await getCollection('sessions', (s) => s.data.event === eventId);
  return sessions.sort(
    (a, b) => a.data.start.localeCompare(b.data.start) || (a.data.room ?? '').localeCompare(b.data.room ?? ''),
  );
}

/** Sessions grouped by local day, in order. */
export function byDay(sessions: SessionEntry[]): [string, SessionEntry[]][] {
  const days = new Map<string, SessionEntry[]>();
  for (const s of sessions) {
    const day = s.data.start.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days.entries()];
}

export async function peopleById() {
  return new Map((await getCollection('people')).map((p) => [p.id, p]));
}

export async function venueOf(event: EventEntry) {
  return resolveVenue(event.data, await getCollection('spaces'));
}

export const citySlug = (city: string) => slugify(city);

export const kindLabels: Record<EventEntry['data']['kind'], string> = {
  conference: 'Conferences',
  camp: 'Camps',
  meetup: 'Meetups',
  unconference: 'Unconferences',
  workshop: 'Workshops',
};
