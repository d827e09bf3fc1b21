// Organiser tokens: list them and revoke them, through the same service as the console. Creating one
// is the console's (/console/tokens) or `npm run token:create`, which show it once; only its hash is
// ever stored.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { can } from '../../access/middleware.ts';
import { apiTokens } from '../../db/schema.ts';
import type { AppEnv } from '../../env.ts';
import { problemResponses } from '../../http/openapi.ts';
import { ProblemError } from '../../http/problems.ts';
import { revokeOrganiserToken, tokenList } from '../../organisers/tokens.ts';
import { services } from '../context.ts';
import { security } from './shared.ts';

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
      const tokens = await tokenList(services(c));
      c.header('cache-control', 'private, no-store');
      return c.json({ tokens }, 200);
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
      const result = await revokeOrganiserToken(services(c), c.var.organiser, c.req.valid('param').id);
      if (!result.ok) throw new ProblemError(result.problem);
      return c.body(null, 204);
    },
  );
