// Stars and personal calendar feeds in D1.
import { and, eq, inArray } from 'drizzle-orm';
import { activeStatuses, type RegistrationStatus } from '../registrations/lifecycle.ts';
import { type Db, first } from './client.ts';
import { personalFeeds, registrations, sessionStars } from './schema.ts';

export async function starsOf(db: Db, registrationId: number): Promise<string[]> {
  const rows = await db
    .select({ sessionId: sessionStars.sessionId })
    .from(sessionStars)
    .where(eq(sessionStars.registrationId, registrationId));
  return rows.map((r) => r.sessionId);
}

export async function setStar(db: Db, registrationId: number, sessionId: string, starred: boolean, now: string) {
  if (starred)
    await db.insert(sessionStars).values({ registrationId, sessionId, createdAt: now }).onConflictDoNothing();
  else
    await db
      .delete(sessionStars)
      .where(and(eq(sessionStars.registrationId, registrationId), eq(sessionStars.sessionId, sessionId)));
}

/** Replaces the person's feed link: the previous URL stops working at once. */
export async function resetPersonalFeed(
  db: Db,
  personId: number,
  tokenHash: string,
  tokenSealed: string | null,
  now: string,
) {
  await db
    .insert(personalFeeds)
    .values({ personId, tokenHash, tokenSealed, createdAt: now })
    .onConflictDoUpdate({ target: personalFeeds.personId, set: { tokenHash, tokenSealed, createdAt: now } });
}

export type PersonalFeed = typeof personalFeeds.$inferSelect;

export async function personalFeedOf(db: Db, personId: number) {
  return first(db.select().from(personalFeeds).where(eq(personalFeeds.personId, personId)));
}

export async function findPersonalFeed(db: Db, tokenHash: string) {
  return first(db.select().from(personalFeeds).where(eq(personalFeeds.tokenHash, tokenHash)));
}

/**
 * What a person's feed shows, and a fingerprint that changes whenever it can: any change to their
 * registrations (updated_at) or stars (count and latest) changes it, so 304s never go stale. Only
 * registrations linked to the person (their email proven) are read.
 */
export async function personalAgenda(db: Db, personId: number) {
  // Every registration of the person, cancelled ones included: a cancellation must change the fingerprint too.
  const all = await db
    .select({
      id: registrations.id,
      eventId: registrations.eventId,
      status: registrations.status,
      updatedAt: registrations.updatedAt,
    })
    .from(registrations)
    .where(eq(registrations.personId, personId));
  const regs = all.filter((r) => activeStatuses.includes(r.status));
  const ids = regs.map((r) => r.id);
  const stars = ids.length
    ? await db
        .select({ sessionId: sessionStars.sessionId, createdAt: sessionStars.createdAt })
        .from(sessionStars)
        .where(inArray(sessionStars.registrationId, ids))
    : [];
  const latest = all.reduce((l, r) => (r.updatedAt > l ? r.updatedAt : l), '');
  const latestStar = stars.reduce((l, s) => (s.createdAt > l ? s.createdAt : l), '');
  return {
    registrationIds: ids,
    registrations: regs.map((r) => ({
      eventId: r.eventId,
      status: r.status as RegistrationStatus,
      updatedAt: r.updatedAt,
    })),
    starred: stars.map((s) => s.sessionId),
    fingerprint: `${latest}|${all.length}|${stars.length}|${latestStar}`,
    lastModified: [latest, latestStar].sort().at(-1) || new Date(0).toISOString(),
  };
}

/** Turns the reminders of a person's feed on or off; false when they have no feed to set. */
export async function setFeedReminders(db: Db, personId: number, on: boolean, now: string): Promise<boolean> {
  const changed = await db
    .update(personalFeeds)
    .set({ reminders: on, settingsAt: now })
    .where(eq(personalFeeds.personId, personId))
    .returning({ personId: personalFeeds.personId });
  return changed.length === 1;
}
