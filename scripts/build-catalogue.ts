// Build step one: reads content/, validates every entry and every reference between entries,
// records revisions, and writes the read model (model/catalogue.ts) that the site and the worker
// share. Bad content stops the build here with the file, the field and what was expected.
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { load as parseYaml } from 'js-yaml';
import { marked } from 'marked';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { z } from 'zod';
import { cataloguePaths, hashText, RECENT_DAYS, type Revision, revisionSchema, summaryOf } from '../model/catalogue.ts';
import { buildCatalogue } from '../model/catalogue-build.ts';
import { photoPath } from '../model/content.ts';
import {
  type CollectionName,
  type ContentProblem,
  type ContentSet,
  checkReferences,
  collectionSchemas,
  formatProblem,
} from '../model/content-checks.ts';
import { changedEvents, recordProgramme } from '../model/programme.ts';
import { programmePaths } from '../model/session-groups.ts';
import { type Vocabulary, vocabularySchema } from '../model/vocabulary.ts';
import { eventEntry, renderEntry, sessionEntry } from '../worker/feeds/calendar.ts';
import { loadEntries, markdownFiles, openCache, saveCache } from './catalogue/load.ts';
import { progress } from './progress.ts';

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist/catalogue' },
    revisions: { type: 'string' },
    // Where the content cache lives (what the last build found in each file): beside the output.
    cache: { type: 'string' },
    // The build's clock, for reproducible builds and tests; now by default.
    now: { type: 'string' },
  },
});
const contentDir = args.content;
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];
const revisionsFile = args.revisions ?? join(contentDir, 'revisions.json');
const siteUrl = (process.env.SITE_URL ?? 'http://localhost:8787').replace(/\/$/, '');

const report = progress('catalogue');
const problems: ContentProblem[] = [];
const photoPrints: string[] = [];
const set = {} as ContentSet;
const cacheFile = args.cache ?? join(dirname(args.out), 'content-cache.json');
const cache = openCache(cacheFile);
for (const name of Object.keys(collectionSchemas) as CollectionName[]) {
  const dir = join(contentDir, name);
  const loaded = loadEntries(name, dir, markdownFiles(dir), cache);
  problems.push(...loaded.problems);
  (set as Record<string, unknown>)[name] = loaded.entries;
  report.step(`read and checked ${loaded.entries.length} ${name} (${loaded.reused} unchanged)`);
}
saveCache(cacheFile, cache);
if (problems.length === 0) problems.push(...checkReferences(set), ...checkPhotos(set.people));

/** Every photo is a file inside the content folder; its bytes go into the build's version. */
function checkPhotos(people: ContentSet['people']): ContentProblem[] {
  const found: ContentProblem[] = [];
  for (const p of people) {
    if (!p.data.photo) continue;
    const file = join(contentDir, photoPath(p.id, p.data.photo.src));
    if (existsSync(file)) photoPrints.push(`${p.id}:${p.data.photo.alt}:${hash('sha256', readFileSync(file))}`);
    else {
      const expected = `expected an image file at ${relative(process.cwd(), file)} (src is relative to this file), but there is none`;
      found.push({ file: p.file, field: 'photo.src', expected });
    }
  }
  return found;
}

// The matching vocabulary: content/vocabulary.yaml, optional.
const vocabularyFile = join(contentDir, 'vocabulary.yaml');
let vocabulary: Vocabulary = [];
if (existsSync(vocabularyFile)) {
  const shown = relative(process.cwd(), vocabularyFile);
  try {
    const parsed = vocabularySchema.safeParse(parseYaml(readFileSync(vocabularyFile, 'utf8')) ?? []);
    if (parsed.success) vocabulary = parsed.data;
    else
      for (const issue of parsed.error.issues)
        problems.push({ file: shown, field: issue.path.join('.') || '(list)', expected: issue.message });
  } catch (error) {
    problems.push({ file: shown, field: '(file)', expected: `expected valid YAML: ${firstLine(error)}` });
  }
}

if (problems.length > 0) {
  console.error(`Content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was built:`);
  const order = (p: ContentProblem) => `${p.file}\u0000${p.field}`;
  for (const p of problems.sort((a, b) => order(a).localeCompare(order(b)))) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}

const ledgerSchema = z.record(z.string(), revisionSchema);
const previous = existsSync(revisionsFile) ? ledgerSchema.parse(JSON.parse(readFileSync(revisionsFile, 'utf8'))) : {};
const builtAt = new Date(args.now ?? Date.now()).toISOString();
const ledger: Record<string, Revision> = {};

function revisionOf(key: string, published: unknown): Revision {
  const digest = hash('sha256', siteUrl + JSON.stringify(published)).slice(0, 16);
  const before = previous[key];
  // A restored entry goes on from its tombstone's sequence: calendars that deleted it take it back.
  const revision = !before
    ? { hash: digest, sequence: 0, modified: builtAt }
    : before.hash === digest && !before.removed
      ? before
      : { hash: digest, sequence: before.sequence + 1, modified: builtAt };
  ledger[key] = revision;
  return revision;
}

const zones = new Map<string, string>();
function vtimezone(zone: string): string {
  if (!zones.has(zone)) zones.set(zone, tzlib_get_ical_block(zone)[0] ?? '');
  return zones.get(zone)!;
}

const built = buildCatalogue(set, {
  siteUrl,
  builtAt,
  revisionOf,
  renderMarkdown: (md) => marked.parse(md, { async: false }),
  vocabulary,
  vtimezone,
  renderSessionEntry: (e, s) => renderEntry(sessionEntry(e, s)),
  recentDays: RECENT_DAYS,
  renderEntry: (e) => renderEntry(eventEntry(e)),
});
// The programme facts beside each revision, and the events whose programme changed lately: what the
// worker's cron announces (model/programme.ts).
const recorded = built.events.map((e) => recordProgramme(e, previous, builtAt));
for (const e of recorded) {
  ledger[`events/${e.id}`] = e.revision;
  for (const s of e.sessions) ledger[`sessions/${s.id}`] = s.revision;
}
// Removed entries keep a tombstone, so that a restored one never starts again at SEQUENCE 0, and
// their event's feeds move Last-Modified when a session goes.
for (const [key, before] of Object.entries(previous))
  if (!ledger[key]) {
    const { hash: h, sequence, modified, removed } = before;
    ledger[key] = { hash: h, sequence, modified, removed: removed ?? builtAt };
  }
// The latest removal per event, in one pass over the tombstones (not one pass per event).
const sessionsGone = new Map<string, string>();
for (const [key, r] of Object.entries(ledger)) {
  if (!r.removed || !key.startsWith('sessions/')) continue;
  const eventId = key.slice('sessions/'.length, key.lastIndexOf('/'));
  const latest = sessionsGone.get(eventId);
  if (!latest || r.removed > latest) sessionsGone.set(eventId, r.removed);
}
const events = recorded.map((e) => {
  const gone = sessionsGone.get(e.id);
  return gone ? { ...e, sessionsRemoved: gone } : e;
});
const quiet = new Set(set.events.filter((e) => !e.data.notifyChanges).map((e) => e.id));
const toAnnounce = changedEvents(events, builtAt, (id) => !quiet.has(id));
report.step(`built ${built.events.length} events`);
// Photos change pages the worker renders (session pages), so they change the version too.
const version = hashText(built.fingerprint + JSON.stringify(vocabulary) + photoPrints.join(','));
const site = { version, builtAt, siteUrl, vocabulary };

const sortedLedger = Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b)));
const ledgerText = `${JSON.stringify(sortedLedger, null, 2)}\n`;
if (!existsSync(revisionsFile) || readFileSync(revisionsFile, 'utf8') !== ledgerText)
  writeFileSync(revisionsFile, ledgerText);

// Files are written only when their bytes change (a rebuild touches what changed), and only stale
// ones are removed: deleting thousands of files first costs more than writing them.
const outputs = new Map<string, string>();
const write = (path: string, data: unknown) => outputs.set(join(args.out, path), JSON.stringify(data));
write(cataloguePaths.site, site);
for (const event of events) write(cataloguePaths.event(event.id), event);
write(cataloguePaths.changes, { version: hashText(`${siteUrl}|${JSON.stringify(toAnnounce)}`), events: toAnnounce });
for (const [path, list] of built.lists) write(path, list);
write(cataloguePaths.siteCatalogue, {
  site,
  events: built.events.map(summaryOf),
  eventPages: Object.fromEntries(
    built.events.map((e) => [
      e.id,
      {
        hash: hashText([e.revision.hash, ...e.sessions.map((s) => s.revision.hash)].join(':')),
        registration: { mode: e.registration.mode, opens: e.registration.opens, closes: e.registration.closes },
      },
    ]),
  ),
  people: built.people,
  spaces: built.spaces,
  sessionPages: built.events.flatMap((e) => e.sessions.map((s) => programmePaths.session(e.id, s.id))),
});
if (existsSync(args.out))
  for (const f of readdirSync(args.out, { recursive: true, withFileTypes: true }))
    if (f.isFile() && !outputs.has(join(f.parentPath, f.name))) rmSync(join(f.parentPath, f.name));
for (const folder of new Set([...outputs.keys()].map((f) => dirname(f)))) mkdirSync(folder, { recursive: true });
let changed = 0;
for (const [file, text] of outputs) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
  writeFileSync(file, text);
  changed++;
}
report.step(`wrote ${changed} of ${outputs.size} files`);
const sessions = built.events.reduce((n, e) => n + e.sessions.length, 0);
console.log(
  `Catalogue: ${built.events.length} events, ${sessions} sessions, ${set.people.length} people, ` +
    `${set.spaces.length} spaces, ${vocabulary.length} tags -> ${args.out} (site URL ${siteUrl})`,
);
