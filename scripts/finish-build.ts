// Build step three, after Astro: puts the catalogue the worker reads beside the static site (one
// deploy carries both, so they always agree) and writes the security headers of static files.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { headersFile, STRIPE_CHECKOUT } from '../model/http-policy.ts';
import { inlineStyle } from '../site/lib/inline-style.ts';
import { defaultCardCache, writeSocialCards } from './social-cards.ts';

const { values: args } = parseArgs({
  options: {
    catalogue: { type: 'string', default: 'dist/catalogue' },
    site: { type: 'string', default: 'dist/site' },
  },
});

// Hard links, not copies: thousands of files appear at once, and they are the same bytes.
const target = join(args.site, '_catalogue');
rmSync(target, { recursive: true, force: true });
for (const f of readdirSync(args.catalogue, { recursive: true, withFileTypes: true })) {
  if (!f.isFile()) continue;
  const from = join(f.parentPath, f.name);
  const to = join(target, relative(args.catalogue, from));
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
// The static site's own lists, read at build time only, are not deployed.
writeFileSync(join(args.site, '.assetsignore'), '_catalogue/site-catalogue.json\n');
// Event pages inline the stylesheet (one round trip to render): the policy allows it by its hash.
const turnstile = Boolean(process.env.PUBLIC_TURNSTILE_SITE_KEY);
// Purchase forms are answered with a redirect to Stripe Checkout (a local fake's address in tests).
const checkout = process.env.STRIPE_CHECKOUT_ORIGIN || STRIPE_CHECKOUT;
writeFileSync(join(args.site, '_headers'), headersFile({ turnstile, styleHashes: [inlineStyle().hash], checkout }));
await writeSocialCards({ catalogue: args.catalogue, site: args.site, cache: defaultCardCache() });

// Scripts of the pages the worker renders (the console): TypeScript in site/scripts/console,
// bundled for browsers into /scripts/console/<name>.js, loaded only by the pages that need them.
const consoleScripts = 'site/scripts/console';
if (existsSync(consoleScripts)) {
  const entryPoints = readdirSync(consoleScripts)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(consoleScripts, f));
  await build({
    entryPoints,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outdir: join(args.site, 'scripts', 'console'),
    logLevel: 'warning',
  });
}
