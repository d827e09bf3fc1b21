// Who gets through to each route of the team, tokens and messages pages: every role, scoped or
// not, a person without a role and someone not signed in, and every write without its token.
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrganiserRole } from '../../access/rules.ts';
import { Browser, consolePost, organiserBrowser, signedInBrowser } from '../../testing/fixtures.ts';

type Kind = 'team' | 'tokens' | 'messages';
const routes: [method: 'GET' | 'POST', path: string, kind: Kind][] = [
  ['GET', '/console/team', 'team'],
  ['POST', '/console/team/invitations', 'team'],
  ['POST', '/console/team/invitations/999/revoke', 'team'],
  ['POST', '/console/team/members/999', 'team'],
  ['POST', '/console/team/members/999/remove', 'team'],
  ['GET', '/console/tokens', 'tokens'],
  ['POST', '/console/tokens', 'tokens'],
  ['POST', '/console/tokens/999/revoke', 'tokens'],
  ['GET', '/console/events/admin/messages', 'messages'],
  ['POST', '/console/events/admin/messages/preview', 'messages'],
  ['POST', '/console/events/admin/messages', 'messages'],
  ['GET', '/console/events/admin/messages/999', 'messages'],
];

type Who = { label: string; role: OrganiserRole; events: string[] | null };
const organisers: Who[] = [
  { label: 'owner', role: 'owner', events: null },
  { label: 'manager', role: 'manager', events: null },
  { label: 'viewer', role: 'viewer', events: null },
  { label: 'check-in', role: 'check-in', events: null },
  { label: 'manager of admin', role: 'manager', events: ['admin'] },
  { label: 'owner of admin', role: 'owner', events: ['admin'] },
  { label: 'manager of another event', role: 'manager', events: ['admin-camp'] },
  { label: 'check-in of admin', role: 'check-in', events: ['admin'] },
];

/** The access table's answer, as the routes must give it. */
function allowed(who: Who, kind: Kind): boolean {
  const decides = who.role === 'owner' || who.role === 'manager';
  if (kind === 'team') return decides;
  if (kind === 'tokens') return decides && who.events === null;
  return decides && (who.events === null || who.events.includes('admin'));
}

const browsers = new Map<string, Awaited<ReturnType<typeof organiserBrowser>>>();
beforeAll(async () => {
  for (const who of organisers)
    browsers.set(
      who.label,
      await organiserBrowser(`access-${who.label.replace(/ /g, '-')}@example.org`, who.role, who.events),
    );
});

const request = (browser: Awaited<ReturnType<typeof organiserBrowser>>, method: string, path: string) =>
  method === 'GET' ? browser.fetch(path, { headers: { accept: 'text/html' } }) : consolePost(browser, path);

describe.each(organisers)('a $label', (who) => {
  it.each(routes)(`%s %s`, async (method, path, kind) => {
    const res = await request(browsers.get(who.label)!, method, path);
    if (allowed(who, kind)) expect([200, 303, 400, 404, 409]).toContain(res.status);
    else {
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/cannot|Not scoped|scoped to all events/);
    }
  });
});

describe('someone who is not an organiser', () => {
  it.each(routes)('%s %s: sign in first, or not an organiser', async (method, path) => {
    const anonymous = new Browser();
    const res = method === 'GET' ? await anonymous.fetch(path) : await anonymous.postForm(path, []);
    expect(res.status).toBe(method === 'GET' ? 303 : 401);
    const person = await signedInBrowser(`access-person-${method}-${path.replace(/\W+/g, '-')}@example.org`);
    const refused = method === 'GET' ? await person.fetch(path) : await person.postForm(path, []);
    expect(refused.status).toBe(403);
  });
});

describe('every write', () => {
  it.each(routes.filter(([method]) => method === 'POST'))(
    '%s %s needs the session token and this site',
    async (_, path) => {
      const owner = browsers.get('owner')!;
      const missing = await owner.postForm(path, []);
      expect(missing.status).toBe(403);
      expect(await missing.text()).toContain('Reload the page');
      const crossSite = await owner.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: new URLSearchParams([['csrf', owner.csrf]]).toString(),
      });
      expect(crossSite.status).toBe(403);
      expect(await crossSite.text()).toContain('came from another site');
    },
  );
});
