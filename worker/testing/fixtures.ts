// Test fixtures for worker tests: a catalogue whose dates are relative to now, so the tests
// describe rules ("registration not open yet") rather than calendar dates that will pass.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { type CatalogueEvent, catalogueEventSchema, RECENT_DAYS } from '../../model/catalogue.ts';
import { buildLists } from '../../model/catalogue-build.ts';
import { utcToLocal } from '../../model/time.ts';
import { createApp } from '../app.ts';
import { memorySource } from '../content/source.ts';
import { eventEntry, renderEntry, sessionEntry } from '../feeds/calendar.ts';
import { LocalSender } from '../messages/senders.ts';
import { paidFixtures } from './paid-fixtures.ts';
import { refundFixtures } from './refund-fixtures.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/Berlin';

const wall = (ms: number) => utcToLocal(ms, ZONE);
const at = (days: number) => Math.floor(Date.now() / HOUR) * HOUR + days * DAY;

type Overrides = Partial<Omit<CatalogueEvent, 'registration'>> & {
  registration?: Partial<CatalogueEvent['registration']>;
  startInDays?: number;
  hours?: number;
};

export function fixtureEvent(id: string, o: Overrides = {}): CatalogueEvent {
  const { startInDays = 30, hours = 8, registration, ...rest } = o;
  const start = at(startInDays);
  const end = start + hours * HOUR;
  return catalogueEventSchema.parse({
    id,
    title: `Fixture ${id}`,
    summary: 'A test event.',
    kind: 'meetup',
    status: 'scheduled',
    timeZone: ZONE,
    start: wall(start),
    end: wall(end),
    startUtc: new Date(start).toISOString(),
    endUtc: new Date(end).toISOString(),
    city: 'Berlin',
    citySlug: 'berlin',
    country: 'Germany',
    venue: { name: 'Werkhaus', address: 'Skalitzer Str. 85, Berlin', lat: 52.5, lng: 13.43 },
    hosts: [],
    tags: [],
    capacity: 50,
    networkingSlots: [],
    url: `http://localhost:8787/events/${id}/`,
    description: 'Described.',
    descriptionHtml: '<p>Described.</p>',
    vtimezone: tzlib_get_ical_block(ZONE)[0]!,
    revision: { hash: 'fixture', sequence: 0, modified: new Date(at(-1)).toISOString() },
    sessions: [],
    ...rest,
    registration: { mode: 'open', waitlist: true, questions: [], ...registration },
  });
}

export const questions: CatalogueEvent['registration']['questions'] = [
  { id: 'role', label: 'Role', type: 'select', options: ['Designer', 'Developer', 'Writer'], required: true },
  { id: 'topics', label: 'Topics', type: 'multiselect', options: ['Craft', 'Business'], required: false },
  { id: 'website', label: 'Website', type: 'url', required: false },
  { id: 'contact', label: 'Other email', type: 'email', required: false },
  { id: 'notes', label: 'Notes', type: 'textarea', required: false },
  { id: 'photo', label: 'Photos are fine', type: 'checkbox', required: false },
];

export const events = [
  fixtureEvent('open-event', { capacity: 50, registration: { questions } }),
  fixtureEvent('crowded', { capacity: 50 }),
  fixtureEvent('promotions', { capacity: 3 }),
  fixtureEvent('tiny-no-waitlist', { capacity: 2, registration: { waitlist: false } }),
  fixtureEvent('unlimited', { capacity: null }),
  fixtureEvent('camp', {
    kind: 'camp',
    capacity: 2,
    registration: {
      mode: 'application',
      waitlist: false,
      questions: [{ id: 'why', label: 'Why', type: 'textarea', required: true }],
    },
  }),
  fixtureEvent('not-yet-open', { registration: { opens: wall(at(5)) } }),
  fixtureEvent('ended', { registration: { closes: wall(at(-1)) } }),
  fixtureEvent('cancelled', { status: 'cancelled' }),
  fixtureEvent('postponed', { status: 'postponed' }),
  fixtureEvent('past', { startInDays: -10 }),
  fixtureEvent('closed', { registration: { mode: 'closed' } }),
  fixtureEvent('external', { registration: { mode: 'external', url: 'https://example.org/register' } }),
  fixtureEvent('property', { capacity: 5, registration: { questions } }),
  fixtureEvent('manage', { capacity: null, registration: { questions } }),
  fixtureEvent('manage-queue', { capacity: 1, registration: { questions } }),
  fixtureEvent('admin', { capacity: 3, registration: { questions } }),
  fixtureEvent('admin-camp', { capacity: 1, registration: { mode: 'application', waitlist: false } }),
  fixtureEvent('outbox', { capacity: 10 }),
  fixtureEvent('walk-open', { capacity: 1000 }),
  fixtureEvent('walk-camp', { kind: 'camp', capacity: 1000, registration: { mode: 'application', waitlist: true } }),
  fixtureEvent('security', { capacity: 100, registration: { questions } }),
  fixtureEvent('security-two', { capacity: 100, startInDays: 45 }),
  // Organisers' decisions: one by one, in bulk, and in the console.
  fixtureEvent('bulk-camp', { kind: 'camp', capacity: 3, registration: { mode: 'application', waitlist: true } }),
  fixtureEvent('bulk-race', { kind: 'camp', capacity: 5, registration: { mode: 'application', waitlist: false } }),
  fixtureEvent('undecline-camp', { kind: 'camp', capacity: 1, registration: { mode: 'application', waitlist: false } }),
  fixtureEvent('line', { capacity: 1 }),
  fixtureEvent('console-camp', { kind: 'camp', capacity: 2, registration: { mode: 'application', questions } }),
];

function fixtureSessions(eventId: string, count: number, startInDays: number): CatalogueEvent['sessions'] {
  return Array.from({ length: count }, (_, i) => {
    const start = at(startInDays) + i * HOUR;
    return {
      id: `${eventId}/session-${i + 1}`,
      title: `Session ${i + 1}`,
      start: wall(start),
      end: wall(start + 45 * 60_000),
      startUtc: new Date(start).toISOString(),
      endUtc: new Date(start + 45 * 60_000).toISOString(),
      room: 'Hall',
      kind: 'talk' as const,
      status: 'scheduled' as const,
      speakers: [],
      abstract: 'About things.',
      revision: { hash: `s${i}`, sequence: 0, modified: new Date(at(-1)).toISOString() },
    };
  });
}
events.push(fixtureEvent('agenda', { capacity: 10, sessions: fixtureSessions('agenda', 3, 30) }));

/** An event under way: its first networking slot is over, the other two are still ahead. */
function slotsAround(days: number[]): CatalogueEvent['networkingSlots'] {
  return days.map((d) => {
    const start = at(d);
    return {
      start: wall(start),
      end: wall(start + HOUR),
      startUtc: new Date(start).toISOString(),
      endUtc: new Date(start + HOUR).toISOString(),
      tables: 3,
    };
  });
}
events.push(
  fixtureEvent('camp-live', {
    capacity: 40,
    startInDays: -2,
    hours: 24 * 6,
    registration: { closes: wall(at(3)) },
    networkingSlots: slotsAround([-1, 1, 2]),
  }),
);
events.push(fixtureEvent('meetup-matching', { capacity: 40, networkingSlots: slotsAround([30, 30.1]) }));
events.push(fixtureEvent('network-elsewhere', { capacity: 40, startInDays: 50 }));
events.push(
  fixtureEvent('agenda-two', { capacity: 10, startInDays: 40, sessions: fixtureSessions('agenda-two', 2, 40) }),
);

events.push(...paidFixtures.map(([id, o]) => fixtureEvent(id, o as Overrides)));
events.push(...refundFixtures.map(([id, o]) => fixtureEvent(id, o as Overrides)));

export const vocabulary = [
  { id: 'product-design', label: 'product design', synonyms: ['ux'] },
  { id: 'pricing', label: 'pricing', synonyms: ['rates'] },
  { id: 'remote-teams', label: 'remote teams', synonyms: ['remote work'] },
  { id: 'writing', label: 'writing', synonyms: [] },
];

const builtAt = new Date().toISOString();
export const site = { version: 'fixture', builtAt, siteUrl: 'http://localhost:8787', vocabulary };
const listsOf = (all: CatalogueEvent[]) =>
  buildLists(all, {
    builtAt,
    recentDays: RECENT_DAYS,
    renderEntry: (e) => renderEntry(eventEntry(e)),
    renderSessionEntry: (e, s) => renderEntry(sessionEntry(e, s)),
  });
export const content = memorySource({ site, events, lists: listsOf(events) });
export const app = createApp({ content: () => content });

export type Caller = (path: string, init?: RequestInit) => Promise<Response>;

/** Calls an app like a client would, then waits for its background work (message delivery). */
export function callerOf(target: ReturnType<typeof createApp>): Caller {
  return async (path, init = {}) => {
    const ctx = createExecutionContext();
    const res = await target.request(`http://localhost:8787${path}`, init, env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
}

/** The same app with one event changed, as a new deploy of the content would change it. */
export function appWithEvent(id: string, change: Partial<CatalogueEvent>): Caller {
  const changed = events.map((e) => (e.id === id ? { ...e, ...change } : e));
  const source = memorySource({ site, events: changed, lists: listsOf(changed) });
  return callerOf(createApp({ content: () => source }));
}

/** The same app with its clock at another moment (no waiting: tests move time). */
export const appAt = (moment: Date): Caller => callerOf(createApp({ content: () => content, clock: () => moment }));

export const ORIGIN = 'http://localhost:8787';

/** Calls the app like a client would, then waits for its background work (message delivery). */
export const call: Caller = (path, init) => callerOf(app)(path, init);

let address = 0;
/** A distinct client address per request, so the per-address rate limit stays out of the way. */
export const freshAddress = () => `198.51.100.${(address++ % 250) + 1}-${address}`;

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress(), ...headers },
    body: JSON.stringify(body),
  });
}

/** A form post as a browser on this site sends it (with its Origin). */
export function postForm(path: string, fields: [string, string][], headers: Record<string, string> = {}) {
  return call(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': freshAddress(),
      origin: ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/**
 * A browser: keeps the cookies the worker sets and sends them back, and sends its Origin with
 * every form post, as browsers do. Redirects are not followed, so tests see them.
 */
export class Browser {
  readonly cookies = new Map<string, string>();

  /** A browser talking to the app, or to another app (another clock, other content) on the same database. */
  constructor(private readonly via: Caller = call) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (init.method && init.method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
    if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', freshAddress());
    const res = await this.via(path.replace(/^https?:\/\/[^/]+/, ''), { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return res;
  }

  /** Opens a link and follows its redirect within the site, as a click would. */
  async open(path: string): Promise<Response> {
    const res = await this.fetch(path);
    const location = res.headers.get('location');
    return res.status === 303 && location ? this.fetch(location) : res;
  }

  postForm(path: string, fields: [string, string][]) {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  postJson(path: string, body: unknown) {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

/** The newest message the local mailbox got for an address, and the manage link in it. */
export function lastMessageTo(address: string) {
  const message = LocalSender.kept.find((m) => m.to.address === address);
  const link = message?.text.match(/\/manage\/(m_[A-Za-z0-9_-]{43})/)?.[0];
  return { message, link };
}

/**
 * Registers in a fresh browser as a script would, then opens the link from the confirmation email
 * in that browser: the registration is managed by the browser, with its email proven.
 */
export async function registerAndProve(eventId: string, body: Record<string, unknown>) {
  const res = await postJson(`/api/events/${eventId}/registrations`, body);
  const { registration } = await res.json<{ registration: { id: number; status: string; manageUrl: string } }>();
  const browser = new Browser();
  const { link } = lastMessageTo(String(body.email));
  if (!link) throw new Error(`no message with a manage link reached ${String(body.email)}`);
  await browser.open(link);
  return { ...registration, browser, page: `/manage/${registration.id}` };
}

/** Registers as a script would and opens the link from the answer (not proving the email). */
export async function registerUnproven(eventId: string, body: Record<string, unknown>) {
  const res = await postJson(`/api/events/${eventId}/registrations`, body);
  const { registration } = await res.json<{ registration: { id: number; status: string; manageUrl: string } }>();
  const browser = new Browser();
  await browser.open(registration.manageUrl);
  return { ...registration, browser, page: `/manage/${registration.id}` };
}

export const person = (n: number | string, extra: Record<string, unknown> = {}) => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  consent: true,
  ...extra,
});

export async function rows<T = Record<string, unknown>>(query: string, ...bind: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(query)
      .bind(...bind)
      .all<T>()
  ).results;
}

/** Creates an organiser token directly in D1 and returns the secret to send. */
export async function organiserToken(
  name: string,
  role: 'owner' | 'viewer' | 'manager' | 'check-in',
  eventIds: string[] | null = null,
): Promise<string> {
  const { database } = await import('../db/client.ts');
  const { createToken } = await import('../db/tokens.ts');
  const { hashSecret, newSecret } = await import('../access/secrets.ts');
  const token = newSecret('gat_');
  await createToken(database(env.DB), {
    name,
    tokenHash: await hashSecret(token),
    role,
    eventIds,
    now: new Date().toISOString(),
  });
  return token;
}

export function asOrganiser(token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return call(path, { ...init, headers });
}

/** A browser signed in as `address`, by the emailed link, as a person would. */
export async function signedInBrowser(address: string, via: Caller = call): Promise<Browser> {
  const browser = new Browser(via);
  await browser.postForm('/signin', [['email', address]]);
  const message = LocalSender.kept.find((m) => m.to.address === address);
  const link = message?.text.match(/\/signin\/(g_[A-Za-z0-9_-]{43})/)?.[0];
  if (!link) throw new Error(`no sign-in link reached ${address}`);
  await browser.fetch(link, { method: 'POST' });
  return browser;
}

/** A browser signed in as an organiser with this role, and the CSRF token its console forms carry. */
export async function organiserBrowser(
  address: string,
  role: 'owner' | 'viewer' | 'manager' | 'check-in',
  eventIds: string[] | null = null,
) {
  const browser = await signedInBrowser(address);
  const { database } = await import('../db/client.ts');
  const { addOrganiser } = await import('../db/people.ts');
  const [signed] = await rows<{ id: number }>('SELECT id FROM people WHERE email = ?', address);
  await addOrganiser(database(env.DB), { personId: signed!.id, role, eventIds, now: '2026-01-01', by: 'test' });
  const page = await (await browser.fetch('/console/')).text();
  const csrf = page.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
  return Object.assign(browser, { csrf });
}

/** A console form as the organiser's browser sends it: with its CSRF token. */
export const consolePost = (browser: Browser & { csrf: string }, path: string, fields: [string, string][] = []) =>
  browser.postForm(path, [['csrf', browser.csrf], ...fields]);
