// Public, read-only view of the published events: the same facts as the site, for scripts and apps.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { CatalogueEvent } from '../../model/catalogue.ts';
import type { AppEnv } from '../env.ts';
import { problemResponses } from '../http/openapi.ts';
import { fail } from '../http/problems.ts';

export const eventIdParam = z.object({
  eventId: z
    .string()
    .min(1)
    .max(120)
    .openapi({ param: { name: 'eventId', in: 'path' }, example: 'indiecon-toronto-2027' }),
});

const eventSummary = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.string(),
  status: z.string(),
  start: z.string().openapi({ description: 'Local date-time in the event zone' }),
  end: z.string(),
  timeZone: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  city: z.string(),
  country: z.string(),
  url: z.string(),
});

const sessionView = z.object({
  id: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  room: z.string().optional(),
  track: z.string().optional(),
  kind: z.string(),
  status: z.string(),
  speakers: z.array(z.object({ id: z.string(), name: z.string() })),
});

const eventDetail = eventSummary.extend({
  venue: z.object({ name: z.string(), address: z.string(), lat: z.number().optional(), lng: z.number().optional() }),
  capacity: z.number().nullable(),
  registrationMode: z.string(),
  sessions: z.array(sessionView),
});

const summaryOf = (e: CatalogueEvent) => ({
  id: e.id,
  title: e.title,
  summary: e.summary,
  kind: e.kind,
  status: e.status,
  start: e.start,
  end: e.end,
  timeZone: e.timeZone,
  startUtc: e.startUtc,
  endUtc: e.endUtc,
  city: e.city,
  country: e.country,
  url: e.url,
});

export const events = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events',
      summary: 'All published events, in start order',
      tags: ['Events'],
      responses: {
        200: {
          description: 'Events',
          content: { 'application/json': { schema: z.object({ events: z.array(eventSummary) }) } },
        },
      },
    }),
    (c) => c.json({ events: c.var.catalogue.catalogue.events.map(summaryOf) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}',
      summary: 'One event with its sessions',
      tags: ['Events'],
      request: { params: eventIdParam },
      responses: {
        200: { description: 'The event', content: { 'application/json': { schema: eventDetail } } },
        ...problemResponses(404),
      },
    }),
    (c) => {
      const e =
        c.var.catalogue.find(c.req.valid('param').eventId) ??
        fail('event_not_found', `There is no event with id "${c.req.param('eventId')}".`);
      return c.json(
        {
          ...summaryOf(e),
          venue: { name: e.venue.name, address: e.venue.address, lat: e.venue.lat, lng: e.venue.lng },
          capacity: e.capacity,
          registrationMode: e.registration.mode,
          sessions: e.sessions.map(({ abstract: _a, revision: _r, ...s }) => s),
        },
        200,
      );
    },
  );
