// Public, read-only view of the published events: the same facts as the site, for scripts and apps.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type CatalogueVenue,
  catalogueEventSchema,
  catalogueSessionSchema,
  EVENTS_PAGE_SIZE,
  eventPageSchema,
  eventSummarySchema,
} from '../../model/catalogue.ts';
import { eventVenues, sessionVenue } from '../../model/venues.ts';
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

const pageQuery = z.object({
  page: z.coerce
    .number({ message: 'page must be a whole number from 1.' })
    .int({ message: 'page must be a whole number from 1.' })
    .min(1, { message: 'page must be a whole number from 1.' })
    .max(100_000)
    .default(1)
    .openapi({ param: { name: 'page', in: 'query' }, example: 1 }),
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

const venueView = catalogueEventSchema.shape.venue.omit({ spaceId: true }).openapi('Venue');
// Each session carries its own venue, resolved: the read model's key means nothing outside it.
const sessionView = catalogueSessionSchema
  .omit({ abstract: true, revision: true, venue: true })
  .extend({ venue: venueView })
  .openapi('Session');

const eventDetail = eventSummary
  .extend({
    venue: venueView,
    /** Every venue of the event, the first being `venue`. */
    venues: z.array(venueView),
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
      summary: 'Upcoming events and those that ended in the last 30 days, in start order, a page at a time',
      tags: ['Events'],
      security: [],
      request: { query: pageQuery },
      responses: {
        200: {
          description: `Events, ${EVENTS_PAGE_SIZE} a page; \`next\` is the address of the next page, if there is one`,
          content: {
            'application/json': {
              schema: eventPageSchema.pick({ page: true, pages: true }).extend({
                events: z.array(eventSummary),
                next: z.string().optional(),
              }),
            },
          },
        },
        ...problemResponses(400, 404),
      },
    }),
    async (c) => {
      const { page } = c.req.valid('query');
      const found = await c.var.content.eventsPage(page);
      if (!found) return fail('not_found', `There is no page ${page} of events; the first page is 1.`);
      const next = found.page < found.pages ? `/api/events?page=${found.page + 1}` : undefined;
      const events = found.events.map((e) => eventSummary.parse(e));
      return c.json({ events, page: found.page, pages: found.pages, ...(next ? { next } : {}) }, 200);
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
      const shown = ({ spaceId: _space, key: _key, ...venue }: CatalogueVenue & { key?: string }) => venue;
      const sessions = e.sessions.map(({ abstract: _a, revision: _r, ...s }) => ({
        ...s,
        venue: shown(sessionVenue(e, s)),
      }));
      return c.json(
        {
          ...eventSummary.parse(e),
          venue: shown(e.venue),
          venues: eventVenues(e).map(shown),
          capacity: e.capacity,
          registrationMode: e.registration.mode,
          sessions,
        },
        200,
      );
    },
  );
