// Health for operators and uptime checks: the deployed version, whether D1 answers and has every
// migration this code needs, and whether mail can go out.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import packageJson from '../../package.json';
import { appliedMigrations } from '../db/health.ts';
import { pendingCount } from '../db/outbox.ts';
import type { AppEnv } from '../env.ts';
import { mailStatus } from '../messages/senders.ts';

/** The migrations this build expects (set at bundle time from migrations/). */
declare const __MIGRATIONS__: string[];

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'unavailable']),
    version: z.string(),
    content: z.string(),
    database: z.enum(['ok', 'unavailable']),
    schema: z.object({
      expected: z.string().nullable().openapi({ description: 'The newest migration this code needs' }),
      applied: z.string().nullable(),
      missing: z.array(z.string()),
    }),
    mail: z.enum(['configured', 'dev-mailbox', 'unconfigured']),
    pendingMessages: z.number().int().nullable(),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  summary: 'Service health',
  tags: ['Service'],
  security: [],
  responses: {
    200: {
      description: 'Serving (degraded: mail is not configured, messages wait)',
      content: { 'application/json': { schema: healthSchema } },
    },
    503: {
      description: 'D1 does not answer, or migrations are missing',
      content: { 'application/json': { schema: healthSchema } },
    },
  },
});

export const health = new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
  const db = c.var.db;
  let applied: string[] | undefined;
  let pending: number | null = null;
  try {
    applied = await appliedMigrations(db);
    if (applied.includes(__MIGRATIONS__.at(-1)!)) pending = await pendingCount(db);
  } catch (error) {
    console.error('health: D1 did not answer', (error as Error).name);
  }
  const missing = applied ? __MIGRATIONS__.filter((m) => !applied.includes(m)) : __MIGRATIONS__;
  const mail = mailStatus(c.env);
  const serving = applied !== undefined && missing.length === 0;
  const body = {
    status: !serving ? ('unavailable' as const) : mail === 'unconfigured' ? ('degraded' as const) : ('ok' as const),
    version: packageJson.version,
    content: (await c.var.content.site()).version,
    database: applied ? ('ok' as const) : ('unavailable' as const),
    schema: { expected: __MIGRATIONS__.at(-1) ?? null, applied: applied?.at(-1) ?? null, missing },
    mail,
    pendingMessages: pending,
  };
  c.header('cache-control', 'no-store');
  return serving ? c.json(body, 200) : c.json(body, 503);
});
