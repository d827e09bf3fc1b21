// Calendar feeds for calendar apps: all events, one event (with its sessions), one session, a city,
// a kind of event, and a person's own agenda at a secret URL. Conditional requests answer 304
// without building anything; HEAD works like GET without the body.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashText, type SiteInfo } from '../../model/catalogue.ts';
import { eventKinds } from '../../model/content.ts';
import { hashSecret } from '../access/secrets.ts';
import type { ListName } from '../content/source.ts';
import { findPersonalFeed, personalAgenda } from '../db/calendars.ts';
import { meetingsOf } from '../db/matching.ts';
import type { AppEnv } from '../env.ts';
import { buildCalendar, renderCalendar } from '../feeds/calendar.ts';
import {
  eventFeed,
  type Feed,
  type ListFeed,
  lastModified,
  listFeed,
  meetingEntry,
  personalFeed,
  publicFeedKey,
  sessionFeed,
} from '../feeds/feeds.ts';
import { calendarResponse, notModified } from '../http/conditional.ts';
import { edgeCached } from '../http/edge-cache.ts';
import { problemResponses } from '../http/openapi.ts';
import { fail } from '../http/problems.ts';

export const PUBLIC = 'public, max-age=900, s-maxage=3600, stale-while-revalidate=86400';
const PERSONAL = 'private, max-age=0, must-revalidate';

export const icsFile = (name: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,120}\.ics$/, { message: 'Ask for a .ics file.' })
    .openapi({ param: { name, in: 'path' }, example: 'indiecon-toronto-2027.ics' });

const calendarContent = {
  'text/calendar': { schema: z.string().openapi({ description: 'An iCalendar (RFC 5545) document' }) },
};
const feedResponses = {
  200: { description: 'The feed', content: calendarContent },
  304: { description: 'Not modified' },
  ...problemResponses(400, 404),
};

type Servable = { lastModified: string; render: (source: string) => string };
export const built = (feed: Feed): Servable => ({
  lastModified: lastModified(feed),
  render: (source) => buildCalendar({ ...feed, source }, feed.entries),
});
// A list's entries were rendered by the build: the request only joins them.
const joined = (feed: ListFeed): Servable => ({
  lastModified: lastModified(feed),
  render: (source) => renderCalendar({ ...feed, source }, feed.entries),
});

/** The address a feed was fetched from: its SOURCE (RFC 7986). */
export const sourceOf = (c: Context<AppEnv>) => `${new URL(c.req.url).origin}${c.req.path}`;

/** A public feed: 304 from its validators, else from the edge cache, else built (and cached). */
export function serve(c: Context<AppEnv>, feed: Servable | undefined, etag: string, filename: string) {
  if (!feed) return fail('not_found', 'There is no such calendar.');
  const meta = { etag, lastModified: feed.lastModified, cacheControl: PUBLIC };
  return notModified(c, meta) ?? edgeCached(c, etag, () => calendarResponse(meta, feed.render(sourceOf(c)), filename));
}

const base = (file: string) => file.replace(/\.ics$/, '');

export async function listCalendar(c: Context<AppEnv>, which: ListName, key: string, filename: string) {
  const site: SiteInfo = await c.var.content.site();
  const list = await c.var.content.feedList(which);
  const now = c.var.now;
  return serve(c, list && joined(listFeed(site, list, which, now)), publicFeedKey(site, key, now), filename);
}

export const feedRoute = <P extends z.ZodObject>(path: string, operationId: string, summary: string, params: P) =>
  createRoute({
    method: 'get',
    path,
    operationId,
    summary,
    tags: ['Calendars'],
    security: [],
    request: { params },
    responses: feedResponses,
  });

export const calendars = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/events.ics',
      operationId: 'getAllEventsFeed',
      summary: 'Every upcoming and recent event',
      tags: ['Calendars'],
      security: [],
      responses: feedResponses,
    }),
    (c) => listCalendar(c, { all: true }, 'all', 'gathering-events.ics'),
  )
  .openapi(
    feedRoute(
      '/calendars/events/{file}',
      'getEventFeed',
      'One event and each of its sessions',
      z.object({ file: icsFile('file') }),
    ),
    async (c) => {
      const id = base(c.req.valid('param').file);
      const [site, event] = await Promise.all([c.var.content.site(), c.var.content.event(id)]);
      return serve(c, event && built(eventFeed(event)), publicFeedKey(site, `event:${id}`), `${id}.ics`);
    },
  )
  .openapi(
    feedRoute(
      '/calendars/events/{eventId}/sessions/{file}',
      'getSessionFeed',
      'One session',
      z.object({
        eventId: z
          .string()
          .max(120)
          .openapi({ param: { name: 'eventId', in: 'path' } }),
        file: icsFile('file'),
      }),
    ),
    async (c) => {
      const { eventId, file } = c.req.valid('param');
      const [site, event] = await Promise.all([c.var.content.site(), c.var.content.event(eventId)]);
      const session = event?.sessions.find((s) => s.id === `${eventId}/${base(file)}`);
      return serve(
        c,
        event && session && built(sessionFeed(event, session)),
        publicFeedKey(site, `session:${session?.id}`),
        file,
      );
    },
  )
  .openapi(
    feedRoute(
      '/calendars/cities/{file}',
      'getCityFeed',
      'Upcoming and recent events in a city',
      z.object({ file: icsFile('file') }),
    ),
    (c) => {
      const city = base(c.req.valid('param').file);
      return listCalendar(c, { city }, `city:${city}`, `${city}.ics`);
    },
  )
  .openapi(
    feedRoute(
      '/calendars/kinds/{file}',
      'getKindFeed',
      'Upcoming and recent events of one kind',
      z.object({ file: icsFile('file') }),
    ),
    (c) => {
      const kind = base(c.req.valid('param').file);
      if (!(eventKinds as readonly string[]).includes(kind)) return fail('not_found', 'There is no such calendar.');
      return listCalendar(c, { kind }, `kind:${kind}`, `${kind}.ics`);
    },
  )
  .openapi(
    feedRoute(
      '/calendars/personal/{file}',
      'getPersonalFeed',
      "A person's own agenda: their events, starred sessions and 1:1 meetings (secret URL from the manage page)",
      z.object({ file: icsFile('file') }),
    ),
    async (c) => {
      const token = base(c.req.valid('param').file);
      const db = c.var.db;
      const feedRow = /^c_[A-Za-z0-9_-]{43}$/.test(token)
        ? await findPersonalFeed(db, await hashSecret(token))
        : undefined;
      if (!feedRow)
        return fail(
          'not_found',
          'There is no such calendar. If you reset your calendar link, use the new one from your manage page.',
        );
      const agenda = await personalAgenda(db, feedRow.personId);
      const mine = await meetingsOf(db, agenda.registrationIds);
      const site = await c.var.content.site();
      const events = new Map(
        await Promise.all(
          [...new Set([...agenda.registrations.map((r) => r.eventId), ...mine.map((m) => m.eventId)])].map(
            async (id) => [id, await c.var.content.event(id)] as const,
          ),
        ),
      );
      const meetings = mine.flatMap((m) => {
        const event = events.get(m.eventId);
        const entry = event && meetingEntry(event, m);
        return entry ? [entry] : [];
      });
      const registrations = agenda.registrations.flatMap((r) => {
        const event = events.get(r.eventId);
        return event ? [{ event, status: r.status, updatedAt: r.updatedAt }] : [];
      });
      const { reminders, settingsAt } = feedRow;
      const fingerprint = `${agenda.fingerprint}|${mine.map((m) => `${m.id}@${m.createdAt}`).join(',')}|${reminders}`;
      const etag = `"p-${site.version}-${hashText(fingerprint + feedRow.createdAt)}"`;
      const feed = personalFeed(site, { registrations, starred: agenda.starred, meetings, reminders });
      const latest = [lastModified(feed), agenda.lastModified, settingsAt ?? ''].sort().at(-1)!;
      const meta = { etag, cacheControl: PERSONAL, lastModified: latest };
      const body = () => buildCalendar({ ...feed, source: sourceOf(c) }, feed.entries);
      const res = notModified(c, meta) ?? calendarResponse(meta, body(), 'my-agenda.ics');
      // The address is the secret: never send it on as a referrer.
      res.headers.set('referrer-policy', 'no-referrer');
      return res;
    },
  );
