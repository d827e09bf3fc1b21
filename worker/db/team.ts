// The organiser team in D1: who holds a role, invitations (the accept link's secret is minted when
// the message is delivered and only its hash kept), and changes guarded in the statement that makes
// them, so that two organisers acting at once never leave the team without an owner over all events.
import { and, asc, desc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { OrganiserRole } from '../access/rules.ts';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { mailboxOf } from './outbox.ts';
import { apiTokens, organiserInvitations, organisers, people } from './schema.ts';

export type TeamMember = {
  id: number;
  personId: number;
  email: string;
  emailKey: string;
  role: OrganiserRole;
  eventIds: string[] | null;
  createdAt: string;
  createdBy: string;
};
export type Invitation = typeof organiserInvitations.$inferSelect;

/** A team is a handful of people; more than this is shown as the first ones. */
export const TEAM_PAGE = 500;

const memberColumns = {
  id: organisers.id,
  personId: organisers.personId,
  email: people.email,
  emailKey: people.emailKey,
  role: organisers.role,
  eventIds: organisers.eventIds,
  createdAt: organisers.createdAt,
  createdBy: organisers.createdBy,
};

export async function teamMembers(db: Db): Promise<TeamMember[]> {
  return db
    .select(memberColumns)
    .from(organisers)
    .innerJoin(people, eq(people.id, organisers.personId))
    .orderBy(asc(people.emailKey))
    .limit(TEAM_PAGE);
}

export async function teamMember(db: Db, id: number): Promise<TeamMember | undefined> {
  return first(
    db
      .select(memberColumns)
      .from(organisers)
      .innerJoin(people, eq(people.id, organisers.personId))
      .where(eq(organisers.id, id)),
  );
}

export async function memberByEmail(db: Db, emailKey: string): Promise<TeamMember | undefined> {
  return first(
    db
      .select(memberColumns)
      .from(organisers)
      .innerJoin(people, eq(people.id, organisers.personId))
      .where(eq(people.emailKey, emailKey)),
  );
}

/** Invitations not yet accepted, revoked or expired. */
const isOpen = (now: string) =>
  and(
    isNull(organiserInvitations.acceptedAt),
    isNull(organiserInvitations.revokedAt),
    gt(organiserInvitations.expiresAt, now),
  );

/** The open invitations to one address. */
export async function openInvitationsFor(db: Db, emailKey: string, now: string): Promise<Invitation[]> {
  return db
    .select()
    .from(organiserInvitations)
    .where(and(eq(organiserInvitations.emailKey, emailKey), isOpen(now)));
}

/** Open invitations, newest first. */
export async function openInvitations(db: Db, now: string): Promise<Invitation[]> {
  return db
    .select()
    .from(organiserInvitations)
    .where(isOpen(now))
    .orderBy(desc(organiserInvitations.id))
    .limit(TEAM_PAGE);
}

export async function invitationById(db: Db, id: number) {
  return first(db.select().from(organiserInvitations).where(eq(organiserInvitations.id, id)));
}

export async function invitationByToken(db: Db, tokenHash: string) {
  return first(db.select().from(organiserInvitations).where(eq(organiserInvitations.tokenHash, tokenHash)));
}

/** The open invitation of an address, which its message delivers. */
export async function openInvitationTo(db: Db, emailKey: string, now: string) {
  return first(
    db
      .select()
      .from(organiserInvitations)
      .where(
        and(
          eq(organiserInvitations.emailKey, emailKey),
          isNull(organiserInvitations.acceptedAt),
          isNull(organiserInvitations.revokedAt),
          gt(organiserInvitations.expiresAt, now),
        ),
      )
      .orderBy(desc(organiserInvitations.id)),
  );
}

/** At delivery: the accept link's secret is minted now; a retry mints another and the first stops working. */
export async function setInvitationToken(db: Db, id: number, tokenHash: string) {
  await db.update(organiserInvitations).set({ tokenHash }).where(eq(organiserInvitations.id, id));
}

// The undelivered invitation message of an address: withdrawn when its invitation is.
const withdrawMessages = (emailKey: SQL | string, reason: string) =>
  sql`UPDATE outbox SET status = 'failed', last_error = ${reason}
    WHERE kind = 'invitation' AND to_key = ${emailKey} AND status = 'pending'`;

export type NewInvitation = {
  email: string;
  emailKey: string;
  role: OrganiserRole;
  eventIds: string[] | null;
  invitedBy: string;
  now: string;
  expiresAt: string;
  /** Invitations one address may receive in a day, whoever sends them. */
  perDay: number;
  audit: AuditEntry;
};

/**
 * Invites an address in one batch: the invitation (unless the address is an organiser already or
 * was invited `perDay` times in the last day), older open invitations of the address withdrawn with
 * their undelivered messages, its message queued and the audit entry. Returns whether it was made.
 */
export async function invite(db: Db, i: NewInvitation): Promise<boolean> {
  // Until its message is delivered the invitation holds a hash of nothing anyone has: this marker,
  // which is also how the other statements find the row this batch made.
  const marker = `unsent:${crypto.randomUUID()}`;
  const made = sql`EXISTS (SELECT 1 FROM organiser_invitations WHERE token_hash = ${marker})`;
  const dayAgo = new Date(Date.parse(i.now) - 86_400_000).toISOString();
  const [insert] = await batch(db, [
    sql`INSERT INTO organiser_invitations (email, email_key, role, event_ids, token_hash, invited_by, created_at, expires_at)
      SELECT ${i.email}, ${i.emailKey}, ${i.role}, ${i.eventIds ? JSON.stringify(i.eventIds) : null}, ${marker},
        ${i.invitedBy}, ${i.now}, ${i.expiresAt}
      WHERE (SELECT count(*) FROM organiser_invitations WHERE email_key = ${i.emailKey} AND created_at > ${dayAgo}
          AND invited_by = ${i.invitedBy}) < ${i.perDay}
        AND NOT EXISTS (SELECT 1 FROM organisers o JOIN people p ON p.id = o.person_id WHERE p.email_key = ${i.emailKey})`,
    sql`UPDATE organiser_invitations SET revoked_at = ${i.now}
      WHERE email_key = ${i.emailKey} AND token_hash <> ${marker} AND accepted_at IS NULL AND revoked_at IS NULL
        AND ${made}`,
    sql`${withdrawMessages(i.emailKey, 'replaced by a newer invitation')} AND ${made}`,
    sql`INSERT INTO outbox (kind, to_address, to_key, to_mailbox, to_name, subject, body, attach_calendar, status,
        attempts, next_attempt_at, created_at)
      SELECT 'invitation', ${i.email}, ${i.emailKey}, ${mailboxOf(sql`${i.emailKey}`)}, '', 'Invitation to organise', '',
        0, 'pending', 0, ${i.now}, ${i.now}
      WHERE ${made}`,
    auditWhen(i.audit, made),
  ]);
  return insert!.meta.changes === 1;
}

/** Revokes an open invitation and withdraws its message if it is still undelivered. */
export async function revokeInvitation(db: Db, id: number, now: string, audit: AuditEntry): Promise<boolean> {
  const revoked = sql`EXISTS (SELECT 1 FROM organiser_invitations WHERE id = ${id} AND revoked_at = ${now})`;
  const [update] = await batch(db, [
    sql`UPDATE organiser_invitations SET revoked_at = ${now}
      WHERE id = ${id} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}`,
    sql`${withdrawMessages(sql`(SELECT email_key FROM organiser_invitations WHERE id = ${id})`, 'invitation revoked')}
      AND ${revoked}`,
    auditWhen(audit, revoked),
  ]);
  return update!.meta.changes === 1;
}

/**
 * Accepts an invitation for a person, once: the invitation is marked and the person gets its role
 * in the same transaction, and only while it is open (not accepted, revoked or expired).
 */
export async function acceptInvitation(
  db: Db,
  a: { id: number; personId: number; now: string; audit: AuditEntry },
): Promise<boolean> {
  const [update] = await batch(db, [
    sql`UPDATE organiser_invitations SET accepted_at = ${a.now}
      WHERE id = ${a.id} AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ${a.now}
        AND NOT EXISTS (SELECT 1 FROM organisers WHERE person_id = ${a.personId})`,
    sql`INSERT INTO organisers (person_id, role, event_ids, created_at, created_by)
      SELECT ${a.personId}, role, event_ids, ${a.now}, invited_by FROM organiser_invitations
      WHERE id = ${a.id} AND changes() = 1
      ON CONFLICT (person_id) DO UPDATE SET role = excluded.role, event_ids = excluded.event_ids`,
    auditWhen(a.audit, sql`changes() = 1`),
  ]);
  return update!.meta.changes === 1;
}

// Some owner over every event stays: a change or removal that would take away the last is refused.
const keepsAnOwner = (newRole: OrganiserRole | null, newEventIds: string[] | null) =>
  newRole === 'owner' && newEventIds === null
    ? sql`1`
    : sql`(NOT (role = 'owner' AND event_ids IS NULL)
        OR (SELECT count(*) FROM organisers WHERE role = 'owner' AND event_ids IS NULL) > 1)`;

// Only what the caller saw (and checked the rules against) is changed: anything changed meanwhile is left.
const asSeen = (seen: Pick<TeamMember, 'id' | 'role' | 'eventIds'>) =>
  sql`id = ${seen.id} AND role = ${seen.role}
    AND coalesce(event_ids, '') = ${seen.eventIds ? JSON.stringify(seen.eventIds) : ''}`;

export type MemberChange = 'done' | 'last_owner' | 'changed';

/** Tokens and open invitations a member made (to stop what their new role could not have made). */
export type MadeBy = { tokenIds: number[]; invitationIds: number[] };

export async function madeBy(db: Db, email: string, now: string) {
  const [tokens, invitations] = await Promise.all([
    db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.createdBy, email), isNull(apiTokens.revokedAt))),
    db
      .select()
      .from(organiserInvitations)
      .where(and(eq(organiserInvitations.invitedBy, email), isOpen(now))),
  ]);
  return { tokens, invitations };
}

/** Stops the tokens and invitations listed, only if `when` holds after the change (it happened). */
function stopMade(made: MadeBy, now: string, when: SQL): SQL[] {
  const ids = (list: number[]) => sql`(SELECT value FROM json_each(${JSON.stringify(list)}))`;
  return [
    ...(made.tokenIds.length
      ? [
          sql`UPDATE api_tokens SET revoked_at = ${now} WHERE id IN ${ids(made.tokenIds)} AND revoked_at IS NULL AND ${when}`,
        ]
      : []),
    ...(made.invitationIds.length
      ? [
          sql`UPDATE organiser_invitations SET revoked_at = ${now}
            WHERE id IN ${ids(made.invitationIds)} AND accepted_at IS NULL AND revoked_at IS NULL AND ${when}`,
        ]
      : []),
  ];
}

async function guarded(
  db: Db,
  statement: SQL,
  audit: AuditEntry,
  seen: TeamMember,
  after: SQL[] = [],
): Promise<MemberChange> {
  const [result] = await batch(db, [statement, auditWhen(audit, sql`changes() = 1`), ...after]);
  if (result!.meta.changes === 1) return 'done';
  const now = await first(
    db
      .select({ role: organisers.role, eventIds: organisers.eventIds })
      .from(organisers)
      .where(eq(organisers.id, seen.id)),
  );
  const unchanged = now && now.role === seen.role && JSON.stringify(now.eventIds) === JSON.stringify(seen.eventIds);
  return unchanged ? 'last_owner' : 'changed';
}

/** Changes a member's role and events, as they were seen. */
export async function changeMember(
  db: Db,
  seen: TeamMember,
  to: { role: OrganiserRole; eventIds: string[] | null },
  audit: AuditEntry,
  stop: MadeBy = { tokenIds: [], invitationIds: [] },
): Promise<MemberChange> {
  const statement = sql`UPDATE organisers SET role = ${to.role},
      event_ids = ${to.eventIds ? JSON.stringify(to.eventIds) : null}
    WHERE ${asSeen(seen)} AND ${keepsAnOwner(to.role, to.eventIds)}`;
  const changed = sql`EXISTS (SELECT 1 FROM organisers WHERE ${asSeen({ id: seen.id, ...to })})`;
  return guarded(db, statement, audit, seen, stopMade(stop, audit.at, changed));
}

/** Removes a member from the team, as they were seen. */
export async function removeMember(
  db: Db,
  seen: TeamMember,
  audit: AuditEntry,
  stop: MadeBy = { tokenIds: [], invitationIds: [] },
): Promise<MemberChange> {
  const statement = sql`DELETE FROM organisers WHERE ${asSeen(seen)} AND ${keepsAnOwner(null, null)}`;
  const removed = sql`NOT EXISTS (SELECT 1 FROM organisers WHERE id = ${seen.id})`;
  return guarded(db, statement, audit, seen, stopMade(stop, audit.at, removed));
}
