// Finds a Chromium without downloading one: CHROME_PATH first (a developer's own browser),
// then the one @sparticuz/chromium ships inside npm on Linux x64, then Debian's /usr/bin/chromium.
import { existsSync } from 'node:fs';
import { type Browser, chromium as playwright } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type DevServer, startDevServer } from './dev-server.ts';

const debianArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A Chromium; `extraArgs` add switches (such as a fake camera) to whichever is found. */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (process.env.CHROME_PATH)
    return playwright.launch({ executablePath: process.env.CHROME_PATH, args: [...debianArgs, ...extraArgs] });
  if (process.platform === 'linux' && process.arch === 'x64') {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    // Its Lambda-tuned flags run one process that dies with its last page, and relax web security; neither fits tests.
    const dropped = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);
    const args = [...sparticuz.args.filter((a) => !dropped.has(a)), '--disable-background-networking', ...extraArgs];
    return playwright.launch({ executablePath: await sparticuz.executablePath(), args });
  }
  if (existsSync('/usr/bin/chromium'))
    return playwright.launch({ executablePath: '/usr/bin/chromium', args: [...debianArgs, ...extraArgs] });
  throw new Error(
    'No Chromium found. Set CHROME_PATH to a Chrome or Chromium binary (on Debian: apt-get install chromium).',
  );
}

/**
 * For a browser test file: starts the real worker and a Chromium before its tests and stops both
 * after. Read `.server` and `.browser` inside tests.
 */
export function withSiteAndBrowser() {
  const session = {} as { server: DevServer; browser: Browser };
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([startDevServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
