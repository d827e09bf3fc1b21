// Bundles the worker for wrangler (dev and deploy). Our own esbuild step exists for one reason:
// zod's `z` namespace drags every locale (about 260 KiB) into the bundle, because esbuild cannot
// shake a namespace that @hono/zod-openapi passes around. Zod only ever uses English by default,
// so the locale index is replaced by English alone.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const englishOnly = fileURLToPath(new URL('../worker/zod-locales.ts', import.meta.url));

await build({
  entryPoints: ['worker/index.ts'],
  outfile: 'dist/worker/index.js',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2024',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:*'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'zod-english-only',
      setup(b) {
        b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
          args.importer.includes('/node_modules/zod/') ? { path: englishOnly } : undefined,
        );
      },
    },
  ],
});
