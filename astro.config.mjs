// The static site: pages from the content read model (dist/catalogue), built to dist/site and
// served by the worker's static assets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

const site = process.env.SITE_URL ?? 'http://localhost:8787';

// Session pages are rendered by the worker, so Astro does not see them: the catalogue lists them.
function sessionPages() {
  const file = join(process.env.CATALOGUE_DIR ?? 'dist/catalogue', 'site-catalogue.json');
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')).sessionPages.map((path) => new URL(path, site).href);
}

// Lets .astro pages use the hono/jsx components of ui/, which the worker renders too.
const honoJsx = {
  name: 'hono-jsx',
  hooks: {
    'astro:config:setup': ({ addRenderer }) =>
      addRenderer({ name: 'hono-jsx', serverEntrypoint: new URL('./ui/astro-renderer.ts', import.meta.url) }),
  },
};

export default defineConfig({
  // The deployed base URL; canonical links, Open Graph, RSS and the sitemap use it.
  site,
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.SITE_OUT_DIR ?? './dist/site',
  // Builds of other content (tests, benchmarks) keep their own cache, and so their own incremental state.
  cacheDir: process.env.SITE_CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 8 },
  devToolbar: { enabled: false },
  vite: {
    oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
    // Scripts stay files: the Content-Security-Policy allows no inline script.
    build: { assetsInlineLimit: 0 },
  },
  // Sitemap files of at most 2,000 addresses each, listed by sitemap-index.xml.
  integrations: [
    honoJsx,
    sitemap({ filter: (page) => !page.includes('/404'), entryLimit: 2000, customPages: sessionPages() }),
  ],
  // Pages whose cacheKey and code are unchanged are copied from the previous build, not rendered.
  experimental: { incrementalBuild: process.env.NO_INCREMENTAL !== '1' },
});
