// How long the whole build takes (catalogue + Astro) and how many pages it makes.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const countPages = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (n, d) => n + (d.isDirectory() ? countPages(join(dir, d.name)) : d.name.endsWith('.html') ? 1 : 0),
    0,
  );

export async function siteBuild(): Promise<string[]> {
  const started = performance.now();
  execFileSync(process.execPath, ['scripts/build-catalogue.ts'], { stdio: 'pipe' });
  const catalogueMs = performance.now() - started;
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--force'], {
    stdio: 'pipe',
  });
  const totalMs = performance.now() - started;
  return [
    `catalogue ${catalogueMs.toFixed(0)} ms, full build ${(totalMs / 1000).toFixed(2)} s, ` +
      `${countPages('dist/site')} HTML pages`,
  ];
}
