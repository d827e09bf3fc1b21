// Build step one: reads content/, validates every entry and every reference between entries,
// records revisions, and writes the catalogue the worker ships with. Bad content stops the build
// here with the file, the field and what was expected.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildCatalogue, type Revision, revisionSchema } from '../model/catalogue.ts';
import {
  type ContentProblem,
  type ContentSet,
  checkReferences,
  collectionSchemas,
  type Entry,
  formatProblem,
  parseCollection,
  type RawEntry,
} from '../model/content-checks.ts';
import { type Vocabulary, vocabularySchema } from '../model/vocabulary.ts';

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'worker/generated/catalogue.json' },
    revisions: { type: 'string' },
  },
});
const contentDir = args.content;
const revisionsFile = args.revisions ?? join(contentDir, 'revisions.json');
const siteUrl = process.env.SITE_URL ?? 'http://localhost:8787';

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.md'))
    .map((f) => join(f.parentPath, f.name))
    .sort();
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function readEntries(collection: string, problems: ContentProblem[]): RawEntry[] {
  const dir = join(contentDir, collection);
  return markdownFiles(dir).flatMap((file) => {
    const shown = relative(process.cwd(), file);
    const id = relative(dir, file).replace(/\.md$/, '').split(sep).join('/');
    const match = FRONTMATTER.exec(readFileSync(file, 'utf8'));
    if (!match) {
      problems.push({
        file: shown,
        field: '(frontmatter)',
        expected: 'expected the file to start with YAML frontmatter between two "---" lines',
      });
      return [];
    }
    try {
      // YAML 1.1 as Astro reads it, so an unquoted date-time is caught here exactly as the site would see it.
      const data = parseYaml(match[1]!, { schema: 'yaml-1.1' }) ?? {};
      return [{ id, file: shown, data, body: match[2]!.trim() }];
    } catch (error) {
      problems.push({
        file: shown,
        field: '(frontmatter)',
        expected: `expected valid YAML: ${(error as Error).message.split('\n')[0]}`,
      });
      return [];
    }
  });
}

const problems: ContentProblem[] = [];
const set = {} as ContentSet;
for (const name of Object.keys(collectionSchemas) as (keyof typeof collectionSchemas)[]) {
  const raw = readEntries(name, problems);
  for (const entry of raw) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/.test(entry.id)) {
      problems.push({
        file: entry.file,
        field: '(file name)',
        expected: 'expected a file name of lowercase letters, digits and hyphens, such as "indiecon-toronto-2027.md"',
      });
    }
  }
  const parsed = parseCollection(collectionSchemas[name], raw);
  problems.push(...parsed.problems);
  (set as Record<string, unknown>)[name] = parsed.entries;
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
    problems.push({
      file: shown,
      field: '(file)',
      expected: `expected valid YAML: ${(error as Error).message.split('\n')[0]}`,
    });
  }
}

if (problems.length > 0) {
  console.error(`Content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was built:`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}

const ledgerSchema = z.record(z.string(), revisionSchema);
const previous = existsSync(revisionsFile) ? ledgerSchema.parse(JSON.parse(readFileSync(revisionsFile, 'utf8'))) : {};
const builtAt = new Date().toISOString();
const ledger: Record<string, Revision> = {};

function revisionOf(kind: 'events' | 'sessions', entry: Entry<unknown>): Revision {
  const key = `${kind}/${entry.id}`;
  const hash = createHash('sha256')
    .update(JSON.stringify(entry.data))
    .update('\n')
    .update(entry.body)
    .digest('hex')
    .slice(0, 16);
  const before = previous[key];
  const revision = !before
    ? { hash, sequence: 0, modified: builtAt }
    : before.hash === hash
      ? before
      : { hash, sequence: before.sequence + 1, modified: builtAt };
  ledger[key] = revision;
  return revision;
}

const catalogue = buildCatalogue(set, {
  siteUrl,
  builtAt,
  revisionOf,
  vocabulary,
  vtimezone: (zone) => tzlib_get_ical_block(zone)[0],
});
const ledgerText = `${JSON.stringify(Object.fromEntries(Object.entries(ledger).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
if (!existsSync(revisionsFile) || readFileSync(revisionsFile, 'utf8') !== ledgerText)
  writeFileSync(revisionsFile, ledgerText);
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(catalogue));
const sessions = catalogue.events.reduce((n, e) => n + e.sessions.length, 0);
console.log(
  `Catalogue: ${catalogue.events.length} events, ${sessions} sessions, ${set.people.length} people, ${set.spaces.length} spaces, ${vocabulary.length} tags -> ${args.out}`,
);
