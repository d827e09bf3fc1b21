// Build step one: reads content/, validates every entry and every reference between entries,
// records revisions, and writes the read model (model/catalogue.ts) that the site and the worker
// share. Bad content stops the build here with the file, the field and what was expected.
import { hash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { load as parseYaml } from 'js-yaml';
import { marked } from 'marked';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { z } from 'zod';
import { cataloguePaths, hashText, RECENT_DAYS, type Revision, revisionSchema, summaryOf } from '../model/catalogue.ts';
import { buildCatalogue } from '../model/catalogue-build.ts';
import { entryIdPattern } from '../model/content.ts';
import {
  type ContentProblem,
  type ContentSet,
  checkReferences,
  collectionSchemas,
  formatProblem,
  parseCollection,
  type RawEntry,
} from '../model/content-checks.ts';
import { type Vocabulary, vocabularySchema } from '../model/vocabulary.ts';
import { eventEntry, renderEntry } from '../worker/feeds/calendar.ts';
import { progress } from './progress.ts';

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist/catalogue' },
    revisions: { type: 'string' },
    // The build's clock, for reproducible builds and tests; now by default.
    now: { type: 'string' },
  },
});
const contentDir = args.content;
const revisionsFile = args.revisions ?? join(contentDir, 'revisions.json');
const siteUrl = (process.env.SITE_URL ?? 'http://localhost:8787').replace(/\/$/, '');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.md'))
    .map((f) => join(f.parentPath, f.name))
    .sort();
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];

function readEntries(collection: string, problems: ContentProblem[]): RawEntry[] {
  const dir = join(contentDir, collection);
  return markdownFiles(dir).flatMap((file) => {
    const shown = relative(process.cwd(), file);
    const id = relative(dir, file).replace(/\.md$/, '').split(sep).join('/');
    if (!entryIdPattern.test(id)) {
      const expected =
        'expected a file name of lowercase letters, digits and hyphens, such as "indiecon-toronto-2027.md"';
      problems.push({ file: shown, field: '(file name)', expected });
    }
    const match = FRONTMATTER.exec(readFileSync(file, 'utf8'));
    if (!match) {
      const expected = 'expected the file to start with YAML frontmatter between two "---" lines';
      problems.push({ file: shown, field: '(frontmatter)', expected });
      return [];
    }
    try {
      // js-yaml, YAML 1.2: an unquoted date-time becomes a Date, which the schema then refuses.
      const data = parseYaml(match[1]!) ?? {};
      return [{ id, file: shown, data, body: match[2]!.trim() }];
    } catch (error) {
      problems.push({ file: shown, field: '(frontmatter)', expected: `expected valid YAML: ${firstLine(error)}` });
      return [];
    }
  });
}

const report = progress('catalogue');
const problems: ContentProblem[] = [];
const set = {} as ContentSet;
for (const name of Object.keys(collectionSchemas) as (keyof typeof collectionSchemas)[]) {
  const entries = readEntries(name, problems);
  report.step(`read ${entries.length} ${name}`);
  const parsed = parseCollection(collectionSchemas[name], entries);
  problems.push(...parsed.problems);
  (set as Record<string, unknown>)[name] = parsed.entries;
  report.step(`checked ${parsed.entries.length} ${name}`);
}
if (problems.length === 0) problems.push(...checkReferences(set));

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
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}

const ledgerSchema = z.record(z.string(), revisionSchema);
const previous = existsSync(revisionsFile) ? ledgerSchema.parse(JSON.parse(readFileSync(revisionsFile, 'utf8'))) : {};
const builtAt = new Date(args.now ?? Date.now()).toISOString();
const ledger: Record<string, Revision> = {};

function revisionOf(key: string, published: unknown): Revision {
  const digest = hash('sha256', siteUrl + JSON.stringify(published)).slice(0, 16);
  const before = previous[key];
  const revision = !before
    ? { hash: digest, sequence: 0, modified: builtAt }
    : before.hash === digest
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
  recentDays: RECENT_DAYS,
  renderEntry: (e) => renderEntry(eventEntry(e)),
});
report.step(`built ${built.events.length} events`);
const site = { version: hashText(built.fingerprint + JSON.stringify(vocabulary)), builtAt, siteUrl, vocabulary };

const sortedLedger = Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b)));
const ledgerText = `${JSON.stringify(sortedLedger, null, 2)}\n`;
if (!existsSync(revisionsFile) || readFileSync(revisionsFile, 'utf8') !== ledgerText)
  writeFileSync(revisionsFile, ledgerText);

// Files are overwritten in place and only stale ones removed: deleting thousands of files first
// costs more than writing them.
const written = new Set<string>();
const write = (path: string, data: unknown) => {
  const file = join(args.out, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data));
  written.add(file);
};
write(cataloguePaths.site, site);
for (const event of built.events) write(cataloguePaths.event(event.id), event);
for (const [path, list] of built.lists) write(path, list);
write(cataloguePaths.siteCatalogue, {
  site,
  events: built.events.map(summaryOf),
  eventPages: Object.fromEntries(
    built.events.map((e) => [
      e.id,
      {
        hash: hashText([e.revision.hash, ...e.sessions.map((s) => s.revision.hash)].join(':')),
        registration: { mode: e.registration.mode, closes: e.registration.closes },
      },
    ]),
  ),
  people: built.people,
  spaces: built.spaces,
});
if (existsSync(args.out))
  for (const f of readdirSync(args.out, { recursive: true, withFileTypes: true }))
    if (f.isFile() && !written.has(join(f.parentPath, f.name))) rmSync(join(f.parentPath, f.name));
report.step(`wrote ${written.size} files`);
const sessions = built.events.reduce((n, e) => n + e.sessions.length, 0);
console.log(
  `Catalogue: ${built.events.length} events, ${sessions} sessions, ${set.people.length} people, ` +
    `${set.spaces.length} spaces, ${vocabulary.length} tags -> ${args.out} (site URL ${siteUrl})`,
);
