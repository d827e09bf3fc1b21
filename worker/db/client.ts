// A drizzle client over the request's D1 binding, keeping the binding at hand for raw batches.
// No relational query API: plain selects are enough, and its code would weigh on the bundle.
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';

export type Db = DrizzleD1Database & { $client: D1Database };
export const database = (d1: D1Database): Db => Object.assign(drizzle(d1), { $client: d1 });

/** The first row of a query, or undefined. */
export async function first<T>(
  query: PromiseLike<T[]> & { limit(n: number): PromiseLike<T[]> },
): Promise<T | undefined> {
  return (await query.limit(1))[0];
}
