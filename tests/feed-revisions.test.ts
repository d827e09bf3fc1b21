// Calendar apps match entries by UID and notice changes by SEQUENCE and LAST-MODIFIED. Both come
// from the build: UIDs from content ids, revisions from content/revisions.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { catalogueEventSchema, cataloguePaths } from '../model/catalogue.ts';
import { buildCalendar } from '../worker/feeds/calendar.ts';
import { eventFeed } from '../worker/feeds/feeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'gathering-feeds-'));
cpSync(join(import.meta.dirname, 'fixtures/content/valid'), join(dir, 'content'), { recursive: true });

function buildFeed(now: string) {
  const out = join(dir, 'catalogue');
  const args = ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out, '--now', now];
  execFileSync(process.execPath, args);
  const read = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
  const feed = eventFeed(catalogueEventSchema.parse(read(cataloguePaths.event('mini-meetup'))));
  const calendar = new ICAL.Component(ICAL.parse(buildCalendar(feed, feed.entries)));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((v) => [
      v.getFirstPropertyValue('uid') as string,
      {
        sequence: Number(v.getFirstPropertyValue('sequence')),
        modified: (v.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().getTime(),
        summary: v.getFirstPropertyValue('summary'),
      },
    ]),
  );
}

describe('feed identity across builds', () => {
  it('keeps UIDs and revisions when nothing changed, and moves both when an entry did', async () => {
    const first = buildFeed('2026-01-01T10:00:00Z');
    const second = buildFeed('2026-01-02T10:00:00Z');
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual(['event-mini-meetup@localhost:8787', 'session-mini-meetup.talk@localhost:8787']);
    expect(second).toEqual(first);

    const file = join(dir, 'content/sessions/mini-meetup/talk.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: A talk', 'title: A better talk'));
    const third = buildFeed('2026-01-03T10:00:00Z');
    const talk = 'session-mini-meetup.talk@localhost:8787';
    expect([...third.keys()]).toEqual([...first.keys()]);
    expect(third.get(talk)!.summary).toBe('A better talk');
    expect(third.get(talk)!.sequence).toBe(first.get(talk)!.sequence + 1);
    expect(third.get(talk)!.modified).toBeGreaterThan(first.get(talk)!.modified);
    expect(third.get('event-mini-meetup@localhost:8787')).toEqual(first.get('event-mini-meetup@localhost:8787'));
  });
});
