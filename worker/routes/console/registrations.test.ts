// The console's registrations, as an organiser uses them in a browser: find people, read one,
// decide, move, and decide many at once with a preview.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolePost, organiserBrowser, person, postJson, rows } from '../../testing/fixtures.ts';

type OrganiserBrowser = Awaited<ReturnType<typeof organiserBrowser>>;
let manager: OrganiserBrowser;
let viewer: OrganiserBrowser;
const EVENT = 'console-camp';
const base = `/console/events/${EVENT}/registrations`;

let n = 0;
async function apply(role = 'Designer', extra: Record<string, unknown> = {}) {
  const res = await postJson(
    `/api/events/${EVENT}/registrations`,
    person(`console-${n++}`, { answers: { role }, ...extra }),
  );
  return (await res.json<{ registration: { id: number } }>()).registration.id;
}
const page = async (b: OrganiserBrowser, path: string) => {
  const res = await b.fetch(path, { headers: { accept: 'text/html' } });
  const html = (await res.text()).replaceAll('&quot;', '"').replaceAll('&#39;', "'");
  return { status: res.status, html };
};

beforeAll(async () => {
  manager = await organiserBrowser('console-manager@example.org', 'manager', [EVENT]);
  viewer = await organiserBrowser('console-viewer@example.org', 'viewer', [EVENT]);
});

describe('GET /console/events/{eventId}/registrations', () => {
  it('finds people by search, status and answers, and says how many match', async () => {
    const writer = await apply('Writer', { name: 'Zelda Quill' });
    await apply('Developer');
    const byName = await page(manager, `${base}?q=zelda`);
    expect(byName.status).toBe(200);
    expect(byName.html).toContain('1 registration match.');
    expect(byName.html).toContain(`href="${base}/${writer}"`);
    const byAnswer = await page(manager, `${base}?a.role=Writer&status=pending`);
    expect(byAnswer.html).toContain('Zelda Quill');
    expect(byAnswer.html).not.toContain('Person console-1<');
    const none = await page(manager, `${base}?status=declined&q=zelda`);
    expect(none.html).toContain('0 registrations match.');
  });

  it('explains a filter it cannot use, without losing the page', async () => {
    const bad = await page(manager, `${base}?status=lost&a.colour=red&a.role=Astronaut&page=0`);
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Status is one of');
    expect(bad.html).toContain('no question "colour"');
    expect(bad.html).toContain('no option "Astronaut"');
    expect(bad.html).toContain('Page starts at 1');
  });

  it('shows viewers the table without any way to decide', async () => {
    const seen = await page(viewer, base);
    expect(seen.status).toBe(200);
    expect(seen.html).not.toContain('bulk/preview" method');
    expect(seen.html).not.toContain('name="action"');
  });
});

describe("a person's page", () => {
  it('shows answers, history and messages, and approves with a note', async () => {
    const id = await apply('Writer', { name: 'Ada Decider' });
    const before = await page(manager, `${base}/${id}`);
    expect(before.html).toContain('Ada Decider');
    expect(before.html).toContain('Writer');
    expect(before.html).toContain('Application received');
    const done = await consolePost(manager, `${base}/${id}/approve`, [['message', 'See you {{name}}!']]);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${base}/${id}?done=approve`);
    const [row] = await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', id);
    expect(row!.status).toBe('confirmed');
    const after = await page(manager, done.headers.get('location')!);
    expect(after.html).toContain('Approved.');
    expect(after.html).toContain('registration.approve by console-manager@example.org');
    expect(after.html).toContain('Application accepted');
    // What the organiser typed is kept as a note, never read as a template.
    const [message] = await rows<{ params: string }>(
      "SELECT params FROM outbox WHERE registration_id = ? AND kind = 'accepted'",
      id,
    );
    expect(JSON.parse(message!.params).note).toBe('See you {{name}}!');
  });

  it('refuses what the lifecycle does not allow, with the way back', async () => {
    const id = await apply();
    await consolePost(manager, `${base}/${id}/decline`);
    const again = await consolePost(manager, `${base}/${id}/approve`);
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('only pending registrations can be approved');
    expect(html).toContain(`href="${base}/${id}"`);
  });

  it('is closed to viewers for every action, and to anyone without the form token', async () => {
    const id = await apply();
    const asViewer = await consolePost(viewer, `${base}/${id}/approve`);
    expect(asViewer.status).toBe(403);
    const noToken = await manager.postForm(`${base}/${id}/approve`, []);
    expect(noToken.status).toBe(403);
    const [row] = await rows<{ status: string }>('SELECT status FROM registrations WHERE id = ?', id);
    expect(row!.status).toBe('pending');
  });
});

describe('bulk decisions', () => {
  it('previews who is affected and who is left, then decides them in one go', async () => {
    const ids = [await apply(), await apply(), await apply()];
    const confirmedBefore = (
      await rows<{ n: number }>(
        "SELECT count(*) AS n FROM registrations WHERE event_id = ? AND status = 'confirmed'",
        EVENT,
      )
    )[0]!.n;
    await consolePost(manager, `${base}/${ids[2]}/decline`);
    const preview = await consolePost(manager, `${base}/bulk/preview`, [
      ['action', 'approve'],
      ...ids.map((id) => ['id', String(id)] as [string, string]),
    ]);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Approve 2 applications?');
    expect(html).toContain('Left as they are');
    expect(html).toContain('(declined)');
    const decided = await consolePost(manager, `${base}/bulk`, [
      ['action', 'approve'],
      ['id', String(ids[0])],
      ['id', String(ids[1])],
    ]);
    expect(decided.status).toBe(303);
    const list = await page(manager, decided.headers.get('location')!);
    expect(list.html).toContain('Each has been told.');
    const statuses = await rows<{ status: string }>(
      `SELECT status FROM registrations WHERE id IN (${ids[0]}, ${ids[1]}) ORDER BY id`,
    );
    // Two places in all: whoever does not fit joins the waitlist.
    const placed = statuses.filter((s) => s.status === 'confirmed').length;
    expect(placed).toBe(Math.max(0, Math.min(2, 2 - confirmedBefore)));
    expect(statuses.every((s) => s.status === 'confirmed' || s.status === 'waitlisted')).toBe(true);
  });

  it('never answers 500 to whatever a form sends', async () => {
    const id = await apply();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('bulk/preview', 'bulk', `${id}/decline`, `${id}/waitlist-move`, `${id}/cancel`),
        fc.array(fc.tuple(fc.constantFrom('action', 'id', 'message', 'move', 'x'), fc.string({ maxLength: 1200 })), {
          maxLength: 6,
        }),
        async (path, fields) => {
          const res = await consolePost(manager, `${base}/${path}`, fields);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});
