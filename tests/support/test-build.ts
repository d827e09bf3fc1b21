// The site and catalogue the node and browser tests read: the sample content built as of a fixed
// moment (TEST_NOW), so that no test depends on today's date relative to the sample events. The
// worker under test gets the same clock (DEV_NOW), and the same bundle that deploys. Benchmarks
// build other content (bench/scale) the same way.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_NOW = '2026-11-25T12:00:00.000Z';
export const testBuild = {
  dir: join(process.cwd(), '.test-build'),
  catalogue: join(process.cwd(), '.test-build/catalogue'),
  site: join(process.cwd(), '.test-build/site'),
};

export type SiteBuild = {
  content: string;
  dir: string;
  now: string;
  /** Start from nothing (the default), or keep the previous build's output and caches. */
  clean?: boolean;
  /** Extra arguments for each node process (benchmarks measure memory with them). */
  nodeArgs?: string[];
  env?: Record<string, string>;
};

/**
 * Builds content into dir/catalogue and dir/site, with its own revisions file and Astro cache in
 * dir (the content's own revisions stay untouched). Returns the milliseconds of each step.
 */
export function buildSite(o: SiteBuild) {
  const node = (args: string[], env: Record<string, string> = {}) =>
    execFileSync(process.execPath, [...(o.nodeArgs ?? []), ...args], {
      stdio: 'pipe',
      env: { ...process.env, ...o.env, ...env },
    });
  if (o.clean !== false) rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const catalogue = join(o.dir, 'catalogue');
  const site = join(o.dir, 'site');
  const revisions = join(o.dir, 'revisions.json');
  const own = join(o.content, 'revisions.json');
  if (!existsSync(revisions) && existsSync(own)) cpSync(own, revisions);
  const started = performance.now();
  node([
    'scripts/build-catalogue.ts',
    '--content',
    o.content,
    '--out',
    catalogue,
    '--revisions',
    revisions,
    '--now',
    o.now,
  ]);
  const catalogueDone = performance.now();
  node(['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    CATALOGUE_DIR: catalogue,
    SITE_OUT_DIR: site,
    SITE_CACHE_DIR: join(o.dir, 'astro-cache'),
  });
  const siteDone = performance.now();
  node(['scripts/finish-build.ts', '--catalogue', catalogue, '--site', site]);
  return {
    catalogue: catalogueDone - started,
    site: siteDone - catalogueDone,
    total: performance.now() - started,
    paths: { catalogue, site },
  };
}

/** Builds the sample content into .test-build. */
export function buildTestSite() {
  // Purchase forms redirect to the Stripe fake the node tests started (fake-stripe-setup.ts, run first).
  const checkout = process.env.FAKE_STRIPE_URL;
  buildSite({
    content: 'content',
    dir: testBuild.dir,
    now: TEST_NOW,
    ...(checkout ? { env: { STRIPE_CHECKOUT_ORIGIN: checkout } } : {}),
  });
}
