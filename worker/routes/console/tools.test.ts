// The console's export and 1:1 meetings pages: who opens them, and what they show.
import { beforeAll, describe, expect, it } from 'vitest';
import { planMeetings, type SchedulePlan } from '../../matching/plan.ts';
import { asOrganiser, organiserBrowser, organiserToken, person, postJson } from '../../testing/fixtures.ts';

type OrganiserBrowser = Awaited<ReturnType<typeof organiserBrowser>>;
type Role = 'owner' | 'manager' | 'viewer' | 'check-in';
const browsers = {} as Record<Role | 'elsewhere', OrganiserBrowser>;

beforeAll(async () => {
  for (const role of ['owner', 'manager', 'viewer', 'check-in'] as const)
    browsers[role] = await organiserBrowser(`tools-${role}@example.org`, role);
  browsers.elsewhere = await organiserBrowser('tools-elsewhere@example.org', 'owner', ['crowded']);
});

const html = async (browser: OrganiserBrowser, path: string) => {
  const res = await browser.fetch(path, { headers: { accept: 'text/html' } });
  return { status: res.status, body: await res.text(), headers: res.headers };
};

describe('who opens the tools', () => {
  const pages: [string, Record<Role | 'elsewhere', number>][] = [
    ['/console/events/open-event/export', { owner: 200, manager: 200, viewer: 200, 'check-in': 403, elsewhere: 403 }],
    ['/console/events/camp-live/meetings', { owner: 200, manager: 200, viewer: 200, 'check-in': 403, elsewhere: 403 }],
    ['/console/audit', { owner: 200, manager: 200, viewer: 200, 'check-in': 403, elsewhere: 200 }],
  ];
  it.each(pages.flatMap(([path, byRole]) => Object.entries(byRole).map(([role, status]) => [path, role, status])))(
    '%s: %s gets %i',
    async (path, role, status) => {
      const page = await html(browsers[role as Role], path as string);
      expect(page.status).toBe(status);
      expect(page.headers.get('cache-control')).toBe('private, no-store');
    },
  );

  it('answers 404 for an event that does not exist', async () => {
    expect((await html(browsers.owner, '/console/events/no-such-event/export')).status).toBe(404);
    expect((await html(browsers.owner, '/console/events/no-such-event/meetings')).status).toBe(404);
  });
});

describe('GET /console/events/{eventId}/export', () => {
  beforeAll(async () => {
    for (const n of [1, 2, 3])
      await postJson(
        '/api/events/open-event/registrations',
        person(`tools-export-${n}`, { answers: { role: 'Writer' } }),
      );
  });

  it('offers the three files from one form, explained', async () => {
    const { body } = await html(browsers.viewer, '/console/events/open-event/export');
    expect(body).toContain('action="/api/admin/events/open-event/registrations.csv"');
    expect(body).toContain('name="delimiter" value="semicolon"');
    expect(body).toContain('formaction="/api/admin/events/open-event/registrations.json"');
    expect(body).toContain('Excel where numbers are written like 1.234,5');
    expect(body).toContain('(Europe/Berlin)');
    // The event's select and checkbox questions filter; free text ones do not.
    expect(body).toContain('name="a.role"');
    expect(body).toContain('name="a.photo"');
    expect(body).not.toContain('name="a.notes"');
    expect(body).toContain('3 registrations match with no filter.');
  });

  it('takes the filter from its address, and counts it', async () => {
    const { body } = await html(browsers.viewer, '/console/events/open-event/export?status=confirmed&a.role=Designer');
    expect(body).toContain('0 registrations match the filter in this page’s address.');
    expect(body).toMatch(/<input type="checkbox" name="status" value="confirmed" checked=""\/>/);
    expect(body).toMatch(/<option value="Designer" selected="">Designer<\/option>/);
  });

  it('says which part of a filter the event does not have', async () => {
    const { status, body } = await html(browsers.viewer, '/console/events/open-event/export?a.shoe=42');
    expect(status).toBe(200);
    expect(body).toContain('This event has no question');
    expect(body).toContain('3 registrations match with no filter.');
  });
});

describe('GET /console/events/{eventId}/meetings', () => {
  beforeAll(async () => {
    const skills = ['pricing', 'product design', 'writing', 'remote teams'];
    for (let i = 0; i < 6; i++) {
      const res = await postJson(
        '/api/events/camp-live/registrations',
        person(`tools-camper-${i}`, {
          profile: {
            offers: [skills[i % 4]],
            seeks: [skills[(i + 1) % 4]],
            interests: ['remote teams'],
            available: true,
          },
        }),
      );
      expect(res.status).toBe(201);
    }
  });

  it('shows the scheduler to those who may schedule, with the command for a terminal', async () => {
    const { body } = await html(browsers.manager, '/console/events/camp-live/meetings');
    expect(body).toContain('data-plan="/api/admin/events/camp-live/meetings/plan"');
    expect(body).toContain('data-store="/api/admin/events/camp-live/meetings"');
    expect(body).toContain('<script type="module" src="/scripts/console/meetings.js"></script>');
    expect(body).toContain('npm run schedule -- --event camp-live');
    // The button waits for the script: without JavaScript it stays hidden.
    expect(body).toMatch(/<p class="scheduler-run" hidden="">/);
    expect(body).toContain('the 2 slots that have not started');
  });

  it('shows a viewer the figures, without the scheduler', async () => {
    const { body } = await html(browsers.viewer, '/console/events/camp-live/meetings');
    expect(body).toContain('<dt>Taking part</dt><dd>6</dd>');
    expect(body).not.toContain('data-scheduler');
    expect(body).not.toContain('/scripts/console/meetings.js');
  });

  it('shows the stored meetings per slot once scheduled', async () => {
    const token = await organiserToken('Tools scheduler', 'manager', ['camp-live']);
    const plan = await (await asOrganiser(token, '/api/admin/events/camp-live/meetings/plan')).json<SchedulePlan>();
    const meetings = planMeetings(plan);
    const stored = await asOrganiser(token, '/api/admin/events/camp-live/meetings', {
      method: 'PUT',
      body: JSON.stringify({ fingerprint: plan.fingerprint, meetings }),
    });
    expect(stored.status).toBe(200);
    const { body } = await html(browsers.viewer, '/console/events/camp-live/meetings');
    expect(body).toContain(`<dt>Meetings</dt><dd>${meetings.length}</dd>`);
    const inSlot = (slot: number) => meetings.filter((m) => m.slot === slot).length;
    expect(body).toMatch(new RegExp(`<th scope="row">2</th><td>[^<]+</td><td>3</td><td>${inSlot(1)}</td>`));
    expect(body).toMatch(/<th scope="row">1<\/th><td>[^<]+ \(started\)<\/td>/);
  });

  it('says when an event has no networking slots', async () => {
    const { body } = await html(browsers.manager, '/console/events/open-event/meetings');
    expect(body).toContain('This event has no networking slots.');
    expect(body).not.toContain('data-scheduler');
  });
});
