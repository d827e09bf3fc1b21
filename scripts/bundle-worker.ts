// Bundles the worker for wrangler (dev and deploy). Our own esbuild step exists because zod's `z`
// namespace drags every locale (about 260 KiB) into the bundle: esbuild cannot shake a namespace
// that @hono/zod-openapi passes around, and zod only ever uses English by default, so the locale
// index is replaced by English alone. The build fails loudly if that replacement stops working.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const englishOnly = fileURLToPath(new URL('../worker/zod-locales.ts', import.meta.url));
// Named as wrangler records them in d1_migrations: the file names.
const migrations = readdirSync('migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort();

let localeIndexes = 0;
await build({
  entryPoints: ['worker/index.ts'],
  outfile: process.env.BUNDLE_OUT ?? 'dist/worker/index.js',
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2024',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['cloudflare:*'],
  minify: process.env.BUNDLE_MINIFY !== '0',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  define: { __MIGRATIONS__: JSON.stringify(migrations) },
  plugins: [
    {
      name: 'zod-english-only',
      setup(b) {
        b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) => {
          if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
          localeIndexes++;
          return { path: englishOnly };
        });
      },
    },
  ],
});

// zod's German messages are a canary for every other locale.
const bundle = readFileSync('dist/worker/index.js', 'utf8');
if (localeIndexes === 0 || bundle.includes('Eingabe: erwartet')) {
  console.error(
    `bundle-worker: zod's locales were not replaced (${localeIndexes} locale index found); ` +
      'zod may have moved them. Update the plugin in scripts/bundle-worker.ts.',
  );
  process.exit(1);
}
