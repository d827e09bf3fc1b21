// Organisers in browser tests: made in the dev server's D1 by the project's own command, then
// signed in as a person would, by the link the dev mailbox received.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import type { DevServer } from './dev-server.ts';

export function makeOrganiser(server: DevServer, email: string, role: string, events?: string[]) {
  const args = ['scripts/organisers.ts', '--email', email, '--role', role, '--persist-to', server.state];
  if (events) args.push('--events', events.join(','));
  execFileSync(process.execPath, args, { stdio: 'pipe' });
}

/** Asks for a sign-in link on the page, reads it in the dev mailbox and confirms it. */
export async function signInByMail(page: Page, server: DevServer, email: string, next = '/console/') {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const res = await fetch(`${server.url}/api/dev/mailbox`, { headers: { accept: 'application/json' } });
  const { messages } = (await res.json()) as { messages: { to: { address: string }; kind: string; text: string }[] };
  const message = messages.find((m) => m.to.address === email && m.kind === 'sign-in');
  const link = message?.text.match(/\/signin\/g_[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`no sign-in link reached ${email}`);
  await page.goto(`${server.url}${link}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The emailed link opens My Gathering, which links to the console.
  await page.waitForURL('**/my/', { timeout: 10_000 }).catch(async () => {
    const said = (await page.locator('main').textContent())?.trim().slice(0, 300);
    throw new Error(`signing in ended at ${page.url()}: ${said}`);
  });
  await page.goto(`${server.url}${next}`);
}
