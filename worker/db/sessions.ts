// Browser sessions, what they may manage, manage links and people, in D1. Secrets (cookie values,
// link tokens) are stored only as SHA-256 hashes.
import { and, eq, gt, type SQL, sql } from 'drizzle-orm';
import { batch, type Statement } from './batch.ts';
import { type Db, first } from './client.ts';
import { browserSessions, manageLinks, people, registrations, sessionGrants } from './schema.ts';

export type BrowserSession = typeof browserSessions.$inferSelect;
export type ManageLink = typeof manageLinks.$inferSelect;

export async function createSession(
  db: Db,
  s: { tokenHash: string; now: string; expiresAt: string; personId?: number },
): Promise<BrowserSession> {
  const [row] = await db
    .insert(browserSessions)
    .values({
      tokenHash: s.tokenHash,
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
      personId: s.personId,
    })
    .returning();
  return row!;
}

/** The cut-offs of idle sessions: for browsers that followed a link, and for people who signed in. */
export type IdleSince = { link: string; person: string };

const live = (now: string, idle: IdleSince) =>
  and(
    gt(browserSessions.expiresAt, now),
    sql`${browserSessions.lastSeenAt} > CASE WHEN ${browserSessions.personId} IS NULL THEN ${idle.link} ELSE ${idle.person} END`,
  );

/** A session that has neither reached its absolute end nor been idle too long. */
export async function findSession(db: Db, tokenHash: string, now: string, idle: IdleSince) {
  return first(
    db
      .select()
      .from(browserSessions)
      .where(and(eq(browserSessions.tokenHash, tokenHash), live(now, idle))),
  );
}

/** Ends one session, or every session of a person ("sign out everywhere"). */
export async function endSessions(db: Db, which: { sessionId: number } | { personId: number }) {
  const where = 'sessionId' in which ? sql`id = ${which.sessionId}` : sql`person_id = ${which.personId}`;
  await batch(db, [
    sql`DELETE FROM session_grants WHERE session_id IN (SELECT id FROM browser_sessions WHERE ${where})`,
    sql`DELETE FROM browser_sessions WHERE ${where}`,
  ]);
}

/** Moves what one session may manage to another (signing in starts a new session), and ends the first. */
export async function moveGrants(db: Db, from: number, to: number) {
  await batch(db, [
    sql`INSERT INTO session_grants (session_id, registration_id, proven, created_at)
      SELECT ${to}, registration_id, proven, created_at FROM session_grants WHERE session_id = ${from}
      ON CONFLICT DO NOTHING`,
    sql`DELETE FROM session_grants WHERE session_id = ${from}`,
    sql`DELETE FROM browser_sessions WHERE id = ${from}`,
  ]);
}

export async function touchSession(db: Db, id: number, now: string) {
  await db.update(browserSessions).set({ lastSeenAt: now }).where(eq(browserSessions.id, id));
}

/** Lets a session manage a registration; once proven, a grant stays proven. */
export async function grant(db: Db, sessionId: number, registrationId: number, proven: boolean, now: string) {
  await db
    .insert(sessionGrants)
    .values({ sessionId, registrationId, proven, createdAt: now })
    .onConflictDoUpdate({
      target: [sessionGrants.sessionId, sessionGrants.registrationId],
      set: { proven: sql`max(${sessionGrants.proven}, ${proven ? 1 : 0})` },
    });
}

export async function grantOf(db: Db, sessionId: number, registrationId: number) {
  return first(
    db
      .select()
      .from(sessionGrants)
      .where(and(eq(sessionGrants.sessionId, sessionId), eq(sessionGrants.registrationId, registrationId))),
  );
}

/** The registrations a session may manage, with the event each belongs to. */
export async function grantsOf(db: Db, sessionId: number) {
  return db
    .select({
      registrationId: sessionGrants.registrationId,
      proven: sessionGrants.proven,
      eventId: registrations.eventId,
    })
    .from(sessionGrants)
    .innerJoin(registrations, eq(registrations.id, sessionGrants.registrationId))
    .where(eq(sessionGrants.sessionId, sessionId));
}

export async function findManageLink(db: Db, tokenHash: string) {
  return first(db.select().from(manageLinks).where(eq(manageLinks.tokenHash, tokenHash)));
}

export async function addManageLink(
  db: Db,
  link: { registrationId: number; tokenHash: string; messageId: number; now: string; expiresAt: string | null },
) {
  await db.insert(manageLinks).values({
    registrationId: link.registrationId,
    tokenHash: link.tokenHash,
    kind: 'email',
    messageId: link.messageId,
    createdAt: link.now,
    expiresAt: link.expiresAt,
  });
}

/**
 * Statements that make an address proven: its person exists, every registration with it is theirs,
 * and whoever held one of those only through the link in a registering answer (anyone could have
 * typed the address) holds it no more.
 */
export function proveStatements(emailKey: SQL | string, email: SQL | string, now: string) {
  const ofAddress = sql`(SELECT id FROM registrations WHERE email_key = ${emailKey})`;
  return [
    sql`INSERT INTO people (email_key, email, created_at) VALUES (${emailKey}, ${email}, ${now})
      ON CONFLICT (email_key) DO NOTHING`,
    sql`UPDATE registrations SET person_id = (SELECT p.id FROM people p WHERE p.email_key = registrations.email_key)
      WHERE email_key = ${emailKey} AND person_id IS NULL`,
    sql`DELETE FROM session_grants WHERE proven = 0 AND registration_id IN ${ofAddress}`,
    sql`DELETE FROM manage_links WHERE kind = 'answer' AND registration_id IN ${ofAddress}`,
  ];
}

/**
 * The email of a registration is proven (someone followed a link delivered to it): the person with
 * that address exists, and the registration (with every other of that address) is theirs.
 */
export async function proveRegistration(db: Db, registrationId: number, now: string) {
  const own = (column: string) => sql`(SELECT ${sql.raw(column)} FROM registrations WHERE id = ${registrationId})`;
  await batch(db, proveStatements(own('email_key'), own('email'), now));
}

export async function personById(db: Db, id: number) {
  return first(db.select().from(people).where(eq(people.id, id)));
}

/**
 * Rotates a registration's links: a fresh link goes out by email (`message`, queued first), and only
 * if it was queued do every earlier link and every other browser's access end; this one keeps it.
 */
export async function rotateLinks(
  db: Db,
  r: { registrationId: number; keepSessionId: number; now: string },
  message: Statement,
): Promise<boolean> {
  const sent = sql`EXISTS (SELECT 1 FROM outbox WHERE registration_id = ${r.registrationId} AND kind = 'manage-link'
    AND created_at = ${r.now})`;
  const [queued] = await batch(db, [
    message,
    sql`DELETE FROM manage_links WHERE registration_id = ${r.registrationId} AND ${sent}`,
    sql`DELETE FROM session_grants WHERE registration_id = ${r.registrationId} AND session_id <> ${r.keepSessionId}
      AND ${sent}`,
  ]);
  return queued!.meta.changes === 1;
}

/** Sessions and links past their end are forgotten by the cron trigger. */
export async function forgetExpired(db: Db, now: string, idle: IdleSince) {
  const [sessions, , links] = await batch(db, [
    sql`DELETE FROM browser_sessions WHERE expires_at <= ${now}
      OR last_seen_at <= CASE WHEN person_id IS NULL THEN ${idle.link} ELSE ${idle.person} END`,
    sql`DELETE FROM session_grants WHERE session_id NOT IN (SELECT id FROM browser_sessions)`,
    sql`DELETE FROM manage_links WHERE expires_at IS NOT NULL AND expires_at <= ${now}`,
  ]);
  return { sessions: sessions!.meta.changes, links: links!.meta.changes };
}
