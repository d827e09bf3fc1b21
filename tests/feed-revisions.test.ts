// Calendar apps match entries by UID and notice changes by SEQUENCE and LAST-MODIFIED. Both come
// from the build: UIDs from content ids, revisions from content/revisions.json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { catalogueSchema } from '../model/catalogue.ts';
import { buildCalendar } from '../worker/feeds/calendar.ts';
import { eventFeed } from '../worker/feeds/feeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'gathering-feeds-'));
cpSync(join(import.meta.dirname, 'fixtures/content/valid'), join(dir, 'content'), { recursive: true });

function buildFeed() {
  const out = join(dir, 'catalogue.json');
  execFileSync(process.execPath, ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out]);
  const catalogue = catalogueSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
  const feed = eventFeed(catalogue, catalogue.events[0]!);
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
  it('keeps UIDs, SEQUENCE and LAST-MODIFIED when nothing changed, and moves SEQUENCE and LAST-MODIFIED when an entry did', async () => {
    const first = buildFeed();
    const second = buildFeed();
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect([...first.keys()]).toEqual([
      'event-mini-meetup@gathering.events',
      'session-mini-meetup.talk@gathering.events',
    ]);
    expect(second).toEqual(first);

    await new Promise((r) => setTimeout(r, 1100));
    const file = join(dir, 'content/sessions/mini-meetup/talk.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: A talk', 'title: A better talk'));
    const third = buildFeed();
    const talk = 'session-mini-meetup.talk@gathering.events';
    expect([...third.keys()]).toEqual([...first.keys()]);
    expect(third.get(talk)!.summary).toBe('A better talk');
    expect(third.get(talk)!.sequence).toBe(first.get(talk)!.sequence + 1);
    expect(third.get(talk)!.modified).toBeGreaterThan(first.get(talk)!.modified);
    expect(third.get('event-mini-meetup@gathering.events')).toEqual(first.get('event-mini-meetup@gathering.events'));
  });
});
