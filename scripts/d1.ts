// Runs SQL on the project's D1 (local by default, Cloudflare's with --remote) through wrangler, for
// the command-line tools that set up organisers before anyone can sign in.
import { execFileSync } from 'node:child_process';

/** An SQL string literal. */
export const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

export function d1(sql: string, options: { remote?: boolean; persistTo?: string } = {}): unknown[] {
  const where = options.remote
    ? ['--remote']
    : ['--local', ...(options.persistTo ? ['--persist-to', options.persistTo] : [])];
  const args = ['node_modules/wrangler/bin/wrangler.js', 'd1', 'execute', 'DB', ...where, '--json', '--command', sql];
  const out = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return (JSON.parse(out) as { results: unknown[] }[]).flatMap((r) => r.results ?? []);
}

export function die(message: string): never {
  console.error(message);
  process.exit(1);
}
