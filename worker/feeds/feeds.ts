// Which entries go into which calendar feed, with what it needs for caching: a key that changes
// whenever the feed's content can, and the latest modification. Pure: read model in, feed out.
import {
  type CatalogueEvent,
  type CatalogueSession,
  type EventSummary,
  type FeedList,
  hashText,
  type ListEntry,
  RECENT_DAYS,
  type SiteInfo,
} from '../../model/catalogue.ts';
import type { SessionGroup } from '../../model/session-groups.ts';
import type { RegistrationStatus } from '../registrations/lifecycle.ts';
import { eventEntry, type FeedEntry, type FeedOptions, sessionEntry, uidDomain } from './calendar.ts';

export type Feed = FeedOptions & { entries: FeedEntry[]; removedAt?: string };
/** A feed of many events, whose entries the build rendered. */
export type ListFeed = FeedOptions & { entries: ListEntry[]; removedAt?: string };

const isCurrent = (e: { endUtc: string }, now: Date) =>
  new Date(e.endUtc).getTime() >= now.getTime() - RECENT_DAYS * 86_400_000;

/** The latest change of a feed: of its entries, or the removal of one (removedAt). */
export const lastModified = (feed: { entries: { lastModified: string }[]; removedAt?: string }) =>
  feed.entries.reduce(
    (latest, e) => (e.lastModified > latest ? e.lastModified : latest),
    feed.removedAt ?? '1970-01-01T00:00:00.000Z',
  );

/** Grows whenever the code writes feeds differently, so new bytes never hide behind an old ETag. */
const FEED_FORMAT = 2;

/** Public feeds change only with the content and, for feeds with a rolling window, with the day. */
export function publicFeedKey(site: SiteInfo, feed: string, rollingAt?: Date): string {
  const day = rollingAt ? `-${rollingAt.toISOString().slice(0, 10)}` : '';
  return `"${site.version}-${hashText(`${FEED_FORMAT}:${feed}`)}${day}"`;
}

const kindNames: Record<EventSummary['kind'], string> = {
  conference: 'conferences',
  camp: 'camps',
  meetup: 'meetups',
  unconference: 'unconferences',
  workshop: 'workshops',
};

/** A feed of upcoming and recent events: all of them, a city's or a kind's. */
export function listFeed(
  site: SiteInfo,
  list: FeedList,
  which: { all: true } | { city: string } | { kind: string } | { speaker: string },
  now: Date,
): ListFeed {
  const described =
    'speaker' in which
      ? {
          name: `Gathering: ${list.name}`,
          description: `Upcoming and recent sessions with ${list.name}, across events.`,
          url: `${site.siteUrl}/people/${which.speaker}/`,
        }
      : 'all' in which
        ? {
            name: 'Gathering: all events',
            description: 'Upcoming and recent independent conferences, camps and meetups.',
            url: `${site.siteUrl}/`,
          }
        : 'city' in which
          ? {
              name: `Gathering: events in ${list.name}`,
              description: `Upcoming and recent events in ${list.name}.`,
              url: `${site.siteUrl}/cities/${which.city}/`,
            }
          : {
              name: `Gathering: ${kindNames[which.kind as EventSummary['kind']]}`,
              description: `Upcoming and recent ${kindNames[which.kind as EventSummary['kind']]}.`,
              url: `${site.siteUrl}/kinds/${which.kind}/`,
            };
  const entries = list.entries.filter((e) => isCurrent(e, now));
  // An event that aged out of the rolling window left at the end of its recent days: a change too,
  // so clients that send only If-Modified-Since drop it.
  const leftAt = list.entries
    .filter((e) => !isCurrent(e, now))
    .map((e) => new Date(new Date(e.endUtc).getTime() + RECENT_DAYS * 86_400_000).toISOString())
    .sort()
    .at(-1);
  return {
    ...described,
    entries,
    removedAt: leftAt,
    vtimezones: list.vtimezones,
    refreshHours: 12,
  };
}

export function eventFeed(event: CatalogueEvent): Feed {
  return {
    name: event.title,
    description: `${event.summary} Every session as its own entry.`,
    url: event.url,
    entries: [eventEntry(event), ...event.sessions.map((s) => sessionEntry(event, s))],
    removedAt: event.sessionsRemoved,
    vtimezones: { [event.timeZone]: event.vtimezone },
    refreshHours: 6,
  };
}

/** The sessions of one track, or of one room, of an event (model/session-groups.ts). */
export function groupFeed(event: CatalogueEvent, kind: 'track' | 'room', group: SessionGroup): Feed {
  const what = kind === 'track' ? `the ${group.name} track` : group.name;
  return {
    name: kind === 'track' ? `${event.title}: ${group.name} track` : `${event.title}: ${group.name}`,
    description: `The sessions ${kind === 'track' ? 'of' : 'in'} ${what} at ${event.title}.`,
    url: `${event.url}#schedule`,
    entries: group.sessions.map((s) => sessionEntry(event, s)),
    removedAt: event.sessionsRemoved,
    refreshHours: 6,
    vtimezones: { [event.timeZone]: event.vtimezone },
  };
}

export function sessionFeed(event: CatalogueEvent, session: CatalogueSession): Feed {
  return {
    name: session.title,
    description: `A session of ${event.title}.`,
    url: event.url,
    entries: [sessionEntry(event, session)],
    refreshHours: 6,
    vtimezones: { [event.timeZone]: event.vtimezone },
  };
}

/**
 * A 1:1 meeting as a calendar entry. It names the table, not the other person: feeds get synced to
 * other services and shared, so who one meets stays on the manage page. Its UID is opaque: it
 * reveals no registration.
 */
export function meetingEntry(
  event: CatalogueEvent,
  m: { id: number; slotIndex: number; tableNumber: number; createdAt: string },
): FeedEntry | undefined {
  const slot = event.networkingSlots[m.slotIndex];
  if (!slot) return undefined;
  return {
    uid: `meeting-${hashText(`${event.id}:${m.slotIndex}:${m.id}`)}@${uidDomain(event.url)}`,
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
  /** The person's registrations that hold or await a place, with their events. */
  registrations: { event: CatalogueEvent; status: RegistrationStatus; updatedAt?: string }[];
  /** Starred sessions, by session id. */
  starred: string[];
  /** 1:1 meetings, already as feed entries. */
  meetings: FeedEntry[];
  /** Whether starred sessions and meetings carry a reminder 15 minutes before. */
  reminders: boolean;
};

/**
 * A personal entry says other things than the public one (the person's status, a reminder), so it
 * has its own UID: a person subscribed to both feeds sees two entries, never one that flips.
 */
const personal = (entry: FeedEntry): FeedEntry => ({ ...entry, uid: `agenda-${entry.uid}` });

const placeRank: Partial<Record<RegistrationStatus, number>> = { pending: 0, waitlisted: 1, confirmed: 2 };
const RANKS = 3;

export function personalFeed(site: SiteInfo, items: PersonalItems): Feed {
  const entries: FeedEntry[] = [];
  const starred = new Set(items.starred);
  const vtimezones: Record<string, string> = {};
  for (const { event, status, updatedAt } of items.registrations) {
    vtimezones[event.timeZone] = event.vtimezone;
    const entry = personal(eventEntry(event));
    // A place only moves forward (pending → waitlisted → confirmed), so its rank raises SEQUENCE.
    const rank = placeRank[status] ?? 0;
    const moved = {
      ...entry,
      sequence: entry.sequence * RANKS + rank,
      lastModified: updatedAt && updatedAt > entry.lastModified ? updatedAt : entry.lastModified,
    };
    const waiting = status === 'waitlisted' ? 'waitlist' : 'application pending';
    entries.push(status === 'confirmed' ? moved : { ...moved, title: `${moved.title} (${waiting})`, tentative: true });
    for (const s of event.sessions)
      if (starred.has(s.id)) entries.push({ ...personal(sessionEntry(event, s)), alarm: items.reminders });
  }
  entries.push(...items.meetings.map((m) => ({ ...m, alarm: items.reminders })));
  return {
    name: 'Gathering: my agenda',
    description: 'Your events, the sessions you starred and your 1:1 meetings.',
    url: `${site.siteUrl}/`,
    entries,
    refreshHours: 1,
    vtimezones,
  };
}
