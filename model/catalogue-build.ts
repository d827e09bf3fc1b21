// Assembles the read model from validated content. Pure: entries and options in, catalogue out;
// scripts/build-catalogue.ts reads the files and writes the result.
import type { CatalogueEvent, CataloguePerson, CatalogueSpace, EventList, Revision } from './catalogue.ts';
import { cataloguePaths, slugify, summaryOf } from './catalogue.ts';
import { type EventData, eventKinds, type SpaceData } from './content.ts';
import type { ContentSet } from './content-checks.ts';
import { markdownToPlainText } from './plain-text.ts';
import { localToUtc } from './time.ts';
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
};

export type BuiltCatalogue = {
  events: CatalogueEvent[];
  /** The lists of upcoming and recent events, by their path in the catalogue. */
  lists: Map<string, EventList>;
  people: CataloguePerson[];
  spaces: CatalogueSpace[];
  vocabulary: Vocabulary;
  /** Every revision hash in order, for the build's version. */
  fingerprint: string;
};

function venueOf(event: EventData, spaces: Map<string, SpaceData>): CatalogueEvent['venue'] {
  const v = event.venue;
  if ('space' in v) {
    const space = spaces.get(v.space);
    if (!space) throw new Error(`unknown space ${v.space}`);
    return { name: space.name, address: space.address, room: v.room, spaceId: v.space, ...space.coordinates };
  }
  return { name: v.name, address: v.address, ...(v.coordinates ?? {}) };
}

const byStart = (a: { startUtc: string; id: string }, b: { startUtc: string; id: string }) =>
  a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id);

export function buildCatalogue(set: ContentSet, o: BuildOptions): BuiltCatalogue {
  const base = o.siteUrl.replace(/\/$/, '');
  const people = new Map(set.people.map((p) => [p.id, p]));
  const spaces = new Map(set.spaces.map((s) => [s.id, s.data]));
  const ref = (id: string) => ({ id, name: people.get(id)?.data.name ?? id });
  const sessionsByEvent = new Map<string, ContentSet['sessions']>();
  for (const s of set.sessions) sessionsByEvent.set(s.data.event, [...(sessionsByEvent.get(s.data.event) ?? []), s]);

  const events = set.events.map((e): CatalogueEvent => {
    const d = e.data;
    const utc = (t: string) => localToUtc(t, d.timeZone).toISOString();
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
      venue: venueOf(d, spaces),
      tags: d.tags,
      url: `${base}/events/${e.id}/`,
      description: markdownToPlainText(e.body),
      hosts,
      image: d.image,
      capacity: d.capacity ?? null,
      registration: d.registration,
      networkingSlots: d.networking.slots.map((s) => ({ ...s, startUtc: utc(s.start), endUtc: utc(s.end) })),
      descriptionHtml: o.renderMarkdown(e.body),
    };
    return {
      ...published,
      revision: o.revisionOf(`events/${e.id}`, published),
      sessions,
      vtimezone: o.vtimezone(d.timeZone),
    };
  });
  events.sort(byStart);

  const lists = buildLists(events, o.builtAt, o.recentDays);

  const sessionsBySpeaker = new Map<string, CataloguePerson['sessions']>();
  for (const e of events) {
    for (const s of e.sessions) {
      for (const p of s.speakers) {
        const entry = {
          id: s.id,
          title: s.title,
          start: s.start,
          status: s.status,
          eventId: e.id,
          eventTitle: e.title,
          timeZone: e.timeZone,
        };
        sessionsBySpeaker.set(p.id, [...(sessionsBySpeaker.get(p.id) ?? []), entry]);
      }
    }
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
        sessions: sessionsBySpeaker.get(p.id) ?? [],
        hosting: events.filter((e) => e.hosts.some((h) => h.id === p.id)).map((e) => ({ id: e.id, title: e.title })),
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
        members: set.people.filter((p) => p.data.spaces.includes(s.id)).map((p) => ref(p.id)),
        events: events.filter((e) => e.venue.spaceId === s.id).map((e) => e.id),
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

/**
 * The lists of upcoming and recent events (all, per city, per kind) as of `builtAt`: the worker's
 * feeds read one of these instead of every event.
 */
export function buildLists(events: CatalogueEvent[], builtAt: string, recentDays: number): Map<string, EventList> {
  const cutoff = new Date(builtAt).getTime() - recentDays * 86_400_000;
  const zones = new Map(events.map((e) => [e.timeZone, e.vtimezone]));
  const list = (name: string, chosen: CatalogueEvent[]): EventList => {
    const current = chosen
      .filter((e) => new Date(e.endUtc).getTime() >= cutoff)
      .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id));
    const used = [...new Set(current.map((e) => e.timeZone))].sort();
    return {
      name,
      events: current.map(summaryOf),
      vtimezones: Object.fromEntries(used.map((z) => [z, zones.get(z)!])),
    };
  };
  const lists = new Map<string, EventList>([[cataloguePaths.allEvents, list('all', events)]]);
  const cities = new Map<string, CatalogueEvent[]>();
  for (const e of events) cities.set(e.citySlug, [...(cities.get(e.citySlug) ?? []), e]);
  for (const [slug, inCity] of cities) lists.set(cataloguePaths.city(slug), list(inCity[0]!.city, inCity));
  for (const kind of eventKinds)
    lists.set(
      cataloguePaths.kind(kind),
      list(
        kind,
        events.filter((e) => e.kind === kind),
      ),
    );
  return lists;
}
