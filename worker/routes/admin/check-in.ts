// At the door: check in by ticket code. Idempotent: a second scan says when the first one was.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can, eventFromParam } from '../../access/middleware.ts';
import { normaliseTicketCode } from '../../access/secrets.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { ProblemError } from '../../http/problems.ts';
import { checkIn } from '../../registrations/service.ts';
import { services } from '../context.ts';
import { auditBy, eventParam, security } from './shared.ts';

const checkInBody = z
  .object({ ticketCode: z.string().min(1).max(40).openapi({ example: 'K7QM-4TZ8-HX' }) })
  .strict()
  .openapi('CheckIn');

export const adminCheckIn = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'post',
    path: '/events/{eventId}/check-in',
    operationId: 'checkIn',
    summary: 'Check someone in by ticket code',
    tags: ['Organisers'],
    security,
    middleware: [can('check-in'), eventFromParam()] as const,
    request: { params: eventParam, body: { required: true, content: { 'application/json': { schema: checkInBody } } } },
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
              checkedInBy: z.string().nullable(),
            }),
          },
        },
      },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  async (c) => {
    const { eventId } = c.req.valid('param');
    const ticketCode = normaliseTicketCode(c.req.valid('json').ticketCode);
    const result = await checkIn(
      services(c),
      c.var.event,
      ticketCode,
      auditBy(c, 'check-in', { eventId, detail: { ticketCode } }),
    );
    if (!result.ok) throw new ProblemError(result.problem);
    const { ok: _ok, ...shown } = result;
    return c.json(shown, 200);
  },
);
