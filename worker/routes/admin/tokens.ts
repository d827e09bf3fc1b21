// Organiser tokens: list them and revoke them. Creating one is `npm run token:create`, which
// prints the token once; only its hash is ever stored.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { auditStatement } from '../../db/audit.ts';
import { batch } from '../../db/batch.ts';
import { database } from '../../db/client.ts';
import { tokenRoles } from '../../db/schema.ts';
import { listTokens, revokeToken } from '../../db/tokens.ts';
import { type AdminEnv, authorize } from '../../http/auth.ts';
import { problemResponses } from '../../http/openapi.ts';
import { fail } from '../../http/problems.ts';
import { auditBy, security } from './shared.ts';

const tokenView = z
  .object({
    id: z.number(),
    name: z.string(),
    role: z.enum(tokenRoles),
    eventIds: z.array(z.string()).nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const adminTokens = new OpenAPIHono<AdminEnv>()
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      summary: 'List organiser tokens (never the secrets)',
      tags: ['Organisers'],
      security,
      responses: {
        200: {
          description: 'Tokens',
          content: { 'application/json': { schema: z.object({ tokens: z.array(tokenView) }) } },
        },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      authorize(c, 'manage');
      const tokens = await listTokens(database(c.env.DB));
      return c.json({ tokens: tokens.map(({ tokenHash: _hash, ...t }) => t) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      summary: 'Revoke an organiser token',
      tags: ['Organisers'],
      security,
      request: {
        params: z.object({
          id: z.coerce
            .number()
            .int()
            .positive()
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      authorize(c, 'manage');
      const { id } = c.req.valid('param');
      const db = database(c.env.DB);
      const now = new Date().toISOString();
      if (!(await revokeToken(db, id, now))) fail('not_found', `There is no active token ${id}.`);
      await batch(db, [auditStatement(db, auditBy(c, 'token.revoke', now, { detail: { tokenId: id } }))]);
      return c.body(null, 204);
    },
  );
