// Every form of the team, tokens and messages pages, and the links from their messages, fed
// arbitrary fields: never a 500, and nothing sent comes back as markup.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, call, consolePost, organiserBrowser, person, postJson, rows } from '../../testing/fixtures.ts';

type Organiser = Awaited<ReturnType<typeof organiserBrowser>>;
let owner: Organiser;
let memberId: number;

beforeAll(async () => {
  await postJson('/api/events/open-event/registrations', person('fuzz-1', { answers: { role: 'Writer' } }));
  owner = await organiserBrowser('fuzz-owner@example.org', 'owner');
  await organiserBrowser('fuzz-viewer@example.org', 'viewer');
  const [row] = await rows<{ id: number }>(
    "SELECT o.id FROM organisers o JOIN people p ON p.id = o.person_id WHERE p.email = 'fuzz-viewer@example.org'",
  );
  memberId = row!.id;
});

// Every generated name and value carries "<zz", which must never come back as markup.
const text = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `${s}<zz>"'&`),
  fc.constantFrom('', ' ', 'owner', 'manager', 'yes', 'admin', 'open-event', '0', '-1', '1e9', 'a'.repeat(300)),
);
const names = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    text,
    text.map((t) => `a.${t}`),
  );
const fields = (known: string[]) => fc.array(fc.tuple(names(known), text), { maxLength: 10 });

const forms: [string, () => string, string[]][] = [
  ['/console/team/invitations', () => '/console/team/invitations', ['email', 'role', 'events']],
  ['/console/team/members/:id', () => `/console/team/members/${memberId}`, ['role', 'events']],
  ['/console/tokens', () => '/console/tokens', ['name', 'role', 'events']],
  [
    '/console/events/open-event/messages/preview',
    () => '/console/events/open-event/messages/preview',
    ['status', 'checkedIn', 'q', 'a.role', 'a.photo', 'subject', 'text', 'announcement'],
  ],
  [
    '/console/events/open-event/messages',
    () => '/console/events/open-event/messages',
    ['status', 'a.role', 'subject', 'text', 'announcement', 'nonce', 'expected'],
  ],
];

// Dozens of requests per test: generous time, for a machine busy with other test files.
describe('organiser forms under arbitrary input', { timeout: 30_000 }, () => {
  it.each(forms)('POST %s never fails or reflects markup', async (_, path, known) => {
    await fc.assert(
      fc.asyncProperty(fields(known), async (sent) => {
        const res = await consolePost(owner, path(), sent);
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain('<zz');
      }),
      { numRuns: 40 },
    );
    // The viewer is still what it was unless a valid change was made; the owner is still in.
    expect((await owner.fetch('/console/team')).status).toBe(200);
  });

  it('answers odd invitation and unsubscribe links and bodies without failing', async () => {
    const token = fc.oneof(
      fc.stringMatching(/^i_[A-Za-z0-9_-]{43}$/),
      fc.stringMatching(/^u_[1-9][0-9]{0,3}\.[A-Za-z0-9_-]{43}$/),
      fc.string({ maxLength: 60 }).map(encodeURIComponent),
    );
    const browser = new Browser();
    await fc.assert(
      fc.asyncProperty(token, fields(['List-Unsubscribe']), async (t, sent) => {
        for (const path of [`/invitations/${t}`, `/unsubscribe/${t}`]) {
          expect((await browser.fetch(path)).status).toBeLessThan(500);
          const posted = await call(path, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(sent).toString(),
          });
          expect(posted.status).toBeLessThan(500);
          expect(await posted.text()).not.toContain('<zz');
        }
      }),
      { numRuns: 40 },
    );
  });
});
