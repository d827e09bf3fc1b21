// The static site: pages from content/ via content collections, built to dist/site and served by the worker.
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

export default defineConfig({
  // The deployed base URL; canonical links, Open Graph, RSS and the sitemap use it.
  site: process.env.SITE_URL ?? 'http://localhost:8787',
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  integrations: [sitemap({ filter: (page) => !page.includes('/404') })],
});
