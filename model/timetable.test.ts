// The programme at a glance as the event page lays it out: days, a grid only where sessions run in
// parallel, rooms as columns in the event's order, rows from the times, and track indexes.
import { describe, expect, it } from 'vitest';
import type { CatalogueEvent, CatalogueSession } from './catalogue.ts';
import { filterable, GRID_COLUMNS, STYLED_GROUPS, timetable } from './timetable.ts';

const revision = { hash: 'h', sequence: 0, modified: '2027-01-01T00:00:00.000Z' };
// Times in UTC for the event's zone, to keep the arithmetic out of the way.
function session(id: string, start: string, end: string, o: Partial<CatalogueSession> = {}): CatalogueSession {
  return {
    id: `fest/${id}`,
    title: id,
    start: `${start}:00`,
    end: `${end}:00`,
    startUtc: `${start}:00.000Z`,
    endUtc: `${end}:00.000Z`,
    kind: 'talk',
    status: 'scheduled',
    speakers: [],
    abstract: '',
    revision,
    ...o,
  };
}
const event = (sessions: CatalogueSession[]) =>
  ({ id: 'fest', venue: { name: 'Hall', address: 'Street 1' }, sessions }) as unknown as CatalogueEvent;

const day1 = [
  session('opening', '2027-05-13T09:00', '2027-05-13T09:45', { room: 'Main' }),
  session('craft', '2027-05-13T10:00', '2027-05-13T10:45', { room: 'Main', track: 'Craft' }),
  session('money', '2027-05-13T10:00', '2027-05-13T11:30', { room: 'Studio', track: 'Business' }),
  session('lunch', '2027-05-13T12:00', '2027-05-13T13:00', { room: 'Roof' }),
];
const day2 = [
  session('clinic', '2027-05-14T10:00', '2027-05-14T11:00', { room: 'Studio', track: 'Business' }),
  session('writing', '2027-05-14T10:30', '2027-05-14T11:00', { room: 'Main', track: 'Craft' }),
];

describe('the timetable', () => {
  it('lays out a day with parallel sessions as a grid: their rooms as columns, rows from the times', () => {
    const [first] = timetable(event([...day1, ...day2])).days;
    expect(first!.date).toBe('2027-05-13');
    expect(first!.grid!.columns).toEqual(['Main', 'Studio']);
    const place = (id: string) => first!.grid!.place.get(`fest/${id}`);
    // Lines: 09:00=2, 09:45=3, 10:00=4, 10:45=5, 11:30=6, 12:00=7, 13:00=8.
    expect(place('craft')).toEqual({ column: 1, from: 4, to: 5 });
    expect(place('money')).toEqual({ column: 2, from: 4, to: 6 });
    expect(place('opening')).toEqual({ column: 1, from: 2, to: 3 });
    // A room with nothing in parallel is no column: its session spans them all.
    expect(place('lunch')).toEqual({ column: 0, from: 7, to: 8 });
    expect(first!.grid!.ticks.map((t) => t.time)).toEqual(['09:00', '10:00', '12:00']);
  });

  it("keeps the event's order of rooms from day to day", () => {
    const [, second] = timetable(event([...day1, ...day2])).days;
    expect(second!.grid!.columns).toEqual(['Main', 'Studio']);
  });

  it('lists a day without parallel sessions, and a day it cannot draw', () => {
    const quiet = timetable(event([day1[0]!, day1[3]!])).days[0]!;
    expect(quiet.grid).toBeUndefined();
    const clash = session('clash', '2027-05-13T10:15', '2027-05-13T10:30', { room: 'Main' });
    expect(timetable(event([...day1, clash])).days[0]!.grid).toBeUndefined();
    const many = Array.from({ length: GRID_COLUMNS + 1 }, (_, i) =>
      session(`s${i}`, '2027-05-13T10:00', '2027-05-13T11:00', { room: `Room ${i}` }),
    );
    expect(timetable(event(many)).days[0]!.grid).toBeUndefined();
  });

  it('numbers tracks and rooms in order of first appearance, wrapping after the styled ones', () => {
    const t = timetable(event([...day1, ...day2]));
    expect(t.tracks.map((g) => [g.index, g.name])).toEqual([
      [1, 'Craft'],
      [2, 'Business'],
    ]);
    expect(t.trackOf(day2[0]!)).toMatchObject({ index: 2, name: 'Business' });
    expect(t.trackOf(day1[0]!)).toBeUndefined();
    expect(t.roomOf(day1[3]!)).toMatchObject({ index: 3, name: 'Roof' });
    const tracks = Array.from({ length: STYLED_GROUPS + 1 }, (_, i) =>
      session(
        `t${i}`,
        `2027-05-13T${String(9 + i).padStart(2, '0')}:00`,
        `2027-05-13T${String(9 + i).padStart(2, '0')}:30`,
        {
          track: `Track ${i}`,
        },
      ),
    );
    expect(timetable(event(tracks)).tracks.at(-1)!.index).toBe(1);
  });

  it('offers filters only when one group is less than the whole, and the stylesheet can filter them', () => {
    const all = event([...day1, ...day2]);
    const t = timetable(all);
    expect(filterable(all, t.tracks)).toBe(true);
    const one = event([day1[1]!]);
    expect(filterable(one, timetable(one).tracks)).toBe(false);
  });
});
