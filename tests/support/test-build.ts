// The site and catalogue the node and browser tests read: the sample content built as of a fixed
// moment (TEST_NOW), so that no test depends on today's date relative to the sample events. The
// worker under test gets the same clock (DEV_NOW), and the same bundle that deploys.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_NOW = '2026-11-25T12:00:00.000Z';
export const testBuild = {
  dir: join(process.cwd(), '.test-build'),
  catalogue: join(process.cwd(), '.test-build/catalogue'),
  site: join(process.cwd(), '.test-build/site'),
};

const node = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, args, { stdio: 'pipe', env: { ...process.env, ...env } });

/** Builds the catalogue and the site into .test-build (the content's own revisions stay untouched). */
export function buildTestSite() {
  rmSync(testBuild.dir, { recursive: true, force: true });
  mkdirSync(testBuild.dir, { recursive: true });
  const revisions = join(testBuild.dir, 'revisions.json');
  if (existsSync('content/revisions.json')) cpSync('content/revisions.json', revisions);
  node(['scripts/build-catalogue.ts', '--out', testBuild.catalogue, '--revisions', revisions, '--now', TEST_NOW]);
  node(['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    CATALOGUE_DIR: testBuild.catalogue,
    SITE_OUT_DIR: testBuild.site,
  });
  node(['scripts/finish-build.ts', '--catalogue', testBuild.catalogue, '--site', testBuild.site]);
}
