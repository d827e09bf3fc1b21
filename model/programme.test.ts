// The programme the build records and the worker compares: facts now, the facts each change
// replaced (bounded), the change list, and the facts as of an announced sequence.
import { describe, expect, it } from 'vitest';
import {
  changedEvents,
  factsAt,
  KEPT,
  type ProgrammeEvent,
  type ProgrammeRevision,
  programmeChanges,
  recordProgramme,
  rescheduledFrom,
} from './programme.ts';

const revision = { hash: 'h', sequence: 0, modified: '2026-01-01T00:00:00.000Z' };
const session = (id: string, start: string, room = 'Hall') => ({
  id: `fest/${id}`,
  title: id,
  start,
  end: start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`),
  room,
  status: 'scheduled',
  revision,
});
const fest: ProgrammeEvent = {
  id: 'fest',
  start: '2027-05-13T09:00:00',
  end: '2027-05-13T18:00:00',
  endUtc: '2027-05-13T16:00:00.000Z',
  status: 'scheduled',
  venue: { name: 'Werkhaus', address: 'Skalitzer Str. 85' },
  sessions: [session('a', '2027-05-13T10:00:00'), session('b', '2027-05-13T11:00:00')],
  revision,
};

/** Builds one after another, each against the ledger the previous one left. */
function builds(...versions: ProgrammeEvent[]) {
  const ledger: Record<string, ProgrammeRevision> = {};
  let last = versions[0]!;
  versions.forEach((v, i) => {
    last = recordProgramme(v, ledger, `2026-11-0${i + 1}T00:00:00.000Z`);
    ledger[`events/${v.id}`] = last.revision;
    for (const s of last.sessions) ledger[`sessions/${s.id}`] = s.revision;
  });
  return last;
}

const withSession = (e: ProgrammeEvent, i: number, change: Partial<ProgrammeEvent['sessions'][number]>) => ({
  ...e,
  sessions: e.sessions.map((s, j) => (j === i ? { ...s, ...change } : s)),
});

describe('recordProgramme', () => {
  it('records the facts of a first build without counting a change', () => {
    const built = builds(fest);
    expect(built.revision.programme?.sequence).toBe(0);
    expect(built.revision.facts).toEqual({
      start: '2027-05-13T09:00:00',
      end: '2027-05-13T18:00:00',
      venue: 'Werkhaus, Skalitzer Str. 85',
      status: 'scheduled',
    });
    expect(built.sessions[0]!.revision.facts?.room).toBe('Hall');
    expect(built.sessions[0]!.revision.was).toBeUndefined();
  });

  it('counts a build that moves a session, and keeps what it replaced beside the new facts', () => {
    const built = builds(fest, withSession(fest, 0, { start: '2027-05-13T12:00:00', room: 'Loft' }));
    expect(built.revision.programme?.sequence).toBe(1);
    expect(built.sessions[0]!.revision.facts).toMatchObject({ start: '2027-05-13T12:00:00', room: 'Loft' });
    expect(built.sessions[0]!.revision.was).toEqual([
      { start: '2027-05-13T10:00:00', end: '2027-05-13T11:00:00', room: 'Hall', status: 'scheduled', until: 0 },
    ]);
    expect(built.sessions[1]!.revision.was).toBeUndefined();
  });

  it('counts nothing for a build that changes no watched fact', () => {
    const built = builds(fest, withSession(fest, 0, { title: 'Renamed' }));
    expect(built.revision.programme?.sequence).toBe(0);
  });

  it(`keeps the last ${KEPT} earlier facts of an entry`, () => {
    const rooms = ['R1', 'R2', 'R3', 'R4', 'R5'];
    const built = builds(fest, ...rooms.map((room) => withSession(fest, 0, { room })));
    expect(built.revision.programme?.sequence).toBe(5);
    expect(built.sessions[0]!.revision.was?.map((w) => [w.room, w.until])).toEqual([
      ['R2', 2],
      ['R3', 3],
      ['R4', 4],
    ]);
  });

  it('keeps only the sequence of an event that is over', () => {
    const over = { ...fest, endUtc: '2026-10-01T00:00:00.000Z' };
    const built = builds(over, withSession(over, 0, { room: 'Loft' }));
    expect(built.revision).toEqual({ ...revision, programme: { sequence: 0, modified: '2026-11-01T00:00:00.000Z' } });
    expect(built.sessions[0]!.revision).toEqual(revision);
  });
});

describe('the facts as announced', () => {
  const history = builds(
    fest,
    withSession(fest, 0, { room: 'Loft' }),
    withSession(withSession(fest, 0, { room: 'Loft' }), 1, { status: 'cancelled' }),
  );

  it('are those that held at the sequence announced, or the earliest kept when none was', () => {
    const a = history.sessions[0]!.revision;
    expect(factsAt(a, 0)?.room).toBe('Hall');
    expect(factsAt(a, 1)?.room).toBe('Loft');
    expect(factsAt(a, 2)?.room).toBe('Loft');
    expect(factsAt(a, null)?.room).toBe('Hall');
  });

  it('give every change since the sequence announced, and none since the latest', () => {
    expect(programmeChanges(history, 0).sessions.map((c) => [c.title, c.before.room, c.after.room])).toEqual([
      ['a', 'Hall', 'Loft'],
      ['b', 'Hall', 'Hall'],
    ]);
    expect(programmeChanges(history, 1).sessions.map((c) => [c.title, c.after.status])).toEqual([['b', 'cancelled']]);
    expect(programmeChanges(history, 2)).toEqual({ event: undefined, sessions: [] });
  });

  it('name the dates an event had before it was postponed, once it has a new date', () => {
    const moved = builds(fest, { ...fest, status: 'postponed' }, { ...fest, start: '2027-06-10T09:00:00' });
    expect(rescheduledFrom(moved)).toMatchObject({ start: '2027-05-13T09:00:00', status: 'postponed' });
    expect(rescheduledFrom(builds(fest, { ...fest, start: '2027-06-10T09:00:00' }))).toBeUndefined();
  });
});

describe('changedEvents', () => {
  it('lists events whose programme changed lately and that are not over, with the digest flag', () => {
    const changed = builds(fest, withSession(fest, 0, { room: 'Loft' }));
    const at = '2026-11-20T00:00:00.000Z';
    expect(changedEvents([changed, builds(fest)], at, () => true)).toEqual([{ id: 'fest', programme: 1 }]);
    expect(changedEvents([changed], at, () => false)).toEqual([{ id: 'fest', programme: 1, notify: false }]);
    expect(changedEvents([changed], '2027-01-01T00:00:00.000Z', () => true)).toEqual([]);
    expect(changedEvents([changed], '2027-06-01T00:00:00.000Z', () => true)).toEqual([]);
  });
});
