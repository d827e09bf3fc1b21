// Browser sessions, what they may manage, manage links and people, in D1. Secrets (cookie values,
// link tokens) are stored only as SHA-256 hashes.
import { and, eq, gt, sql } from 'drizzle-orm';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { browserSessions, manageLinks, people, registrations, sessionGrants } from './schema.ts';

export type BrowserSession = typeof browserSessions.$inferSelect;
export type ManageLink = typeof manageLinks.$inferSelect;

export async function createSession(
  db: Db,
  tokenHash: string,
  now: string,
  expiresAt: string,
): Promise<BrowserSession> {
  const [row] = await db
    .insert(browserSessions)
    .values({ tokenHash, createdAt: now, lastSeenAt: now, expiresAt })
    .returning();
  return row!;
}

/** A session that has neither reached its absolute end nor been idle since `idleSince`. */
export async function findSession(db: Db, tokenHash: string, now: string, idleSince: string) {
  return first(
    db
      .select()
      .from(browserSessions)
      .where(
        and(
          eq(browserSessions.tokenHash, tokenHash),
          gt(browserSessions.expiresAt, now),
          gt(browserSessions.lastSeenAt, idleSince),
        ),
      ),
  );
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
 * The email of a registration is proven (someone followed a link delivered to it): the person with
 * that address exists, and the registration is theirs. One transaction.
 */
export async function proveRegistration(db: Db, registrationId: number, now: string) {
  await batch(db, [
    sql`INSERT INTO people (email_key, email, created_at)
      SELECT email_key, email, ${now} FROM registrations WHERE id = ${registrationId}
      ON CONFLICT (email_key) DO NOTHING`,
    sql`UPDATE registrations SET person_id = (SELECT p.id FROM people p WHERE p.email_key = registrations.email_key)
      WHERE id = ${registrationId} AND person_id IS NULL`,
  ]);
}

export async function personById(db: Db, id: number) {
  return first(db.select().from(people).where(eq(people.id, id)));
}

/**
 * Rotates a registration's links: every link stops working and every other browser loses access;
 * this one keeps it, and a fresh link goes out by email (the caller queues it in `more`).
 */
export async function rotateLinks(
  db: Db,
  registrationId: number,
  keepSessionId: number,
  more: Parameters<typeof batch>[1],
) {
  await batch(db, [
    sql`DELETE FROM manage_links WHERE registration_id = ${registrationId}`,
    sql`DELETE FROM session_grants WHERE registration_id = ${registrationId} AND session_id <> ${keepSessionId}`,
    ...more,
  ]);
}

/** Sessions and links past their end are forgotten by the cron trigger. */
export async function forgetExpired(db: Db, now: string, idleSince: string) {
  const [sessions, , links] = await batch(db, [
    sql`DELETE FROM browser_sessions WHERE expires_at <= ${now} OR last_seen_at <= ${idleSince}`,
    sql`DELETE FROM session_grants WHERE session_id NOT IN (SELECT id FROM browser_sessions)`,
    sql`DELETE FROM manage_links WHERE expires_at IS NOT NULL AND expires_at <= ${now}`,
  ]);
  return { sessions: sessions!.meta.changes, links: links!.meta.changes };
}
