// Test fixtures for changes that reach people: content built again and again as a deploy would
// build it (the programme recorded in revisions by the same code as scripts/build-catalogue.ts, and
// the list of changes), an app serving each build, and the cron's announcements run against it.
import { env } from 'cloudflare:test';
import type { CatalogueEvent, Revision } from '../../model/catalogue.ts';
import { type ChangeList, changedEvents, recordProgramme } from '../../model/programme.ts';
import { createApp } from '../app.ts';
import { memorySource } from '../content/source.ts';
import { database } from '../db/client.ts';
import { announceChanges } from '../messages/announce.ts';
import { type Caller, callerOf, events as fixtures, site } from './fixtures.ts';

export type Build = {
  events: CatalogueEvent[];
  changes: ChangeList;
  content: ReturnType<typeof memorySource>;
  /** The app as this build deploys it. */
  app: Caller;
  /** One cron run of announcements, on this build's content. */
  announce: (o?: { limit?: number; db?: D1Database }) => ReturnType<typeof announceChanges>;
};

let lists = 0;

/**
 * The content's history, starting from the fixture events and `extra` ones: each `build` applies
 * changes to the original events (not to the previous build: an event left out is as it first
 * was) and records revisions against the ledger the previous builds left, as the real build does
 * with content/revisions.json.
 */
export function contentHistory(extra: CatalogueEvent[] = []) {
  const originals = new Map([...fixtures, ...extra].map((e) => [e.id, e]));
  const ledger: Record<string, Revision> = {};
  const record = (e: CatalogueEvent, builtAt: string) => {
    const built = recordProgramme(e, ledger, builtAt);
    ledger[`events/${e.id}`] = built.revision;
    for (const s of built.sessions) ledger[`sessions/${s.id}`] = s.revision;
    return built;
  };
  const builtAt = () => new Date().toISOString();
  // The first build: every event as the fixtures have it, the programme's starting point.
  for (const e of originals.values()) record(e, builtAt());
  const serve = (all: CatalogueEvent[], changes: ChangeList): Build => {
    const content = memorySource({ site, events: all, changes });
    return {
      events: all,
      changes,
      content,
      app: callerOf(createApp({ content: () => content })),
      announce: (o = {}) =>
        announceChanges({ db: database(o.db ?? env.DB), content }, { now: new Date(), limit: o.limit }),
    };
  };
  return {
    /** The content as first built, before any change. */
    first: serve([...originals.values()], { version: `first-${lists++}`, events: [] }),
    build(changes: Record<string, Partial<CatalogueEvent>>, o: { quiet?: string[] } = {}): Build {
      const at = builtAt();
      const all = [...originals.values()].map((e) => record({ ...e, ...changes[e.id] }, at));
      const listed = changedEvents(all, at, (id) => !o.quiet?.includes(id));
      return serve(all, { version: `list-${lists++}`, events: listed });
    },
  };
}

/** The same event moved by `hours`, with its sessions. */
export function moved(e: CatalogueEvent, hours: number): Partial<CatalogueEvent> {
  const shift = (local: string) => {
    const d = new Date(`${local}Z`);
    return new Date(d.getTime() + hours * 3_600_000).toISOString().slice(0, 19);
  };
  const shiftUtc = (iso: string) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
  return {
    start: shift(e.start),
    end: shift(e.end),
    startUtc: shiftUtc(e.startUtc),
    endUtc: shiftUtc(e.endUtc),
    sessions: e.sessions.map((s) => ({
      ...s,
      start: shift(s.start),
      end: shift(s.end),
      startUtc: shiftUtc(s.startUtc),
      endUtc: shiftUtc(s.endUtc),
    })),
  };
}
