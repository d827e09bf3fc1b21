// Several venues as an organiser meets them: an event lists its venues, each session names its own
// (the first by default), and the build refuses a session at a venue its event does not have.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type CatalogueEvent, catalogueEventSchema, cataloguePaths } from '../model/catalogue.ts';
import { sessionVenue } from '../model/venues.ts';
import { buildCalendar } from '../worker/feeds/calendar.ts';
import { eventFeed } from '../worker/feeds/feeds.ts';

const valid = join(import.meta.dirname, 'fixtures/content/valid');

const event = (where: string) => `---
title: Mini meetup
summary: A fixture event.
kind: meetup
start: "2027-01-10T18:00"
end: "2027-01-10T21:00"
timeZone: Europe/Berlin
city: Berlin
country: Germany
${where}
---
Body.
`;

const session = (id: string, venue?: string) => `---
event: mini-meetup
title: Session ${id}
start: "2027-01-10T19:00"
end: "2027-01-10T20:00"
room: Loft
${venue ? `venue: ${venue}` : ''}
---
`;

const twoVenues = `venues:
  - { space: test-space }
  - { name: The Annex, address: "Hinterhof 2, Berlin", coordinates: { lat: 52.51, lng: 13.41 } }`;

/** Builds the valid fixture content with some files replaced; paths are relative to content/. */
function build(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'gathering-venues-'));
  cpSync(valid, join(dir, 'content'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'content', path)), { recursive: true });
    writeFileSync(join(dir, 'content', path), text);
  }
  const out = join(dir, 'catalogue');
  const result = spawnSync(
    process.execPath,
    ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out],
    { encoding: 'utf8' },
  );
  const read = (): CatalogueEvent =>
    catalogueEventSchema.parse(JSON.parse(readFileSync(join(out, cataloguePaths.event('mini-meetup')), 'utf8')));
  return { ...result, out, read };
}

/** The build's error line for a file and field, if there is one. */
const problem = (stderr: string, file: string, field: string) =>
  stderr.split('\n').find((l) => l.includes(`${file}: ${field}: `));

describe('an event with several venues', () => {
  it('gives each session its own venue, the first by default, in the catalogue and in its feed', () => {
    const built = build({
      'events/mini-meetup.md': event(twoVenues),
      'sessions/mini-meetup/annex.md': session('in the annex', 'the-annex'),
    });
    expect(built.status, built.stderr).toBe(0);
    const e = built.read();
    expect(e.venue).toEqual({
      name: 'Test Space',
      address: 'Somewhere 1',
      spaceId: 'test-space',
      lat: 52.5,
      lng: 13.4,
    });
    expect(e.venues?.map((v) => v.key)).toEqual(['test-space', 'the-annex']);
    const byId = new Map(e.sessions.map((s) => [s.id, s]));
    expect(sessionVenue(e, byId.get('mini-meetup/talk')!).name).toBe('Test Space');
    expect(sessionVenue(e, byId.get('mini-meetup/annex')!).name).toBe('The Annex');

    // A calendar app reads each session's own place.
    const feed = eventFeed(e);
    const calendar = new ICAL.Component(ICAL.parse(buildCalendar(feed, feed.entries)));
    const where = new Map(
      calendar
        .getAllSubcomponents('vevent')
        .map((v) => [
          v.getFirstPropertyValue('summary'),
          { location: v.getFirstPropertyValue('location'), geo: v.getFirstPropertyValue('geo') },
        ]),
    );
    expect(where.get('Session in the annex')).toEqual({
      location: 'Loft, The Annex\nHinterhof 2, Berlin',
      geo: [52.51, 13.41],
    });
    expect(where.get('A talk')).toEqual({ location: 'Test Space\nSomewhere 1', geo: [52.5, 13.4] });
    // The event's own entry names the first venue, and lists them all in its description.
    expect(where.get('Mini meetup')?.location).toBe('Test Space\nSomewhere 1');
  });

  it('lets an organiser name a venue with an id of their choosing', () => {
    const built = build({
      'events/mini-meetup.md': event(twoVenues.replace('{ name: The Annex', '{ id: annex, name: The Annex')),
      'sessions/mini-meetup/annex.md': session('in the annex', 'annex'),
    });
    expect(built.status, built.stderr).toBe(0);
    expect(built.read().sessions.find((s) => s.id === 'mini-meetup/annex')?.venue).toBe('annex');
  });

  it("lists the event on the page of every space it uses, not only its first venue's", () => {
    const built = build({
      'spaces/other-space.md': readFileSync(join(valid, 'spaces/test-space.md'), 'utf8'),
      'events/mini-meetup.md': event('venues:\n  - { space: test-space }\n  - { space: other-space }'),
    });
    expect(built.status, built.stderr).toBe(0);
    const site = JSON.parse(readFileSync(join(built.out, cataloguePaths.siteCatalogue), 'utf8'));
    const held = Object.fromEntries(site.spaces.map((x: { id: string; events: string[] }) => [x.id, x.events]));
    expect(held).toEqual({ 'test-space': ['mini-meetup'], 'other-space': ['mini-meetup'] });
  });

  it('keeps the single-venue form working as before: no venue list, no venue per session', () => {
    const built = build({ 'sessions/mini-meetup/named.md': session('named', 'test-space') });
    expect(built.status, built.stderr).toBe(0);
    const e = built.read();
    expect(e.venue).toMatchObject({ name: 'Test Space', spaceId: 'test-space' });
    expect(e.venues).toBeUndefined();
    expect(e.sessions.map((s) => s.venue)).toEqual([undefined, undefined]);
    expect(JSON.stringify(e)).not.toContain('"venues"');
  });
});

describe('venue problems fail the build, naming the file and the field', () => {
  it('refuses a session at a venue its event does not have', () => {
    const built = build({
      'events/mini-meetup.md': event(twoVenues),
      'sessions/mini-meetup/annex.md': session('elsewhere', 'the-garage'),
    });
    expect(built.status).toBe(1);
    expect(problem(built.stderr, 'sessions/mini-meetup/annex.md', 'venue')).toMatch(
      /expected one of the venues of its event mini-meetup \(test-space, the-annex\), got "the-garage"/,
    );
    expect(existsSync(built.out)).toBe(false);
  });

  it('says how to fix a session that names a space of the network its event does not list', () => {
    const built = build({
      'spaces/other-space.md': readFileSync(join(valid, 'spaces/test-space.md'), 'utf8'),
      'sessions/mini-meetup/annex.md': session('elsewhere', 'other-space'),
    });
    expect(built.status).toBe(1);
    expect(problem(built.stderr, 'sessions/mini-meetup/annex.md', 'venue')).toMatch(
      /\(test-space\), got "other-space"; "other-space" is a space, but not a venue of this event: add \{ space: other-space \}/,
    );
  });

  it('refuses an unknown space among the venues', () => {
    const built = build({ 'events/mini-meetup.md': event(twoVenues.replace('test-space', 'no-such-space')) });
    expect(built.status).toBe(1);
    expect(problem(built.stderr, 'events/mini-meetup.md', 'venues.0.space')).toMatch(
      /content\/spaces.*got "no-such-space"/,
    );
  });

  it('refuses two venues that sessions could not tell apart', () => {
    const built = build({
      'events/mini-meetup.md': event(`venues:\n  - { space: test-space }\n  - { space: test-space, room: Roof }`),
    });
    expect(built.status).toBe(1);
    expect(problem(built.stderr, 'events/mini-meetup.md', 'venues.1.id')).toMatch(
      /"test-space" names two of them: give one its own id/,
    );
  });

  it('needs exactly one of venue and venues', () => {
    const both = build({ 'events/mini-meetup.md': event(`venue: { space: test-space }\n${twoVenues}`) });
    expect(problem(both.stderr, 'events/mini-meetup.md', 'venue')).toMatch(/either venue .* or venues .*not both/);
    const neither = build({ 'events/mini-meetup.md': event('') });
    expect(problem(neither.stderr, 'events/mini-meetup.md', 'venue')).toMatch(/expected where the event happens/);
  });
});
