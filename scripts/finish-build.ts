// Build step three, after Astro: puts the catalogue the worker reads beside the static site (one
// deploy carries both, so they always agree) and writes the security headers of static files.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { headersFile } from '../model/http-policy.ts';

const { values: args } = parseArgs({
  options: {
    catalogue: { type: 'string', default: 'dist/catalogue' },
    site: { type: 'string', default: 'dist/site' },
  },
});

cpSync(args.catalogue, join(args.site, '_catalogue'), { recursive: true });
// The static site's own lists, read at build time only, are not deployed.
writeFileSync(join(args.site, '.assetsignore'), '_catalogue/site-catalogue.json\n');
writeFileSync(join(args.site, '_headers'), headersFile({ turnstile: Boolean(process.env.PUBLIC_TURNSTILE_SITE_KEY) }));
