// Lighthouse (mobile) on the pages people land on: home, an event, a session, a city and the
// calendars page, each with its four category scores (the issue's bar: 100 in each). Serves
// `npm run build`'s dist/site with the worker as it deploys, in the Chromium the browser tests use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevServer } from '../tests/support/dev-server.ts';

const EVENT = 'indiecon-toronto-2027';
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** A Chromium for Lighthouse: CHROME_PATH, the one inside @sparticuz/chromium, or Debian's; else why not. */
async function chromePath(): Promise<string | { missing: string }> {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (process.platform === 'linux' && process.arch === 'x64') {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    return sparticuz.executablePath();
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return { missing: 'no Chromium: set CHROME_PATH to a Chrome or Chromium binary' };
}

export async function lighthouseScores(): Promise<string[]> {
  const site = join(process.cwd(), 'dist/site');
  const event = JSON.parse(readFileSync(`dist/catalogue/events/${EVENT}.json`, 'utf8')) as {
    sessions: { id: string }[];
  };
  const session = event.sessions[0]?.id.split('/').pop();
  const pages: [string, string][] = [
    ['home', '/'],
    ['event', `/events/${EVENT}/`],
    ['session', `/events/${EVENT}/sessions/${session}/`],
    ['city', '/cities/toronto/'],
    ['calendars', '/calendars/'],
  ];
  const path = await chromePath();
  if (typeof path !== 'string') return [`not run: ${path.missing}`];
  let lighthouse: typeof import('lighthouse').default;
  let launch: typeof import('chrome-launcher').launch;
  try {
    lighthouse = (await import('lighthouse')).default;
    launch = (await import('chrome-launcher')).launch;
  } catch (error) {
    return [`not run: lighthouse is not installed (${(error as Error).message})`];
  }
  const server = await startDevServer({}, undefined, site);
  const chrome = await launch({
    chromePath: path,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const lines: string[] = [];
  try {
    for (const [name, pagePath] of pages) {
      const url = `${server.url}${pagePath}`;
      if ((await fetch(url)).status === 404) {
        lines.push(`${name}: skipped, ${pagePath} is not built (404)`);
        continue;
      }
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
      });
      const lhr = result?.lhr;
      if (!lhr || lhr.runtimeError) {
        lines.push(`${name}: not measured (${lhr?.runtimeError?.message ?? 'no result'})`);
        continue;
      }
      const scores = categories.map((c) => `${c} ${Math.round((lhr.categories[c]?.score ?? 0) * 100)}`);
      // What kept a category below 100 (the weighted audits short of full marks), so the figure says what to fix.
      const failing = categories
        .flatMap((c) => lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => {
          const audit = lhr.audits[ref.id]!;
          return audit.displayValue ? `${ref.id} ${audit.displayValue}` : ref.id;
        });
      lines.push(
        `${name} (${pagePath}): ${scores.join(', ')}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`,
      );
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return lines;
}
