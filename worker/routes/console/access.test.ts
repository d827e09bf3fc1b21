// The console's routes against the access table (rules.ts), as the API's are: every role, scoped
// and not, signed in without a role, and not signed in.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Action, accessTable, type OrganiserRole, organiserRoles } from '../../access/rules.ts';
import { Browser, consolePost, organiserBrowser, signedInBrowser } from '../../testing/fixtures.ts';

const EVENT = 'admin';
type OrganiserBrowser = Awaited<ReturnType<typeof organiserBrowser>>;
const browsers = {} as Record<OrganiserRole | 'scoped', OrganiserBrowser>;

beforeAll(async () => {
  for (const role of organiserRoles) browsers[role] = await organiserBrowser(`console-${role}@example.org`, role);
  browsers.scoped = await organiserBrowser('console-elsewhere@example.org', 'manager', ['open-event']);
});

/** Every console route that acts on an event, with the action it takes. */
const consoleRoutes: [string, string, Action][] = [
  ['GET', `/console/events/${EVENT}/`, 'registrations.count'],
  ['GET', `/console/events/${EVENT}/registrations`, 'registrations.read'],
  ['GET', `/console/events/${EVENT}/registrations/999999`, 'registrations.read'],
  ['POST', `/console/events/${EVENT}/registrations/999999/approve`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/decline`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/undecline`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/cancel`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/promote`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/resend-link`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/999999/waitlist-move`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/bulk/preview`, 'registrations.decide'],
  ['POST', `/console/events/${EVENT}/registrations/bulk`, 'registrations.decide'],
  ['GET', `/console/events/${EVENT}/export`, 'registrations.read'],
  ['GET', `/console/events/${EVENT}/meetings`, 'meetings.read'],
  ['GET', `/console/events/${EVENT}/door`, 'check-in'],
  ['GET', `/console/events/${EVENT}/door/list`, 'check-in'],
  ['POST', `/console/events/${EVENT}/door/sync`, 'check-in'],
  ['POST', `/console/events/${EVENT}/door/check-in`, 'check-in'],
];

const call = (b: Browser & { csrf?: string }, method: string, path: string) =>
  method === 'GET'
    ? b.fetch(path, { headers: { accept: 'text/html' } })
    : consolePost(b as OrganiserBrowser, path, [['csrf', (b as OrganiserBrowser).csrf ?? '']]);

describe('console routes by organiser role', () => {
  const cases = consoleRoutes.flatMap(([method, path, action]) =>
    [...organiserRoles, 'scoped' as const].map((role) => [role, method, path, action] as const),
  );
  it.each(cases)('%s: %s %s', async (role, method, path, action) => {
    const res = await call(browsers[role], method, path);
    const byRole = role !== 'scoped' && (accessTable[action] as readonly string[]).includes(role);
    if (byRole) expect(res.status, await res.clone().text()).not.toBe(403);
    else expect(res.status, await res.clone().text()).toBe(403);
  });
});

describe('console routes for people who are not organisers', () => {
  it('sends visitors to sign in and refuses people without a role, on every route', async () => {
    const person = (await signedInBrowser('console-nobody@example.org')) as Browser & { csrf?: string };
    for (const [method, path] of [['GET', '/console/'], ...consoleRoutes.map(([m, p]) => [m, p])] as [
      string,
      string,
    ][]) {
      const visitor = await new Browser().fetch(path, { method, headers: { accept: 'text/html' } });
      expect(visitor.status, path).toBe(method === 'GET' ? 303 : 401);
      const res = await person.fetch(path, { method, headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(403);
    }
  });
});
