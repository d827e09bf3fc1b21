// The console's API tokens: list, create (the secret is in this one answer, never stored, never
// logged) and revoke, through the same service as /api/admin/tokens; a role over every event only.
import { type Context, Hono } from 'hono';
import { TokenCreatedPage, TokensPage } from '../../../ui/console/tokens-page.tsx';
import { can } from '../../access/middleware.ts';
import { mayManageRole } from '../../access/rules.ts';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { ProblemError } from '../../http/problems.ts';
import {
  createOrganiserToken,
  readTokenInput,
  revokeOrganiserToken,
  tokenList,
  tokenRoles,
} from '../../organisers/tokens.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';

async function page(c: Context<AppEnv>, extra: Partial<Parameters<typeof TokensPage>[0]> = {}, status = 200) {
  const who = c.var.organiser;
  const tokens = (await tokenList(services(c))).map((t) => ({ ...t, revocable: mayManageRole(who, t.role) }));
  return c.html(
    <TokensPage
      ctx={await consoleContext(c)}
      tokens={tokens}
      roles={tokenRoles.filter((r) => mayManageRole(who, r))}
      notice={c.req.query('done') === 'revoked' ? 'The token is revoked: it no longer works.' : undefined}
      {...extra}
    />,
    status as 200,
  );
}

export const consoleTokens = new Hono<AppEnv>()
  // "/console/tokens/*" matches /console/tokens itself as well.
  .use('/console/tokens/*', can('tokens.manage'))
  .get('/console/tokens', (c) => page(c))
  .post('/console/tokens', async (c) => {
    const { data } = await readBody(c);
    const fields = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    const input = await readTokenInput(services(c), c.var.organiser, fields);
    if (!input.ok) {
      const events = typeof fields.events === 'string' ? [fields.events.slice(0, 2500)] : [];
      const values = {
        name: typeof fields.name === 'string' ? fields.name.slice(0, 80) : '',
        role: typeof fields.role === 'string' ? fields.role : undefined,
        events,
      };
      return page(c, { form: { values, errors: input.fields, message: input.problem.message } }, 400);
    }
    const { token, row } = await createOrganiserToken(services(c), c.var.organiser.name, input.value);
    return c.html(
      <TokenCreatedPage ctx={await consoleContext(c)} name={row.name} role={row.role} token={token} />,
      201,
    );
  })
  .post('/console/tokens/:id{[1-9][0-9]{0,9}}/revoke', async (c) => {
    const result = await revokeOrganiserToken(services(c), c.var.organiser, Number(c.req.param('id')));
    if (!result.ok) throw new ProblemError(result.problem);
    return c.redirect('/console/tokens?done=revoked', 303);
  });
