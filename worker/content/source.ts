// The published content as the worker reads it: one file of the read model per request (an event,
// or a bounded list), never the whole catalogue. In production the files are static assets that
// ship with the same deploy as the worker (the ASSETS binding); tests hand in fixtures.
import {
  type CatalogueEvent,
  catalogueEventSchema,
  cataloguePaths,
  type EventList,
  eventListSchema,
  type SiteInfo,
  siteInfoSchema,
} from '../../model/catalogue.ts';

export type ContentSource = {
  site(): Promise<SiteInfo>;
  event(id: string): Promise<CatalogueEvent | undefined>;
  /** Upcoming and recent events: all of them, in a city, or of a kind. */
  list(which: { all: true } | { city: string } | { kind: string }): Promise<EventList | undefined>;
};

/** Where the catalogue files live among the static assets. */
export const CATALOGUE_PREFIX = '/_catalogue/';

const listPath = (which: Parameters<ContentSource['list']>[0]) =>
  'all' in which
    ? cataloguePaths.allEvents
    : 'city' in which
      ? cataloguePaths.city(which.city)
      : cataloguePaths.kind(which.kind);

const safeId = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

// Parsed files, per isolate: a deploy replaces the isolate, so they never outlive their content.
const cache = new Map<string, unknown>();
const MAX_CACHED = 200;

/** Reads the catalogue from the static assets that were deployed with this worker. */
export function assetsSource(assets: Fetcher): ContentSource {
  async function read<T>(path: string, parse: (data: unknown) => T): Promise<T | undefined> {
    if (cache.has(path)) return cache.get(path) as T;
    const res = await assets.fetch(new Request(`https://assets.local${CATALOGUE_PREFIX}${path}`));
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`catalogue file ${path} answered ${res.status}`);
    const value = parse(await res.json());
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(path, value);
    return value;
  }
  return {
    async site() {
      const site = await read(cataloguePaths.site, (d) => siteInfoSchema.parse(d));
      if (!site) throw new Error('the catalogue is missing: run npm run build');
      return site;
    },
    event: (id) =>
      safeId.test(id)
        ? read(cataloguePaths.event(id), (d) => catalogueEventSchema.parse(d))
        : Promise.resolve(undefined),
    list: (which) => {
      const key = 'all' in which ? 'all' : 'city' in which ? which.city : which.kind;
      return safeId.test(key) ? read(listPath(which), (d) => eventListSchema.parse(d)) : Promise.resolve(undefined);
    },
  };
}

/** A catalogue held in memory: tests build one with dates relative to now. */
export function memorySource(content: { site: SiteInfo; events: CatalogueEvent[]; lists?: Record<string, EventList> }) {
  const byId = new Map(content.events.map((e) => [e.id, e]));
  const reads: string[] = [];
  const source: ContentSource & { reads: string[] } = {
    reads,
    site: async () => content.site,
    event: async (id) => {
      reads.push(cataloguePaths.event(id));
      return byId.get(id);
    },
    list: async (which) => {
      const path = listPath(which);
      reads.push(path);
      return content.lists?.[path];
    },
  };
  return source;
}
