// The catalogue builder as an organiser meets it: good content builds, bad content fails the
// build with the file, the field and what was expected.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueEventSchema, cataloguePaths } from '../model/catalogue.ts';

const fixtures = join(import.meta.dirname, 'fixtures/content');

function build(caseName?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gathering-content-'));
  cpSync(join(fixtures, 'valid'), join(dir, 'content'), { recursive: true });
  if (caseName) cpSync(join(fixtures, 'broken', caseName), join(dir, 'content'), { recursive: true });
  const out = join(dir, 'catalogue');
  const result = spawnSync(
    process.execPath,
    ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out],
    { encoding: 'utf8' },
  );
  return { ...result, dir, out };
}

describe('building content again', () => {
  it('reads changed files again and reuses what it found in unchanged ones, problems included', () => {
    const { dir, out } = build();
    const args = ['scripts/build-catalogue.ts', '--content', join(dir, 'content'), '--out', out];
    const session = join(dir, 'content/sessions/mini-meetup/talk.md');
    writeFileSync(session, readFileSync(session, 'utf8').replace(/^title: .*$/m, 'title: A new title'));
    execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, BUILD_PROGRESS: '1' } });
    const event = JSON.parse(readFileSync(join(out, cataloguePaths.event('mini-meetup')), 'utf8'));
    expect(event.sessions[0].title).toBe('A new title');
    const person = join(dir, 'content/people/test-person.md');
    writeFileSync(person, readFileSync(person, 'utf8').replace(/^name: .*$/m, 'name: 42'));
    const broken = () => spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(broken().stderr).toContain('test-person.md: name');
    // The second time, the broken file is unchanged and comes from the cache, its problem with it.
    expect(broken().stderr).toContain('test-person.md: name');
  });
});

describe('building content', () => {
  it('builds a valid content folder into a catalogue the worker accepts', () => {
    const { status, out, dir, stdout } = build();
    expect(status).toBe(0);
    expect(stdout).toContain('1 events, 1 sessions');
    const event = catalogueEventSchema.parse(
      JSON.parse(readFileSync(join(out, cataloguePaths.event('mini-meetup')), 'utf8')),
    );
    expect(event).toMatchObject({
      id: 'mini-meetup',
      startUtc: '2027-01-10T17:00:00.000Z',
      venue: { name: 'Test Space', spaceId: 'test-space' },
    });
    expect(event.descriptionHtml).toBe('<p>Body.</p>\n');
    expect(event.sessions[0]).toMatchObject({
      id: 'mini-meetup/talk',
      speakers: [{ id: 'test-person', name: 'Test Person' }],
    });
    expect(existsSync(join(dir, 'content/revisions.json'))).toBe(true);
  });

  it('keeps revisions when nothing changed and bumps the sequence when an entry changes', () => {
    const first = build();
    const revisions = () => JSON.parse(readFileSync(join(first.dir, 'content/revisions.json'), 'utf8'));
    const before = revisions();
    const rebuild = () =>
      execFileSync(process.execPath, [
        'scripts/build-catalogue.ts',
        '--content',
        join(first.dir, 'content'),
        '--out',
        first.out,
      ]);
    rebuild();
    expect(revisions()).toEqual(before);
    const file = join(first.dir, 'content/sessions/mini-meetup/talk.md');
    execFileSync('sed', ['-i', 's/A talk/A renamed talk/', file]);
    rebuild();
    const after = revisions();
    expect(after['sessions/mini-meetup/talk'].sequence).toBe(before['sessions/mini-meetup/talk'].sequence + 1);
    expect(after['events/mini-meetup']).toEqual(before['events/mini-meetup']);
  });

  const cases: [string, string, string, RegExp][] = [
    ['malformed-date', 'events/mini-meetup.md', 'start', /real local date-time.*got "2027-13-45T18:00"/],
    ['unquoted-date', 'events/mini-meetup.md', 'start', /quoted.*unquoted date/],
    ['unknown-zone', 'events/mini-meetup.md', 'timeZone', /IANA time zone.*got "Europe\/Atlantis"/],
    ['end-before-start', 'events/mini-meetup.md', 'end', /end to be after start/],
    [
      'session-outside-event',
      'sessions/mini-meetup/talk.md',
      'end',
      /within its event \(2027-01-10T18:00:00 to 2027-01-10T21:00:00\)/,
    ],
    ['unknown-person', 'sessions/mini-meetup/talk.md', 'speakers.0', /content\/people.*got "nobody-here"/],
    [
      'duplicate-session-name',
      'sessions/mini-meetup/talk.md',
      '(file name)',
      /no other session of "mini-meetup" has: its page would be \/events\/mini-meetup\/sessions\/talk\/, which is .*sessions\/elsewhere\/talk\.md's/,
    ],
    ['unknown-space', 'events/mini-meetup.md', 'venue.space', /content\/spaces.*got "no-such-space"/],
    [
      'duplicate-question',
      'events/mini-meetup.md',
      'registration.questions.1.id',
      /unique question id.*"role" is used twice/,
    ],
    ['unknown-member-space', 'people/test-person.md', 'spaces.0', /content\/spaces.*got "nowhere-space"/],
    ['photo-without-alt', 'people/test-person.md', 'photo.alt', /expected alt text with the photo/],
    [
      'photo-missing-file',
      'people/test-person.md',
      'photo.src',
      /image file at .*people\/images\/nobody\.jpg \(src is relative to this file\), but there is none/,
    ],
    [
      'vocabulary-clash',
      'vocabulary.yaml',
      '1.synonyms',
      /"ux" to name one tag, but it names both product-design and research/,
    ],
  ];

  it('has a fixture for every broken case', () => {
    expect(readdirSync(join(fixtures, 'broken')).sort()).toEqual(cases.map((c) => c[0]).sort());
  });

  it.each(cases)(
    'fails the build on %s, naming the file, the field and what was expected',
    (name, file, field, expected) => {
      const { status, stderr, out } = build(name);
      expect(status).toBe(1);
      const line = stderr.split('\n').find((l) => l.includes(`${file}: ${field}: `));
      expect(line, stderr).toBeDefined();
      expect(line).toMatch(expected);
      expect(existsSync(out)).toBe(false);
    },
  );
});
