// Starts the real worker (wrangler dev, with the built site and a fresh local D1 with migrations
// applied) on a free port on 127.0.0.1, for browser tests and benchmarks.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_NOW, testBuild } from './test-build.ts';

const wrangler = join(process.cwd(), 'node_modules/wrangler/bin/wrangler.js');
const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: join(tmpdir(), 'gathering-wrangler-config'),
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export type DevServer = { url: string; state: string; stop: () => Promise<void>; output: () => string };

/** A fresh local D1 with the migrations applied, as `npm start` makes one. */
export function migratedState(): string {
  const state = mkdtempSync(join(tmpdir(), 'gathering-d1-'));
  execFileSync(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
    env: quietEnv,
    stdio: 'pipe',
  });
  return state;
}

/**
 * The worker as it deploys (dist/worker), serving the fixed-clock test build (tests/support/test-build.ts),
 * or another built site (`assets`: the screenshots and Lighthouse serve `npm run build`'s dist/site).
 */
export async function startDevServer(
  vars: Record<string, string> = {},
  state = migratedState(),
  assets = testBuild.site,
): Promise<DevServer> {
  const port = await freePort();
  const allVars = { DEV_MAILBOX: 'on', DEV_NOW: TEST_NOW, ...vars };
  const varArgs = Object.entries(allVars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      wrangler,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--assets',
      assets,
      '--show-interactive-dev-session=false',
      ...varArgs,
    ],
    {
      env: quietEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    state,
    output: () => log,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(state, { recursive: true, force: true });
    },
  };
}
