// D1's binding API over Node's own SQLite, in this process, with the migrations applied: the scale
// benchmark times the worker's CPU with it, because every query here is synchronous and its time can
// be taken out exactly (D1 runs queries elsewhere; they are not the worker's CPU). Row counts come
// from the real local D1 instead (harness.ts), since this SQLite does not report rows read.
import { readdirSync, readFileSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

type Row = Record<string, unknown>;
type Prepared = {
  bind(...values: unknown[]): Prepared;
  all(): Promise<D1Result<Row>>;
  run(): Promise<D1Result<Row>>;
  raw(options?: { columnNames?: boolean }): Promise<unknown[]>;
  first(column?: string): Promise<unknown>;
  run_: () => D1Result<Row>;
};

const value = (v: unknown): SQLInputValue =>
  v === undefined
    ? null
    : typeof v === 'boolean'
      ? Number(v)
      : v instanceof ArrayBuffer
        ? new Uint8Array(v)
        : (v as SQLInputValue);

export function sqliteD1(onSqlCpu: (microseconds: number) => void): D1Database {
  const db = new DatabaseSync(':memory:');
  const timed = <T>(work: () => T): T => {
    const since = process.cpuUsage();
    try {
      return work();
    } finally {
      const used = process.cpuUsage(since);
      onSqlCpu(used.user + used.system);
    }
  };
  const migrations = readdirSync('migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort();
  db.exec('CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TEXT)');
  for (const file of migrations) {
    for (const statement of readFileSync(`migrations/${file}`, 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) db.exec(statement);
    db.prepare("INSERT INTO d1_migrations (name, applied_at) VALUES (?, datetime('now'))").run(file);
  }
  const statements = new Map<string, StatementSync>();
  const compiled = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const result = (rows: Row[], changes = 0): D1Result<Row> =>
    ({
      results: rows,
      success: true,
      meta: { rows_read: 0, rows_written: changes, changes },
    }) as unknown as D1Result<Row>;

  const prepare = (sql: string, params: SQLInputValue[] = []): Prepared => {
    const execute = (): D1Result<Row> => {
      const s = compiled(sql);
      s.setReturnArrays(false);
      if (s.columns().length > 0) return result(s.all(...params) as Row[], 0);
      const r = s.run(...params);
      return result([], Number(r.changes));
    };
    return {
      bind: (...values) => prepare(sql, values.map(value)),
      run_: execute,
      all: async () => timed(execute),
      run: async () => timed(execute),
      raw: async (options) =>
        timed(() => {
          const s = compiled(sql);
          s.setReturnArrays(true);
          const reads = s.columns().length > 0;
          const rows = reads ? (s.all(...params) as unknown[]) : [];
          if (!reads) s.run(...params);
          s.setReturnArrays(false);
          return options?.columnNames ? [s.columns().map((c) => c.name), ...rows] : rows;
        }),
      first: async (column) =>
        timed(() => {
          const row = execute().results[0];
          return row === undefined ? null : column === undefined ? row : row[column];
        }),
    };
  };
  const batch = async (list: Prepared[]) =>
    timed(() => {
      db.exec('BEGIN');
      try {
        const results = list.map((p) => p.run_());
        db.exec('COMMIT');
        return results;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    });
  const session = { prepare: (sql: string) => prepare(sql), batch, getBookmark: () => null };
  return {
    ...session,
    exec: async (sql: string) => timed(() => db.exec(sql)),
    withSession: () => session,
  } as unknown as D1Database;
}
