// "Email me my links" for everyone, signed in or not: JSON for scripts and the page script, a plain
// form for the rest. The answer never says whether the address has registrations.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { linksSentMessage } from '../../ui/links-form.tsx';
import { LinksFormPage, LinksSentPage } from '../../ui/links-pages.tsx';
import type { AppEnv } from '../env.ts';
import { limitBody, readBody } from '../http/body.ts';
import { problemResponses } from '../http/openapi.ts';
import { ProblemError } from '../http/problems.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { emailMyLinks, readEmail } from '../people/service.ts';
import { services } from './context.ts';

const requestSchema = z
  .object({ email: z.string().max(254).openapi({ example: 'ada@example.org' }) })
  .openapi('MyLinksRequest');

const acceptedSchema = z.object({ status: z.literal('accepted'), message: z.string() }).openapi('MyLinksAccepted', {
  description: 'The same answer whether or not the address has registrations.',
});

export const myLinks = new OpenAPIHono<AppEnv>().openapi(
  createRoute({
    method: 'post',
    path: '/my-links',
    operationId: 'emailMyLinks',
    summary: 'Email an address the links to all its registrations',
    description:
      'One message with a manage link for each active registration of the address, whichever event and ' +
      'whether or not registration is still open. The answer is the same for every well-formed address, so ' +
      'it tells nobody whether an address is registered. At most three such messages reach a mailbox in an ' +
      'hour, and each client is rate-limited. Forms get a page instead of JSON.',
    tags: ['Registrations'],
    security: [],
    middleware: [rateLimit(), limitBody(4 * 1024)] as const,
    request: {
      body: {
        content: {
          'application/json': { schema: requestSchema },
          'application/x-www-form-urlencoded': {
            schema: z.record(z.string(), z.union([z.string(), z.array(z.string())])).openapi({
              description: 'email=…',
            }),
          },
        },
      },
    },
    responses: {
      202: { description: 'Accepted', content: { 'application/json': { schema: acceptedSchema } } },
      200: { description: 'Forms: the page that says to check the mailbox' },
      ...problemResponses(400, 403, 413, 415, 429),
    },
  }),
  async (c) => {
    const body = await readBody(c);
    const data = (body.data && typeof body.data === 'object' ? body.data : {}) as Record<string, unknown>;
    const email = readEmail(data.email);
    if (body.kind === 'form') privateHeaders(c);
    if (!email.ok) {
      if (body.kind === 'json') throw new ProblemError(email.problem);
      const typed = typeof data.email === 'string' ? data.email.slice(0, 254) : '';
      return c.html(<LinksFormPage email={typed} error={email.problem.message} />, 400);
    }
    await emailMyLinks(services(c), email.key);
    if (body.kind === 'form') return c.html(<LinksSentPage email={email.email} />, 200);
    return c.json({ status: 'accepted' as const, message: linksSentMessage(email.email) }, 202);
  },
);
