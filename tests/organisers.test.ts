// `npm run organiser:add` makes the first owner without mail or a console, and prints a link that
// signs them in once.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { migratedState, startDevServer } from './support/dev-server.ts';

const add = (args: string[], state: string) =>
  spawnSync(process.execPath, ['scripts/organisers.ts', ...args, '--persist-to', state], {
    encoding: 'utf8',
    env: { ...process.env, SITE_URL: 'http://127.0.0.1:9' },
  });

describe('npm run organiser:add', () => {
  it('refuses a missing email or an unknown role', () => {
    const state = migratedState();
    expect(add(['--role', 'owner'], state).stderr).toContain('--email');
    expect(add(['--email', 'ada@example.org', '--role', 'admin'], state).stderr).toContain('--role must be one of');
  });

  it('creates an owner and prints a sign-in link that works once', async () => {
    const state = migratedState();
    const out = add(['--email', 'Ada@Example.org', '--role', 'owner'], state);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('Ada@Example.org is now owner for all events.');
    const path = out.stdout.match(/\/signin\/g_[A-Za-z0-9_-]{43}/)![0];
    const server = await startDevServer({}, state);
    try {
      const post = () =>
        fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', headers: { origin: server.url } });
      const first = await post();
      expect(first.status).toBe(303);
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      const my = await fetch(`${server.url}/my/`, { headers: { cookie } });
      expect(await my.text()).toContain('Signed in as Ada@Example.org');
      expect((await post()).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
