// Organiser API tokens: only their SHA-256 hashes are stored.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { OrganiserRole } from '../access/rules.ts';
import { type Db, first } from './client.ts';
import { apiTokens } from './schema.ts';

export type ApiToken = typeof apiTokens.$inferSelect;

export async function findActiveToken(db: Db, tokenHash: string): Promise<ApiToken | undefined> {
  return first(
    db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt))),
  );
}

export async function touchToken(db: Db, id: number, now: string) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function createToken(
  db: Db,
  t: { name: string; tokenHash: string; role: OrganiserRole; eventIds: string[] | null; now: string },
) {
  const [row] = await db
    .insert(apiTokens)
    .values({ name: t.name, tokenHash: t.tokenHash, role: t.role, eventIds: t.eventIds, createdAt: t.now })
    .returning();
  return row!;
}

export async function listTokens(db: Db) {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.id));
}

export async function revokeToken(db: Db, id: number, now: string) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length === 1;
}
