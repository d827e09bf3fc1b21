// The access table (rules.ts), route by route: each kind of caller against each route, and the
// answer the table says it gets.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  asOrganiser,
  Browser,
  lastMessageTo,
  organiserToken,
  person,
  registerAndProve,
  registerUnproven,
} from '../testing/fixtures.ts';
import { type Action, accessTable, type OrganiserRole, organiserRoles, type PublicRole } from './rules.ts';

const EVENT = 'admin';
let tokens: Record<OrganiserRole | 'scoped', string>;
let ids: { holder: number; proven: number; person: number };
const callers = {} as Record<PublicRole, Browser>;

beforeAll(async () => {
  tokens = {
    owner: await organiserToken('Owner', 'owner'),
    manager: await organiserToken('Manager', 'manager'),
    viewer: await organiserToken('Viewer', 'viewer'),
    'check-in': await organiserToken('Door', 'check-in'),
    scoped: await organiserToken('Elsewhere', 'manager', ['open-event']),
  };
  const answers = { answers: { role: 'Writer' } };
  const holder = await registerUnproven('manage', person('access-holder', answers));
  const proven = await registerAndProve('manage', person('access-proven', answers));
  const signed = await registerUnproven('manage', person('access-person', answers));
  const browser = new Browser();
  await browser.postForm('/signin', [['email', 'personaccess-person@example.org']]);
  const link = lastMessageTo('personaccess-person@example.org').message!.text.match(/\/signin\/g_[\w-]{43}/)![0];
  await browser.fetch(link, { method: 'POST' });
  callers.visitor = new Browser();
  callers.holder = holder.browser;
  callers.proven = proven.browser;
  callers.person = browser;
  ids = { holder: holder.id, proven: proven.id, person: signed.id };
});

describe('public roles', () => {
  const publicRoles: PublicRole[] = ['visitor', 'holder', 'proven', 'person'];

  it.each(publicRoles)('%s reads events, availability and feeds', async (role) => {
    for (const path of [
      '/api/events',
      `/api/events/${EVENT}`,
      `/api/events/${EVENT}/availability`,
      '/api/calendars/events.ics',
    ])
      expect((await callers[role].fetch(path)).status, path).toBe(200);
  });

  it.each(publicRoles)('%s opens exactly the registrations the table lets it manage', async (role) => {
    const may = (accessTable['registration.manage'] as readonly string[]).includes(role);
    const own = role === 'visitor' ? ids.holder : ids[role];
    expect((await callers[role].fetch(`/manage/${own}`)).status).toBe(may ? 200 : 404);
    // Nobody opens someone else's.
    const other = role === 'holder' ? ids.proven : ids.holder;
    expect((await callers[role].fetch(`/manage/${other}`)).status).toBe(404);
  });

  it.each(publicRoles)('%s makes a calendar across events only with a proven email', async (role) => {
    if (role === 'visitor') return;
    const may = (accessTable['person.aggregate'] as readonly string[]).includes(role);
    const res = await callers[role].postForm(`/manage/${ids[role]}/calendar`, []);
    expect(res.status).toBe(may ? 200 : 303);
  });

  it.each(publicRoles)('%s reads My Gathering only when the table says so', async (role) => {
    const may = (accessTable['person.read'] as readonly string[]).includes(role);
    expect((await callers[role].fetch('/my/')).status).toBe(may ? 200 : 303);
  });
});

/** Every organiser route, with the action it takes. */
const adminRoutes: [string, string, Action][] = [
  ['GET', `/events/${EVENT}/registrations`, 'registrations.read'],
  ['GET', `/events/${EVENT}/registrations/999999`, 'registrations.read'],
  ['GET', `/events/${EVENT}/registrations.csv`, 'registrations.read'],
  ['GET', `/events/${EVENT}/registrations.json`, 'registrations.read'],
  ['POST', `/events/${EVENT}/registrations/999999/approve`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/decline`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/cancel`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/promote`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/undecline`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/waitlist-move`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/999999/resend-link`, 'registrations.decide'],
  ['POST', `/events/${EVENT}/registrations/bulk`, 'registrations.decide'],
  ['DELETE', `/events/${EVENT}/registrations/999999`, 'registrations.erase'],
  ['GET', `/events/${EVENT}/counts`, 'registrations.count'],
  ['POST', `/events/${EVENT}/check-in`, 'check-in'],
  ['GET', `/events/${EVENT}/meetings`, 'meetings.read'],
  ['GET', `/events/${EVENT}/meetings/plan`, 'meetings.schedule'],
  ['PUT', `/events/${EVENT}/meetings`, 'meetings.schedule'],
  ['GET', `/audit?eventId=${EVENT}`, 'audit.read'],
  ['GET', '/tokens', 'tokens.manage'],
  ['DELETE', '/tokens/999999', 'tokens.manage'],
];

describe('organiser roles', () => {
  const cases = adminRoutes.flatMap(([method, path, action]) =>
    [...organiserRoles, 'scoped' as const].map((role) => [role, method, path, action] as const),
  );
  it.each(cases)('%s: %s %s', async (role, method, path, action) => {
    const body =
      method === 'POST' && path.endsWith('check-in') ? JSON.stringify({ ticketCode: 'AAAA-BBBB-CC' }) : undefined;
    const res = await asOrganiser(tokens[role], `/api/admin${path}`, { method, body });
    const byRole = role !== 'scoped' && (accessTable[action] as readonly string[]).includes(role);
    if (byRole) expect(res.status, await res.clone().text()).not.toBe(403);
    else expect(res.status, await res.clone().text()).toBe(403);
  });

  it('refuses every organiser route without a token, and with a public session', async () => {
    for (const [method, path] of adminRoutes) {
      expect((await callers.person.fetch(`/api/admin${path}`, { method })).status).toBe(401);
    }
  });
});
