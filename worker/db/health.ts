// What the health check asks of D1: does it answer, and which migrations has it applied.
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** The names of the migrations D1 has applied, oldest first; throws when D1 does not answer. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'`,
  );
  if (tables.length === 0) return [];
  const rows = await db.all<{ name: string }>(sql`SELECT name FROM d1_migrations ORDER BY id`);
  return rows.map((r) => r.name);
}
