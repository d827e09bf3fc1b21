// The worker's deployable size, as `wrangler deploy --dry-run` reports it. The free plan allows 3 MiB
// gzip; the catalogue is not in it, so the size does not grow with content.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function bundleSize(): Promise<string[]> {
  const out = mkdtempSync(join(tmpdir(), 'gathering-bundle-'));
  try {
    const log = execFileSync(
      process.execPath,
      ['node_modules/wrangler/bin/wrangler.js', 'deploy', '--dry-run', '--outdir', out],
      {
        encoding: 'utf8',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(log);
    if (!m) return [`could not read the size from wrangler's output:\n${log}`];
    const gzip = Number(m[2]);
    return [`upload ${m[1]} KiB, gzip ${gzip} KiB (free plan limit 3,072 KiB gzip: ${gzip < 3072 ? 'met' : 'MISSED'})`];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
