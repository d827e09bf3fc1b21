// Where things happen: an event's venues with the ids its sessions name them by (content), and the
// venue of each session (read model), for pages, feeds, the manage page and messages.
import { type CatalogueEvent, type CatalogueSession, type CatalogueVenue, slugify } from './catalogue.ts';
import type { EventData, SpaceData, Venue } from './content.ts';

/** An event's venues as its file lists them: the one `venue`, or every entry of `venues`. */
export const contentVenues = (e: EventData): Venue[] => e.venues ?? (e.venue ? [e.venue] : []);

/** The id sessions name a venue by: its own, else the space's id, else its name as a slug. */
export const venueId = (v: Venue): string => v.id ?? ('space' in v ? v.space : slugify(v.name));

/** Where the i-th venue is written in the event's file, for build errors ("venue", "venues.1"). */
export const venueField = (e: EventData, i: number): string => (e.venues ? `venues.${i}` : 'venue');

/** A venue of the content with its space looked up; undefined for an unknown space. */
export function resolveVenue(v: Venue, spaces: Map<string, SpaceData>): CatalogueVenue | undefined {
  if ('space' in v) {
    const space = spaces.get(v.space);
    return space && { name: space.name, address: space.address, room: v.room, spaceId: v.space, ...space.coordinates };
  }
  return { name: v.name, address: v.address, room: v.room, ...(v.coordinates ?? {}) };
}

/** Every venue of an event, the first (its `venue`) included. */
export const eventVenues = (e: Pick<CatalogueEvent, 'venue' | 'venues'>): CatalogueVenue[] => e.venues ?? [e.venue];

/** Whether pages name each session's venue: only when the event has more than one. */
export const hasSeveralVenues = (e: Pick<CatalogueEvent, 'venues'>): boolean => (e.venues?.length ?? 0) > 1;

/** Where a session happens: the venue it names among its event's, else the event's first. */
export function sessionVenue(e: Pick<CatalogueEvent, 'venue' | 'venues'>, s: Pick<CatalogueSession, 'venue'>) {
  return (s.venue !== undefined && e.venues?.find((v) => v.key === s.venue)) || e.venue;
}

/** "Room, Name, Address": a venue on one line, for tickets and messages. */
export const venueLine = (v: CatalogueVenue): string => `${v.room ? `${v.room}, ` : ''}${v.name}, ${v.address}`;
