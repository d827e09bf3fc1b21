// The organiser team, apart from HTTP: who is on it, inviting by email (the invitation's link is
// minted when its message goes out), accepting as the invited address, changing roles and scopes,
// removing people. The rules are grants.ts; every change writes its audit entry in its own batch.
import { emailKey } from '../../model/email.ts';
import { mayManageRole, type Organiser, organiserMay } from '../access/rules.ts';
import { hashSecret, sameHash } from '../access/secrets.ts';
import type { AuditEntry } from '../db/audit.ts';
import type { Person } from '../db/people.ts';
import {
  acceptInvitation,
  changeMember,
  type Invitation,
  invitationById,
  invitationByToken,
  invite,
  type MadeBy,
  madeBy,
  memberByEmail,
  openInvitations,
  openInvitationsFor,
  removeMember,
  revokeInvitation,
  type TeamMember,
  teamMember,
  teamMembers,
} from '../db/team.ts';
import type { Problem } from '../http/problems.ts';
import { scheduleDelivery } from '../messages/delivery.ts';
import { INVITATION_DAYS } from '../messages/organiser-texts.ts';
import { readEmail } from '../people/service.ts';
import type { Services } from '../registrations/service.ts';
import { type Grant, grantRefusal, parseRole, parseScope, sharesEvents } from './grants.ts';

/** Invitations one address may receive in a day, whoever sends them. */
export const INVITATIONS_PER_DAY = 3;

export type FieldProblems = Record<string, string>;
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problem: Problem; fields?: FieldProblems };

const refused = (code: Problem['code'], message: string): { ok: false; problem: Problem } => ({
  ok: false,
  problem: { code, message },
});

const audit = (s: Services, who: Organiser, action: string, detail: Record<string, unknown>): AuditEntry => ({
  actor: who.name,
  action,
  at: s.now.toISOString(),
  detail,
});

/** The team as `who` sees it: people and invitations sharing an event with them, and what they may change. */
export async function teamFor(s: Services, who: Organiser & { personId?: number }) {
  const [members, invitations] = await Promise.all([teamMembers(s.db), openInvitations(s.db, s.now.toISOString())]);
  return {
    members: members
      .filter((m) => sharesEvents(who, m))
      .map((m) => ({ ...m, you: m.personId === who.personId, manageable: !grantRefusal(who, m) })),
    invitations: invitations
      .filter((i) => sharesEvents(who, i))
      .map((i) => ({ ...i, revocable: !grantRefusal(who, i) })),
  };
}

/** A role and events as a form sends them, checked against the published events. */
export async function readGrant(s: Pick<Services, 'content'>, data: Record<string, unknown>): Promise<Outcome<Grant>> {
  const fields: FieldProblems = {};
  const role = parseRole(data.role);
  if (!role) fields.role = 'Choose a role: owner, manager, viewer or check-in.';
  const scope = parseScope(data.events);
  if (!scope.ok) fields.events = scope.message;
  else if (scope.eventIds) {
    const missing: string[] = [];
    for (const id of scope.eventIds) if (!(await s.content.event(id))) missing.push(id);
    if (missing.length) fields.events = `There is no event ${missing.map((id) => `"${id}"`).join(', ')}.`;
  }
  if (!role || !scope.ok || Object.keys(fields).length)
    return { ok: false, problem: { code: 'validation_failed', message: 'Check the role and the events.' }, fields };
  return { ok: true, value: { role, eventIds: scope.eventIds } };
}

/** Invites an address; its message (with the accept link) goes out at once. */
export async function inviteOrganiser(
  s: Services,
  who: Organiser,
  data: Record<string, unknown>,
): Promise<Outcome<{ email: string }>> {
  const email = readEmail(data.email);
  const grant = await readGrant(s, data);
  const fields: FieldProblems = { ...(grant.ok ? {} : grant.fields) };
  if (!email.ok) fields.email = 'Type the address to invite, like name@example.org.';
  if (!email.ok || !grant.ok)
    return { ok: false, problem: { code: 'validation_failed', message: 'The invitation was not sent.' }, fields };
  const refusal = grantRefusal(who, grant.value);
  if (refusal) return { ok: false, problem: { code: 'forbidden', message: refusal }, fields: { role: refusal } };
  // Replacing an older invitation to the address is revoking it: only if this organiser may.
  const open = (await openInvitationsFor(s.db, email.key, s.now.toISOString())).filter((i) => grantRefusal(who, i));
  if (open.length) {
    const message = `${email.email} has an invitation from someone who may give more than you; ask them to change it.`;
    return { ok: false, problem: { code: 'conflict', message }, fields: { email: message } };
  }
  if (await memberByEmail(s.db, email.key)) {
    const message = `${email.email} is an organiser already: change their role in the list below.`;
    return { ok: false, problem: { code: 'conflict', message }, fields: { email: message } };
  }
  const now = s.now.toISOString();
  const made = await invite(s.db, {
    email: email.email,
    emailKey: email.key,
    ...grant.value,
    eventIds: grant.value.eventIds ? [...grant.value.eventIds] : null,
    invitedBy: who.name,
    now,
    expiresAt: new Date(s.now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    perDay: INVITATIONS_PER_DAY,
    audit: audit(s, who, 'organiser.invite', { email: email.email, ...grant.value }),
  });
  if (!made) {
    const message = `${email.email} was invited ${INVITATIONS_PER_DAY} times today already (or joined meanwhile): try again tomorrow.`;
    return { ok: false, problem: { code: 'rate_limited', message }, fields: { email: message } };
  }
  s.background(scheduleDelivery({ env: s.env, content: s.content }));
  return { ok: true, value: { email: email.email } };
}

export async function revokeOrganiserInvitation(s: Services, who: Organiser, id: number): Promise<Outcome> {
  const invitation = await invitationById(s.db, id);
  if (!invitation || !sharesEvents(who, invitation)) return refused('not_found', 'There is no such invitation.');
  const refusal = grantRefusal(who, invitation);
  if (refusal) return refused('forbidden', refusal);
  const done = await revokeInvitation(
    s.db,
    id,
    s.now.toISOString(),
    audit(s, who, 'organiser.invitation.revoke', { invitationId: id, email: invitation.email }),
  );
  return done
    ? { ok: true, value: undefined }
    : refused('conflict', 'This invitation was accepted, revoked or expired meanwhile.');
}

async function memberFor(s: Services, who: Organiser, id: number): Promise<Outcome<TeamMember>> {
  const member = await teamMember(s.db, id);
  if (!member || !sharesEvents(who, member)) return refused('not_found', 'There is no such organiser.');
  const refusal = grantRefusal(who, member);
  if (refusal) return refused('forbidden', `${refusal} (${member.email} is a ${member.role}.)`);
  return { ok: true, value: member };
}

const lastOwner =
  'Someone must stay an owner over every event: make another person an owner first, then change or remove this one.';
const changedMeanwhile = 'This organiser was changed meanwhile by someone else. Reload the page and look again.';

export async function changeOrganiser(
  s: Services,
  who: Organiser,
  id: number,
  data: Record<string, unknown>,
): Promise<Outcome<TeamMember>> {
  const member = await memberFor(s, who, id);
  if (!member.ok) return member;
  const grant = await readGrant(s, data);
  if (!grant.ok) return grant;
  const refusal = grantRefusal(who, grant.value);
  if (refusal) return refused('forbidden', refusal);
  const to = { role: grant.value.role, eventIds: grant.value.eventIds ? [...grant.value.eventIds] : null };
  // What they made that their new role could not have made stops with the change.
  const as: Organiser = { name: member.value.email, ...to };
  const made = await madeBy(s.db, member.value.email, s.now.toISOString());
  const stop: MadeBy = {
    tokenIds: made.tokens
      .filter((t) => !organiserMay(as, 'tokens.manage').ok || !mayManageRole(as, t.role))
      .map((t) => t.id),
    invitationIds: made.invitations.filter((i) => grantRefusal(as, i)).map((i) => i.id),
  };
  const result = await changeMember(
    s.db,
    member.value,
    to,
    audit(s, who, 'organiser.change', {
      email: member.value.email,
      from: { role: member.value.role, eventIds: member.value.eventIds },
      to,
      stopped: stop,
    }),
    stop,
  );
  if (result === 'done') return { ok: true, value: member.value };
  return refused('conflict', result === 'last_owner' ? lastOwner : changedMeanwhile);
}

export async function removeOrganiser(s: Services, who: Organiser, id: number): Promise<Outcome<TeamMember>> {
  const member = await memberFor(s, who, id);
  if (!member.ok) return member;
  const m = member.value;
  // Their API tokens and open invitations stop with them, or they would keep (or regain) access.
  const made = await madeBy(s.db, m.email, s.now.toISOString());
  const stop: MadeBy = { tokenIds: made.tokens.map((t) => t.id), invitationIds: made.invitations.map((i) => i.id) };
  const result = await removeMember(
    s.db,
    m,
    audit(s, who, 'organiser.remove', { email: m.email, role: m.role, eventIds: m.eventIds, stopped: stop }),
    stop,
  );
  if (result === 'done') return { ok: true, value: m };
  return refused('conflict', result === 'last_owner' ? lastOwner : changedMeanwhile);
}

export type InvitationState = 'open' | 'accepted' | 'revoked' | 'expired';

const TOKEN = /^i_[A-Za-z0-9_-]{43}$/;

/** The invitation an accept link stands for, and whether it can still be accepted. */
export async function invitationFor(
  s: Pick<Services, 'db' | 'now'>,
  token: string,
): Promise<{ invitation: Invitation; state: InvitationState } | undefined> {
  const hash = TOKEN.test(token) ? await hashSecret(token) : undefined;
  const invitation = hash ? await invitationByToken(s.db, hash) : undefined;
  if (!invitation || !hash || !sameHash(invitation.tokenHash, hash)) return undefined;
  const state: InvitationState = invitation.acceptedAt
    ? 'accepted'
    : invitation.revokedAt
      ? 'revoked'
      : invitation.expiresAt <= s.now.toISOString()
        ? 'expired'
        : 'open';
  return { invitation, state };
}

/** Accepts an invitation as the person signed in, who must be the invited address; once. */
export async function acceptAs(s: Services, person: Person, token: string): Promise<Outcome<Invitation>> {
  const found = await invitationFor(s, token);
  if (!found) return refused('not_found', 'This invitation link does not work.');
  const { invitation } = found;
  if (person.emailKey !== emailKey(invitation.email))
    return refused(
      'forbidden',
      `This invitation is for ${invitation.email}, and you are signed in as ${person.email}. ` +
        'Sign out, then sign in as the invited address.',
    );
  // The invitation is worth what its sender may still give: someone removed or demoted meanwhile
  // cannot bring anyone in.
  const inviter = await memberByEmail(s.db, emailKey(invitation.invitedBy));
  if (!inviter || grantRefusal({ name: inviter.email, role: inviter.role, eventIds: inviter.eventIds }, invitation))
    return refused(
      'forbidden',
      'The organiser who invited you can no longer give this role. Ask an owner to invite you again.',
    );
  if (await memberByEmail(s.db, person.emailKey))
    return refused('conflict', 'You are an organiser already: an owner can change your role on the team page.');
  const accepted = await acceptInvitation(s.db, {
    id: invitation.id,
    personId: person.id,
    now: s.now.toISOString(),
    audit: {
      actor: person.email,
      action: 'organiser.invitation.accept',
      at: s.now.toISOString(),
      detail: { invitationId: invitation.id, role: invitation.role, eventIds: invitation.eventIds },
    },
  });
  if (!accepted) return refused('conflict', 'This invitation was used already, revoked, or it has expired.');
  return { ok: true, value: invitation };
}
