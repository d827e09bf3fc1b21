// How the registration form's fields map onto the JSON request, and the checks a browser can make
// before sending it, without zod, so that the page script uses the same code and words as the
// worker (model/registration.ts re-exports it and builds its schema's messages from these).
import { checkAnswers, type FieldError } from './answers.ts';
import type { Question } from './content.ts';
import { EMAIL } from './email.ts';
import { hasControlCharacters, oneLine } from './text.ts';

export type FormFields = Record<string, string | string[]>;

/** The fields of a matching profile, as forms send them after "profile.". */
export const profileFieldNames = [
  'displayName',
  'bio',
  'city',
  'offers',
  'seeks',
  'interests',
  'languages',
  'visibility',
  'available',
] as const;
export type ProfileFieldName = (typeof profileFieldNames)[number];

/** Form fields that are not answers or profile fields. */
const plainFields = new Set(['name', 'email', 'consent', 'homepage', 'cf-turnstile-response', 'ticketType', 'voucher']);
/** Paid tickets: numbers typed in the form; what is not a number stays text, for the schema to refuse. */
const numberFields = new Set(['quantity', 'amount', 'solidarity']);
/** The other attendees of a group order: attendees.<n>.name and attendees.<n>.email. */
const attendeeField = /^attendees\.([0-9])\.(name|email)$/;

const asNumber = (value: string | string[]) => {
  const text = String(value).trim();
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
};
const profileFields = new Set<string>(profileFieldNames);

/**
 * Turns form fields (answers.<id>, consent=on, repeated multiselect values) into the JSON shape.
 * Fields the form never has (an unknown question, a made-up name) are not mapped but listed in
 * `unknown`, so that no field name a client invents reaches a page or a message.
 */
export function formToRequest(
  form: FormFields,
  questionIds: readonly string[],
): { request: Record<string, unknown>; unknown: string[] } {
  const request: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  const profile: Record<string, unknown> = {};
  const unknown: string[] = [];
  const questions = new Set(questionIds);
  const attendees: Record<string, string>[] = [];
  for (const [key, value] of Object.entries(form)) {
    const attendee = key.match(attendeeField);
    if (attendee) {
      const at = Number(attendee[1]);
      const row = attendees[at] ?? {};
      attendees[at] = row;
      if (String(value).trim()) row[attendee[2]!] = String(value);
      continue;
    }
    if (numberFields.has(key)) {
      // An empty field is a field left alone: the defaults apply.
      if (String(value).trim()) request[key] = asNumber(value);
      continue;
    }
    const answerId = key.startsWith('answers.') ? key.slice(8) : undefined;
    const profileField = key.startsWith('profile.') ? key.slice(8) : undefined;
    if (answerId !== undefined && questions.has(answerId)) answers[answerId] = value;
    else if (profileField !== undefined && (profileField === 'optIn' || profileFields.has(profileField)))
      profile[profileField] = value;
    else if (key === 'consent') request.consent = value === 'on' || value === 'true' || value === 'yes';
    else if (key === 'cf-turnstile-response') request.turnstileToken = value;
    else if (key === 'homepage') {
      if (value) request.homepage = value;
    } else if (plainFields.has(key)) request[key] = value;
    else unknown.push(key);
  }
  request.answers = answers;
  // Rows left empty are people not added; the form offers more rows than most groups need.
  const group = attendees.filter((a) => a && Object.keys(a).length > 0);
  if (group.length) request.attendees = group;
  if (request.ticketType === '') delete request.ticketType;
  if (request.voucher === '') delete request.voucher;
  // The profile fields count only when the person ticked the opt-in box.
  const { optIn, ...fields } = profile;
  if (optIn === 'on') request.profile = fields;
  return { request, unknown };
}

/** The words of the problems of the registration's own fields, the same from the schema and the script. */
export const fieldMessages = {
  nameRequired: 'Name is required.',
  nameLong: 'Name must be at most 100 characters.',
  emailRequired: 'Email is required.',
  emailShape: 'Email needs to be an address like name@example.org.',
  consent: 'Please agree to the privacy notice to register.',
} as const;

/**
 * Every problem a browser can see in a request before sending it, in form order: the worker checks
 * the same and more (the schema's limits, the event's state), and answers every problem at once too.
 */
export function requestProblems(request: Record<string, unknown>, questions: readonly Question[]): FieldError[] {
  const problems: FieldError[] = [];
  const name = typeof request.name === 'string' ? oneLine(request.name) : '';
  if (!name) problems.push({ field: 'name', message: fieldMessages.nameRequired });
  else if (name.length > 100) problems.push({ field: 'name', message: fieldMessages.nameLong });
  const email = typeof request.email === 'string' ? oneLine(request.email) : '';
  if (!email) problems.push({ field: 'email', message: fieldMessages.emailRequired });
  else if (!EMAIL.test(email) || hasControlCharacters(email))
    problems.push({ field: 'email', message: fieldMessages.emailShape });
  const answers = (request.answers ?? {}) as Record<string, unknown>;
  problems.push(...checkAnswers(questions, answers).errors);
  if (request.consent !== true) problems.push({ field: 'consent', message: fieldMessages.consent });
  return problems;
}
