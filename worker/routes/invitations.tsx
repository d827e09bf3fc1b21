// Accepting an invitation to organise, outside /console (the invitee is not an organiser yet):
// the link shows the invitation; a POST accepts it for the person signed in as the invited address.
import { type Context, Hono } from 'hono';
import { emailKey } from '../../model/email.ts';
import { InvitationEndedPage, InvitationPage } from '../../ui/invitation-page.tsx';
import { currentSession } from '../access/session.ts';
import { personById } from '../db/sessions.ts';
import type { AppEnv } from '../env.ts';
import { ProblemError } from '../http/problems.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { privateHeaders } from '../http/security-headers.ts';
import { acceptAs, invitationFor } from '../organisers/team.ts';
import { services } from './context.ts';

const TOKEN = ':token{i_[A-Za-z0-9_-]{43}}';

async function signedInPerson(c: Context<AppEnv>) {
  const session = await currentSession(c);
  return session?.personId != null ? personById(c.var.db, session.personId) : undefined;
}

export const invitations = new Hono<AppEnv>()
  .get(`/invitations/${TOKEN}`, async (c) => {
    privateHeaders(c);
    const token = c.req.param('token');
    const found = await invitationFor(services(c), token);
    if (!found) return c.html(<InvitationEndedPage state="unknown" />, 404);
    if (found.state !== 'open') return c.html(<InvitationEndedPage state={found.state} />, 410);
    const i = found.invitation;
    const person = await signedInPerson(c);
    const events = i.eventIds
      ? await Promise.all(i.eventIds.map(async (id) => (await c.var.content.event(id))?.title ?? id))
      : null;
    const path = `/invitations/${token}`;
    return c.html(
      <InvitationPage
        invitation={{ email: i.email, role: i.role, invitedBy: i.invitedBy, events }}
        signedInAs={person ? { email: person.email, invited: person.emailKey === emailKey(i.email) } : null}
        action={path}
        signInHref={`/signin?next=${encodeURIComponent(path)}`}
      />,
    );
  })
  .post(`/invitations/${TOKEN}`, rateLimit(), async (c) => {
    privateHeaders(c);
    const token = c.req.param('token');
    const person = await signedInPerson(c);
    if (!person) return c.redirect(`/invitations/${token}`, 303);
    const result = await acceptAs(services(c), person, token);
    if (!result.ok) {
      if (result.problem.code === 'not_found') return c.html(<InvitationEndedPage state="unknown" />, 404);
      throw new ProblemError(result.problem);
    }
    return c.redirect('/console/', 303);
  });
