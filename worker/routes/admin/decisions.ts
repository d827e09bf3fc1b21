// More of what organisers do to registrations, for scripts as in the console: undo a decline,
// move someone in the waitlist, email a fresh manage link, decide many applications at once.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can, eventFromParam } from '../../access/middleware.ts';
import type { AppEnv } from '../../env.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { problemResponses } from '../../http/openapi.ts';
import { ProblemError } from '../../http/problems.ts';
import { BULK_LIMIT, decideMany, moveInLine, resendLink, undecline } from '../../registrations/organiser-actions.ts';
import { services } from '../context.ts';
import {
  answerChange as answer,
  auditBy,
  decisionNote,
  eventParam,
  loadRegistration,
  registrationParam,
  registrationView,
  security,
} from './shared.ts';

export const waitlistMoveBody = z
  .object({ move: z.enum(['up', 'down', 'first']).openapi({ description: 'One place up, one down, or to the front' }) })
  .strict()
  .openapi('WaitlistMove');

export const bulkDecisionBody = z
  .object({
    action: z.enum(['approve', 'decline']),
    ids: z.array(z.number().int().positive()).min(1).max(BULK_LIMIT),
    message: decisionNote,
  })
  .strict()
  .openapi('BulkDecision');

const changed = {
  200: {
    description: 'The registration after the change',
    content: { 'application/json': { schema: z.object({ registration: registrationView }) } },
  },
};

const route = (path: string, operationId: string, summary: string) =>
  createRoute({
    method: 'post',
    path: `/events/{eventId}/registrations/{id}/${path}`,
    operationId,
    summary,
    tags: ['Organisers'],
    security,
    middleware: [can('registrations.decide'), eventFromParam()] as const,
    request: { params: registrationParam },
    responses: { ...changed, ...problemResponses(400, 401, 403, 404, 409) },
  });

export const adminDecisions = new OpenAPIHono<AppEnv>()
  .openapi(
    route('undecline', 'undeclineRegistration', 'Undo a decline: the person gets a place, if one is free'),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const r = await loadRegistration(c, eventId, id);
      const audit = auditBy(c, 'registration.undecline', { eventId, registrationId: id });
      return answer(c, await undecline(services(c), c.var.event, r, audit));
    },
  )
  .openapi(
    createRoute({
      ...route('waitlist-move', 'moveInWaitlist', 'Move a waitlisted person in the line'),
      request: {
        params: registrationParam,
        body: { required: true, content: { 'application/json': { schema: waitlistMoveBody } } },
      },
    }),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const { move } = c.req.valid('json');
      const r = await loadRegistration(c, eventId, id);
      const audit = auditBy(c, 'registration.waitlist-move', { eventId, registrationId: id, detail: { move } });
      return answer(c, await moveInLine(services(c), r, move, audit));
    },
  )
  .openapi(
    route('resend-link', 'resendManageLink', 'Email the person a fresh link to their manage page'),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const r = await loadRegistration(c, eventId, id);
      const audit = auditBy(c, 'registration.resend-link', { eventId, registrationId: id });
      return answer(c, await resendLink(services(c), c.var.event, r, audit));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/events/{eventId}/registrations/bulk',
      operationId: 'decideRegistrations',
      summary: `Approve or decline up to ${BULK_LIMIT} applications at once`,
      description:
        'Only pending applications change; others are left as they are. Approving fills free places in id order; ' +
        'the rest join the waitlist when the event keeps one, and stay pending otherwise.',
      tags: ['Organisers'],
      security,
      middleware: [can('registrations.decide'), eventFromParam()] as const,
      request: {
        params: eventParam,
        body: { required: true, content: { 'application/json': { schema: bulkDecisionBody } } },
      },
      responses: {
        200: {
          description: 'Who moved where',
          content: {
            'application/json': {
              schema: z.object({
                confirmed: z.array(z.number().int()),
                waitlisted: z.array(z.number().int()),
                declined: z.array(z.number().int()),
              }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const event = c.var.event;
      const result = await decideMany(
        services(c),
        event,
        body.ids,
        body.action,
        body.message ?? null,
        c.var.organiser.name,
      );
      if (!result.ok) throw new ProblemError(result.problem);
      await forgetAvailability(c, event.id);
      return c.json(result.outcome, 200);
    },
  );
