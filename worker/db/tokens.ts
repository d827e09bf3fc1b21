// Organiser API tokens: only their SHA-256 hashes are stored. Creating and revoking write their
// audit entry in the same batch.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { OrganiserRole } from '../access/rules.ts';
import { type AuditEntry, auditWhen } from './audit.ts';
import { batch } from './batch.ts';
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

/** Stores a new token's hash; with an audit entry, both in one batch (the entry gets the token's id). */
export async function createToken(
  db: Db,
  t: {
    name: string;
    tokenHash: string;
    role: OrganiserRole;
    eventIds: string[] | null;
    now: string;
    createdBy?: string;
  },
  audit?: AuditEntry,
): Promise<ApiToken> {
  const insert = db.insert(apiTokens).values({
    name: t.name,
    tokenHash: t.tokenHash,
    role: t.role,
    eventIds: t.eventIds,
    createdAt: t.now,
    createdBy: t.createdBy ?? null,
  });
  if (!audit) return (await insert.returning())[0]!;
  await batch(db, [
    insert,
    sql`INSERT INTO audit_log (at, actor, action, event_id, registration_id, detail)
      SELECT ${audit.at}, ${audit.actor}, ${audit.action}, NULL, NULL,
        json_set(${JSON.stringify(audit.detail ?? {})}, '$.tokenId', last_insert_rowid())
      WHERE changes() = 1`,
  ]);
  return (await first(db.select().from(apiTokens).where(eq(apiTokens.tokenHash, t.tokenHash))))!;
}

export async function listTokens(db: Db) {
  return db.select().from(apiTokens).orderBy(asc(apiTokens.id));
}

export async function tokenById(db: Db, id: number): Promise<ApiToken | undefined> {
  return first(db.select().from(apiTokens).where(eq(apiTokens.id, id)));
}

/** Revokes an active token of the role that was checked, with its audit entry, in one batch. */
export async function revokeToken(
  db: Db,
  t: { id: number; role: OrganiserRole; now: string },
  audit: AuditEntry,
): Promise<boolean> {
  const [update] = await batch(db, [
    sql`UPDATE api_tokens SET revoked_at = ${t.now} WHERE id = ${t.id} AND role = ${t.role} AND revoked_at IS NULL`,
    auditWhen(audit, sql`changes() = 1`),
  ]);
  return update!.meta.changes === 1;
}
