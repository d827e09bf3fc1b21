// Which entries go into which calendar feed, with what it needs for caching: a key that changes
// whenever the feed's content can, and the latest modification. Pure: catalogue in, feed out.
import type { Catalogue, CatalogueEvent, CatalogueSession } from '../../model/catalogue.ts';
import { hashText } from '../../model/catalogue.ts';
import { eventEntry, type FeedEntry, sessionEntry } from './calendar.ts';

export type Feed = {
  name: string;
  description: string;
  /** The page the feed belongs to. */
  url: string;
  entries: FeedEntry[];
  /** DTSTAMP of every entry: when this version of the content was published. */
  stamp: string;
  refreshHours: number;
  vtimezones: Record<string, string>;
};

/** Events stay in the "upcoming and recent" feeds for this long after they end. */
export const RECENT_DAYS = 30;

const isCurrent = (e: CatalogueEvent, now: Date) =>
  new Date(e.endUtc).getTime() >= now.getTime() - RECENT_DAYS * 86_400_000;

export const lastModified = (feed: Feed) =>
  feed.entries.reduce((latest, e) => (e.lastModified > latest ? e.lastModified : latest), '1970-01-01T00:00:00.000Z');

/** Public feeds change only with the content and, for feeds with a rolling window, with the day. */
export function publicFeedKey(catalogue: Catalogue, feed: string, rollingAt?: Date): string {
  return `"${catalogue.version}-${hashText(feed)}${rollingAt ? `-${rollingAt.toISOString().slice(0, 10)}` : ''}"`;
}

export function allEventsFeed(catalogue: Catalogue, now: Date): Feed {
  return {
    name: 'Gathering: all events',
    description: 'Upcoming and recent independent conferences, camps and meetups.',
    url: `${catalogue.siteUrl}/`,
    entries: catalogue.events.filter((e) => isCurrent(e, now)).map(eventEntry),
    stamp: catalogue.builtAt,
    vtimezones: catalogue.vtimezones,
    refreshHours: 12,
  };
}

export function eventFeed(catalogue: Catalogue, event: CatalogueEvent): Feed {
  return {
    name: event.title,
    description: `${event.summary} Every session as its own entry.`,
    url: event.url,
    entries: [eventEntry(event), ...event.sessions.map((s) => sessionEntry(event, s))],
    stamp: catalogue.builtAt,
    vtimezones: catalogue.vtimezones,
    refreshHours: 6,
  };
}

export function sessionFeed(catalogue: Catalogue, event: CatalogueEvent, session: CatalogueSession): Feed {
  return {
    name: session.title,
    description: `A session of ${event.title}.`,
    url: event.url,
    entries: [sessionEntry(event, session)],
    stamp: catalogue.builtAt,
    refreshHours: 6,
    vtimezones: catalogue.vtimezones,
  };
}

export function cityFeed(catalogue: Catalogue, citySlug: string, now: Date): Feed | undefined {
  const events = catalogue.events.filter((e) => e.citySlug === citySlug);
  if (events.length === 0) return undefined;
  const city = events[0]!.city;
  return {
    name: `Gathering: events in ${city}`,
    description: `Upcoming and recent events in ${city}.`,
    url: `${catalogue.siteUrl}/cities/${citySlug}/`,
    entries: events.filter((e) => isCurrent(e, now)).map(eventEntry),
    stamp: catalogue.builtAt,
    vtimezones: catalogue.vtimezones,
    refreshHours: 12,
  };
}

const kindNames: Record<CatalogueEvent['kind'], string> = {
  conference: 'conferences',
  camp: 'camps',
  meetup: 'meetups',
  unconference: 'unconferences',
  workshop: 'workshops',
};

export function kindFeed(catalogue: Catalogue, kind: CatalogueEvent['kind'], now: Date): Feed {
  return {
    name: `Gathering: ${kindNames[kind]}`,
    description: `Upcoming and recent ${kindNames[kind]}.`,
    url: `${catalogue.siteUrl}/kinds/${kind}/`,
    entries: catalogue.events.filter((e) => e.kind === kind && isCurrent(e, now)).map(eventEntry),
    stamp: catalogue.builtAt,
    vtimezones: catalogue.vtimezones,
    refreshHours: 12,
  };
}

/**
 * A 1:1 meeting as a calendar entry. It names the table, not the other person: feeds get synced to
 * other services and shared, so who one meets stays on the manage page.
 */
export function meetingEntry(
  event: CatalogueEvent,
  m: { slotIndex: number; tableNumber: number; registrationA: number; registrationB: number; createdAt: string },
): FeedEntry | undefined {
  const slot = event.networkingSlots[m.slotIndex];
  if (!slot) return undefined;
  return {
    uid: `meeting-${event.id}.${m.slotIndex}.${Math.min(m.registrationA, m.registrationB)}-${Math.max(m.registrationA, m.registrationB)}@gathering.events`,
    title: `1:1 meeting, table ${m.tableNumber}`,
    start: slot.start,
    end: slot.end,
    startUtc: slot.startUtc,
    endUtc: slot.endUtc,
    timeZone: event.timeZone,
    description: `A 1:1 meeting at ${event.title}, table ${m.tableNumber}. Who you meet is on your manage page.`,
    location: { ...event.venue, name: `Table ${m.tableNumber}, ${event.venue.name}` },
    url: event.url,
    cancelled: event.status === 'cancelled',
    sequence: 0,
    lastModified: m.createdAt,
    categories: ['meeting'],
  };
}

export type PersonalItems = {
  /** The person's registrations that hold or await a place. */
  registrations: { eventId: string; status: 'confirmed' | 'waitlisted' | 'pending' }[];
  /** Starred sessions, by session id. */
  starred: string[];
  /** 1:1 meetings, already as feed entries. */
  meetings: FeedEntry[];
};

export function personalFeed(
  catalogue: Catalogue,
  find: (id: string) => CatalogueEvent | undefined,
  items: PersonalItems,
  stamp: string,
): Feed {
  const entries: FeedEntry[] = [];
  const starred = new Set(items.starred);
  for (const r of items.registrations) {
    const event = find(r.eventId);
    if (!event) continue;
    const entry = eventEntry(event);
    entries.push(
      r.status === 'confirmed'
        ? entry
        : {
            ...entry,
            title: `${entry.title} (${r.status === 'waitlisted' ? 'waitlist' : 'application pending'})`,
            tentative: true,
          },
    );
    for (const s of event.sessions) if (starred.has(s.id)) entries.push(sessionEntry(event, s));
  }
  entries.push(...items.meetings);
  return {
    name: 'Gathering: my agenda',
    description: 'Your events, the sessions you starred and your 1:1 meetings.',
    url: `${catalogue.siteUrl}/`,
    entries,
    stamp,
    refreshHours: 1,
    vtimezones: catalogue.vtimezones,
  };
}
