// The shared vocabulary of tags for matching, and how what people type maps onto it.
import { z } from 'zod';

export const vocabularySchema = z
  .array(
    z.object({
      /** Stable id stored in profiles. */
      id: z
        .string()
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'expected a tag id of lowercase letters, digits and hyphens' }),
      /** How the tag reads in suggestions ("offers product design"). */
      label: z.string().min(1).max(60),
      /** Other words people may type for it. */
      synonyms: z.array(z.string().min(1).max(60)).default([]),
    }),
  )
  .superRefine((tags, ctx) => {
    const seen = new Map<string, string>();
    tags.forEach((t, i) => {
      for (const word of [t.id, t.label, ...t.synonyms].map(fold)) {
        const owner = seen.get(word);
        if (owner && owner !== t.id)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'synonyms'],
            message: `expected "${word}" to name one tag, but it names both ${owner} and ${t.id}`,
          });
        seen.set(word, t.id);
      }
    });
  });

export type Vocabulary = z.output<typeof vocabularySchema>;

/** Case, accents, punctuation and spacing do not matter when matching words to tags. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type TagIndex = { resolve: (word: string) => string | undefined; label: (tag: string) => string };

export function indexVocabulary(vocabulary: Vocabulary): TagIndex {
  const byWord = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const t of vocabulary) {
    labels.set(t.id, t.label);
    for (const word of [t.id, t.label, ...t.synonyms]) byWord.set(fold(word), t.id);
  }
  return {
    resolve: (word) => byWord.get(fold(word)),
    // Free text is stored as "~<folded text>" and reads as typed.
    label: (tag) => labels.get(tag) ?? tag.replace(/^~/, ''),
  };
}

/** Known words become tag ids, anything else a free tag; duplicates and blanks go. At most 12. */
export function normaliseTags(index: TagIndex, words: string[]): string[] {
  const tags = words
    .map((w) => w.trim())
    .filter((w) => fold(w).length > 0)
    .map((w) => index.resolve(w) ?? `~${fold(w)}`);
  return [...new Set(tags)].slice(0, 12);
}
