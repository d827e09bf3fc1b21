// One D1 batch (one transaction) from drizzle query builders and raw `sql` fragments. drizzle's own
// db.batch cannot take raw SQL with parameters (SQLiteRaw has no prepared statement), and the
// capacity rules need raw INSERT … SELECT, so statements are compiled here and sent to D1 directly.
import { is, SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';

const dialect = new SQLiteAsyncDialect();

export type Statement = SQL | { toSQL(): { sql: string; params: unknown[] } };

function compile(statement: Statement) {
  return is(statement, SQL) ? dialect.sqlToQuery(statement) : statement.toSQL();
}

export async function batch(db: Db, statements: Statement[]): Promise<D1Result[]> {
  const d1 = db.$client;
  return d1.batch(
    statements.map((s) => {
      const q = compile(s);
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}
