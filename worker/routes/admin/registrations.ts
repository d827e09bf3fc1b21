// Organisers run the list: find, read, decide applications, cancel, promote by hand, count, export.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditStatement } from '../../db/audit.ts';
import { batch } from '../../db/batch.ts';
import { database } from '../../db/client.ts';
import {
  cancelRegistration,
  countsByStatus,
  decideApplication,
  deleteRegistration,
  findRegistration,
  listRegistrations,
  promoteRegistration,
  type Registration,
  waitlistPosition,
} from '../../db/registrations.ts';
import { type RegistrationStatus, registrationStatuses } from '../../db/schema.ts';
import { toCsv } from '../../domain/csv.ts';
import { type AdminEnv, authorize } from '../../http/auth.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { scheduleDelivery } from '../../outbox/deliver.ts';
import { auditBy, eventParam, registrationParam, registrationView, requireEvent, security, view } from './shared.ts';

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
    message: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .openapi({ description: 'A note included in the message to the person' }),
  })
  .strict();

async function loadRegistration(c: Context<AdminEnv>, eventId: string, id: number): Promise<Registration> {
  return (
    (await findRegistration(database(c.env.DB), eventId, id)) ??
    fail('registration_not_found', `Event "${eventId}" has no registration ${id}.`)
  );
}

const actionRoute = (action: string, summary: string, body: boolean) =>
  createRoute({
    method: 'post',
    path: `/events/{eventId}/registrations/{id}/${action}`,
    summary,
    tags: ['Organisers'],
    security,
    request: {
      params: registrationParam,
      ...(body ? { body: { content: { 'application/json': { schema: decisionBody } } } } : {}),
    },
    responses: {
      200: {
        description: 'The registration after the change',
        content: { 'application/json': { schema: z.object({ registration: registrationView }) } },
      },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  });

async function messageOf(c: Context<AdminEnv>): Promise<string | null> {
  if (!c.req.header('content-type')?.includes('json')) return null;
  const parsed = decisionBody.safeParse(await c.req.json().catch(() => ({})));
  return parsed.success ? (parsed.data.message ?? null) : null;
}

export const adminRegistrations = new OpenAPIHono<AdminEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/registrations',
      summary: 'List registrations, filtered and paginated by cursor',
      tags: ['Organisers'],
      security,
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
      authorize(c, 'read', eventId);
      requireEvent(c, eventId);
      const q = c.req.valid('query');
      const page = await listRegistrations(database(c.env.DB), eventId, {
        status: q.status,
        q: q.q,
        updatedSince: q.updatedSince && new Date(q.updatedSince).toISOString(),
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      });
      const more = page.length > q.limit;
      const shown = page.slice(0, q.limit);
      c.header('cache-control', 'private, no-store');
      return c.json({ registrations: shown.map(view), nextCursor: more ? encodeCursor(shown.at(-1)!.id) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/registrations/{id}',
      summary: 'One registration, with its waitlist position',
      tags: ['Organisers'],
      security,
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
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      authorize(c, 'read', eventId);
      requireEvent(c, eventId);
      const r = await loadRegistration(c, eventId, id);
      c.header('cache-control', 'private, no-store');
      return c.json({ registration: view(r), waitlistPosition: await waitlistPosition(database(c.env.DB), r) }, 200);
    },
  )
  .openapi(actionRoute('approve', 'Accept an application: confirmed while places remain', true), async (c) =>
    decide(c, 'accepted'),
  )
  .openapi(actionRoute('decline', 'Decline an application', true), async (c) => decide(c, 'declined'))
  .openapi(
    actionRoute('cancel', 'Cancel a registration; the next waitlisted person gets the place', true),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      authorize(c, 'manage', eventId);
      const event = requireEvent(c, eventId);
      const r = await loadRegistration(c, eventId, id);
      if (r.status === 'cancelled' || r.status === 'declined')
        fail('not_cancellable', `Registration ${id} is already ${r.status}.`);
      const now = new Date().toISOString();
      const note = await messageOf(c);
      const result = await cancelRegistration(
        database(c.env.DB),
        event,
        r,
        now,
        auditBy(c, 'registration.cancel', now, { eventId, registrationId: id, detail: { from: r.status } }),
        note,
      );
      if (!result.changed) fail('conflict', `Registration ${id} changed meanwhile; fetch it and try again.`);
      c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue));
      return c.json({ registration: view(await loadRegistration(c, eventId, id)) }, 200);
    },
  )
  .openapi(actionRoute('promote', 'Move a waitlisted person into a free place by hand', false), async (c) => {
    const { eventId, id } = c.req.valid('param');
    authorize(c, 'manage', eventId);
    const event = requireEvent(c, eventId);
    const r = await loadRegistration(c, eventId, id);
    if (r.status !== 'waitlisted') fail('not_waitlisted', `Registration ${id} is ${r.status}, not on the waitlist.`);
    const now = new Date().toISOString();
    const result = await promoteRegistration(
      database(c.env.DB),
      event,
      r,
      now,
      auditBy(c, 'registration.promote', now, { eventId, registrationId: id }),
    );
    if (!result.changed)
      fail('event_full', `${event.title} has no free place; cancel a registration or raise the capacity first.`);
    c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue));
    return c.json({ registration: view(await loadRegistration(c, eventId, id)) }, 200);
  })
  .openapi(
    createRoute({
      method: 'get',
      path: '/events/{eventId}/counts',
      summary: 'Registrations per status, and how many are checked in',
      tags: ['Organisers'],
      security,
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
      const { eventId } = c.req.valid('param');
      if (c.var.token.role !== 'check-in') authorize(c, 'read', eventId);
      else authorize(c, 'check-in', eventId);
      const event = requireEvent(c, eventId);
      c.header('cache-control', 'private, no-store');
      return c.json({ capacity: event.capacity, counts: await countsByStatus(database(c.env.DB), eventId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/events/{eventId}/registrations/{id}',
      summary:
        'Erase a registration and everything personal attached to it (profile, stars, introductions, meetings, messages)',
      tags: ['Organisers'],
      security,
      request: { params: registrationParam },
      responses: {
        204: { description: 'Erased; a freed place went to the first waitlisted person' },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const { eventId, id } = c.req.valid('param');
      authorize(c, 'manage', eventId);
      const event = requireEvent(c, eventId);
      const r = await loadRegistration(c, eventId, id);
      const now = new Date().toISOString();
      await deleteRegistration(
        database(c.env.DB),
        event,
        r,
        now,
        auditBy(c, 'registration.delete', now, { eventId, registrationId: id }),
      );
      c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue));
      return c.body(null, 204);
    },
  )
  .openapi(exportRoute('csv'), async (c) => exportRegistrations(c, 'csv'))
  .openapi(exportRoute('json'), async (c) => exportRegistrations(c, 'json'));

function exportRoute(format: 'csv' | 'json') {
  return createRoute({
    method: 'get',
    path: `/events/{eventId}/registrations.${format}`,
    summary:
      format === 'csv'
        ? 'Export every registration as CSV, safe against spreadsheet formulas'
        : 'Export every registration as JSON',
    tags: ['Organisers'],
    security,
    request: { params: eventParam },
    responses: {
      200: {
        description: 'The export',
        content:
          format === 'csv'
            ? { 'text/csv': { schema: z.string() } }
            : { 'application/json': { schema: z.object({ registrations: z.array(registrationView) }) } },
      },
      ...problemResponses(401, 403, 404),
    },
  });
}

async function exportRegistrations(c: Context<AdminEnv>, format: 'csv' | 'json') {
  const eventId = c.req.param('eventId')!;
  authorize(c, 'read', eventId);
  const event = requireEvent(c, eventId);
  const db = database(c.env.DB);
  const all: Registration[] = [];
  for (let after = 0; ; ) {
    const page = await listRegistrations(db, eventId, { after, limit: 500 });
    all.push(...page);
    if (page.length < 500) break;
    after = page.at(-1)!.id;
  }
  const now = new Date().toISOString();
  await batch(db, [
    auditStatement(db, auditBy(c, 'registrations.export', now, { eventId, detail: { format, rows: all.length } })),
  ]);
  c.header('cache-control', 'private, no-store');
  c.header('content-disposition', `attachment; filename="${eventId}-registrations.${format}"`);
  if (format === 'json') return c.json({ registrations: all.map(view) }, 200);
  const questions = event.registration.questions;
  const header = [
    'id',
    'status',
    'name',
    'email',
    'ticket',
    'registered',
    'updated',
    'checked in',
    ...questions.map((q) => q.label),
  ];
  const rows = all.map((r) => [
    r.id,
    r.status,
    r.name,
    r.email,
    r.ticketCode,
    r.createdAt,
    r.updatedAt,
    r.checkedInAt ?? '',
    ...questions.map((q) => r.answers[q.id] ?? ''),
  ]);
  return c.body(toCsv(header, rows), 200, { 'content-type': 'text/csv; charset=utf-8' });
}

async function decide(c: Context<AdminEnv>, decision: 'accepted' | 'declined') {
  const eventId = c.req.param('eventId')!;
  const id = Number(c.req.param('id'));
  authorize(c, 'manage', eventId);
  const event = requireEvent(c, eventId);
  const r = await loadRegistration(c, eventId, id);
  if (r.status !== 'pending')
    fail('not_pending', `Registration ${id} is ${r.status}; only pending applications can be ${decision}.`);
  const now = new Date().toISOString();
  const note = await messageOf(c);
  const db = database(c.env.DB);
  const result = await decideApplication(
    db,
    event,
    r,
    decision,
    note,
    now,
    auditBy(c, decision === 'accepted' ? 'registration.approve' : 'registration.decline', now, {
      eventId,
      registrationId: id,
      detail: note ? { message: note } : undefined,
    }),
  );
  if (!result.changed) {
    const after = await loadRegistration(c, eventId, id);
    if (after.status === 'pending')
      fail('event_full', `${event.title} has no free place left to accept this application.`);
    fail('not_pending', `Registration ${id} changed meanwhile; it is now ${after.status}.`);
  }
  c.executionCtx.waitUntil(scheduleDelivery(c.env, c.var.catalogue));
  return c.json({ registration: view(await loadRegistration(c, eventId, id)) }, 200);
}
