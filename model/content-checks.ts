// Turns raw content entries into validated ones, and checks what no single entry can check alone:
// references between entries and sessions falling within their event. Every problem names the file,
// the field and what was expected, so an organiser can fix it without reading code.
import type { z } from 'zod';
import {
  type EventData,
  eventSchema,
  type PersonData,
  personSchema,
  type SessionData,
  type SpaceData,
  sessionSchema,
  spaceSchema,
} from './content.ts';
import { sessionSlug } from './session-groups.ts';
import { contentVenues, venueField, venueId } from './venues.ts';

export type RawEntry = { id: string; file: string; data: unknown; body: string };
export type Entry<T> = { id: string; file: string; data: T; body: string };
export type ContentSet = {
  events: Entry<EventData>[];
  sessions: Entry<SessionData>[];
  people: Entry<PersonData>[];
  spaces: Entry<SpaceData>[];
};
export type ContentProblem = { file: string; field: string; expected: string };

export const collectionSchemas = {
  events: eventSchema,
  sessions: sessionSchema,
  people: personSchema,
  spaces: spaceSchema,
} as const;
export type CollectionName = keyof typeof collectionSchemas;

function describe(value: unknown): string {
  if (value instanceof Date) return `an unquoted date (${value.toISOString()}); quote it`;
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    data,
  );
}

export function parseCollection<S extends z.ZodType>(
  schema: S,
  raw: RawEntry[],
): { entries: Entry<z.output<S>>[]; problems: ContentProblem[] } {
  const entries: Entry<z.output<S>>[] = [];
  const problems: ContentProblem[] = [];
  for (const entry of raw) {
    const result = schema.safeParse(entry.data);
    if (result.success) {
      entries.push({ ...entry, data: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.join('.') || '(frontmatter)';
      const got = valueAt(entry.data, issue.path);
      problems.push({ file: entry.file, field, expected: `${issue.message} (got ${describe(got)})` });
    }
  }
  return { entries, problems };
}

export function checkReferences(set: ContentSet): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const people = new Set(set.people.map((p) => p.id));
  const spaces = new Set(set.spaces.map((s) => s.id));
  const events = new Map(set.events.map((e) => [e.id, e]));
  const missing = (kind: string, known: Iterable<string>) =>
    `expected the id of an entry in content/${kind} (known: ${[...known].slice(0, 8).join(', ') || 'none'})`;

  for (const e of set.events) {
    e.data.hosts.forEach((h, i) => {
      if (!people.has(h))
        problems.push({ file: e.file, field: `hosts.${i}`, expected: `${missing('people', people)}, got "${h}"` });
    });
    problems.push(...checkVenues(e, spaces));
  }
  for (const p of set.people) {
    p.data.spaces.forEach((id, i) => {
      if (!spaces.has(id))
        problems.push({ file: p.file, field: `spaces.${i}`, expected: `${missing('spaces', spaces)}, got "${id}"` });
    });
  }
  // A session's page and its place in the programme go by the last part of its id (its file's
  // name): two sessions of one event with the same name would share one page, and one would be lost.
  const named = new Map<string, string>();
  for (const s of set.sessions) {
    const event = events.get(s.data.event);
    const address = `${s.data.event}/${sessionSlug(s.id)}`;
    const first = named.get(address);
    if (first === undefined) named.set(address, s.file);
    else
      problems.push({
        file: s.file,
        field: '(file name)',
        expected:
          `expected a file name that no other session of "${s.data.event}" has: its page would be ` +
          `/events/${s.data.event}/sessions/${sessionSlug(s.id)}/, which is ${first}'s`,
      });
    if (!event) {
      problems.push({
        file: s.file,
        field: 'event',
        expected: `${missing('events', events.keys())}, got "${s.data.event}"`,
      });
    } else if (s.data.start < event.data.start || s.data.end > event.data.end) {
      problems.push({
        file: s.file,
        field: s.data.start < event.data.start ? 'start' : 'end',
        expected:
          `expected the session to fall within its event (${event.data.start} to ${event.data.end}), ` +
          `got ${s.data.start} to ${s.data.end}`,
      });
    }
    if (event && s.data.venue !== undefined) problems.push(...checkSessionVenue(s, event, spaces));
    s.data.speakers.forEach((p, i) => {
      if (!people.has(p))
        problems.push({ file: s.file, field: `speakers.${i}`, expected: `${missing('people', people)}, got "${p}"` });
    });
  }
  return problems;
}

/** An event's venues: known spaces, and ids that tell them apart. */
function checkVenues(e: Entry<EventData>, spaces: Set<string>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Set<string>();
  contentVenues(e.data).forEach((v, i) => {
    const field = venueField(e.data, i);
    if ('space' in v && !spaces.has(v.space)) {
      const known = [...spaces].slice(0, 8).join(', ') || 'none';
      problems.push({
        file: e.file,
        field: `${field}.space`,
        expected: `expected the id of an entry in content/spaces (known: ${known}), got "${v.space}"`,
      });
    }
    const id = venueId(v);
    if (seen.has(id))
      problems.push({
        file: e.file,
        field: `${field}.id`,
        expected: `expected venues that sessions can tell apart, but "${id}" names two of them: give one its own id`,
      });
    seen.add(id);
  });
  return problems;
}

/** A session's venue must be one of its event's. */
function checkSessionVenue(s: Entry<SessionData>, event: Entry<EventData>, spaces: Set<string>): ContentProblem[] {
  const ids = contentVenues(event.data).map(venueId);
  const named = s.data.venue!;
  if (ids.includes(named)) return [];
  const hint = spaces.has(named)
    ? `; "${named}" is a space, but not a venue of this event: add { space: ${named} } to the event's venues`
    : '';
  const expected = `expected one of the venues of its event ${event.id} (${ids.join(', ')}), got "${named}"${hint}`;
  return [{ file: s.file, field: 'venue', expected }];
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}: ${p.field}: ${p.expected}`;
}
