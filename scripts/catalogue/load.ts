// Reads a collection's markdown files and validates their frontmatter, reusing what the previous
// build found for every file that has not changed since (the content cache). The cache is dropped
// whenever the schemas or this code change, so it never hides a new rule. (Worker threads were tried
// for the 50,000 sessions of the scale benchmark: on two cores they saved nothing.)
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { entryIdPattern } from '../../model/content.ts';
import {
  type CollectionName,
  type ContentProblem,
  collectionSchemas,
  type Entry,
  parseCollection,
  type RawEntry,
} from '../../model/content-checks.ts';

export type Loaded = { entries: Entry<unknown>[]; problems: ContentProblem[] };
type Cached = { mtimeMs: number; size: number; loaded: Loaded };
export type ContentCache = { version: string; files: Record<string, Cached> };

/** The markdown files of a collection, in a stable order. */
export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.md'))
    .map((f) => join(f.parentPath, f.name))
    .sort();
}

// Whatever decides what a file turns into: the schemas, this reader and the parser's version.
const rules = ['model/content.ts', 'model/content-checks.ts', 'model/time.ts', 'scripts/catalogue/load.ts'];
function cacheVersion(): string {
  const hash = createHash('sha256');
  for (const file of rules) hash.update(readFileSync(new URL(`../../${file}`, import.meta.url)));
  const lock = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  hash.update(JSON.stringify([lock.devDependencies['js-yaml'], lock.dependencies.zod]));
  return hash.digest('hex');
}

/** The previous build's findings, or none when there are none or they were made under other rules. */
export function openCache(file: string | undefined): { previous: ContentCache; next: ContentCache } {
  const version = cacheVersion();
  const empty = { version, files: {} };
  let previous: ContentCache = empty;
  if (file && existsSync(file)) {
    try {
      const read = JSON.parse(readFileSync(file, 'utf8')) as ContentCache;
      if (read.version === version) previous = read;
    } catch {
      // A damaged cache is no cache.
    }
  }
  return { previous, next: { version, files: {} } };
}

/** Writes the cache for the next build, unless it would be what is already there. */
export function saveCache(file: string | undefined, cache: { previous: ContentCache; next: ContentCache }) {
  const { previous, next } = cache;
  const count = (c: ContentCache) => Object.keys(c.files).length;
  const unchanged =
    previous.version === next.version &&
    count(previous) === count(next) &&
    Object.entries(next.files).every(([f, n]) => previous.files[f]?.loaded === n.loaded);
  if (!file || unchanged) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(next));
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];

function loadFile(collection: CollectionName, dir: string, file: string, text: string): Loaded {
  const problems: ContentProblem[] = [];
  const shown = relative(process.cwd(), file);
  const id = relative(dir, file).replace(/\.md$/, '').split(sep).join('/');
  if (!entryIdPattern.test(id)) {
    const expected =
      'expected a file name of lowercase letters, digits and hyphens, such as "indiecon-toronto-2027.md"';
    problems.push({ file: shown, field: '(file name)', expected });
  }
  const match = FRONTMATTER.exec(text);
  if (!match) {
    const expected = 'expected the file to start with YAML frontmatter between two "---" lines';
    return { entries: [], problems: [...problems, { file: shown, field: '(frontmatter)', expected }] };
  }
  let raw: RawEntry;
  try {
    // js-yaml, YAML 1.2: an unquoted date-time becomes a Date, which the schema then refuses.
    raw = { id, file: shown, data: parseYaml(match[1]!) ?? {}, body: match[2]!.trim() };
  } catch (error) {
    const expected = `expected valid YAML: ${firstLine(error)}`;
    return { entries: [], problems: [...problems, { file: shown, field: '(frontmatter)', expected }] };
  }
  const parsed = parseCollection(collectionSchemas[collection], [raw]);
  return { entries: parsed.entries, problems: [...problems, ...parsed.problems] };
}

/** Reads and validates a collection's files; `dir` is the collection's folder. */
export function loadEntries(
  collection: CollectionName,
  dir: string,
  files: string[],
  cache: { previous: ContentCache; next: ContentCache },
): Loaded & { reused: number } {
  const entries: Entry<unknown>[] = [];
  const problems: ContentProblem[] = [];
  let reused = 0;
  for (const file of files) {
    const before = cache.previous.files[file];
    let stat = before && statSync(file);
    let loaded: Loaded;
    if (before && stat && before.mtimeMs === stat.mtimeMs && before.size === stat.size) {
      loaded = before.loaded;
      reused++;
    } else {
      // The file's own descriptor gives its size and time with the read, at no extra cost.
      const fd = openSync(file, 'r');
      try {
        stat = fstatSync(fd);
        loaded = loadFile(collection, dir, file, readFileSync(fd, 'utf8'));
      } finally {
        closeSync(fd);
      }
    }
    cache.next.files[file] = { mtimeMs: stat.mtimeMs, size: stat.size, loaded };
    for (const e of loaded.entries) entries.push(e);
    for (const p of loaded.problems) problems.push(p);
  }
  return { entries, problems, reused };
}
