// Public, read-only view of the published events: the same facts as the site, for scripts and apps.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { catalogueEventSchema, catalogueSessionSchema, eventSummarySchema } from '../../model/catalogue.ts';
import { eventFromParam } from '../access/middleware.ts';
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

// Derived from the read model: what the API shows is what the site shows, minus internals.
const eventSummary = eventSummarySchema
  .pick({
    id: true,
    title: true,
    summary: true,
    kind: true,
    status: true,
    start: true,
    end: true,
    timeZone: true,
    startUtc: true,
    endUtc: true,
    city: true,
    country: true,
    url: true,
  })
  .openapi('EventSummary');

const sessionView = catalogueSessionSchema.omit({ abstract: true, revision: true }).openapi('Session');

const eventDetail = eventSummary
  .extend({
    venue: catalogueEventSchema.shape.venue.omit({ spaceId: true }),
    capacity: catalogueEventSchema.shape.capacity,
    registrationMode: catalogueEventSchema.shape.registration.shape.mode,
    sessions: z.array(sessionView),
  })
  .openapi('Event');

export const events = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events',
      operationId: 'listEvents',
      summary: 'Upcoming events and those that ended in the last 30 days, in start order',
      tags: ['Events'],
      security: [],
      responses: {
        200: {
          description: 'Events',
          content: { 'application/json': { schema: z.object({ events: z.array(eventSummary) }) } },
        },
        ...problemResponses(404),
      },
    }),
    async (c) => {
      const list = (await c.var.content.list({ all: true })) ?? fail('not_found', 'No events are published.');
      return c.json({ events: list.events.map((e) => eventSummary.parse(e)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}',
      operationId: 'getEvent',
      summary: 'One event with its sessions',
      tags: ['Events'],
      security: [],
      middleware: [eventFromParam()] as const,
      request: { params: eventIdParam },
      responses: {
        200: { description: 'The event', content: { 'application/json': { schema: eventDetail } } },
        ...problemResponses(404),
      },
    }),
    (c) => {
      const e = c.var.event;
      const { spaceId: _space, ...venue } = e.venue;
      const sessions = e.sessions.map(({ abstract: _a, revision: _r, ...s }) => s);
      return c.json(
        { ...eventSummary.parse(e), venue, capacity: e.capacity, registrationMode: e.registration.mode, sessions },
        200,
      );
    },
  );
