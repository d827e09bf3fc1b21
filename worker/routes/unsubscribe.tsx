// Stopping an event's announcements: the link from an announcement shows a button; a POST (the
// button, or a mail provider's one-click request, see http/one-click.ts) records it.
import { Hono } from 'hono';
import { UnsubscribeNotFoundPage, UnsubscribePage } from '../../ui/unsubscribe-page.tsx';
import type { AppEnv } from '../env.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { UNSUBSCRIBE_TOKEN, unsubscribeLink, unsubscribeWith } from '../messages/unsubscribe.ts';
import { services } from './context.ts';

const path = `/unsubscribe/:token{${UNSUBSCRIBE_TOKEN}}`;

export const unsubscribeRoutes = new Hono<AppEnv>()
  .get(path, async (c) => {
    privateHeaders(c);
    const token = c.req.param('token');
    const target = await unsubscribeLink(services(c), token);
    const event = target && (await c.var.content.event(target.eventId));
    if (!target) return c.html(<UnsubscribeNotFoundPage />, 404);
    const title = event?.title ?? 'this event';
    return c.html(<UnsubscribePage eventTitle={title} action={`/unsubscribe/${token}`} stopped={target.stopped} />);
  })
  // No rate limit by client: mail providers post many people's one-click requests from a few servers.
  .post(path, async (c) => {
    privateHeaders(c);
    const target = await unsubscribeWith(services(c), c.req.param('token'));
    if (!target) return c.html(<UnsubscribeNotFoundPage />, 404);
    const title = (await c.var.content.event(target.eventId))?.title ?? 'this event';
    return c.html(<UnsubscribePage eventTitle={title} action={c.req.path} stopped />);
  });
