// Organisers run the list: find, read, decide applications, cancel, promote by hand, count,
// export, erase. Each route declares the action it takes; the access table decides who may.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { can, eventFromParam } from '../../access/middleware.ts';
import { record } from '../../db/audit.ts';
import { countsByStatus, listRegistrations, waitlistPosition } from '../../db/registrations.ts';
import type { AppEnv } from '../../env.ts';
import { forgetAvailability } from '../../http/edge-cache.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { type LifecycleAction, type RegistrationStatus, registrationStatuses } from '../../registrations/lifecycle.ts';
import { cancel, decide, erase, promote } from '../../registrations/service.ts';
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
  view,
} from './shared.ts';

const statusList = z
  .string()
  .regex(new RegExp(`^(${registrationStatuses.join('|')})(,(${registrationStatuses.join('|')}))*$`), {
    message: `Use a comma-separated list of: ${registrationStatuses.join(', ')}.`,
  })
  .transform((v) => v.split(',') as RegistrationStatus[]);

const listQuery = z.object({
  status: statusList.optional().openapi({ example: 'confirmed,waitlisted' }),
  q: z.string().trim().min(1).max(100).optional().openapi({ description: 'Text search in names and emails' }),
  updatedSince: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Only registrations changed at or after this instant' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'Use the nextCursor of a previous page.' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const encodeCursor = (id: number) => btoa(`r${id}`).replace(/=+$/, '');
function decodeCursor(cursor: string): number {
  try {
    const m = /^r(\d{1,12})$/.exec(atob(cursor));
    if (m) return Number(m[1]);
  } catch {
    // falls through to the problem below
  }
  return fail('validation_failed', 'The cursor is not one this API gave out.', {
    errors: [{ field: 'cursor', message: 'Use the nextCursor of a previous page.' }],
  });
}

const decisionBody = z
  .object({
    message: decisionNote,
  })
  .strict()
  .openapi('DecisionNote');

const changed = z.object({ registration: registrationView });

const actionRoute = (action: LifecycleAction, summary: string, body: boolean) =>
  createRoute({
    method: 'post',
    path: `/events/{eventId}/registrations/{id}/${action}`,
    operationId: `${action}Registration`,
    summary,
    tags: ['Organisers'],
    security,
    middleware: [can('registrations.decide'), eventFromParam()] as const,
    request: {
      params: registrationParam,
      ...(body ? { body: { content: { 'application/json': { schema: decisionBody } } } } : {}),
    },
    responses: {
      200: { description: 'The registration after the change', content: { 'application/json': { schema: changed } } },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });

async function noteOf(c: Context<AppEnv>): Promise<string | null> {
  if (!c.req.header('content-type')?.includes('json')) return null;
  const parsed = decisionBody.safeParse(await c.req.json().catch(() => ({})));
  return parsed.success ? (parsed.data.message ?? null) : null;
}

async function decideRoute(c: Context<AppEnv>, action: 'approve' | 'decline') {
  const { eventId, id } = c.req.param() as { eventId: string; id: string };
  const r = await loadRegistration(c, eventId, Number(id));
  const note = await noteOf(c);
  const audit = auditBy(c, `registration.${action}`, {
    eventId,
    registrationId: r.id,
    detail: note ? { message: note } : undefined,
  });
  return answer(c, await decide(services(c), c.var.event, r, action, note, audit));
}

/** Who read which attendee data: reading lists is recorded like changing them. */
const recordRead = (c: Context<AppEnv>, action: string, eventId: string, detail?: Record<string, unknown>) =>
  record(c.var.db, auditBy(c, action, { eventId, detail }));

export const adminRegistrations = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/registrations',
      operationId: 'listRegistrations',
      summary: 'List registrations, filtered and paginated by cursor',
      tags: ['Organisers'],
      security,
      middleware: [can('registrations.read'), eventFromParam()] as const,
      request: { params: eventParam, query: listQuery },
      responses: {
        200: {
          description: 'A page of registrations',
          content: {
            'application/json': {
              schema: z.object({ registrations: z.array(registrationView), nextCursor: z.string().nullable() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId } = c.req.valid('param');
      const q = c.req.valid('query');
      const db = c.var.db;
      const page = await listRegistrations(db, eventId, {
        status: q.status,
        q: q.q,
        updatedSince: q.updatedSince && new Date(q.updatedSince).toISOString(),
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const more = page.length > q.limit;
      const shown = page.slice(0, q.limit);
      await recordRead(c, 'registrations.list', eventId, { rows: shown.length, ...(q.q ? { search: true } : {}) });
      c.header('cache-control', 'private, no-store');
      return c.json({ registrations: shown.map(view), nextCursor: more ? encodeCursor(shown.at(-1)!.id) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/registrations/{id}',
      operationId: 'getRegistration',
      summary: 'One registration, with its waitlist position',
      tags: ['Organisers'],
      security,
      middleware: [can('registrations.read'), eventFromParam()] as const,
      request: { params: registrationParam },
      responses: {
        200: {
          description: 'The registration',
          content: {
            'application/json': {
              schema: z.object({ registration: registrationView, waitlistPosition: z.number().int().nullable() }),
            },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const r = await loadRegistration(c, eventId, id);
      await record(c.var.db, auditBy(c, 'registration.read', { eventId, registrationId: id }));
      c.header('cache-control', 'private, no-store');
      return c.json({ registration: view(r), waitlistPosition: await waitlistPosition(c.var.db, r) }, 200);
    },
  )
  .openapi(actionRoute('approve', 'Accept an application: confirmed while places remain', true), (c) =>
    decideRoute(c, 'approve'),
  )
  .openapi(actionRoute('decline', 'Decline an application', true), (c) => decideRoute(c, 'decline'))
  .openapi(
    actionRoute('cancel', 'Cancel a registration; the next waitlisted person gets the place', true),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const r = await loadRegistration(c, eventId, id);
      const note = await noteOf(c);
      const audit = auditBy(c, 'registration.cancel', { eventId, registrationId: id, detail: { from: r.status } });
      return answer(c, await cancel(services(c), c.var.event, r, { audit, note }));
    },
  )
  .openapi(actionRoute('promote', 'Move a waitlisted person into a free place by hand', false), async (c) => {
    const { eventId, id } = c.req.valid('param');
    const r = await loadRegistration(c, eventId, id);
    return answer(
      c,
      await promote(services(c), c.var.event, r, auditBy(c, 'registration.promote', { eventId, registrationId: id })),
    );
  })
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/counts',
      operationId: 'getCounts',
      summary: 'Registrations per status, and how many are checked in',
      tags: ['Organisers'],
      security,
      middleware: [can('registrations.count'), eventFromParam()] as const,
      request: { params: eventParam },
      responses: {
        200: {
          description: 'Counts',
          content: {
            'application/json': {
              schema: z.object({ capacity: z.number().nullable(), counts: z.record(z.string(), z.number()) }),
            },
          },
        },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      c.header('cache-control', 'private, no-store');
      return c.json({ capacity: c.var.event.capacity, counts: await countsByStatus(c.var.db, c.var.event.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/events/{eventId}/registrations/{id}',
      operationId: 'eraseRegistration',
      summary:
        'Erase a registration and everything personal attached to it ' +
        '(profile, stars, introductions, meetings, messages)',
      tags: ['Organisers'],
      security,
      middleware: [can('registrations.erase'), eventFromParam()] as const,
      request: { params: registrationParam },
      responses: {
        204: { description: 'Erased; a freed place went to the first waitlisted person' },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      const r = await loadRegistration(c, eventId, id);
      await erase(services(c), c.var.event, r, auditBy(c, 'registration.delete', { eventId, registrationId: id }));
      await forgetAvailability(c, eventId);
      return c.body(null, 204);
    },
  );
