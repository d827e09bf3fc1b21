// A network's worth of content (bench/scale/content.ts: 5,000 events × 10 sessions, 100 people,
// 50 spaces) built the way `npm run build` builds it, beside the floor: a minimal Astro site with a
// content collection and one page per event from the same markdown (bench/floor), in the same run.
// Prints build time against the floor, the catalogue step, peak memory, a rebuild after changing
// one file, the worker bundle, the largest page and the number of deployed files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite } from '../tests/support/test-build.ts';
import { NETWORK, SCALE_NOW, writeScaleContent } from './scale/content.ts';

const root = join(tmpdir(), 'gathering-scale');
const content = join(root, 'content');
const rssFile = join(root, 'max-rss.txt');
const nodeArgs = ['--import', join(process.cwd(), 'bench/scale/max-rss.ts')];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Peak memory of the processes run since the last call, in MB. */
function peakMemory(): number {
  const peaks = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : [0];
  rmSync(rssFile, { force: true });
  return Math.max(...peaks) / 1024;
}

function floorBuild(): number {
  const out = join(root, 'floor');
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(
    process.execPath,
    [...nodeArgs, 'node_modules/astro/bin/astro.mjs', 'build', '--silent', '--root', 'bench/floor'],
    {
      stdio: 'pipe',
      env: {
        ...process.env,
        MAX_RSS_FILE: rssFile,
        FLOOR_CONTENT: content,
        FLOOR_OUT: join(out, 'dist'),
        FLOOR_CACHE: join(out, 'cache'),
      },
    },
  );
  return performance.now() - started;
}

function bundle(): number {
  const started = performance.now();
  execFileSync(process.execPath, [...nodeArgs, 'scripts/bundle-worker.ts'], {
    stdio: 'pipe',
    env: { ...process.env, MAX_RSS_FILE: rssFile },
  });
  return performance.now() - started;
}

function files(dir: string) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => join(f.parentPath, f.name));
}

export async function scaleBuild(): Promise<string[]> {
  const shape = writeScaleContent(content, NETWORK);
  const dir = join(root, 'build');
  const env = { MAX_RSS_FILE: rssFile };
  rmSync(rssFile, { force: true });

  const floor = floorBuild();
  const floorMemory = peakMemory();
  // As CI builds: from nothing, keeping no incremental state.
  const full = buildSite({ content, dir, now: SCALE_NOW, nodeArgs, env: { ...env, CI: '1' } });
  const worker = bundle();
  const memory = peakMemory();
  const total = full.total + worker;

  // As a developer builds: the first build also keeps what the next one can reuse; then one session
  // changes, as an organiser would change it, and the next build reuses the rest.
  const local = { ...env, CI: '' };
  const first = buildSite({ content, dir, now: SCALE_NOW, nodeArgs, env: local });
  const firstTotal = first.total + bundle();
  const session = join(content, 'sessions/event-2500/session-3.md');
  writeFileSync(session, readFileSync(session, 'utf8').replace('title: Session 3', 'title: Session three'));
  const again = buildSite({ content, dir, now: SCALE_NOW, nodeArgs, env: local, clean: false });
  const rebuild = again.total + bundle();
  peakMemory();

  const site = full.paths.site;
  const deployed = files(site).filter((f) => !f.endsWith('site-catalogue.json'));
  const pages = deployed.filter((f) => /\.(html|xml)$/.test(f));
  const sizes = pages.map((f) => ({ f, gz: gzipSync(readFileSync(f)).length }));
  const largest = sizes.sort((a, b) => b.gz - a.gz)[0]!;
  const workerGzip = gzipSync(readFileSync('dist/worker/index.js')).length;
  const ratio = total / floor;
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

  return [
    `${shape.events} events × ${shape.sessionsPerEvent} sessions, ${shape.people} people, ${shape.spaces} spaces`,
    `floor (minimal Astro, content collection, a page per event): ${seconds(floor)}, peak ${floorMemory.toFixed(0)} MB`,
    `full build as CI runs it: ${seconds(total)} (catalogue ${seconds(full.catalogue)}, pages ${seconds(full.site)}, ` +
      `worker ${seconds(worker)}); ratio to the floor ${ratio.toFixed(2)} (target ≤ 1.3: ${met(ratio <= 1.3)})`,
    `catalogue step ${seconds(full.catalogue)} (target ≤ 3 s: ${met(full.catalogue <= 3000)}); ` +
      `peak memory ${memory.toFixed(0)} MB (target < 1024 MB: ${met(memory < 1024)})`,
    `first local build, keeping incremental state: ${seconds(firstTotal)}; ` +
      `rebuild after changing one session: ${seconds(rebuild)} (catalogue ${seconds(again.catalogue)}, ` +
      `pages ${seconds(again.site)})`,
    `worker bundle ${(workerGzip / 1024).toFixed(1)} KiB gzip, whatever the content (the catalogue is static assets)`,
    `deployed files ${deployed.length} (free plan limit 20,000: ${met(deployed.length <= 20_000)}), ` +
      `${pages.length} pages; largest ${(largest.gz / 1024).toFixed(1)} KiB gzip ` +
      `(${largest.f.slice(site.length)}; target ≤ 50 KiB: ${met(largest.gz <= 50 * 1024)})`,
  ];
}
