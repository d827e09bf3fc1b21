// A drizzle client over the request's D1 binding, keeping the binding at hand for raw batches.
import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };
export const database = (d1: D1Database): Db => Object.assign(drizzle(d1, { schema }), { $client: d1 });
