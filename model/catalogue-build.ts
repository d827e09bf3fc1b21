// Assembles the read model from validated content. Pure: entries and options in, catalogue out;
// scripts/build-catalogue.ts reads the files and writes the result.
import type {
  CatalogueEvent,
  CataloguePerson,
  CatalogueSession,
  CatalogueSpace,
  EventPage,
  FeedList,
  ListEntry,
  Revision,
} from './catalogue.ts';
import {
  cataloguePaths,
  EVENTS_PAGE_SIZE,
  LIST_HORIZON_DAYS,
  LIST_MAX_ENTRIES,
  slugify,
  summaryOf,
} from './catalogue.ts';
import { type EventData, eventKinds, type SpaceData } from './content.ts';
import type { ContentSet } from './content-checks.ts';
import { markdownToPlainText } from './plain-text.ts';
import { catalogueTickets } from './tickets.ts';
import { localToUtc } from './time.ts';
import { contentVenues, eventVenues, resolveVenue, venueId } from './venues.ts';
import type { Vocabulary } from './vocabulary.ts';

export type BuildOptions = {
  siteUrl: string;
  builtAt: string;
  /** The revision of an entry, from its key ("events/<id>") and what it publishes. */
  revisionOf: (key: string, published: unknown) => Revision;
  /** Trusted markdown (written by organisers) to HTML. */
  renderMarkdown: (markdown: string) => string;
  vocabulary?: Vocabulary;
  /** The VTIMEZONE text of a zone. */
  vtimezone: (zone: string) => string;
  /** Events stay in "upcoming and recent" lists for this many days after they end. */
  recentDays: number;
  /** An event's calendar entry (VEVENT) as text, for the list feeds. */
  renderEntry: (event: CatalogueEvent) => string;
  /** A session's calendar entry as text, for the speakers' feeds. */
  renderSessionEntry: (event: CatalogueEvent, session: CatalogueSession) => string;
};

/** A person's page lists this many upcoming and this many recent sessions (and counts the rest). */
export const PERSON_UPCOMING = 20;
export const PERSON_RECENT = 10;

export type BuiltCatalogue = {
  events: CatalogueEvent[];
  /** The lists of upcoming and recent events, by their path in the catalogue. */
  lists: Map<string, FeedList | EventPage>;
  people: CataloguePerson[];
  spaces: CatalogueSpace[];
  vocabulary: Vocabulary;
  /** Every revision hash in order, for the build's version. */
  fingerprint: string;
};

/** The event's venues from its content: each resolved, with the key its sessions name it by. */
function venuesOf(event: EventData, spaces: Map<string, SpaceData>) {
  return contentVenues(event).map((v) => {
    const venue = resolveVenue(v, spaces);
    if (!venue) throw new Error(`unknown space ${'space' in v ? v.space : v.name}`);
    return { ...venue, key: venueId(v) };
  });
}

const byStart = (a: { startUtc: string; id: string }, b: { startUtc: string; id: string }) =>
  a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id);

export function buildCatalogue(set: ContentSet, o: BuildOptions): BuiltCatalogue {
  const base = o.siteUrl.replace(/\/$/, '');
  const people = new Map(set.people.map((p) => [p.id, p]));
  const spaces = new Map(set.spaces.map((s) => [s.id, s.data]));
  const ref = (id: string) => ({ id, name: people.get(id)?.data.name ?? id });
  const sessionsByEvent = new Map<string, ContentSet['sessions']>();
  for (const s of set.sessions) {
    const list = sessionsByEvent.get(s.data.event);
    if (list) list.push(s);
    else sessionsByEvent.set(s.data.event, [s]);
  }

  const events = set.events.map((e): CatalogueEvent => {
    const d = e.data;
    const utc = (t: string) => localToUtc(t, d.timeZone).toISOString();
    // One venue stays `venue` alone, as before venues could be several, so its revisions hold.
    const all = venuesOf(d, spaces);
    const { key: first, ...venue } = all[0]!;
    const venues = all.length > 1 ? all : undefined;
    const sessions = (sessionsByEvent.get(e.id) ?? [])
      .map((s) => {
        const published = {
          id: s.id,
          title: s.data.title,
          start: s.data.start,
          end: s.data.end,
          startUtc: utc(s.data.start),
          endUtc: utc(s.data.end),
          room: s.data.room,
          venue: venues && (s.data.venue ?? first),
          track: s.data.track,
          kind: s.data.kind,
          status: s.data.status,
          speakers: s.data.speakers.map(ref),
          abstract: markdownToPlainText(s.body),
        };
        return { ...published, revision: o.revisionOf(`sessions/${s.id}`, published) };
      })
      .sort(byStart);
    const hosts = d.hosts.map((id) => {
      const home = people.get(id)?.data.spaces[0];
      return { ...ref(id), ...(home && spaces.get(home) ? { spaceName: spaces.get(home)!.name } : {}) };
    });
    const published = {
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
      venue,
      venues,
      tags: d.tags,
      url: `${base}/events/${e.id}/`,
      description: markdownToPlainText(e.body),
      hosts,
      image: d.image,
      capacity: d.capacity ?? null,
      registration: d.registration,
      networkingSlots: d.networking.slots.map((s) => ({ ...s, startUtc: utc(s.start), endUtc: utc(s.end) })),
      descriptionHtml: o.renderMarkdown(e.body),
      cancellation: d.cancellation,
    };
    return {
      ...published,
      revision: o.revisionOf(`events/${e.id}`, published),
      sessions,
      vtimezone: o.vtimezone(d.timeZone),
      // Prices are not in the calendar entry, so they stay out of the revision.
      ...catalogueTickets(d, d.timeZone),
    };
  });
  events.sort(byStart);

  const lists = buildLists(events, o);
  const now = new Date(o.builtAt).toISOString();

  const sessionsBySpeaker = new Map<string, CataloguePerson['sessions']>();
  for (const e of events) {
    for (const s of e.sessions) {
      for (const p of s.speakers) {
        const entry = {
          id: s.id,
          title: s.title,
          start: s.start,
          startUtc: s.startUtc,
          status: s.status,
          eventId: e.id,
          eventTitle: e.title,
          timeZone: e.timeZone,
        };
        const list = sessionsBySpeaker.get(p.id);
        if (list) list.push(entry);
        else sessionsBySpeaker.set(p.id, [entry]);
      }
    }
  }
  const hostedBy = new Map<string, { id: string; title: string }[]>();
  for (const e of [...events].reverse())
    for (const h of e.hosts) {
      const list = hostedBy.get(h.id);
      if (list) list.push({ id: e.id, title: e.title });
      else hostedBy.set(h.id, [{ id: e.id, title: e.title }]);
    }
  const membersOf = new Map<string, string[]>();
  for (const p of set.people) for (const id of p.data.spaces) membersOf.set(id, [...(membersOf.get(id) ?? []), p.id]);
  const eventsAt = new Map<string, string[]>();
  for (const e of events)
    for (const spaceId of new Set(eventVenues(e).map((v) => v.spaceId))) {
      if (!spaceId) continue;
      const list = eventsAt.get(spaceId);
      if (list) list.push(e.id);
      else eventsAt.set(spaceId, [e.id]);
    }
  const catalogPeople = set.people
    .map(
      (p): CataloguePerson => ({
        id: p.id,
        name: p.data.name,
        pronouns: p.data.pronouns,
        city: p.data.city,
        links: p.data.links,
        avatar: p.data.avatar,
        bioHtml: o.renderMarkdown(p.body),
        spaces: p.data.spaces.map((id) => ({ id, name: spaces.get(id)!.name, city: spaces.get(id)!.city })),
        ...upcomingAndRecent(sessionsBySpeaker.get(p.id) ?? [], now),
        hosting: (hostedBy.get(p.id) ?? []).slice(0, PERSON_UPCOMING),
        hostingCount: hostedBy.get(p.id)?.length ?? 0,
      }),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const catalogSpaces = set.spaces
    .map(
      (s): CatalogueSpace => ({
        id: s.id,
        name: s.data.name,
        city: s.data.city,
        citySlug: slugify(s.data.city),
        country: s.data.country,
        address: s.data.address,
        lat: s.data.coordinates.lat,
        lng: s.data.coordinates.lng,
        website: s.data.website,
        descriptionHtml: o.renderMarkdown(s.body),
        members: (membersOf.get(s.id) ?? []).map(ref),
        events: eventsAt.get(s.id) ?? [],
      }),
    )
    .sort((a, b) => a.city.localeCompare(b.city) || a.name.localeCompare(b.name));

  const fingerprint = events
    .map((e) => [e.id, e.revision.hash, ...e.sessions.map((s) => s.revision.hash)].join(':'))
    .join(',');
  return {
    events,
    lists,
    people: catalogPeople,
    spaces: catalogSpaces,
    vocabulary: o.vocabulary ?? [],
    fingerprint: `${base}|${fingerprint}`,
  };
}

/** The sessions a person's page shows: the next ones and the latest past ones, with the total. */
function upcomingAndRecent(sessions: CataloguePerson['sessions'], now: string) {
  const byStart = [...sessions].sort((a, b) => a.startUtc.localeCompare(b.startUtc));
  const next = byStart.findIndex((x) => x.startUtc >= now);
  const split = next === -1 ? byStart.length : next;
  return {
    sessions: [
      ...byStart.slice(Math.max(0, split - PERSON_RECENT), split),
      ...byStart.slice(split, split + PERSON_UPCOMING),
    ],
    sessionCount: sessions.length,
  };
}

/**
 * What the worker reads instead of every event: for the feeds of all events, each city and each
 * kind, the events in the recent window or within the horizon as of the build (their entries
 * rendered); for each speaker's feed, their sessions in that window; and the public event list in
 * pages.
 */
export function buildLists(
  events: CatalogueEvent[],
  o: Pick<BuildOptions, 'builtAt' | 'recentDays' | 'renderEntry' | 'renderSessionEntry'>,
): Map<string, FeedList | EventPage> {
  const built = new Date(o.builtAt).getTime();
  const from = new Date(built - o.recentDays * 86_400_000).toISOString();
  const until = new Date(built + LIST_HORIZON_DAYS * 86_400_000).toISOString();
  const current = events.filter((e) => e.endUtc >= from).sort(byStart);
  const rendered = new Map<string, ListEntry>();
  const entry = (e: CatalogueEvent): ListEntry => {
    let r = rendered.get(e.id);
    if (!r) {
      const text = o.renderEntry(e);
      r = { id: e.id, endUtc: e.endUtc, timeZone: e.timeZone, lastModified: e.revision.modified, text };
      rendered.set(e.id, r);
    }
    return r;
  };
  const feed = (name: string, chosen: CatalogueEvent[]): FeedList => {
    const within = chosen.filter((e) => e.startUtc <= until).slice(0, LIST_MAX_ENTRIES);
    const zones = new Map(within.map((e) => [e.timeZone, e.vtimezone]));
    return { name, entries: within.map(entry), vtimezones: Object.fromEntries([...zones].sort()) };
  };
  const lists = new Map<string, FeedList | EventPage>([[cataloguePaths.allEvents, feed('all', current)]]);
  const cities = new Map<string, CatalogueEvent[]>();
  const kinds = new Map<string, CatalogueEvent[]>(eventKinds.map((k) => [k, []]));
  const cityNames = new Map<string, string>();
  for (const e of events) {
    if (!cities.has(e.citySlug)) cities.set(e.citySlug, []);
    cityNames.set(e.citySlug, e.city);
  }
  for (const e of current) {
    cities.get(e.citySlug)!.push(e);
    kinds.get(e.kind)!.push(e);
  }
  for (const [slug, inCity] of cities) lists.set(cataloguePaths.city(slug), feed(cityNames.get(slug)!, inCity));
  for (const [kind, ofKind] of kinds) lists.set(cataloguePaths.kind(kind), feed(kind, ofKind));
  for (const [path, list] of speakerLists(events, current, until, o)) lists.set(path, list);
  const pages = Math.max(1, Math.ceil(current.length / EVENTS_PAGE_SIZE));
  for (let page = 1; page <= pages; page++) {
    const slice = current.slice((page - 1) * EVENTS_PAGE_SIZE, page * EVENTS_PAGE_SIZE);
    lists.set(cataloguePaths.eventsPage(page), { events: slice.map(summaryOf), page, pages });
  }
  return lists;
}

/**
 * One list per person who ever spoke (so their feed's address keeps answering): their sessions in
 * the current events, within the horizon, soonest first, at most LIST_MAX_ENTRIES. One file per
 * speaker at most keeps within the free plan's file count: each of them has a page already.
 */
function speakerLists(
  events: CatalogueEvent[],
  current: CatalogueEvent[],
  until: string,
  o: Pick<BuildOptions, 'renderSessionEntry'>,
): Map<string, FeedList> {
  type Item = { startUtc: string; entry: ListEntry; vtimezone: string };
  const speakers = new Map<string, { name: string; items: Item[] }>();
  for (const e of events)
    for (const s of e.sessions)
      for (const p of s.speakers) if (!speakers.has(p.id)) speakers.set(p.id, { name: p.name, items: [] });
  for (const e of current)
    for (const s of e.sessions) {
      if (s.startUtc > until || s.speakers.length === 0) continue;
      const lastModified = s.revision.modified > e.revision.modified ? s.revision.modified : e.revision.modified;
      const text = o.renderSessionEntry(e, s);
      const entry = { id: s.id, endUtc: s.endUtc, timeZone: e.timeZone, lastModified, text };
      for (const p of s.speakers)
        speakers.get(p.id)!.items.push({ startUtc: s.startUtc, entry, vtimezone: e.vtimezone });
    }
  const lists = new Map<string, FeedList>();
  for (const [id, { name, items }] of speakers) {
    const soonest = items
      .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.entry.id.localeCompare(b.entry.id))
      .slice(0, LIST_MAX_ENTRIES);
    const zones = new Map(soonest.map((i) => [i.entry.timeZone, i.vtimezone]));
    lists.set(cataloguePaths.speaker(id), {
      name,
      entries: soonest.map((i) => i.entry),
      vtimezones: Object.fromEntries([...zones].sort()),
    });
  }
  return lists;
}
