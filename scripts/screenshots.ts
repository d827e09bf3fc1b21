// `npm run screenshots`: the IndieCon 2027 event page on a phone (390×844) and a desktop (1280×800),
// light, as PNGs in docs/screenshots/ for the README: the top of the page, and its programme (on the
// desktop, the grid of parallel sessions; on the phone, the compact list). Builds nothing: it serves `npm run build`'s
// dist/site with the worker as it deploys, as the browser tests do.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.ts';
import { startDevServer } from '../tests/support/dev-server.ts';

const site = join(process.cwd(), 'dist/site');
const out = join(process.cwd(), 'docs/screenshots');
const path = '/events/indiecon-toronto-2027/';
const shots = [
  { file: 'event-phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { file: 'event-desktop', viewport: { width: 1280, height: 800 } },
];

if (!existsSync(join(site, path, 'index.html'))) {
  console.error(`No ${path} in dist/site: run \`npm run build\` first.`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const [server, browser] = await Promise.all([startDevServer({}, undefined, site), launchBrowser()]);
try {
  for (const { file, ...options } of shots) {
    const context = await browser.newContext({ ...options, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    await page.screenshot({ path: join(out, `${file}.png`) });
    // The programme from its heading, one screen of it.
    await page.locator('#schedule').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('schedule')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(out, `${file}-programme.png`) });
    await context.close();
    console.log(`docs/screenshots/${file}.png, ${file}-programme.png`);
  }
} finally {
  await browser.close();
  await server.stop();
}
