// The audit log: who did what, when.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { auditScope, parseAuditFilter, readAudit } from '../../console/audit.ts';
import { auditLog } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail, ProblemError } from '../../http/problems.ts';
import { security } from './shared.ts';

const entry = createSelectSchema(auditLog, { detail: z.record(z.string(), z.unknown()).nullable() }).openapi(
  'AuditEntry',
);

export const adminAudit = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    operationId: 'listAuditEntries',
    summary: 'Organiser actions, newest first, filtered; a role scoped to events reads those events only',
    tags: ['Organisers'],
    security,
    request: {
      // Documented here; checked by the console's parser (console/audit.ts), so both read the log alike.
      query: z.object({
        eventId: z.string().max(120).optional(),
        actor: z.string().max(254).optional().openapi({ description: "Text in the actor's name, in any case" }),
        action: z.string().max(60).optional().openapi({ example: 'registration.approve' }),
        registrationId: z.string().optional().openapi({ description: "One registration's entries" }),
        from: z.string().optional().openapi({ description: 'From this day (YYYY-MM-DD, UTC)' }),
        to: z.string().optional().openapi({ description: 'Until the end of this day (YYYY-MM-DD, UTC)' }),
        before: z
          .string()
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
    const { limit } = c.req.valid('query');
    const parsed = parseAuditFilter(new URL(c.req.url).searchParams);
    if (!parsed.ok)
      throw new ProblemError({
        code: 'validation_failed',
        message: 'Some filters are invalid; see errors for each one.',
        fields: parsed.errors,
      });
    // A role scoped to events reads those events' entries only.
    const scope = auditScope(c.var.organiser, parsed.value.eventId);
    if (!scope.ok) return fail('forbidden', scope.reason);
    const page = await readAudit(c.var.db, scope, parsed.value, limit);
    c.header('cache-control', 'private, no-store');
    return c.json(page, 200);
  },
);
