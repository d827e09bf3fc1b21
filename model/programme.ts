// The programme facts people plan around: when, where and whether an event and each of its sessions
// happen. The build records them in the revisions ledger beside each entry's sequence, with the
// values each change replaced, and lists the events whose facts changed lately; the worker compares
// the facts it last announced with these to write one message per deploy ("was 10:00 in Room A, now
// 11:00 in Room B") without keeping a copy of the programme in D1. Pure.
import { z } from 'zod';

/** What a change of which people hear about: times, room, venue (as a place people find) and status. */
export const factsSchema = z.object({
  start: z.string(),
  end: z.string(),
  room: z.string().optional(),
  venue: z.string().optional(),
  status: z.string(),
});
export type Facts = z.infer<typeof factsSchema>;

const wasSchema = factsSchema.extend({
  /** The event's programme sequence up to which these facts held. */
  until: z.number().int().min(0),
});

/** Fields of a revision (model/catalogue.ts) that the programme adds. */
export const programmeFields = {
  /**
   * Events only: grows by one with each build in which the facts of the event or of one of its
   * sessions changed; the worker stores which one it announced.
   */
  programme: z.object({ sequence: z.number().int().min(0), modified: z.string() }).optional(),
  /** The facts as published now (dropped once the event is over). */
  facts: factsSchema.optional(),
  /** The facts that earlier changes replaced, oldest first, at most KEPT of them. */
  was: z.array(wasSchema).optional(),
};
export type ProgrammeRevision = {
  programme?: { sequence: number; modified: string };
  facts?: Facts;
  was?: z.infer<typeof wasSchema>[];
};

/** How many earlier facts an entry keeps: enough for several builds between two deploys. */
export const KEPT = 3;
/** An event stays in the build's list of changes this long after its programme last changed. */
export const LISTED_DAYS = 30;

type Place = { name: string; address: string; room?: string };
type Revised = { revision: { hash: string; sequence: number; modified: string } & ProgrammeRevision };
export type ProgrammeSession = Revised & {
  id: string;
  title: string;
  start: string;
  end: string;
  room?: string;
  /** Which of the event's venues, when it has several. */
  venue?: string;
  status: string;
};
export type ProgrammeEvent = Revised & {
  id: string;
  start: string;
  end: string;
  endUtc: string;
  status: string;
  venue: Place;
  venues?: (Place & { key: string })[];
  sessions: ProgrammeSession[];
};

const placeText = (p: Place) => [p.room, p.name, p.address].filter(Boolean).join(', ');

export const eventFacts = (e: ProgrammeEvent): Facts => ({
  start: e.start,
  end: e.end,
  venue: placeText(e.venue),
  status: e.status,
});

/** A session's venue is named only when the event has several; otherwise it is the event's. */
export function sessionFacts(e: ProgrammeEvent, s: ProgrammeSession): Facts {
  const place = s.venue ? e.venues?.find((v) => v.key === s.venue) : undefined;
  return { start: s.start, end: s.end, room: s.room, venue: place && placeText(place), status: s.status };
}

const watched = ['start', 'end', 'room', 'venue', 'status'] as const;
export const sameFacts = (a: Facts, b: Facts) => watched.every((k) => (a[k] ?? '') === (b[k] ?? ''));
const only = (f: Facts): Facts => JSON.parse(JSON.stringify(f, [...watched]));

/**
 * The event (and its sessions) with revisions that carry this build's programme: the facts now,
 * and, where they changed since the previous build's ledger, the facts they replaced. An event that
 * is over keeps its sequence and drops the rest, since nobody is told about it any more.
 */
export function recordProgramme<E extends ProgrammeEvent>(
  event: E,
  previous: Readonly<Record<string, ProgrammeRevision | undefined>>,
  builtAt: string,
): E {
  const over = event.endUtc < builtAt;
  const eventKey = `events/${event.id}`;
  const entries = [
    { key: eventKey, facts: eventFacts(event) },
    ...event.sessions.map((s) => ({ key: `sessions/${s.id}`, facts: sessionFacts(event, s) })),
  ];
  const changed = (key: string, facts: Facts) => {
    const old = previous[key]?.facts;
    return old !== undefined && !sameFacts(old, facts);
  };
  const before = previous[eventKey]?.programme;
  const moved = !over && entries.some((x) => changed(x.key, x.facts));
  const sequence = before?.sequence ?? 0;
  const programme = moved ? { sequence: sequence + 1, modified: builtAt } : (before ?? { sequence, modified: builtAt });
  const revise = (revision: Revised['revision'], key: string, facts: Facts) => {
    const { hash, sequence: entrySequence, modified } = revision;
    const base = { hash, sequence: entrySequence, modified, ...(key === eventKey ? { programme } : {}) };
    if (over) return base;
    const old = previous[key];
    const was = changed(key, facts) ? [...(old?.was ?? []), { ...only(old!.facts!), until: sequence }] : old?.was;
    return { ...base, facts: only(facts), ...(was?.length ? { was: was.slice(-KEPT) } : {}) };
  };
  return {
    ...event,
    revision: revise(event.revision, eventKey, entries[0]!.facts),
    sessions: event.sessions.map((s, i) => ({
      ...s,
      revision: revise(s.revision, entries[i + 1]!.key, entries[i + 1]!.facts),
    })),
  };
}

/** What the worker reads to find what to announce: the events whose programme changed lately. */
export const changeListSchema = z.object({
  /** Identifies the list: once everything in it is announced, the worker stops looking. */
  version: z.string(),
  events: z.array(
    z.object({
      id: z.string(),
      /** The programme sequence to announce. */
      programme: z.number().int().min(1),
      /** false: the organisers turned the programme digest off for this deploy (content `notifyChanges`). */
      notify: z.boolean().optional(),
    }),
  ),
});
export type ChangeList = z.infer<typeof changeListSchema>;

/** The events to list: programme changed within LISTED_DAYS of the build, and not over. */
export function changedEvents(
  events: ProgrammeEvent[],
  builtAt: string,
  notify: (id: string) => boolean,
): ChangeList['events'] {
  const since = new Date(Date.parse(builtAt) - LISTED_DAYS * 86_400_000).toISOString();
  return events
    .filter((e) => e.endUtc >= builtAt && (e.revision.programme?.sequence ?? 0) > 0)
    .filter((e) => e.revision.programme!.modified >= since)
    .map((e) => ({ id: e.id, programme: e.revision.programme!.sequence, ...(notify(e.id) ? {} : { notify: false }) }));
}

/**
 * An entry's facts when the programme was at `sequence`; with none (never announced), the earliest
 * facts kept. Without a record of them, the facts now.
 */
export function factsAt(revision: ProgrammeRevision, sequence: number | null): Facts | undefined {
  const was = revision.was ?? [];
  const then = sequence === null ? was[0] : was.find((w) => w.until >= sequence);
  if (!then) return revision.facts;
  const { until: _until, ...facts } = then;
  return facts;
}

export type ProgrammeChange = {
  /** The session's id; none for the event itself. */
  session?: string;
  title?: string;
  before: Facts;
  after: Facts;
};

/** What changed between the programme at `sequence` (null: never announced) and now. */
export function programmeChanges(
  event: ProgrammeEvent,
  sequence: number | null,
): { event?: ProgrammeChange; sessions: ProgrammeChange[] } {
  const differs = (revision: ProgrammeRevision, after: Facts) => {
    const before = factsAt(revision, sequence);
    return before && !sameFacts(before, after) ? before : undefined;
  };
  const eventBefore = differs(event.revision, eventFacts(event));
  const sessions: ProgrammeChange[] = [];
  for (const s of event.sessions) {
    const after = sessionFacts(event, s);
    const before = differs(s.revision, after);
    if (before) sessions.push({ session: s.id, title: s.title, before, after });
  }
  return { event: eventBefore && { before: eventBefore, after: eventFacts(event) }, sessions };
}

/** The dates an event had before it was postponed, once it has a new date; none otherwise. */
export function rescheduledFrom(event: ProgrammeEvent): Facts | undefined {
  if (event.status !== 'scheduled') return undefined;
  const postponed = [...(event.revision.was ?? [])].reverse().find((w) => w.status === 'postponed');
  if (!postponed) return undefined;
  const { until: _until, ...facts } = postponed;
  return facts;
}
