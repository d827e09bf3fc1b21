// The published content as the worker reads it: one file of the read model per request (an event,
// or a bounded list), never the whole catalogue. In production the files are static assets that
// ship with the same deploy as the worker (the ASSETS binding); tests hand in fixtures.
import {
  type CatalogueEvent,
  cataloguePaths,
  type EventPage,
  type FeedList,
  type SiteInfo,
  siteInfoSchema,
} from '../../model/catalogue.ts';
import type { ChangeList } from '../../model/programme.ts';
import { type ProcessedPhoto, photoJsonPath } from '../../ui/photo.tsx';

export type ListName = { all: true } | { city: string } | { kind: string } | { speaker: string };

export type ContentSource = {
  site(): Promise<SiteInfo>;
  event(id: string): Promise<CatalogueEvent | undefined>;
  /** The entries of a list feed: all events, a city's, a kind's or a speaker's sessions (bounded). */
  feedList(which: ListName): Promise<FeedList | undefined>;
  /** One page of the public list of upcoming and recent events. */
  eventsPage(page: number): Promise<EventPage | undefined>;
  /** The events whose programme changed lately, for the cron's announcements. */
  changes(): Promise<ChangeList | undefined>;
  /** A person's photo as the site build processed it (people with `photo` in the catalogue only). */
  photo(personId: string): Promise<ProcessedPhoto | undefined>;
};

/** Where the catalogue files live among the static assets. */
export const CATALOGUE_PREFIX = '/_catalogue/';

export const feedListPath = (which: ListName) =>
  'all' in which
    ? cataloguePaths.allEvents
    : 'city' in which
      ? cataloguePaths.city(which.city)
      : 'speaker' in which
        ? cataloguePaths.speaker(which.speaker)
        : cataloguePaths.kind(which.kind);

const safeId = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
const listKey = (which: ListName) =>
  'all' in which ? 'all' : 'city' in which ? which.city : 'speaker' in which ? which.speaker : which.kind;

// Parsed files, per isolate, up to about this many bytes of JSON: a deploy replaces the isolate,
// so they never outlive their content, and the budget keeps well inside an isolate's memory.
const CACHE_BYTES = 8_000_000;
const cache = new Map<string, { value: unknown; bytes: number }>();
let cachedBytes = 0;

function remember(path: string, value: unknown, bytes: number) {
  cache.set(path, { value, bytes });
  cachedBytes += bytes;
  for (const [oldest, entry] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(oldest);
    cachedBytes -= entry.bytes;
  }
}

/**
 * Reads the catalogue from the static assets that were deployed with this worker. The build wrote
 * them from typed values and validated the content they come from, and one deploy carries both, so
 * they are parsed as JSON and not validated again: at 500 events a list, validation would cost more
 * than the free plan's CPU for a request (the site file, small and read once, is still checked).
 */
export function assetsSource(assets: Fetcher): ContentSource {
  // `path` is under the catalogue's folder, or absolute for the site's own files (photo.json).
  async function read<T>(path: string, parse: (data: unknown) => T = (d) => d as T): Promise<T | undefined> {
    const hit = cache.get(path);
    if (hit) {
      // Most recently used last, so the oldest go first.
      cache.delete(path);
      cache.set(path, hit);
      return hit.value as T;
    }
    const url = path.startsWith('/') ? path : `${CATALOGUE_PREFIX}${path}`;
    const res = await assets.fetch(new Request(`https://assets.local${url}`));
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`catalogue file ${path} answered ${res.status}`);
    const text = await res.text();
    const value = parse(JSON.parse(text));
    remember(path, value, text.length);
    return value;
  }
  return {
    async site() {
      const site = await read(cataloguePaths.site, (d) => siteInfoSchema.parse(d));
      if (!site) throw new Error('the catalogue is missing: run npm run build');
      return site;
    },
    event: (id) => (safeId.test(id) ? read<CatalogueEvent>(cataloguePaths.event(id)) : Promise.resolve(undefined)),
    feedList: (which) =>
      safeId.test(listKey(which)) ? read<FeedList>(feedListPath(which)) : Promise.resolve(undefined),
    eventsPage: (page) =>
      Number.isSafeInteger(page) && page >= 1
        ? read<EventPage>(cataloguePaths.eventsPage(page))
        : Promise.resolve(undefined),
    changes: () => read<ChangeList>(cataloguePaths.changes),
    photo: (personId) =>
      safeId.test(personId) ? read<ProcessedPhoto>(photoJsonPath(personId)) : Promise.resolve(undefined),
  };
}

/** A catalogue held in memory: tests build one with dates relative to now. */
export function memorySource(content: {
  site: SiteInfo;
  events: CatalogueEvent[];
  lists?: Map<string, FeedList | EventPage>;
  changes?: ChangeList;
  photos?: Map<string, ProcessedPhoto>;
}) {
  const byId = new Map(content.events.map((e) => [e.id, e]));
  const reads: string[] = [];
  const source: ContentSource & { reads: string[] } = {
    reads,
    site: async () => content.site,
    event: async (id) => {
      reads.push(cataloguePaths.event(id));
      return byId.get(id);
    },
    feedList: async (which) => {
      const path = feedListPath(which);
      reads.push(path);
      return content.lists?.get(path) as FeedList | undefined;
    },
    eventsPage: async (page) => {
      const path = cataloguePaths.eventsPage(page);
      reads.push(path);
      return content.lists?.get(path) as EventPage | undefined;
    },
    changes: async () => content.changes,
    photo: async (personId) => {
      reads.push(photoJsonPath(personId));
      return content.photos?.get(personId);
    },
  };
  return source;
}
