// The site reads the read model that scripts/build-catalogue.ts wrote (dist/catalogue), the same
// files the worker reads: UTC instants, venues, city slugs and rendered descriptions come from there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CatalogueEvent,
  catalogueEventSchema,
  cataloguePaths,
  type EventSummary,
  type SiteCatalogue,
  siteCatalogueSchema,
} from '../../model/catalogue.ts';
import type { EventKind } from '../../model/content.ts';

const dir = process.env.CATALOGUE_DIR ?? join(process.cwd(), 'dist/catalogue');
const read = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));

let site: SiteCatalogue | undefined;
/** Every event (summaries), person and space, for lists and pages. */
export const siteCatalogue = (): SiteCatalogue =>
  (site ??= siteCatalogueSchema.parse(read(cataloguePaths.siteCatalogue)));

/** One event with its sessions, for its page. */
export const eventById = (id: string): CatalogueEvent => catalogueEventSchema.parse(read(cataloguePaths.event(id)));

/** "Now" for pages: when the catalogue was built, so every page of one build agrees. */
export const builtAt = () => new Date(siteCatalogue().site.builtAt);

/** Upcoming (including ongoing) soonest first, then past events most recent first. */
export function eventsInOrder(now = builtAt()) {
  const events = siteCatalogue().events;
  const ends = (e: EventSummary) => Date.parse(e.endUtc);
  const upcoming = events.filter((e) => ends(e) >= now.getTime());
  const past = events.filter((e) => ends(e) < now.getTime()).reverse();
  return { upcoming, past, all: [...upcoming, ...past] };
}

export const kindLabels: Record<EventKind, string> = {
  conference: 'Conferences',
  camp: 'Camps',
  meetup: 'Meetups',
  unconference: 'Unconferences',
  workshop: 'Workshops',
};
