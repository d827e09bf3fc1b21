// The audit log: who did what, when.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { can } from '../../access/middleware.ts';
import { organiserMay } from '../../access/rules.ts';
import { auditEntries } from '../../db/audit.ts';
import { auditLog } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { security } from './shared.ts';

const entry = createSelectSchema(auditLog, { detail: z.record(z.string(), z.unknown()).nullable() }).openapi(
  'AuditEntry',
);

export const adminAudit = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    operationId: 'listAuditEntries',
    summary: 'Organiser actions, newest first',
    tags: ['Organisers'],
    security,
    middleware: [can('audit.read')] as const,
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
    // Scoped organisers read their events' entries only.
    const scope = organiserMay(c.var.organiser, 'audit.read', q.eventId);
    if (!scope.ok) fail('forbidden', scope.reason);
    const rows = await auditEntries(c.var.db, { eventId: q.eventId, before: q.before, limit: q.limit + 1 });
    const shown = rows.slice(0, q.limit);
    c.header('cache-control', 'private, no-store');
    return c.json({ entries: shown, nextBefore: rows.length > q.limit ? shown.at(-1)!.id : null }, 200);
  },
);
