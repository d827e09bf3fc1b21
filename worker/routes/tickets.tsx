// A ticket's link (/t/<code>, what its QR holds): the door page reads the code from it, and anyone
// else who opens it lands on the ticket's public event page, which holds nothing personal.
import { Hono } from 'hono';
import { ticketCodeFrom } from '../../model/ticket.ts';
import { ProblemPage } from '../../ui/pages.tsx';
import { eventOfTicket } from '../db/door.ts';
import type { AppEnv } from '../env.ts';
import { rateLimit } from '../http/rate-limit.ts';

export const tickets = new Hono<AppEnv>().get('/t/:code', rateLimit(), async (c) => {
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex');
  const code = ticketCodeFrom(c.req.param('code').slice(0, 40));
  const eventId = code ? await eventOfTicket(c.var.db, code) : undefined;
  const event = eventId ? await c.var.content.event(eventId) : undefined;
  if (!event)
    return c.html(
      <ProblemPage
        title="Ticket not found"
        message="There is no ticket with this code. Check the link, or find the event on the list of events."
      />,
      404,
    );
  // The site's own path, so the answer stays on the host that was asked.
  return c.redirect(new URL(event.url).pathname, 302);
});
