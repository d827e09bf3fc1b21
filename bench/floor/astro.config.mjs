// The floor for the scale benchmark: the smallest Astro site that builds one page per event from
// the same markdown with a content collection. Our build is measured against it (bench/scale.ts).
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './src',
  outDir: process.env.FLOOR_OUT ?? './dist',
  cacheDir: process.env.FLOOR_CACHE ?? './.astro-cache',
  devToolbar: { enabled: false },
});
