// The stylesheet event pages carry inline, so they render from their first round trip: the site's
// one small stylesheet, minified, and the hash the Content-Security-Policy allows it by (written
// into the static assets' _headers by scripts/finish-build.ts, from this same function).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';

// From the working directory, as the catalogue is: Astro runs this from a bundle elsewhere.
const source = join(process.cwd(), 'site/public/styles/app.css');

let style: { css: string; hash: string } | undefined;

export function inlineStyle(): { css: string; hash: string } {
  if (style) return style;
  const css = transformSync(readFileSync(source, 'utf8'), {
    loader: 'css',
    minify: true,
    legalComments: 'none',
  }).code.trim();
  style = { css, hash: createHash('sha256').update(css, 'utf8').digest('base64') };
  return style;
}
