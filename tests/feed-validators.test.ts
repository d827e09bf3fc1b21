// Every input that changes a feed's bytes changes its validators (ETag from the site's version,
// Last-Modified) and the SEQUENCE of each entry whose text changed; an unchanged rebuild gives the
// same bytes. Built with the real build script, parsed with ical.js.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { catalogueEventSchema, cataloguePaths } from '../model/catalogue.ts';
import { buildCalendar } from '../worker/feeds/calendar.ts';
import { eventFeed, lastModified, publicFeedKey } from '../worker/feeds/feeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'gathering-validators-'));
cpSync(join(import.meta.dirname, 'fixtures/content/valid'), join(dir, 'content'), { recursive: true });
const EVENT = 'event-mini-meetup@localhost:8787';
const TALK = 'session-mini-meetup.talk@localhost:8787';

function build(now: string) {
  const out = join(dir, 'catalogue');
  const args = ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out, '--now', now];
  const printed = execFileSync(process.execPath, args, { encoding: 'utf8' });
  const read = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
  const site = read(cataloguePaths.site);
  const feed = eventFeed(catalogueEventSchema.parse(read(cataloguePaths.event('mini-meetup'))));
  const text = buildCalendar(feed, feed.entries);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const seq = new Map(
    calendar
      .getAllSubcomponents('vevent')
      .map((v) => [v.getFirstPropertyValue('uid') as string, Number(v.getFirstPropertyValue('sequence'))]),
  );
  return {
    printed,
    text,
    seq,
    etag: publicFeedKey(site, 'event:mini-meetup'),
    lastModified: lastModified(feed),
    ledger: JSON.parse(readFileSync(join(dir, 'content/revisions.json'), 'utf8')),
  };
}
const edit = (file: string, from: string, to: string) => {
  const path = join(dir, 'content', file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};

describe('feed validators across builds', () => {
  it('gives the same bytes and ETag when nothing changed, and prints the base URL it used', () => {
    const first = build('2026-01-01T10:00:00Z');
    const second = build('2026-01-02T10:00:00Z');
    expect(second.text).toBe(first.text);
    expect(second.etag).toBe(first.etag);
    expect(second.printed).toContain('site URL http://localhost:8787');
  });

  it("moves the ETag and the entries' SEQUENCE when a space's address or a speaker's name changes", () => {
    const before = build('2026-01-03T10:00:00Z');
    edit('spaces/test-space.md', 'address: Somewhere 1', 'address: Elsewhere 2');
    const moved = build('2026-01-04T10:00:00Z');
    expect(moved.text).toContain('Elsewhere 2');
    expect(moved.etag).not.toBe(before.etag);
    expect(moved.lastModified > before.lastModified).toBe(true);
    expect(moved.seq.get(EVENT)).toBeGreaterThan(before.seq.get(EVENT)!);
    expect(moved.seq.get(TALK)).toBeGreaterThan(before.seq.get(TALK)!);

    edit('people/test-person.md', 'name: Test Person', 'name: Renamed Person');
    const renamed = build('2026-01-05T10:00:00Z');
    expect(renamed.text).toContain('Renamed Person');
    expect(renamed.etag).not.toBe(moved.etag);
    expect(renamed.seq.get(TALK)).toBeGreaterThan(moved.seq.get(TALK)!);
  });

  it('moves Last-Modified when a session is removed, and a restored one never starts again at 0', () => {
    const talk = join(dir, 'content/sessions/mini-meetup/talk.md');
    const saved = readFileSync(talk, 'utf8');
    const before = build('2026-01-06T10:00:00Z');
    rmSync(talk);
    const removed = build('2026-01-07T10:00:00Z');
    expect(removed.seq.has(TALK)).toBe(false);
    expect(removed.etag).not.toBe(before.etag);
    expect(removed.lastModified > before.lastModified).toBe(true);
    expect(removed.ledger['sessions/mini-meetup/talk']).toMatchObject({ removed: '2026-01-07T10:00:00.000Z' });
    writeFileSync(talk, saved);
    const restored = build('2026-01-08T10:00:00Z');
    expect(restored.seq.get(TALK)).toBeGreaterThan(before.seq.get(TALK)!);
    expect(restored.ledger['sessions/mini-meetup/talk'].removed).toBeUndefined();
  });
});
