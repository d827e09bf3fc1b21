// At the door: check in by ticket code. Idempotent: a second scan says when the first one was.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { database } from '../../db/client.ts';
import { checkIn } from '../../db/registrations.ts';
import { normaliseTicketCode } from '../../domain/secrets.ts';
import { type AdminEnv, authorize } from '../../http/auth.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { auditBy, eventParam, requireEvent, security } from './shared.ts';

const refusals = {
  cancelled: 'This registration was cancelled.',
  pending: 'This application has not been accepted yet.',
  waitlisted: 'This person is on the waitlist, without a place.',
  declined: 'This application was declined.',
} as const;

export const adminCheckIn = new OpenAPIHono<AdminEnv>().openapi(
  createRoute({
    method: 'post',
    path: '/events/{eventId}/check-in',
    summary: 'Check someone in by ticket code',
    tags: ['Organisers'],
    security,
    request: {
      params: eventParam,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ ticketCode: z.string().min(1).max(40).openapi({ example: 'K7QM-4TZ8-HX' }) }).strict(),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Checked in now, or already before',
        content: {
          'application/json': {
            schema: z.object({
              name: z.string(),
              ticketCode: z.string(),
              alreadyCheckedIn: z.boolean(),
              checkedInAt: z.string(),
            }),
          },
        },
      },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const { eventId } = c.req.valid('param');
    authorize(c, 'check-in', eventId);
    requireEvent(c, eventId);
    const ticketCode = normaliseTicketCode(c.req.valid('json').ticketCode);
    const now = new Date().toISOString();
    const { registration: r, justCheckedIn } = await checkIn(
      database(c.env.DB),
      eventId,
      ticketCode,
      now,
      auditBy(c, 'check-in', now, { eventId, detail: { ticketCode } }),
    );
    if (!r)
      return fail(
        'ticket_not_found',
        `No ticket ${ticketCode} for this event. Check the code, or whether it is for another event.`,
      );
    if (r.status !== 'confirmed')
      return fail('ticket_not_valid', refusals[r.status], { name: r.name, registrationStatus: r.status });
    return c.json(
      { name: r.name, ticketCode: r.ticketCode, alreadyCheckedIn: !justCheckedIn, checkedInAt: r.checkedInAt! },
      200,
    );
  },
);
