// The programme at a glance: an event's sessions by local day, each day laid out as a grid when it
// has parallel sessions (a column per room that runs in parallel, a row between each two moments
// something starts or ends), and each track and room given a small index that names its colour and
// its filter in the stylesheet. Pure; the event page renders it (site/components/Schedule.astro).
import type { CatalogueEvent, CatalogueSession } from './catalogue.ts';
import { roomName, roomsOf, type SessionGroup, tracksOf } from './session-groups.ts';

/** The stylesheet has colours and filters for this many tracks and rooms (`track-1` … `track-8`). */
export const STYLED_GROUPS = 8;
/** It places sessions on at most this many columns and this many row lines of a day's grid. */
export const GRID_COLUMNS = 8;
export const GRID_LINES = 30;

/** Where a session sits in its day's grid: a column (0: across all of them) and its first and last row lines. */
export type Placement = { column: number; from: number; to: number };

export type TimetableDay = {
  /** Local date, "2027-05-13". */
  date: string;
  sessions: CatalogueSession[];
  /** Only for days with parallel sessions that a grid can show; other days are a list at every width. */
  grid?: {
    /** The rooms with parallel sessions, as column heads. */
    columns: string[];
    /** A time label per moment a session starts: its local time and its row line. */
    ticks: { time: string; line: number }[];
    place: Map<string, Placement>;
  };
};

export type Group = { index: number; name: string /** How many sessions it has. */; size: number };
export type Timetable = {
  days: TimetableDay[];
  /** Tracks and rooms in order of first appearance, indexed from 1 (wrapping after STYLED_GROUPS). */
  tracks: Group[];
  rooms: Group[];
  trackOf: (s: CatalogueSession) => Group | undefined;
  roomOf: (s: CatalogueSession) => Group | undefined;
};

const overlap = (a: CatalogueSession, b: CatalogueSession) => a.startUtc < b.endUtc && b.startUtc < a.endUtc;

/** Groups numbered in order of first appearance, and each session's group. */
function indexed(groups: SessionGroup[]): [Group[], Map<string, Group>] {
  const of = new Map<string, Group>();
  const numbered = groups.map((g, i) => {
    const group = { index: (i % STYLED_GROUPS) + 1, name: g.name, size: g.sessions.length };
    for (const s of g.sessions) of.set(s.id, group);
    return group;
  });
  return [numbered, of];
}

/** The grid of one day, or none when it has no parallel sessions or cannot be drawn as one. */
function gridOf(e: CatalogueEvent, sessions: CatalogueSession[], rooms: string[]): TimetableDay['grid'] {
  const parallel = sessions.filter((s) => sessions.some((o) => o !== s && overlap(s, o)));
  // In the event's order of rooms, so a room keeps its place from day to day.
  const columns = [...new Set(parallel.map((s) => roomName(e, s)))].sort((a, b) => rooms.indexOf(a) - rooms.indexOf(b));
  if (columns.length < 2 || columns.length > GRID_COLUMNS) return undefined;
  const moments = [...new Set(sessions.flatMap((s) => [s.startUtc, s.endUtc]))].sort();
  if (moments.length > GRID_LINES) return undefined;
  // Line 1 is the row of column heads; moments take the lines after it.
  const line = (instant: string) => moments.indexOf(instant) + 2;
  const place = new Map<string, Placement>();
  for (const s of sessions) {
    const column = columns.indexOf(roomName(e, s)) + 1;
    place.set(s.id, { column, from: line(s.startUtc), to: line(s.endUtc) });
  }
  // Two sessions in one room at once (a clash in the content) would cover each other: list the day.
  const clash = parallel.some((s) =>
    parallel.some((o) => o !== s && overlap(s, o) && place.get(s.id)!.column === place.get(o.id)!.column),
  );
  if (clash) return undefined;
  const ticks = new Map<string, { time: string; line: number }>();
  for (const s of sessions) ticks.set(s.startUtc, { time: s.start.slice(11, 16), line: line(s.startUtc) });
  return { columns, ticks: [...ticks.values()].sort((a, b) => a.line - b.line), place };
}

export function timetable(e: CatalogueEvent): Timetable {
  const byDay = new Map<string, CatalogueSession[]>();
  for (const s of e.sessions) {
    const date = s.start.slice(0, 10);
    const list = byDay.get(date);
    if (list) list.push(s);
    else byDay.set(date, [s]);
  }
  const [tracks, trackOf] = indexed(tracksOf(e));
  const [rooms, roomOf] = indexed(roomsOf(e));
  const roomNames = rooms.map((r) => r.name);
  return {
    days: [...byDay].map(([date, sessions]) => ({ date, sessions, grid: gridOf(e, sessions, roomNames) })),
    tracks,
    rooms,
    trackOf: (s) => trackOf.get(s.id),
    roomOf: (s) => roomOf.get(s.id),
  };
}

/** Filters are offered for groups the stylesheet can filter, when following one is less than the whole. */
export const filterable = (e: CatalogueEvent, groups: Group[]) =>
  groups.length > 0 && groups.length <= STYLED_GROUPS && groups.some((g) => g.size < e.sessions.length);
