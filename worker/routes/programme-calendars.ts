// Feeds of part of a programme: one track or one room of an event (from its catalogue file), and
// a speaker's sessions across events (a list the build made, like a city's). Served like the other
// public feeds: ETag/304, the edge cache, HEAD.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { roomsOf, tracksOf } from '../../model/session-groups.ts';
import type { AppEnv } from '../env.ts';
import { groupFeed, publicFeedKey } from '../feeds/feeds.ts';
import { built, feedRoute, icsFile, listCalendar, serve } from './calendars.ts';

const eventId = z
  .string()
  .max(120)
  .openapi({ param: { name: 'eventId', in: 'path' }, example: 'indiecon-toronto-2027' });

const slugOf = (file: string) => file.replace(/\.ics$/, '');

async function groupCalendar(c: Context<AppEnv>, kind: 'track' | 'room', id: string, file: string) {
  const [site, event] = await Promise.all([c.var.content.site(), c.var.content.event(id)]);
  const slug = slugOf(file);
  const group = event && (kind === 'track' ? tracksOf(event) : roomsOf(event)).find((g) => g.slug === slug);
  const feed = event && group && built(groupFeed(event, kind, group));
  return serve(c, feed, publicFeedKey(site, `${kind}:${id}:${slug}`), `${id}-${slug}.ics`);
}

export const programmeCalendars = new OpenAPIHono<AppEnv>()
  .openapi(
    feedRoute(
      '/calendars/events/{eventId}/tracks/{file}',
      'getTrackFeed',
      "One track of an event's programme (the file is the track's name as a slug)",
      z.object({ eventId, file: icsFile('file').openapi({ example: 'business.ics' }) }),
    ),
    (c) => groupCalendar(c, 'track', c.req.valid('param').eventId, c.req.valid('param').file),
  )
  .openapi(
    feedRoute(
      '/calendars/events/{eventId}/rooms/{file}',
      'getRoomFeed',
      "The sessions in one room of an event (the file is the room's name as a slug)",
      z.object({ eventId, file: icsFile('file').openapi({ example: 'main-hall.ics' }) }),
    ),
    (c) => groupCalendar(c, 'room', c.req.valid('param').eventId, c.req.valid('param').file),
  )
  .openapi(
    feedRoute(
      '/calendars/speakers/{file}',
      'getSpeakerFeed',
      "A speaker's upcoming and recent sessions, across events",
      z.object({ file: icsFile('file').openapi({ example: 'priya-raman.ics' }) }),
    ),
    (c) => {
      const speaker = slugOf(c.req.valid('param').file);
      return listCalendar(c, { speaker }, `speaker:${speaker}`, `${speaker}.ics`);
    },
  );
