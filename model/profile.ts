// What a person tells others about themselves to be matched: one schema for the registration form,
// the manage page and the JSON API.
import { z } from 'zod';
import { hasControlCharacters } from './registration.ts';

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} must be at most ${max} characters.` })
    .refine((v) => !hasControlCharacters(v, true), { message: `${label} contains control characters.` });

/** A list of words, as an array or as comma-separated text from a form field. */
const words = (label: string, max: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((w) => w.trim()).filter(Boolean))
    .pipe(z.array(text(label, 60)).max(max, { message: `Give at most ${max} ${label.toLowerCase()}.` }))
    .default([]);

export const profileInputSchema = z
  .object({
    /** The name others see; the registration name when absent. */
    displayName: text('Display name', 80).optional(),
    bio: text('Bio', 500).optional(),
    city: text('City', 100).optional(),
    /** What you can help others with. */
    offers: words('Offers', 12),
    /** What you are looking for. */
    seeks: words('Seeks', 12),
    /** Topics you care about. */
    interests: words('Interests', 12),
    languages: words('Languages', 8),
    /** event: only people at this event; network: also people at other events and in your city. */
    visibility: z.enum(['event', 'network']).default('event'),
    /** Whether to be placed in 1:1 meetings during the networking slots. */
    available: z
      .union([z.boolean(), z.literal('on'), z.literal('off')])
      .transform((v) => v === true || v === 'on')
      .default(false),
  })
  .strict();

export type ProfileInput = z.output<typeof profileInputSchema>;
