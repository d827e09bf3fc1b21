// People, signing in and organisers in D1. Link tokens and codes are stored only as hashes.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { OrganiserRole } from '../access/rules.ts';
import { activeStatuses } from '../registrations/lifecycle.ts';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { mailboxOf } from './outbox.ts';
import { organisers, outbox, people, registrations, signInRequests, signIns } from './schema.ts';
import { proveStatements } from './sessions.ts';

export type Person = typeof people.$inferSelect;
export type SignInRequest = typeof signInRequests.$inferSelect;
export type Organiser = typeof organisers.$inferSelect;

export async function personByEmail(db: Db, emailKey: string) {
  return first(db.select().from(people).where(eq(people.emailKey, emailKey)));
}

/**
 * Asks to sign in: a request and its message, in one transaction, unless the address already got
 * `perHour` sign-in messages in the last hour (then nothing, and the caller answers the same).
 */
export async function requestSignIn(
  db: Db,
  r: { emailKey: string; email: string; mailbox: string; now: string; perHour: number },
): Promise<boolean> {
  const hourAgo = new Date(new Date(r.now).getTime() - 3_600_000).toISOString();
  const [insert] = await batch(db, [
    sql`INSERT INTO sign_in_requests (email_key, email, mailbox, created_at)
      SELECT ${r.emailKey}, ${r.email}, ${r.mailbox}, ${r.now}
      WHERE (SELECT count(*) FROM sign_in_requests WHERE mailbox = ${r.mailbox} AND created_at > ${hourAgo})
        < ${r.perHour}`,
    sql`INSERT INTO outbox (sign_in_id, kind, to_address, to_key, to_mailbox, to_name, subject, body, attach_calendar,
        status, attempts, next_attempt_at, created_at)
      SELECT s.id, 'sign-in', s.email, s.email_key, s.mailbox, '', 'Your sign-in link for Gathering', '', 0, 'pending', 0,
        ${r.now}, ${r.now}
      FROM sign_in_requests s WHERE s.id = last_insert_rowid() AND changes() = 1`,
  ]);
  return insert!.meta.changes === 1;
}

/** At delivery: the link and code of a request are minted now; only their hashes are kept. */
export async function mintSignIn(db: Db, id: number, m: { tokenHash: string; codeHash: string; expiresAt: string }) {
  await db
    .update(signInRequests)
    .set({ tokenHash: m.tokenHash, codeHash: m.codeHash, expiresAt: m.expiresAt })
    .where(eq(signInRequests.id, id));
}

export async function signInRequestByToken(db: Db, tokenHash: string) {
  return first(db.select().from(signInRequests).where(eq(signInRequests.tokenHash, tokenHash)));
}

/** Uses a request once: true for exactly one of any number of simultaneous attempts. */
export async function useSignInRequest(db: Db, id: number, now: string): Promise<boolean> {
  const [update] = await batch(db, [
    sql`UPDATE sign_in_requests SET used_at = ${now}
      WHERE id = ${id} AND used_at IS NULL AND expires_at > ${now} AND token_hash IS NOT NULL`,
  ]);
  return update!.meta.changes === 1;
}

/**
 * The newest live request of an address, with one more try counted: the count goes up before the
 * code is compared, in one statement, so simultaneous guesses cannot get past the limit.
 */
export async function countCodeTry(db: Db, emailKey: string, now: string, tries: number) {
  const [row] = await batch(db, [
    sql`UPDATE sign_in_requests SET tries = tries + 1
      WHERE id = (SELECT id FROM sign_in_requests WHERE email_key = ${emailKey} AND used_at IS NULL
          AND expires_at > ${now} AND code_hash IS NOT NULL ORDER BY id DESC LIMIT 1)
        AND tries < ${tries}
      RETURNING id, code_hash AS codeHash, email_key AS emailKey, email`,
  ]);
  return (row!.results as { id: number; codeHash: string; emailKey: string; email: string }[])[0];
}

/** The person with a proven address (created if new), with every registration of that address linked. */
export async function provePerson(db: Db, emailKey: string, email: string, now: string): Promise<Person> {
  await batch(db, proveStatements(emailKey, email, now));
  return (await personByEmail(db, emailKey))!;
}

export async function recordSignIn(
  db: Db,
  s: { personId: number; at: string; agent: string; method: 'link' | 'code' },
) {
  await db.insert(signIns).values(s);
}

export async function signInsOf(db: Db, personId: number, limit = 20) {
  return db.select().from(signIns).where(eq(signIns.personId, personId)).orderBy(desc(signIns.at)).limit(limit);
}

/** A person's registrations (linked once their address was proven), newest first. */
export async function registrationsOf(db: Db, personId: number) {
  return db.select().from(registrations).where(eq(registrations.personId, personId)).orderBy(desc(registrations.id));
}

/** Messages sent to an address, newest first: subjects and when, never the bodies. */
export async function messagesTo(db: Db, emailKey: string, limit = 30) {
  return db
    .select({
      id: outbox.id,
      subject: outbox.subject,
      kind: outbox.kind,
      status: outbox.status,
      at: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.toKey, emailKey))
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/**
 * Queues one message with the links to every active registration of an address (minted at
 * delivery), unless its mailbox already got `perHour` such messages in the last hour. The check
 * and the write are one statement, so simultaneous requests cannot get past the cap.
 */
export async function requestMyLinks(db: Db, r: { emailKey: string; now: string; perHour: number }) {
  const hourAgo = new Date(new Date(r.now).getTime() - 3_600_000).toISOString();
  const [insert] = await batch(db, [
    sql`INSERT INTO outbox (kind, to_address, to_key, to_mailbox, to_name, subject, body, attach_calendar, status,
        attempts, next_attempt_at, created_at)
      SELECT 'my-links', r.email, r.email_key, ${mailboxOf(sql`r.email_key`)}, r.name, 'Your registrations on Gathering',
        '', 0, 'pending', 0, ${r.now}, ${r.now}
      FROM registrations r
      WHERE r.id = (SELECT max(id) FROM registrations WHERE email_key = ${r.emailKey}
          AND status IN (${sql.join(
            activeStatuses.map((s) => sql`${s}`),
            sql`, `,
          )}))
        AND (SELECT count(*) FROM outbox o WHERE o.to_mailbox = ${mailboxOf(sql`r.email_key`)} AND o.kind = 'my-links'
          AND o.created_at > ${hourAgo}) < ${r.perHour}`,
  ]);
  return insert!.meta.changes === 1;
}

/** The active registrations of an address, for the message that lists them. */
export async function activeRegistrationsTo(db: Db, emailKey: string) {
  return db
    .select()
    .from(registrations)
    .where(and(eq(registrations.emailKey, emailKey), inArray(registrations.status, [...activeStatuses])))
    .orderBy(desc(registrations.id));
}

export async function organiserOf(db: Db, personId: number) {
  return first(db.select().from(organisers).where(eq(organisers.personId, personId)));
}

export async function addOrganiser(
  db: Db,
  o: { personId: number; role: OrganiserRole; eventIds: string[] | null; now: string; by: string },
) {
  await db
    .insert(organisers)
    .values({ personId: o.personId, role: o.role, eventIds: o.eventIds, createdAt: o.now, createdBy: o.by })
    .onConflictDoUpdate({ target: organisers.personId, set: { role: o.role, eventIds: o.eventIds } });
}
