// What a person sends to register, as JSON or as a form; one schema for both, shared by the
// registration form and the worker.
import { z } from 'zod';
import { profileInputSchema } from './profile.ts';

// C0/C1 control characters and bidi overrides; tab and newline are allowed only in long answers.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
export const hasControlCharacters = (text: string, allowNewlines = false) =>
  CONTROL.test(text) || (!allowNewlines && /[\r\n\t]/.test(text));
export const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:.]{2,}$/;

const line = (label: string, max: number) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(max, { message: `${label} must be at most ${max} characters.` })
    .refine((v) => !hasControlCharacters(v), { message: `${label} contains control characters; please retype it.` });

export const registrationRequestSchema = z
  .object({
    /** Name as it should appear on the badge and the list. */
    name: line('Name', 100),
    /** Where confirmations and the manage link go. */
    email: line('Email', 254).refine((v) => EMAIL.test(v), {
      message: 'Email needs to be an address like name@example.org.',
    }),
    /** Answers to the event's questions, by question id. */
    answers: z
      .record(z.string().max(40), z.union([z.string().max(5000), z.array(z.string().max(200)).max(50), z.boolean()]))
      .default({}),
    /** Agreement to the privacy notice; required. */
    consent: z.literal(true, { message: 'Please agree to the privacy notice to register.' }),
    /** Left empty by people; bots fill it. */
    homepage: z.string().max(500).optional(),
    /** Cloudflare Turnstile response, when the site uses Turnstile. */
    turnstileToken: z.string().max(2048).optional(),
    /** Present to opt in to meeting people; can be set or changed later on the manage page. */
    profile: profileInputSchema.optional(),
  })
  .strict();

export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/** Turns form fields (answers.<id>, consent=on, repeated multiselect values) into the JSON shape. */
export function formToRequest(form: Record<string, string | string[]>): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('answers.')) answers[key.slice(8)] = value;
    else if (key.startsWith('profile.')) profile[key.slice(8)] = value;
    else if (key === 'consent') request.consent = value === 'on' || value === 'true' || value === 'yes';
    else if (key === 'cf-turnstile-response') request.turnstileToken = value;
    else request[key] = value;
  }
  request.answers = answers;
  // The profile fields count only when the person ticked the opt-in box.
  const { optIn, ...fields } = profile;
  if (optIn === 'on') request.profile = fields;
  return request;
}
