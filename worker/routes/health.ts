// Liveness for operators and uptime checks: the deployed version and whether D1 answers.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import packageJson from '../../package.json';
import type { AppEnv } from '../env.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  content: z.string(),
  database: z.enum(['ok', 'unavailable']),
});

const route = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Service health',
  tags: ['Service'],
  responses: {
    200: { description: 'Everything answers', content: { 'application/json': { schema: healthSchema } } },
    503: { description: 'D1 does not answer', content: { 'application/json': { schema: healthSchema } } },
  },
});

export const health = new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
  let database: 'ok' | 'unavailable' = 'ok';
  try {
    await drizzle(c.env.DB).run(sql`select 1`);
  } catch (error) {
    console.error('health: D1 did not answer', (error as Error).message);
    database = 'unavailable';
  }
  const body = {
    status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
    version: packageJson.version,
    content: c.var.catalogue.catalogue.version,
    database,
  };
  c.header('cache-control', 'no-store');
  return database === 'ok' ? c.json(body, 200) : c.json(body, 503);
});
