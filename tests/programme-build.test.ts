// What the build keeps for announcing changes: each entry's programme facts in content/revisions.json
// beside its sequence, the facts a change replaced, the event's programme sequence, and the small
// list of events whose programme changed, which the worker's cron reads.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cataloguePaths } from '../model/catalogue.ts';
import { TEST_NOW } from './support/test-build.ts';

function content() {
  const dir = mkdtempSync(join(tmpdir(), 'gathering-programme-'));
  cpSync(join(import.meta.dirname, 'fixtures/content/valid'), join(dir, 'content'), { recursive: true });
  const out = join(dir, 'catalogue');
  const build = (now = TEST_NOW) =>
    execFileSync(process.execPath, [
      'scripts/build-catalogue.ts',
      '--content',
      join(dir, 'content'),
      '--out',
      out,
      '--now',
      now,
    ]);
  const edit = (file: string, from: RegExp, to: string) => {
    const path = join(dir, 'content', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
  };
  const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
  return {
    build,
    edit,
    ledger: () => json(join(dir, 'content/revisions.json')),
    changes: () => json(join(out, cataloguePaths.changes)),
    event: () => json(join(out, cataloguePaths.event('mini-meetup'))),
  };
}

const talk = 'sessions/mini-meetup/talk.md';

describe('the revisions ledger and the programme', () => {
  it('records the facts, and what a change replaced beside the new sequence', () => {
    const c = content();
    c.build();
    expect(c.ledger()['sessions/mini-meetup/talk']).toMatchObject({
      sequence: 0,
      facts: { start: '2027-01-10T18:30:00', end: '2027-01-10T19:00:00', status: 'scheduled' },
    });
    expect(c.ledger()['events/mini-meetup'].programme.sequence).toBe(0);
    expect(c.changes().events).toEqual([]);

    c.edit(talk, /start: "2027-01-10T18:30"/, 'start: "2027-01-10T18:40"\nroom: Loft');
    c.build('2026-11-26T12:00:00.000Z');
    const ledger = c.ledger();
    expect(ledger['sessions/mini-meetup/talk']).toMatchObject({
      sequence: 1,
      facts: { start: '2027-01-10T18:40:00', room: 'Loft' },
      was: [{ start: '2027-01-10T18:30:00', end: '2027-01-10T19:00:00', status: 'scheduled', until: 0 }],
    });
    expect(ledger['events/mini-meetup']).toMatchObject({
      sequence: 0,
      programme: { sequence: 1, modified: '2026-11-26T12:00:00.000Z' },
    });
    // The event's file carries the same revisions, so the worker needs nothing else.
    expect(c.event().sessions[0].revision.was[0].start).toBe('2027-01-10T18:30:00');
    expect(c.changes().events).toEqual([{ id: 'mini-meetup', programme: 1 }]);

    // Built again without a change: the same ledger and the same list.
    const { version } = c.changes();
    c.build('2026-11-26T13:00:00.000Z');
    expect(c.ledger()).toEqual(ledger);
    expect(c.changes().version).toBe(version);
  });

  it('lists a cancelled event with its note, and says when the digest is turned off', () => {
    const c = content();
    c.build();
    c.edit(
      'events/mini-meetup.md',
      /kind: meetup/,
      'kind: meetup\nstatus: cancelled\ncancellation: The space flooded.',
    );
    c.build();
    expect(c.event()).toMatchObject({ status: 'cancelled', cancellation: 'The space flooded.' });
    expect(c.ledger()['events/mini-meetup'].was).toEqual([expect.objectContaining({ status: 'scheduled', until: 0 })]);
    expect(c.changes().events).toEqual([{ id: 'mini-meetup', programme: 1 }]);

    c.edit(talk, /start: "2027-01-10T18:30"/, 'start: "2027-01-10T18:45"');
    c.edit('events/mini-meetup.md', /kind: meetup/, 'kind: meetup\nnotifyChanges: false');
    c.build();
    expect(c.changes().events).toEqual([{ id: 'mini-meetup', programme: 2, notify: false }]);
  });

  it('stops listing an event 30 days after its programme changed, or once it is over', () => {
    const c = content();
    c.build();
    c.edit(talk, /start: "2027-01-10T18:30"/, 'start: "2027-01-10T18:45"');
    c.build();
    expect(c.changes().events).toHaveLength(1);
    c.build('2026-12-26T12:00:00.000Z');
    expect(c.changes().events).toEqual([]);
    c.build('2027-01-11T12:00:00.000Z');
    expect(c.ledger()['sessions/mini-meetup/talk'].facts).toBeUndefined();
  });
});
