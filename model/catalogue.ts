// The content read model: what the site and the worker know about the published content, built
// once from content/ by scripts/build-catalogue.ts. UTC instants, venues, city slugs, hosts' spaces
// and rendered descriptions are computed here and nowhere else. The worker reads one event's file
// per request (never the whole catalogue); the site reads the lists.
import { z } from 'zod';
import { eventKinds, eventStatuses, registrationModes, registrationSchema, sessionKinds } from './content.ts';
import { programmeFields } from './programme.ts';
import { catalogueRefundPolicySchema, catalogueTicketSchema } from './tickets.ts';
import { vocabularySchema } from './vocabulary.ts';

const instant = z.iso.datetime();
const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

/** How an entry has changed over time: SEQUENCE and LAST-MODIFIED in calendar feeds come from here. */
export const revisionSchema = z.object({
  /** Hash of the entry as published (with the venue, names and site URL it shows). */
  hash: z.string(),
  /** Starts at 0 and grows by one each time the hash changes. */
  sequence: z.number().int().min(0),
  /** When the build first saw this hash. */
  modified: instant,
  /** Tombstone: when the build last saw the entry gone (a restored entry goes on from its sequence). */
  removed: instant.optional(),
  ...programmeFields,
});
export type Revision = z.infer<typeof revisionSchema>;

export const personRefSchema = z.object({ id: z.string(), name: z.string() });

export const venueSchema = z.object({
  name: z.string(),
  address: z.string(),
  room: z.string().optional(),
  spaceId: z.string().optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
});
export type CatalogueVenue = z.infer<typeof venueSchema>;

export const catalogueSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  start: local,
  end: local,
  startUtc: instant,
  endUtc: instant,
  room: z.string().optional(),
  /** The key of its venue among the event's `venues`; only when the event has several. */
  venue: z.string().optional(),
  track: z.string().optional(),
  kind: z.enum(sessionKinds),
  status: z.enum(['scheduled', 'cancelled']),
  speakers: z.array(personRefSchema),
  /** The abstract as plain text (feeds, messages). */
  abstract: z.string(),
  revision: revisionSchema,
});

const networkingSlotSchema = z.object({
  start: local,
  end: local,
  startUtc: instant,
  endUtc: instant,
  tables: z.number().int(),
});

/** An event as lists and the all-events feeds need it: no sessions, questions or long text. */
export const eventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(eventKinds),
  status: z.enum(eventStatuses),
  timeZone: z.string(),
  start: local,
  end: local,
  startUtc: instant,
  endUtc: instant,
  city: z.string(),
  citySlug: z.string(),
  country: z.string(),
  venue: venueSchema,
  tags: z.array(z.string()),
  /** Absolute URL of the event's page. */
  url: z.url(),
  /** The markdown description as plain text. */
  description: z.string(),
  revision: revisionSchema,
  /** Places in all; null means no limit. */
  capacity: z.number().int().nullable(),
});

export const catalogueEventSchema = eventSummarySchema.extend({
  hosts: z.array(personRefSchema.extend({ spaceName: z.string().optional() })),
  image: z.object({ src: z.string(), alt: z.string() }).optional(),
  registration: registrationSchema,
  networkingSlots: z.array(networkingSlotSchema),
  /** The description rendered from trusted markdown at build time. */
  descriptionHtml: z.string(),
  sessions: z.array(catalogueSessionSchema),
  /** Every venue, with the key sessions name it by, when there are several; the first is `venue`. */
  venues: z.array(venueSchema.extend({ key: z.string() })).optional(),
  /** The organisers' note when the event is cancelled (plain text), for its pages and messages. */
  cancellation: z.string().optional(),
  /** When a session of the event was last removed: its feeds' Last-Modified moves then too. */
  sessionsRemoved: instant.optional(),
  /** VTIMEZONE of the event's zone, made at build time for calendar feeds. */
  vtimezone: z.string(),
  /** Ticket types with prices in minor units, and the refund policy (model/tickets.ts); none: free. */
  tickets: z.array(catalogueTicketSchema).optional(),
  refundPolicy: catalogueRefundPolicySchema.optional(),
});

/** What every request may need about the build: small and the same for all events. */
export const siteInfoSchema = z.object({
  /** Identifies this build of the content: a hash of every revision, the site URL and the vocabulary. */
  version: z.string(),
  builtAt: instant,
  siteUrl: z.url(),
  /** Tags for matching people, from content/vocabulary.yaml. */
  vocabulary: vocabularySchema.default([]),
});

/** One event in a feed list: its calendar entry, rendered at build time, and what a request filters on. */
export const listEntrySchema = z.object({
  id: z.string(),
  endUtc: instant,
  timeZone: z.string(),
  lastModified: instant,
  /** The VEVENT text. */
  text: z.string(),
});

/**
 * The events of one list feed (all, a city, a kind): those that ended within the recent window or
 * start within the horizon, as of the build, at most LIST_MAX_ENTRIES of them, soonest first.
 */
export const feedListSchema = z.object({
  name: z.string(),
  entries: z.array(listEntrySchema),
  vtimezones: z.record(z.string(), z.string()),
});

/** Events stay in the "upcoming and recent" lists and feeds for this many days after they end. */
export const RECENT_DAYS = 30;
/** Lists look this far ahead, and hold at most this many events, so no request reads more. */
export const LIST_HORIZON_DAYS = 365;
export const LIST_MAX_ENTRIES = 500;

/** One page of the public list of upcoming and recent events (the API's GET /events). */
export const eventPageSchema = z.object({
  events: z.array(eventSummarySchema),
  page: z.number().int().min(1),
  pages: z.number().int().min(1),
});
export const EVENTS_PAGE_SIZE = 100;

export const catalogueSpaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  citySlug: z.string(),
  country: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  website: z.string().optional(),
  descriptionHtml: z.string(),
  members: z.array(personRefSchema),
  /** Ids of the events held here, in start order. */
  events: z.array(z.string()),
});

export const cataloguePersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  pronouns: z.string().optional(),
  city: z.string().optional(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  avatar: z.string().optional(),
  bioHtml: z.string(),
  spaces: z.array(z.object({ id: z.string(), name: z.string(), city: z.string() })),
  sessions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      start: local,
      startUtc: instant,
      status: z.enum(['scheduled', 'cancelled']),
      eventId: z.string(),
      eventTitle: z.string(),
      timeZone: z.string(),
    }),
  ),
  /** The latest past and the next sessions (see model/catalogue-build.ts), and how many there are in all. */
  sessionCount: z.number().int(),
  /** The events the person hosts, latest first, and how many in all. */
  hosting: z.array(z.object({ id: z.string(), title: z.string() })),
  hostingCount: z.number().int(),
});

/** What an event's page depends on, so unchanged pages can be reused by the next build. */
export const eventPageInfoSchema = z.object({
  /** Changes whenever the event or one of its sessions changes as published. */
  hash: z.string(),
  registration: z.object({ mode: z.enum(registrationModes), opens: local.optional(), closes: local.optional() }),
});

/** Everything the static site lists (read at build time only, never by the worker). */
export const siteCatalogueSchema = z.object({
  site: siteInfoSchema,
  events: z.array(eventSummarySchema),
  eventPages: z.record(z.string(), eventPageInfoSchema),
  people: z.array(cataloguePersonSchema),
  spaces: z.array(catalogueSpaceSchema),
});

export type SiteInfo = z.infer<typeof siteInfoSchema>;
export type EventSummary = z.infer<typeof eventSummarySchema>;
export type CatalogueEvent = z.infer<typeof catalogueEventSchema>;
export type CatalogueSession = z.infer<typeof catalogueSessionSchema>;
export type FeedList = z.infer<typeof feedListSchema>;
export type ListEntry = z.infer<typeof listEntrySchema>;
export type EventPage = z.infer<typeof eventPageSchema>;
export type CatalogueSpace = z.infer<typeof catalogueSpaceSchema>;
export type CataloguePerson = z.infer<typeof cataloguePersonSchema>;
export type SiteCatalogue = z.infer<typeof siteCatalogueSchema>;

/** The summary of a full event, for lists. */
export function summaryOf(e: CatalogueEvent): EventSummary {
  const { id, title, summary, kind, status, timeZone, start, end, startUtc, endUtc } = e;
  const { city, citySlug, country, venue, tags, url, description, revision, capacity } = e;
  return {
    id,
    title,
    summary,
    kind,
    status,
    timeZone,
    start,
    end,
    startUtc,
    endUtc,
    city,
    citySlug,
    country,
    venue,
    tags,
    url,
    description,
    revision,
    capacity,
  };
}

/** "São Paulo" → "sao-paulo": the city's path segment, shared by site pages and feeds. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** FNV-1a, 32 bits: a short, stable fingerprint for change detection (not for security). */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Where each file of the catalogue lives, under the built site's `_catalogue/` folder. */
export const cataloguePaths = {
  site: 'site.json',
  event: (id: string) => `events/${id}.json`,
  allEvents: 'feeds/all.json',
  city: (slug: string) => `feeds/cities/${slug}.json`,
  kind: (kind: string) => `feeds/kinds/${kind}.json`,
  speaker: (personId: string) => `feeds/speakers/${personId}.json`,
  eventsPage: (page: number) => `lists/events/${page}.json`,
  /** The events whose programme changed lately (model/programme.ts), for the worker's announcements. */
  changes: 'changes.json',
  /** Read by the static site only; not deployed. */
  siteCatalogue: 'site-catalogue.json',
} as const;
