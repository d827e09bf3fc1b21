// What a person tells others about themselves to be matched: one schema for the registration form,
// the manage page and the JSON API.
import { z } from 'zod';
import type { ProfileFieldName } from './form-fields.ts';
import { multiLine, oneLine } from './text.ts';

const line = (label: string, max: number) =>
  z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(max, { message: `${label} must be at most ${max} characters.` }));

/** A list of words, as an array or as comma-separated text from a form field. */
const words = (label: string, max: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map(oneLine).filter(Boolean))
    .pipe(
      z
        .array(z.string().max(60, { message: `Each of the ${label.toLowerCase()} must be at most 60 characters.` }))
        .max(max, { message: `Give at most ${max} ${label.toLowerCase()}.` }),
    )
    .default([]);

const profileShape = {
  /** The name others see; the registration name when absent. */
  displayName: line('Display name', 80).optional(),
  bio: z
    .string()
    .transform(multiLine)
    .pipe(z.string().max(500, { message: 'Bio must be at most 500 characters.' }))
    .optional(),
  city: line('City', 100).optional(),
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
} satisfies Record<ProfileFieldName, z.ZodType>;

export const profileInputSchema = z.object(profileShape).strict();

export type ProfileInput = z.output<typeof profileInputSchema>;
