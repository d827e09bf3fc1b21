// The audit log: who (the token's name) did what, when.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq, lt } from 'drizzle-orm';
import { database } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import { type AdminEnv, authorize } from '../../http/auth.ts';
import { problemResponses } from '../../http/openapi.ts';
import { security } from './shared.ts';

const entry = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    eventId: z.string().nullable(),
    registrationId: z.number().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

export const adminAudit = new OpenAPIHono<AdminEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    summary: 'Organiser actions, newest first',
    tags: ['Organisers'],
    security,
    request: {
      query: z.object({
        eventId: z.string().max(120).optional(),
        before: z.coerce
          .number()
          .int()
          .positive()
          .optional()
          .openapi({ description: 'Entries older than this id (the nextBefore of a previous page)' }),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: {
        description: 'Audit entries',
        content: {
          'application/json': { schema: z.object({ entries: z.array(entry), nextBefore: z.number().nullable() }) },
        },
      },
      ...problemResponses(400, 401, 403),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    authorize(c, 'read', q.eventId);
    const rows = await database(c.env.DB)
      .select()
      .from(auditLog)
      .where(
        and(q.eventId ? eq(auditLog.eventId, q.eventId) : undefined, q.before ? lt(auditLog.id, q.before) : undefined),
      )
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1);
    const shown = rows.slice(0, q.limit);
    c.header('cache-control', 'private, no-store');
    return c.json({ entries: shown, nextBefore: rows.length > q.limit ? shown.at(-1)!.id : null }, 200);
  },
);
