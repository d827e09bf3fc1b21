// Content collections: the same schemas the catalogue builder and the worker use.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { eventSchema, personSchema, sessionSchema, spaceSchema } from '../model/content.ts';

// Ids are the file path without ".md", exactly as the catalogue builder names entries.
const markdown = (dir: string) =>
  glob({ pattern: '**/*.md', base: `./content/${dir}`, generateId: ({ entry }) => entry.replace(/\.md$/, '') });

export const collections = {
  events: defineCollection({ loader: markdown('events'), schema: eventSchema }),
  sessions: defineCollection({ loader: markdown('sessions'), schema: sessionSchema }),
  people: defineCollection({ loader: markdown('people'), schema: personSchema }),
  spaces: defineCollection({ loader: markdown('spaces'), schema: spaceSchema }),
};
