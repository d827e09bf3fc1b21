// Idempotency keys (Stripe's rule): the first request with a key claims it; while it runs, others
// with the same key are told so; once it finished, they get its stored answer.
import { and, eq, sql } from 'drizzle-orm';
import { batch } from './batch.ts';
import { type Db, first } from './client.ts';
import { idempotencyKeys } from './schema.ts';

export type Claim =
  | { state: 'claimed' }
  | { state: 'running' }
  | { state: 'done'; requestHash: string; status: number; body: string }
  | { state: 'mismatch' };

/**
 * Claims a key for this request in one statement, or says who holds it. A claim older than
 * `staleBefore` belongs to a request that died; it is taken over.
 */
export async function claimKey(
  db: Db,
  k: { scope: string; key: string; requestHash: string; now: string; staleBefore: string },
): Promise<Claim> {
  const [insert] = await batch(db, [
    sql`INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
      VALUES (${k.scope}, ${k.key}, ${k.requestHash}, NULL, NULL, ${k.now})
      ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, created_at = excluded.created_at
        WHERE idempotency_keys.status IS NULL AND idempotency_keys.created_at < ${k.staleBefore}`,
  ]);
  if (insert!.meta.changes === 1) return { state: 'claimed' };
  const row = await first(
    db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, k.scope), eq(idempotencyKeys.key, k.key))),
  );
  if (!row) return { state: 'running' };
  if (row.requestHash !== k.requestHash) return { state: 'mismatch' };
  if (row.status === null || row.body === null) return { state: 'running' };
  return { state: 'done', requestHash: row.requestHash, status: row.status, body: row.body };
}

/** Stores the answer of the request that holds the claim, in the batch that finishes its work. */
export const completeKey = (scope: string, key: string, status: number, body: string) =>
  sql`UPDATE idempotency_keys SET status = ${status}, body = ${body} WHERE scope = ${scope} AND key = ${key}`;

export async function storeAnswer(db: Db, k: { scope: string; key: string }, status: number, body: string) {
  await batch(db, [completeKey(k.scope, k.key, status, body)]);
}

/** Gives a claim back when the request ended without an answer worth repeating. */
export async function releaseKey(db: Db, scope: string, key: string) {
  await batch(db, [sql`DELETE FROM idempotency_keys WHERE scope = ${scope} AND key = ${key} AND status IS NULL`]);
}

/** Idempotency keys protect retries, which come within minutes; after a day they are forgotten. */
export async function forgetIdempotencyKeys(db: Db, before: string): Promise<number> {
  const [result] = await batch(db, [sql`DELETE FROM idempotency_keys WHERE created_at < ${before}`]);
  return result!.meta.changes;
}
