// Profiles, introductions and meetings in D1.
import { and, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { batch, type Statement } from './batch.ts';
import type { Db } from './client.ts';
import { introductions, meetings, profiles, registrations } from './schema.ts';

export type ProfileRow = typeof profiles.$inferSelect;
export type Introduction = typeof introductions.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** A profile with the person its registration belongs to, once the address is proven. */
export type ProfileOfPerson = ProfileRow & { personId: number | null };

const withPerson = { p: profiles, personId: registrations.personId };
const flatten = (rows: { p: ProfileRow; personId: number | null }[]): ProfileOfPerson[] =>
  rows.map((r) => ({ ...r.p, personId: r.personId }));

export async function profileOf(db: Db, registrationId: number): Promise<ProfileOfPerson | undefined> {
  const rows = await db
    .select(withPerson)
    .from(profiles)
    .innerJoin(registrations, eq(registrations.id, profiles.registrationId))
    .where(eq(profiles.registrationId, registrationId))
    .limit(1);
  return flatten(rows)[0];
}

export async function profilesByIds(db: Db, ids: number[]): Promise<ProfileRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(profiles)
    .where(inArray(profiles.registrationId, [...new Set(ids)]));
}

export async function saveProfile(db: Db, row: ProfileRow) {
  const { registrationId: _id, ...rest } = row;
  await db.insert(profiles).values(row).onConflictDoUpdate({ target: profiles.registrationId, set: rest });
}

/** Statements that take a person out of matching at once: profile and meetings yet to happen. */
export function optOutStatements(db: Db, eventId: string, registrationId: number, futureSlots: number[]): Statement[] {
  return [
    db.delete(profiles).where(eq(profiles.registrationId, registrationId)),
    ...(futureSlots.length
      ? [
          db
            .delete(meetings)
            .where(
              and(
                eq(meetings.eventId, eventId),
                inArray(meetings.slotIndex, futureSlots),
                or(eq(meetings.registrationA, registrationId), eq(meetings.registrationB, registrationId)),
              ),
            ),
        ]
      : []),
  ];
}

/** Everyone who could be suggested to someone at this event: its profiles, and open profiles elsewhere. */
export async function candidateProfiles(db: Db, eventId: string, includeNetwork: boolean): Promise<ProfileOfPerson[]> {
  const rows = await db
    .select(withPerson)
    .from(profiles)
    .innerJoin(registrations, eq(registrations.id, profiles.registrationId))
    .where(
      includeNetwork
        ? or(eq(profiles.eventId, eventId), eq(profiles.visibility, 'network'))
        : eq(profiles.eventId, eventId),
    );
  return flatten(rows);
}

/** People who take part in the event's 1:1 meetings: opted in, available, with a confirmed place. */
export async function meetingParticipants(db: Db, eventId: string): Promise<ProfileOfPerson[]> {
  const rows = await db
    .select(withPerson)
    .from(profiles)
    .innerJoin(registrations, eq(registrations.id, profiles.registrationId))
    .where(and(eq(profiles.eventId, eventId), eq(profiles.available, true), eq(registrations.status, 'confirmed')));
  return flatten(rows);
}

/**
 * Declined introductions block a pair for good, in both directions. Pairs are of person keys
 * (matching/score.ts): a proven person, or one registration while its address is unproven, so
 * nobody typing someone else's address can block that person.
 */
export async function declinedPairs(db: Db, people: string[]): Promise<Set<string>> {
  if (people.length === 0) return new Set();
  const rows =
    people.length > 50
      ? await db
          .select({ a: introductions.fromPerson, b: introductions.toPerson })
          .from(introductions)
          .where(eq(introductions.status, 'declined'))
      : await db
          .select({ a: introductions.fromPerson, b: introductions.toPerson })
          .from(introductions)
          .where(
            and(
              eq(introductions.status, 'declined'),
              or(inArray(introductions.fromPerson, people), inArray(introductions.toPerson, people)),
            ),
          );
  return new Set(rows.map((r) => pairKey(r.a, r.b)));
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The two person keys of a pairKey. */
export const keysOfPair = (pair: string) => pair.split('|') as [string, string];

export async function introductionsOf(db: Db, registrationId: number) {
  return db
    .select()
    .from(introductions)
    .where(or(eq(introductions.fromRegistration, registrationId), eq(introductions.toRegistration, registrationId)));
}

/**
 * Asks for an introduction and tells the other person, in one transaction; refused (undefined) when
 * the asker reached `dailyLimit` in the last day or already asked this person. The count and the
 * insert are one statement, so concurrent requests cannot pass the limit together.
 */
export async function createIntroduction(
  db: Db,
  intro: Omit<Introduction, 'id' | 'decidedAt' | 'status'>,
  dailyLimit: number,
  message: (where: SQL) => Statement,
): Promise<Introduction | undefined> {
  const since = new Date(new Date(intro.createdAt).getTime() - 86_400_000).toISOString();
  const [inserted] = await batch(db, [
    sql`INSERT INTO introductions (from_registration, to_registration, from_person, to_person, note, status, created_at)
      SELECT ${intro.fromRegistration}, ${intro.toRegistration}, ${intro.fromPerson}, ${intro.toPerson}, ${intro.note},
        'pending', ${intro.createdAt}
      WHERE (SELECT count(*) FROM introductions WHERE from_person = ${intro.fromPerson}
        AND created_at > ${since}) < ${dailyLimit}
      ON CONFLICT DO NOTHING RETURNING id`,
    message(sql`r.id = ${intro.toRegistration} AND EXISTS (SELECT 1 FROM introductions i
      WHERE i.from_person = ${intro.fromPerson} AND i.to_person = ${intro.toPerson}
        AND i.from_registration = ${intro.fromRegistration} AND i.created_at = ${intro.createdAt})`),
  ]);
  const id = (inserted!.results as { id: number }[])[0]?.id;
  return id === undefined ? undefined : { ...intro, id, status: 'pending', decidedAt: null };
}

/** Introductions a person asked for in the last day, to explain a refusal. */
export async function askedToday(db: Db, personKey: string, now: string): Promise<number> {
  const since = new Date(new Date(now).getTime() - 86_400_000).toISOString();
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(introductions)
    .where(and(eq(introductions.fromPerson, personKey), gt(introductions.createdAt, since)));
  return row?.n ?? 0;
}

export async function decideIntroduction(
  db: Db,
  id: number,
  toRegistration: number,
  decision: 'accepted' | 'declined',
  now: string,
) {
  const rows = await db
    .update(introductions)
    .set({ status: decision, decidedAt: now })
    .where(
      and(
        eq(introductions.id, id),
        eq(introductions.toRegistration, toRegistration),
        eq(introductions.status, 'pending'),
      ),
    )
    .returning();
  return rows[0];
}

/** Email addresses of registrations, for people introduced to each other (never their legal names). */
export async function emailsOf(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: registrations.id, email: registrations.email })
    .from(registrations)
    .where(inArray(registrations.id, ids));
}

export async function meetingsOfEvent(db: Db, eventId: string) {
  return db.select().from(meetings).where(eq(meetings.eventId, eventId));
}

export async function meetingsOf(db: Db, registrationIds: number[]) {
  if (registrationIds.length === 0) return [];
  return db
    .select()
    .from(meetings)
    .where(or(inArray(meetings.registrationA, registrationIds), inArray(meetings.registrationB, registrationIds)));
}

/** Replaces the meetings of slots that have not started, in one transaction. */
/**
 * Replaces the meetings of the given slots in one batch of two statements, however many meetings:
 * the rows travel as one JSON value (D1 binds at most 100 values per statement, and a request on
 * the free plan may make at most 50 queries).
 */
export async function replaceMeetings(
  db: Db,
  eventId: string,
  futureSlots: number[],
  rows: { slotIndex: number; tableNumber: number; a: number; b: number; score: number }[],
  createdAt: string,
) {
  const values = JSON.stringify(rows.map((r) => [r.slotIndex, r.tableNumber, r.a, r.b, r.score]));
  await batch(db, [
    db.delete(meetings).where(and(eq(meetings.eventId, eventId), inArray(meetings.slotIndex, futureSlots))),
    sql`INSERT INTO meetings (event_id, slot_index, table_number, registration_a, registration_b, score, created_at)
        SELECT ${eventId}, value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]',
               ${createdAt}
        FROM json_each(${values})`,
  ]);
}

export async function optOut(db: Db, eventId: string, registrationId: number, futureSlots: number[]) {
  await batch(db, optOutStatements(db, eventId, registrationId, futureSlots));
}
