// The worker as it deploys (dist/worker/index.js), run in this Node process with a built site read
// from disk as its static assets, so a benchmark can time each request's CPU and count D1 rows. Two
// databases: 'd1', the real local D1 through wrangler's platform proxy, for the rows each statement
// reads and writes as D1 bills them; 'sqlite', Node's SQLite in this process (sqlite-d1.ts), for CPU,
// because the proxy's own work across the process boundary would be counted as the worker's.
// Cloudflare's cache is modelled by a cache in memory (one data centre), since Node has none.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getPlatformProxy } from 'wrangler';
import { migratedState } from '../../tests/support/dev-server.ts';
import { sqliteD1 } from './sqlite-d1.ts';

type Totals = { queries: number; rowsRead: number; rowsWritten: number; d1CpuUs: number };
const READ_ONLY = /^\s*(select|with)\b/i;

/**
 * A D1 binding that adds up the rows each statement read and wrote, as D1 bills them, and the CPU
 * this process spends while D1 calls are under way (the proxy's, which a deployed worker does not
 * spend), so it can be taken out of the worker's figure.
 */
function countingD1(db: D1Database, totals: Totals): D1Database {
  const inner = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  let open = 0;
  let since: NodeJS.CpuUsage | undefined;
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    if (open++ === 0) since = process.cpuUsage();
    try {
      return await work();
    } finally {
      if (--open === 0 && since) {
        const used = process.cpuUsage(since);
        totals.d1CpuUs += used.user + used.system;
      }
    }
  };
  const log = () => process.env.BENCH_SQL_LOG === '1';
  const add = (meta?: { rows_read?: number; rows_written?: number }, sql?: string) => {
    if (log())
      console.log(`${meta?.rows_read ?? '?'} read, ${meta?.rows_written ?? '?'} written: ${sql?.slice(0, 150)}`);
    totals.queries++;
    totals.rowsRead += meta?.rows_read ?? 0;
    totals.rowsWritten += meta?.rows_written ?? 0;
  };
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      run: () =>
        timed(async () => {
          const r = await stmt.run();
          add(r.meta, sql);
          return r;
        }),
      all: () =>
        timed(async () => {
          const r = await stmt.all();
          add(r.meta, sql);
          return r;
        }),
      // raw() and first() report no rows read: a read-only statement is run once more to learn them.
      raw: (options?: { columnNames?: boolean }) =>
        timed(async () => {
          if (READ_ONLY.test(sql)) add((await stmt.all()).meta, sql);
          else totals.queries++;
          return stmt.raw(options as { columnNames: true });
        }),
      first: (column?: string) =>
        timed(async () => {
          if (READ_ONLY.test(sql)) add((await stmt.all()).meta, sql);
          else totals.queries++;
          return column === undefined ? stmt.first() : stmt.first(column);
        }),
    } as unknown as D1PreparedStatement;
    inner.set(wrapped, stmt);
    sqlOf.set(wrapped, sql);
    return wrapped;
  };
  const over = (target: D1Database | D1DatabaseSession) => ({
    prepare: (sql: string) => wrap(target.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) =>
      timed(async () => {
        const results = await target.batch(statements.map((s) => inner.get(s) ?? s));
        for (const [i, r] of results.entries()) add(r.meta, `batch ${i}: ${sqlOf.get(statements[i]!) ?? ''}`);
        return results;
      }),
  });
  return {
    ...over(db),
    exec: (sql: string) => db.exec(sql),
    // The session is opened at its first query: most requests make none, and each costs the proxy.
    withSession: (constraint?: string) => {
      let session: D1DatabaseSession | undefined;
      const open = () => {
        session ??= db.withSession(constraint as D1SessionConstraint);
        return session;
      };
      return {
        prepare: (sql: string) => over(open()).prepare(sql),
        batch: (statements: D1PreparedStatement[]) => over(open()).batch(statements),
        getBookmark: () => session?.getBookmark() ?? null,
      };
    },
  } as unknown as D1Database;
}

/** The built site's files, served as the ASSETS binding serves them. */
function diskAssets(site: string): Fetcher {
  return {
    async fetch(input: RequestInfo | URL) {
      const path = decodeURIComponent(new URL(input instanceof Request ? input.url : input).pathname);
      const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        return new Response(readFileSync(file));
      } catch {
        return new Response('Not found', { status: 404 });
      }
    },
  } as unknown as Fetcher;
}

/** Cloudflare's cache in one data centre, in memory: keeps a 200 for its max-age or s-maxage. */
function memoryCache(): Cache {
  const kept = new Map<string, { body: ArrayBuffer; init: ResponseInit; until: number }>();
  const lifetime = (res: Response) => {
    const m = /(?:s-maxage|max-age)=(\d+)/.exec(res.headers.get('cache-control') ?? '');
    return m ? Number(m[1]) * 1000 : 0;
  };
  return {
    async match(req: Request) {
      const hit = kept.get(req.url);
      if (!hit || hit.until < Date.now()) return undefined;
      return new Response(hit.body.slice(0), hit.init);
    },
    async put(req: Request, res: Response) {
      const ms = lifetime(res);
      if (ms === 0) return;
      const init = { status: res.status, headers: new Headers(res.headers) };
      kept.set(req.url, { body: await res.arrayBuffer(), init, until: Date.now() + ms });
    },
    async delete(req: Request) {
      return kept.delete(req.url);
    },
  } as unknown as Cache;
}

/** The rate-limit binding's rule (so many a minute per key), in memory. */
function minuteLimiter(limit: number) {
  const counts = new Map<string, number>();
  return {
    async limit({ key }: { key: string }) {
      const slot = `${key}@${Math.floor(Date.now() / 60_000)}`;
      const n = (counts.get(slot) ?? 0) + 1;
      counts.set(slot, n);
      return { success: n <= limit };
    },
  };
}

export type Measured = {
  status: number;
  cpuMs: number;
  rowsRead: number;
  rowsWritten: number;
  queries: number;
  text: string;
  headers: Headers;
};

export async function startWorker(site: string, vars: Record<string, string>, backend: 'd1' | 'sqlite') {
  const proxy = await getPlatformProxy<Record<string, unknown>>({
    configPath: 'wrangler.toml',
    persist: backend === 'd1' ? { path: join(migratedState(), 'v3') } : false,
    envFiles: [],
    remoteBindings: false,
  });
  const totals: Totals = { queries: 0, rowsRead: 0, rowsWritten: 0, d1CpuUs: 0 };
  const database =
    backend === 'd1'
      ? countingD1(proxy.env.DB as D1Database, totals)
      : sqliteD1((us) => {
          totals.d1CpuUs += us;
        });
  (globalThis as { caches?: unknown }).caches = { default: memoryCache() };
  const worker = (
    await import(pathToFileURL(process.env.WORKER_BUNDLE ?? join(process.cwd(), 'dist/worker/index.js')).href)
  ).default as {
    fetch: (req: Request, env: unknown, ctx: ExecutionContext) => Promise<Response>;
  };
  const env = {
    ...proxy.env,
    DB: database,
    // The rate-limit binding, kept here: through the proxy each call would count as the worker's CPU.
    REGISTRATION_LIMITER: minuteLimiter(10),
    ASSETS: diskAssets(site),
    MAIL_FROM: '',
    MAIL_API_URL: '',
    TURNSTILE_SITE_KEY: '',
    ...vars,
  };

  /**
   * One request, with the CPU it took in this process (its background work included, the time in D1
   * calls taken out) and the D1 rows it read and wrote.
   */
  async function request(path: string, init: RequestInit = {}): Promise<Measured> {
    const waits: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => waits.push(p), passThroughOnException() {}, props: {} };
    const d1Before = { ...totals };
    // Empty the young generation first (with --expose-gc): this process holds wrangler and the
    // benchmark, far more than an isolate, and a pause for their garbage is not the request's cost.
    // (A full collection would also drop compiled code and make every request look cold.)
    (globalThis as { gc?: (o: object) => void }).gc?.({ type: 'minor' });
    const before = process.cpuUsage();
    const res = await worker.fetch(
      new Request(`https://gathering.example${path}`, init),
      env,
      ctx as unknown as ExecutionContext,
    );
    const text = await res.text();
    for (let done = 0; done < waits.length; done = waits.length) await Promise.allSettled(waits.slice(done));
    const used = process.cpuUsage(before);
    const cpuMs = (used.user + used.system - (totals.d1CpuUs - d1Before.d1CpuUs)) / 1000;
    const rowsRead = totals.rowsRead - d1Before.rowsRead;
    const rowsWritten = totals.rowsWritten - d1Before.rowsWritten;
    const queries = totals.queries - d1Before.queries;
    return { status: res.status, cpuMs, rowsRead, rowsWritten, queries, text, headers: res.headers };
  }

  return {
    request,
    env,
    totals,
    sql: (q: string, ...bind: unknown[]) =>
      database
        .prepare(q)
        .bind(...bind)
        .all(),
    dispose: () => proxy.dispose(),
  };
}
