// An organiser for browser tests: made in the dev server's D1 by `npm run organiser:add` (as a
// new site's first owner would be), then signed in by the link the dev mailbox received.
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { DevServer } from './dev-server.ts';

export function addOrganiser(server: DevServer, email: string, role: string, events?: string[]) {
  const run = spawnSync(
    process.execPath,
    [
      'scripts/organisers.ts',
      '--email',
      email,
      '--role',
      role,
      ...(events ? ['--events', events.join(',')] : []),
      '--persist-to',
      server.state,
    ],
    { encoding: 'utf8', env: { ...process.env, SITE_URL: server.url } },
  );
  if (run.status !== 0) throw new Error(`organiser:add failed: ${run.stderr}`);
}

/** The newest sign-in link the dev mailbox holds for an address, on the test server. */
export async function signInLink(server: DevServer, email: string): Promise<string> {
  const res = await fetch(`${server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
  const { messages } = (await res.json()) as { messages: { to: { address: string }; kind: string; text: string }[] };
  const mine = messages.find((m) => m.to.address === email && m.kind === 'sign-in');
  const link = mine?.text.match(/https?:\/\/[^\s]+\/signin\/g_[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no sign-in link reached ${email}`);
  return link.replace(/^https?:\/\/[^/]+/, server.url);
}

/** Signs the page's browser in as a person would: asks for a link, opens it from the mailbox, confirms. */
export async function signInByEmail(page: Page, server: DevServer, email: string) {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.goto(await signInLink(server, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/my/');
}
