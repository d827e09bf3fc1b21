// The events of the benchmark's content folder (FLOOR_CONTENT), with the fields a page shows.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const events = defineCollection({
  loader: glob({ pattern: '*.md', base: `${process.env.FLOOR_CONTENT}/events` }),
  schema: z.object({ title: z.string(), summary: z.string(), start: z.string(), end: z.string(), city: z.string() }),
});

export const collections = { events };
