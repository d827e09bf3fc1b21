// A drizzle client over the request's D1 binding, keeping the binding at hand for raw batches.
// No relational query API: plain selects are enough, and its code would weigh on the bundle.
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';

/** The binding, or a session on it (D1's Sessions API: reads from replicas, bookmarks for order). */
export type D1 = D1Database | D1DatabaseSession;
export type Db = DrizzleD1Database & { $client: D1 };
// drizzle only calls prepare and batch, which a session has too.
export const database = (d1: D1): Db => Object.assign(drizzle(d1 as D1Database), { $client: d1 });

/** The first row of a query, or undefined. */
export async function first<T>(
  query: PromiseLike<T[]> & { limit(n: number): PromiseLike<T[]> },
): Promise<T | undefined> {
  return (await query.limit(1))[0];
}
