// Calendar feeds for calendar apps: all events, one event (with its sessions), one session, a city,
// a kind of event, and a person's own agenda at a secret URL. Conditional requests answer 304
// without building anything; HEAD works like GET without the body.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashText } from '../../model/catalogue.ts';
import { eventKinds } from '../../model/content.ts';
import { findPersonalCalendar, personalAgenda } from '../db/calendars.ts';
import { database } from '../db/client.ts';
import { meetingsOf } from '../db/matching.ts';
import { hashSecret } from '../domain/secrets.ts';
import type { AppEnv } from '../env.ts';
import { buildCalendar } from '../feeds/calendar.ts';
import {
  allEventsFeed,
  cityFeed,
  eventFeed,
  type Feed,
  kindFeed,
  lastModified,
  meetingEntry,
  personalFeed,
  publicFeedKey,
  sessionFeed,
} from '../feeds/feeds.ts';
import { calendarResponse, notModified } from '../http/conditional.ts';
import { problemResponses } from '../http/openapi.ts';
import { fail } from '../http/problems.ts';

const PUBLIC = 'public, max-age=900, s-maxage=3600, stale-while-revalidate=86400';
const PERSONAL = 'private, max-age=0, must-revalidate';

const icsFile = (name: string) =>
  z
    .string()
    .regex(/^[a-z0-9_-]{1,120}\.ics$/i, { message: 'Ask for a .ics file.' })
    .openapi({ param: { name, in: 'path' }, example: 'indiecon-toronto-2027.ics' });

const calendarContent = {
  'text/calendar': { schema: z.string().openapi({ description: 'An iCalendar (RFC 5545) document' }) },
};
const feedResponses = {
  200: { description: 'The feed', content: calendarContent },
  304: { description: 'Not modified' },
  ...problemResponses(404),
};

function serve(
  c: Context<AppEnv>,
  feed: Feed | undefined,
  etag: string,
  filename: string,
  cacheControl = PUBLIC,
): Response {
  if (!feed) return fail('not_found', 'There is no such calendar.');
  const meta = { etag, lastModified: lastModified(feed), cacheControl };
  return notModified(c, meta) ?? calendarResponse(meta, buildCalendar(feed, feed.entries), filename);
}

const base = (file: string) => file.replace(/\.ics$/i, '');

export const calendars = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/events.ics',
      summary: 'Every upcoming and recent event',
      tags: ['Calendars'],
      responses: feedResponses,
    }),
    (c) => {
      const { catalogue } = c.var.catalogue;
      const now = new Date();
      return serve(c, allEventsFeed(catalogue, now), publicFeedKey(catalogue, 'all', now), 'gathering-events.ics');
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/events/{file}',
      summary: 'One event and each of its sessions',
      tags: ['Calendars'],
      request: { params: z.object({ file: icsFile('file') }) },
      responses: feedResponses,
    }),
    (c) => {
      const id = base(c.req.valid('param').file);
      const event = c.var.catalogue.find(id);
      const { catalogue } = c.var.catalogue;
      return serve(c, event && eventFeed(catalogue, event), publicFeedKey(catalogue, `event:${id}`), `${id}.ics`);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/events/{eventId}/sessions/{file}',
      summary: 'One session',
      tags: ['Calendars'],
      request: {
        params: z.object({
          eventId: z
            .string()
            .max(120)
            .openapi({ param: { name: 'eventId', in: 'path' } }),
          file: icsFile('file'),
        }),
      },
      responses: feedResponses,
    }),
    (c) => {
      const { eventId, file } = c.req.valid('param');
      const event = c.var.catalogue.find(eventId);
      const session = event?.sessions.find((s) => s.id === `${eventId}/${base(file)}`);
      const { catalogue } = c.var.catalogue;
      return serve(
        c,
        event && session && sessionFeed(catalogue, event, session),
        publicFeedKey(catalogue, `session:${session?.id}`),
        file,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/cities/{file}',
      summary: 'Upcoming and recent events in a city',
      tags: ['Calendars'],
      request: { params: z.object({ file: icsFile('file') }) },
      responses: feedResponses,
    }),
    (c) => {
      const city = base(c.req.valid('param').file);
      const { catalogue } = c.var.catalogue;
      const now = new Date();
      return serve(c, cityFeed(catalogue, city, now), publicFeedKey(catalogue, `city:${city}`, now), `${city}.ics`);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/kinds/{file}',
      summary: 'Upcoming and recent events of one kind',
      tags: ['Calendars'],
      request: { params: z.object({ file: icsFile('file') }) },
      responses: feedResponses,
    }),
    (c) => {
      const kind = base(c.req.valid('param').file);
      const { catalogue } = c.var.catalogue;
      const now = new Date();
      const known = (eventKinds as readonly string[]).includes(kind);
      return serve(
        c,
        known ? kindFeed(catalogue, kind as (typeof eventKinds)[number], now) : undefined,
        publicFeedKey(catalogue, `kind:${kind}`, now),
        `${kind}.ics`,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendars/personal/{file}',
      summary:
        "A person's own agenda: their events, starred sessions and 1:1 meetings (secret URL from the manage page)",
      tags: ['Calendars'],
      request: { params: z.object({ file: icsFile('file') }) },
      responses: feedResponses,
    }),
    async (c) => {
      const token = base(c.req.valid('param').file);
      const db = database(c.env.DB);
      const calendar = /^c_[A-Za-z0-9_-]{43}$/.test(token)
        ? await findPersonalCalendar(db, await hashSecret(token))
        : undefined;
      if (!calendar)
        return fail(
          'not_found',
          'There is no such calendar. If you reset your calendar link, use the new one from your manage page.',
        );
      const agenda = await personalAgenda(db, calendar.emailKey);
      const mine = await meetingsOf(db, agenda.registrationIds);
      const meetings = mine.flatMap((m) => {
        const event = c.var.catalogue.find(m.eventId);
        const entry = event && meetingEntry(event, m);
        return entry ? [entry] : [];
      });
      const { catalogue } = c.var.catalogue;
      const fingerprint = `${agenda.fingerprint}|${mine.map((m) => `${m.id}@${m.createdAt}`).join(',')}`;
      const meta = {
        etag: `"p-${catalogue.version}-${hashText(fingerprint + calendar.createdAt)}"`,
        cacheControl: PERSONAL,
      };
      const feed = personalFeed(
        catalogue,
        c.var.catalogue.find,
        { registrations: agenda.registrations, starred: agenda.starred, meetings },
        catalogue.builtAt,
      );
      const latest = [lastModified(feed), agenda.lastModified].sort().at(-1)!;
      c.header('referrer-policy', 'no-referrer');
      return (
        notModified(c, { ...meta, lastModified: latest }) ??
        calendarResponse({ ...meta, lastModified: latest }, buildCalendar(feed, feed.entries), 'my-agenda.ics')
      );
    },
  );
