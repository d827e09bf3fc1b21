// The catalogue: everything the worker needs to know about the published content, built from
// content/ at build time and shipped inside the worker, so site and worker always agree.
import { z } from 'zod';
import {
  type EventData,
  eventKinds,
  eventStatuses,
  registrationSchema,
  type SpaceData,
  sessionKinds,
} from './content.ts';
import type { ContentSet, Entry } from './content-checks.ts';
import { markdownToPlainText } from './plain-text.ts';
import { localToUtc } from './time.ts';
import { type Vocabulary, vocabularySchema } from './vocabulary.ts';

const instant = z.iso.datetime();
const local = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

/** How an entry has changed over time: SEQUENCE and LAST-MODIFIED in calendar feeds come from here. */
export const revisionSchema = z.object({
  /** Hash of the entry's content. */
  hash: z.string(),
  /** Starts at 0 and grows by one each time the hash changes. */
  sequence: z.number().int().min(0),
  /** When the build first saw this hash. */
  modified: instant,
});
export type Revision = z.infer<typeof revisionSchema>;

const personRef = z.object({ id: z.string(), name: z.string() });

export const catalogueSessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  start: local,
  end: local,
  startUtc: instant,
  endUtc: instant,
  room: z.string().optional(),
  track: z.string().optional(),
  kind: z.enum(sessionKinds),
  status: z.enum(['scheduled', 'cancelled']),
  speakers: z.array(personRef),
  abstract: z.string(),
  revision: revisionSchema,
});

export const catalogueEventSchema = z.object({
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
  venue: z.object({
    name: z.string(),
    address: z.string(),
    room: z.string().optional(),
    spaceId: z.string().optional(),
    lat: z.number().optional(),
    lng: z.number().optional(),
  }),
  hosts: z.array(personRef),
  tags: z.array(z.string()),
  capacity: z.number().int().nullable(),
  registration: registrationSchema,
  networkingSlots: z.array(
    z.object({ start: local, end: local, startUtc: instant, endUtc: instant, tables: z.number().int() }),
  ),
  /** Absolute URL of the event's page. */
  url: z.url(),
  /** The markdown description as plain text. */
  description: z.string(),
  revision: revisionSchema,
  sessions: z.array(catalogueSessionSchema),
});

export const catalogueSchema = z.object({
  /** Identifies this build of the content: a hash of all revisions. */
  version: z.string(),
  builtAt: instant,
  siteUrl: z.url(),
  events: z.array(catalogueEventSchema),
  /** Tags for matching people, from content/vocabulary.yaml. */
  vocabulary: vocabularySchema.default([]),
  /** VTIMEZONE definitions of the zones the events use, made at build time for calendar feeds. */
  vtimezones: z.record(z.string(), z.string()).default({}),
});

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueEvent = z.infer<typeof catalogueEventSchema>;
export type CatalogueSession = z.infer<typeof catalogueSessionSchema>;

/** "São Paulo" → "sao-paulo": the city's path segment, shared by site pages and feeds. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function resolveVenue(event: EventData, spaces: { id: string; data: SpaceData }[]): CatalogueEvent['venue'] {
  const v = event.venue;
  if ('space' in v) {
    const space = spaces.find((s) => s.id === v.space);
    if (!space) throw new Error(`unknown space ${v.space}`);
    return {
      name: space.data.name,
      address: space.data.address,
      room: v.room,
      spaceId: space.id,
      ...space.data.coordinates,
    };
  }
  return { name: v.name, address: v.address, ...(v.coordinates ?? {}) };
}

export type BuildOptions = {
  siteUrl: string;
  builtAt: string;
  revisionOf: (kind: 'events' | 'sessions', entry: Entry<unknown>) => Revision;
  vocabulary?: Vocabulary;
  /** The VTIMEZONE text of a zone, when one is known. */
  vtimezone?: (zone: string) => string | undefined;
};

export function buildCatalogue(set: ContentSet, options: BuildOptions): Catalogue {
  const names = new Map(set.people.map((p) => [p.id, p.data.name]));
  const ref = (id: string) => ({ id, name: names.get(id) ?? id });
  const base = options.siteUrl.replace(/\/$/, '');
  const events = set.events.map((e): CatalogueEvent => {
    const d = e.data;
    const utc = (t: string) => localToUtc(t, d.timeZone).toISOString();
    const sessions = set.sessions
      .filter((s) => s.data.event === e.id)
      .map((s) => ({
        id: s.id,
        title: s.data.title,
        start: s.data.start,
        end: s.data.end,
        startUtc: utc(s.data.start),
        endUtc: utc(s.data.end),
        room: s.data.room,
        track: s.data.track,
        kind: s.data.kind,
        status: s.data.status,
        speakers: s.data.speakers.map(ref),
        abstract: markdownToPlainText(s.body),
        revision: options.revisionOf('sessions', s),
      }))
      .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id));
    return {
      id: e.id,
      title: d.title,
      summary: d.summary,
      kind: d.kind,
      status: d.status,
      timeZone: d.timeZone,
      start: d.start,
      end: d.end,
      startUtc: utc(d.start),
      endUtc: utc(d.end),
      city: d.city,
      citySlug: slugify(d.city),
      country: d.country,
      venue: resolveVenue(d, set.spaces),
      hosts: d.hosts.map(ref),
      tags: d.tags,
      capacity: d.capacity ?? null,
      registration: d.registration,
      networkingSlots: d.networking.slots.map((s) => ({ ...s, startUtc: utc(s.start), endUtc: utc(s.end) })),
      url: `${base}/events/${e.id}/`,
      description: markdownToPlainText(e.body),
      revision: options.revisionOf('events', e),
      sessions,
    };
  });
  events.sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id));
  const fingerprint = events
    .map((e) => [e.id, e.revision.hash, ...e.sessions.map((s) => s.revision.hash)].join(':'))
    .join(',');
  const vocabulary = options.vocabulary ?? [];
  const zones = [...new Set(events.map((e) => e.timeZone))].sort();
  const vtimezones = Object.fromEntries(
    zones.flatMap((z) => {
      const text = options.vtimezone?.(z);
      return text ? [[z, text]] : [];
    }),
  );
  return {
    version: hashText(fingerprint + JSON.stringify(vocabulary)),
    builtAt: options.builtAt,
    siteUrl: base,
    events,
    vocabulary,
    vtimezones,
  };
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
