// Organiser tokens: list them and revoke them. Creating one is `npm run token:create`, which
// prints the token once; only its hash is ever stored.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { can } from '../../access/middleware.ts';
import { mayManageRole } from '../../access/rules.ts';
import { record } from '../../db/audit.ts';
import { apiTokens } from '../../db/schema.ts';
import { listTokens, revokeToken } from '../../db/tokens.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { auditBy, security } from './shared.ts';

const tokenView = createSelectSchema(apiTokens, { eventIds: z.array(z.string()).nullable() })
  .omit({ tokenHash: true })
  .openapi('ApiToken');

export const adminTokens = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      operationId: 'listTokens',
      summary: 'List organiser tokens (never the secrets)',
      tags: ['Organisers'],
      security,
      middleware: [can('tokens.manage')] as const,
      responses: {
        200: {
          description: 'Tokens',
          content: { 'application/json': { schema: z.object({ tokens: z.array(tokenView) }) } },
        },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const tokens = await listTokens(c.var.db);
      c.header('cache-control', 'private, no-store');
      return c.json({ tokens: tokens.map(({ tokenHash: _hash, ...t }) => t) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      operationId: 'revokeToken',
      summary: 'Revoke an organiser token',
      tags: ['Organisers'],
      security,
      middleware: [can('tokens.manage')] as const,
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .positive()
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.var.db;
      const target = (await listTokens(db)).find((t) => t.id === id && t.revokedAt === null);
      if (!target) return fail('not_found', `There is no active token ${id}.`);
      if (!mayManageRole(c.var.organiser, target.role))
        return fail('forbidden', `A ${c.var.organiser.role} cannot revoke a ${target.role}'s token.`);
      await revokeToken(db, id, c.var.now.toISOString());
      await record(db, auditBy(c, 'token.revoke', { detail: { tokenId: id } }));
      return c.body(null, 204);
    },
  );
