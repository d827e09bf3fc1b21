// The site reads the read model that scripts/build-catalogue.ts wrote (dist/catalogue), the same
// files the worker reads: UTC instants, venues, city slugs and rendered descriptions come from there.
// Groupings are computed once per build and shared by every page; lists are cut into pages so no
// page grows with the number of events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callToAction, registrationState } from '../../model/admission.ts';
import {
  type CatalogueEvent,
  cataloguePaths,
  type EventSummary,
  type SiteCatalogue,
  siteCatalogueSchema,
} from '../../model/catalogue.ts';
import { type EventKind, eventKinds } from '../../model/content.ts';
import { inlineStyle } from './inline-style.ts';

const dir = process.env.CATALOGUE_DIR ?? join(process.cwd(), 'dist/catalogue');
const read = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));

let site: SiteCatalogue | undefined;
/** Every event (summaries), person and space, for lists and pages. */
export const siteCatalogue = (): SiteCatalogue =>
  (site ??= siteCatalogueSchema.parse(read(cataloguePaths.siteCatalogue)));

/**
 * One event with its sessions, for its page. The catalogue step wrote it from typed values a moment
 * ago, so it is read as it is; validating 5,000 of them again would cost seconds per build.
 */
export const eventById = (id: string): CatalogueEvent => read(cataloguePaths.event(id));

/** "Now" for pages: when the catalogue was built, so every page of one build agrees. */
export const builtAt = () => new Date(siteCatalogue().site.builtAt);

/** Events on a list page; home and overview pages show fewer. */
export const PAGE_SIZE = 48;
export const PREVIEW_SIZE = 12;

export type Split = { upcoming: EventSummary[]; past: EventSummary[] };

function split(events: EventSummary[], now: number): Split {
  const upcoming: EventSummary[] = [];
  const past: EventSummary[] = [];
  for (const e of events) (Date.parse(e.endUtc) >= now ? upcoming : past).push(e);
  return { upcoming, past: past.reverse() };
}

type Groups = { all: Split; cities: Map<string, Split & { name: string }>; kinds: Map<EventKind, Split> };
let groups: Groups | undefined;

/** Upcoming (including ongoing) soonest first, then past events most recent first: all, per city, per kind. */
export function eventGroups(): Groups {
  if (groups) return groups;
  const { events } = siteCatalogue();
  const now = builtAt().getTime();
  const byCity = new Map<string, EventSummary[]>();
  const byKind = new Map<EventKind, EventSummary[]>(eventKinds.map((k) => [k, []]));
  for (const e of events) {
    const city = byCity.get(e.citySlug);
    if (city) city.push(e);
    else byCity.set(e.citySlug, [e]);
    byKind.get(e.kind)!.push(e);
  }
  groups = {
    all: split(events, now),
    cities: new Map([...byCity].map(([slug, list]) => [slug, { name: list[0]!.city, ...split(list, now) }])),
    kinds: new Map([...byKind].map(([kind, list]) => [kind, split(list, now)])),
  };
  return groups;
}

/**
 * What an event's page shows besides the event itself: whether it is over and whether its form is
 * open, as of the build. With the event's revisions it keys the page for incremental builds.
 */
export function eventPageKey(e: EventSummary): string {
  const now = builtAt();
  const page = siteCatalogue().eventPages[e.id]!;
  const over = Date.parse(e.endUtc) < now.getTime();
  const form = registrationState({ ...e, registration: page.registration }, now);
  // Whether registration has opened yet changes what the page says, as its inline stylesheet does.
  const registration = { ...page.registration, waitlist: false, questions: [] };
  const call = callToAction({ ...e, registration }, now).state;
  const turnstile = Boolean(import.meta.env?.PUBLIC_TURNSTILE_SITE_KEY);
  return [page.hash, over, form, call, turnstile, inlineStyle().hash].join(':');
}

/** Spaces on one page of the spaces list; a space's page lists this many upcoming events. */
export const SPACES_PAGE_SIZE = 100;

let spacesIn: Map<string, SiteCatalogue['spaces']> | undefined;
export function spacesByCity() {
  if (!spacesIn) {
    spacesIn = new Map();
    for (const s of siteCatalogue().spaces) {
      const list = spacesIn.get(s.citySlug);
      if (list) list.push(s);
      else spacesIn.set(s.citySlug, [s]);
    }
  }
  return spacesIn;
}

let summaries: Map<string, EventSummary> | undefined;
export function eventSummary(id: string) {
  summaries ??= new Map(siteCatalogue().events.map((e) => [e.id, e]));
  return summaries.get(id);
}

export const kindLabels: Record<EventKind, string> = {
  conference: 'Conferences',
  camp: 'Camps',
  meetup: 'Meetups',
  unconference: 'Unconferences',
  workshop: 'Workshops',
};
