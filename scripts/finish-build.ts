// Build step three, after Astro: puts the catalogue the worker reads beside the static site (one
// deploy carries both, so they always agree) and writes the security headers of static files.
import { copyFileSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFile } from '../model/http-policy.ts';

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
writeFileSync(join(args.site, '_headers'), headersFile({ turnstile: Boolean(process.env.PUBLIC_TURNSTILE_SITE_KEY) }));
