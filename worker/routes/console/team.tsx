// The console's team page: list, invite, revoke an invitation, change and remove organisers. Each
// write answers with a redirect back to the page and a notice (or the page again with the problem).
import { type Context, Hono } from 'hono';
import { TeamPage } from '../../../ui/console/team-page.tsx';
import type { AppEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { fail, ProblemError } from '../../http/problems.ts';
import { grantableRoles, mayManageTeam } from '../../organisers/grants.ts';
import {
  changeOrganiser,
  inviteOrganiser,
  removeOrganiser,
  revokeOrganiserInvitation,
  teamFor,
} from '../../organisers/team.ts';
import { services } from '../context.ts';
import { consoleContext } from './context.ts';

const notices: Record<string, string> = {
  invited: 'The invitation is on its way.',
  revoked: 'The invitation is revoked: its link no longer works.',
  changed: 'The role is changed.',
  removed: 'They are no longer on the team.',
};

const ID = ':id{[1-9][0-9]{0,9}}';

async function form(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const { data } = await readBody(c);
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

async function page(c: Context<AppEnv>, extra: Partial<Parameters<typeof TeamPage>[0]> = {}, status = 200) {
  const who = c.var.organiser;
  const team = await teamFor(services(c), who);
  const choices = who.eventIds
    ? await Promise.all(who.eventIds.map(async (id) => ({ id, title: (await c.var.content.event(id))?.title ?? id })))
    : null;
  const ctx = await consoleContext(c);
  return c.html(
    <TeamPage
      ctx={ctx}
      members={team.members}
      invitations={team.invitations}
      roles={grantableRoles(who)}
      choices={choices}
      notice={notices[c.req.query('done') ?? '']}
      {...extra}
    />,
    status as 200,
  );
}

const done = (c: Context<AppEnv>, what: keyof typeof notices) => c.redirect(`/console/team?done=${what}`, 303);

export const consoleTeam = new Hono<AppEnv>()
  // Scoped owners and managers manage the team too, within their events (organisers/grants.ts).
  // "/console/team/*" matches /console/team itself as well.
  .use('/console/team/*', async function canManageTeam(c, next) {
    if (!mayManageTeam(c.var.organiser)) return fail('forbidden', `A ${c.var.organiser.role} cannot manage the team.`);
    await next();
  })
  .get('/console/team', (c) => page(c))
  .post('/console/team/invitations', async (c) => {
    const data = await form(c);
    const result = await inviteOrganiser(services(c), c.var.organiser, data);
    if (result.ok) return done(c, 'invited');
    const events = Array.isArray(data.events) ? data.events : typeof data.events === 'string' ? [data.events] : [];
    const values = {
      email: typeof data.email === 'string' ? data.email.slice(0, 254) : '',
      role: typeof data.role === 'string' ? data.role : undefined,
      events: events.filter((e): e is string => typeof e === 'string').map((e) => e.slice(0, 2500)),
    };
    const status = result.problem.code === 'validation_failed' ? 400 : result.problem.code === 'forbidden' ? 403 : 409;
    return page(c, { form: { values, errors: result.fields ?? {}, message: result.problem.message } }, status);
  })
  .post(`/console/team/invitations/${ID}/revoke`, async (c) => {
    const result = await revokeOrganiserInvitation(services(c), c.var.organiser, Number(c.req.param('id')));
    if (!result.ok) throw new ProblemError(result.problem);
    return done(c, 'revoked');
  })
  .post(`/console/team/members/${ID}`, async (c) => {
    const result = await changeOrganiser(services(c), c.var.organiser, Number(c.req.param('id')), await form(c));
    if (!result.ok) throw new ProblemError(result.problem);
    return done(c, 'changed');
  })
  .post(`/console/team/members/${ID}/remove`, async (c) => {
    const who = c.var.organiser;
    const result = await removeOrganiser(services(c), who, Number(c.req.param('id')));
    if (!result.ok) throw new ProblemError(result.problem);
    // Someone who removed themselves has nothing left to see here.
    return 'personId' in who && result.value.personId === who.personId ? c.redirect('/my/', 303) : done(c, 'removed');
  });
