// The schedule exports as conference apps and the c3voc tools check them: every sample event's
// JSON against the c3voc JSON schema and its XML against the c3voc XSD (both copied, with their
// licence, in tests/fixtures/c3voc), and ids that stay put from one build to the next.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import {
  type CatalogueEvent,
  catalogueEventSchema,
  cataloguePaths,
  siteCatalogueSchema,
  siteInfoSchema,
} from '../model/catalogue.ts';
import { frabAcronym, frabSchedule } from '../worker/feeds/frab.ts';
import { frabXml } from '../worker/feeds/frab-xml.ts';
import { testBuild } from './support/test-build.ts';

const fixtures = join(import.meta.dirname, 'fixtures/c3voc');
// Upstream's schema carries `//` comments, which JSON does not allow.
const schema = JSON.parse(readFileSync(join(fixtures, 'schema.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const xsd = readFileSync(join(fixtures, 'schedule.xml.xsd'), 'utf8');

const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(draft06);
addFormats(ajv);
// The schema names a "color" format without defining it; ours are hex colours.
ajv.addFormat('color', /^#[0-9a-f]{6}$/i);
const validateJson = ajv.compile(schema);

const read = (dir: string, path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));
const catalogue = siteCatalogueSchema.parse(read(testBuild.catalogue, cataloguePaths.siteCatalogue));
const events = catalogue.events.map((e) =>
  catalogueEventSchema.parse(read(testBuild.catalogue, cataloguePaths.event(e.id))),
);

async function xmlProblems(xml: string) {
  const result = await validateXML({ xml: [{ fileName: 'schedule.xml', contents: xml }], schema: [xsd] });
  return result.errors.map((e) => e.rawMessage);
}

const talksOf = (event: CatalogueEvent, site = catalogue.site) =>
  frabSchedule(site, event).schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());

describe('schedule.json and schedule.xml of every sample event', () => {
  it.each(events.map((e) => [e.id, e] as const))('%s: the JSON passes the c3voc schema', (_id, event) => {
    const json = JSON.parse(JSON.stringify(frabSchedule(catalogue.site, event)));
    expect(validateJson(json), JSON.stringify(validateJson.errors, null, 2)).toBe(true);
  });

  it.each(events.map((e) => [e.id, e] as const))('%s: the XML passes the c3voc XSD', async (_id, event) => {
    expect(await xmlProblems(frabXml(frabSchedule(catalogue.site, event)))).toEqual([]);
  });

  it('names days, rooms, tracks, speakers and times as the programme does', () => {
    const event = events.find((e) => e.id === 'indiecon-toronto-2027')!;
    const { conference } = frabSchedule(catalogue.site, event).schedule;
    expect(conference).toMatchObject({
      acronym: 'indiecon_toronto_2027',
      start: '2027-05-13',
      end: '2027-05-14',
      daysCount: 2,
      time_zone_name: 'America/Toronto',
    });
    expect(conference.rooms.map((r) => r.name)).toEqual(expect.arrayContaining(['Main hall', 'Studio B']));
    expect(conference.tracks.map((t) => t.name).sort()).toEqual(['Business', 'Craft']);
    const talks = conference.days.flatMap((d) => Object.values(d.rooms).flat());
    const opening = talks.find((t) => t.url.endsWith('/sessions/opening/'))!;
    expect(opening).toMatchObject({ room: 'Main hall', type: 'keynote', language: 'en', track: null });
    expect(opening.date).toMatch(/^2027-05-13T\d{2}:\d{2}:00-04:00$/);
    expect(opening.persons.map((p) => p.name)).toEqual(['Priya Raman']);
    // The night walk starts before midnight and stays on its day.
    const walk = talks.find((t) => t.title === 'Night walk & karaoke')!;
    expect(walk).toMatchObject({ date: '2027-05-13T22:00:00-04:00', duration: '02:30' });
    expect(conference.days[0]!.rooms['Meet at the front door']!.map((t) => t.title)).toContain(walk.title);
    expect(conference.days[0]!.day_end).toBe('2027-05-14T00:30:00-04:00');
    // Cancelled sessions are left out, as frab does.
    expect(talks.map((t) => t.title)).not.toContain('Contracts clinic');
  });

  it('keeps each time in its local zone across the change to summer time', () => {
    const camp = events.find((e) => e.id === 'copass-camp-lisbon-2027')!;
    const talks = talksOf(camp);
    expect(talks.find((t) => t.url.endsWith('/sessions/spaces-exchange/'))!.date).toBe('2027-03-27T10:00:00+00:00');
    expect(talks.find((t) => t.url.endsWith('/sessions/hosting-travellers/'))!.date).toBe('2027-03-28T10:00:00+01:00');
    // Two venues: rooms say which one.
    expect(talks.map((t) => t.room)).toContain('Sala azul, Atelier da Graça');
  });

  it('escapes text in the XML', async () => {
    const event = events.find((e) => e.id === 'indiecon-toronto-2027')!;
    const xml = frabXml(frabSchedule(catalogue.site, event));
    expect(xml).toContain('<title>Night walk &amp; karaoke</title>');
    expect(xml).toContain('Pricing, scoping; saying no — a freelancer&apos;s toolkit 💸');
  });

  it('makes an event id with several hyphens into an acronym the c3voc pattern accepts', () => {
    const pattern = new RegExp(schema.definitions.Conference.properties.acronym.pattern);
    for (const id of ['indiecon-toronto-2027', 'a', 'ab-c', 'x-2027-berlin', 'nested/event-id'])
      expect(frabAcronym(id), id).toMatch(pattern);
  });
});

describe('ids across builds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gathering-schedule-'));
  cpSync(join(import.meta.dirname, 'fixtures/content/valid'), join(dir, 'content'), { recursive: true });
  const out = join(dir, 'catalogue');

  function build(now: string) {
    const args = ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out, '--now', now];
    execFileSync(process.execPath, args);
    const site = siteInfoSchema.parse(read(out, cataloguePaths.site));
    const event = catalogueEventSchema.parse(read(out, cataloguePaths.event('mini-meetup')));
    return new Map(talksOf(event, site).map((t) => [t.url, { id: t.id, guid: t.guid, slug: t.slug }]));
  }

  it('keeps every session id, guid and slug through rebuilds and a session added beside it', () => {
    const first = build('2026-01-01T10:00:00Z');
    expect(first.size).toBe(1);
    expect(build('2026-01-02T10:00:00Z')).toEqual(first);
    const talk = readFileSync(join(dir, 'content/sessions/mini-meetup/talk.md'), 'utf8');
    writeFileSync(
      join(dir, 'content/sessions/mini-meetup/another.md'),
      talk.replace('title: A talk', 'title: Another talk'),
    );
    const third = build('2026-01-03T10:00:00Z');
    expect(third.size).toBe(2);
    for (const [url, ids] of first) expect(third.get(url)).toEqual(ids);
    const [a, b] = [...third.values()];
    expect(a!.id).not.toBe(b!.id);
    expect(a!.guid).not.toBe(b!.guid);
  });
});

describe('the validators themselves', () => {
  it('refuse what the c3voc schemas refuse', async () => {
    const event = events.find((e) => e.id === 'indiecon-toronto-2027')!;
    const json = JSON.parse(JSON.stringify(frabSchedule(catalogue.site, event)));
    json.schedule.conference.acronym = event.id;
    expect(validateJson(json)).toBe(false);
    const xml = frabXml(frabSchedule(catalogue.site, event));
    expect(await xmlProblems(xml.replace(/guid="[^"]+"/, 'guid="not-a-uuid"'))).not.toEqual([]);
    expect(await xmlProblems(xml.replace(/<slug>[^<]*<\/slug>/, ''))).not.toEqual([]);
  });
});
