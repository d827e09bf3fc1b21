// What a person sends to register, as JSON or as a form; one schema for both, shared by the
// registration form, the page script and the worker.
import { z } from 'zod';
import { EMAIL } from './email.ts';
import { fieldMessages } from './form-fields.ts';
import { profileInputSchema } from './profile.ts';
import { hasControlCharacters, oneLine } from './text.ts';

/** A one-line field: control characters and line breaks are stripped, then length is checked. */
export const lineField = (label: string, max: number) =>
  z
    .string({ message: `${label} is required.` })
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(1, { message: `${label} is required.` })
        .max(max, { message: `${label} must be at most ${max} characters.` }),
    );

export const answerValue = z.union([z.string().max(5000), z.array(z.string().max(200)).max(50), z.boolean()]);

const emailField = lineField('Email', 254).refine((v) => EMAIL.test(v) && !hasControlCharacters(v), {
  message: fieldMessages.emailShape,
});

/** Another person in a group order: their own ticket; with an email, their own manage link too. */
export const attendeeSchema = z.object({ name: lineField('Name', 100), email: emailField.optional() }).strict();

export const registrationRequestSchema = z
  .object({
    /** Name as it should appear on the badge and the list. */
    name: lineField('Name', 100),
    /** Where confirmations and the manage link go. */
    email: emailField,
    /** Answers to the event's questions, by question id. */
    answers: z.record(z.string().max(40), answerValue).default({}),
    /** Agreement to the privacy notice; required. */
    consent: z.literal(true, { message: fieldMessages.consent }),
    /** Left empty by people; bots fill it. */
    homepage: z.string().max(500).optional(),
    /** Cloudflare Turnstile response, when the site uses Turnstile. */
    turnstileToken: z.string().max(2048).optional(),
    /** Present to opt in to meeting people; can be set or changed later on the manage page. */
    profile: profileInputSchema.optional(),
    /** Paid events: the ticket type's id; the first one on sale when absent. */
    ticketType: z.string().max(40).optional(),
    /** How many tickets: the buyer and the other attendees (1 + attendees.length when absent). */
    quantity: z.number().int().min(1).max(10).optional(),
    /** Everyone else the order is for; the buyer (name, email) is the first attendee. */
    attendees: z.array(attendeeSchema).max(9).optional(),
    /** Pay what you can: the amount per ticket, in the currency's units (e.g. 35 or 35.50). */
    amount: z.number({ message: 'Amount must be a number, like 35 or 35.50.' }).min(0).max(1_000_000).optional(),
    /** A voucher code: a discount, or a hidden ticket unlocked. */
    voucher: z.string().max(64).optional(),
    /** Solidarity tickets bought as extras, for people who could not otherwise come. */
    solidarity: z.number().int().min(0).max(10).optional(),
  })
  .strict();

export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

export { type FormFields, formToRequest, requestProblems } from './form-fields.ts';
