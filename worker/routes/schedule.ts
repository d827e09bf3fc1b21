// An event's programme for conference apps, in the frab format: schedule.json and schedule.xml.
// Built from the one event's catalogue file, answered with ETag/304 and cached at the edge like the
// public feeds, and readable from other sites' pages (schedule viewers), since it is public.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { publicFeedKey } from '../feeds/feeds.ts';
import { frabSchedule, frabScheduleSchema } from '../feeds/frab.ts';
import { frabXml } from '../feeds/frab-xml.ts';
import { documentResponse, notModified } from '../http/conditional.ts';
import { edgeCached } from '../http/edge-cache.ts';
import { problemResponses } from '../http/openapi.ts';
import { fail } from '../http/problems.ts';
import { PUBLIC } from './calendars.ts';
import { eventIdParam } from './events.ts';

const formats = {
  json: { type: 'application/json; charset=utf-8', render: (s: ReturnType<typeof frabSchedule>) => JSON.stringify(s) },
  xml: { type: 'application/xml; charset=utf-8', render: frabXml },
} as const;

async function serveSchedule(c: Context<AppEnv>, eventId: string, format: keyof typeof formats) {
  const [site, event] = await Promise.all([c.var.content.site(), c.var.content.event(eventId)]);
  if (!event) return fail('not_found', `There is no event "${eventId}".`);
  const etag = publicFeedKey(site, `schedule.${format}:${event.id}`);
  // The build's time: a session's removal leaves no revision behind, and If-Modified-Since must
  // not keep it (the version string and the ETag change with it).
  const meta = { etag, lastModified: site.builtAt, cacheControl: PUBLIC };
  const { type, render } = formats[format];
  const res =
    notModified(c, meta) ??
    (await edgeCached(c, etag, () =>
      documentResponse(meta, render(frabSchedule(site, event)), type, `${event.id}.${format}`),
    ));
  res.headers.set('access-control-allow-origin', '*');
  return res;
}

const scheduleRoute = (format: keyof typeof formats, content: Record<string, { schema: z.ZodType }>) =>
  createRoute({
    method: 'get',
    path: `/events/{eventId}/schedule.${format}`,
    operationId: format === 'json' ? 'getScheduleJson' : 'getScheduleXml',
    summary: `The programme for conference apps (frab ${format === 'json' ? 'JSON, c3voc schema' : 'XML, c3voc XSD'})`,
    description:
      'Days, rooms and sessions with stable ids and UUIDs, as Giggity, ConfClerk, EventFahrplan and the c3voc ' +
      'tools read them. Cancelled sessions are left out. Answers 304 to If-None-Match and If-Modified-Since.',
    tags: ['Events'],
    security: [],
    request: { params: eventIdParam },
    responses: {
      200: { description: 'The schedule', content },
      304: { description: 'Not modified' },
      ...problemResponses(400, 404),
    },
  });

export const schedules = new OpenAPIHono<AppEnv>()
  .openapi(scheduleRoute('json', { 'application/json': { schema: frabScheduleSchema.openapi('FrabSchedule') } }), (c) =>
    serveSchedule(c, c.req.valid('param').eventId, 'json'),
  )
  .openapi(
    scheduleRoute('xml', {
      'application/xml': {
        schema: z.string().openapi({ description: 'schedule.xml (frab), valid for the c3voc XSD' }),
      },
    }),
    (c) => serveSchedule(c, c.req.valid('param').eventId, 'xml'),
  );
