// Found in the review of issue #12 (each test now guards the fix): D1 refuses LIKE patterns longer than 50 bytes ("LIKE or GLOB pattern too
// complex"). Every console search wraps the typed text in %…% (and doubles %, _ and \), but accepts
// up to 100 characters (254 for the audit log's "who"), so an ordinary long search answers 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { consolePost, organiserBrowser, postJson } from '../../testing/fixtures.ts';

const EVENT = 'security';
// 49 ASCII characters: a long email address, such as one pasted from a message; as a pattern 51 bytes.
const LONG = 'maria.fernanda.rodriguez.alvarez@universidade.org';
// 17 characters of a Japanese name: 51 bytes in UTF-8.
const CJK = '山田太郎山田太郎山田太郎山田太郎山';
const html = { headers: { accept: 'text/html' } };

let owner: Awaited<ReturnType<typeof organiserBrowser>>;
beforeAll(async () => {
  owner = await organiserBrowser('review-search@example.org', 'owner');
  // The pattern is only compiled when some row reaches the LIKE: one registration is enough.
  await postJson(`/api/events/${EVENT}/registrations`, {
    name: 'Someone',
    email: 'review-search-person@example.org',
    consent: true,
    answers: { role: 'Writer' },
  });
  // And one audit entry (reading the table is recorded) for the audit log's search to reach.
  await owner.fetch(`/console/events/${EVENT}/registrations`, html);
});

describe('searching with a long text (D1 LIKE pattern limit)', () => {
  it.each([
    ['the registrations table', `/console/events/${EVENT}/registrations?q=`],
    ['the door search', `/console/events/${EVENT}/door?q=`],
    ['the export page', `/console/events/${EVENT}/export?q=`],
    ['the CSV export', `/api/admin/events/${EVENT}/registrations.csv?q=`],
    ['the audit log (who)', '/console/audit?actor='],
  ])('%s answers a page, not a 500, for 49 characters or 17 CJK characters', async (_, path) => {
    for (const q of [LONG, CJK]) {
      const res = await owner.fetch(`${path}${encodeURIComponent(q)}`, html);
      expect(res.status, `${path}${q}`).toBeLessThan(500);
    }
  });

  it("the message's preview answers a page, not a 500", async () => {
    for (const q of [LONG, CJK]) {
      const res = await consolePost(owner, `/console/events/${EVENT}/messages/preview`, [
        ['q', q],
        ['subject', 'Hello'],
        ['text', 'Hi'],
      ]);
      expect(res.status, q).toBeLessThan(500);
    }
  });
});
