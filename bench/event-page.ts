// The event page's first round trip and its social cards: the largest event page with its inline
// stylesheet against the 14 KB budget (the sample content, built as the tests build it), its
// JavaScript against 5 KB, the largest session page (worker-rendered) with its stylesheet, and the
// PNG cards of 5,000 events (bench/scale/content.ts) rendered from nothing, as a build with an
// empty cache does, then again with the cache, as every later build does.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { programmePaths } from '../model/session-groups.ts';
import { writeSocialCards } from '../scripts/social-cards.ts';
import { startDevServer } from '../tests/support/dev-server.ts';
import { readEvent, scriptGzip, sessionPageGzip } from '../tests/support/page-weight.ts';
import { buildTestSite, testBuild } from '../tests/support/test-build.ts';
import { NETWORK, SCALE_NOW, writeScaleContent } from './scale/content.ts';

const BUDGET = 14 * 1024;
const SCRIPT_BUDGET = 5 * 1024;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function eventPage(): Promise<string[]> {
  buildTestSite();
  const dir = join(testBuild.site, 'events');
  const sizes = readdirSync(dir).map((id) => ({
    id,
    gz: gzipSync(readFileSync(join(dir, id, 'index.html'))).length,
  }));
  const largest = sizes.sort((a, b) => b.gz - a.gz)[0]!;
  const scripts = readdirSync(dir)
    .map((id) => ({ id, gz: scriptGzip(testBuild.site, readFileSync(join(dir, id, 'index.html'), 'utf8')) }))
    .sort((a, b) => b.gz - a.gz)[0]!;
  // Session pages as the worker serves them.
  let session = { id: '', gz: 0 };
  const server = await startDevServer();
  try {
    for (const id of readdirSync(dir))
      for (const s of readEvent(testBuild.catalogue, id).sessions) {
        const html = await (await fetch(`${server.url}${programmePaths.session(id, s.id)}`)).text();
        const gz = sessionPageGzip(testBuild.site, html);
        if (gz > session.gz) session = { id: s.id, gz };
      }
  } finally {
    await server.stop();
  }

  const root = join(tmpdir(), 'gathering-cards-bench');
  const content = join(root, 'content');
  const catalogue = join(root, 'catalogue');
  const site = join(root, 'site');
  const cache = join(root, 'cache');
  rmSync(root, { recursive: true, force: true });
  writeScaleContent(content, NETWORK);
  execFileSync(process.execPath, [
    'scripts/build-catalogue.ts',
    ...['--content', content, '--out', catalogue, '--revisions', join(root, 'revisions.json'), '--now', SCALE_NOW],
  ]);
  const cold = await writeSocialCards({ catalogue, site, cache });
  const warm = await writeSocialCards({ catalogue, site, cache });
  rmSync(root, { recursive: true, force: true });

  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  return [
    `largest event page with its inline stylesheet: ${kib(largest.gz)} gzip (${largest.id}; ` +
      `budget 14 KiB: ${largest.gz <= BUDGET ? 'met' : 'MISSED'})`,
    `largest event page JavaScript, with what it imports: ${kib(scripts.gz)} gzip (${scripts.id}; ` +
      `budget 5 KiB: ${scripts.gz <= SCRIPT_BUDGET ? 'met' : 'MISSED'})`,
    `largest session page with its linked stylesheet: ${kib(session.gz)} gzip (${session.id}; ` +
      `budget 14 KiB: ${session.gz <= BUDGET ? 'met' : 'MISSED'})`,
    `social cards for ${cold.cards} pages from an empty cache: ${seconds(cold.ms)} ` +
      `(${(cold.ms / cold.rendered).toFixed(1)} ms a card)`,
    `the same with the cache, as every later build: ${seconds(warm.ms)}, ${warm.rendered} rendered`,
  ];
}
